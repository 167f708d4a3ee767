namespace Bot.Domain.Features.Duty;

public enum DutyEventBlock
{
    /// <summary>A major event (重大事件) still being handled.</summary>
    MajorEvent,
    /// <summary>An emergency (紧急情况) still being handled.</summary>
    Emergency,
    /// <summary>Major equipment is starting or stopping.</summary>
    EquipmentSwitching,
}

/// <summary>An open duty-log entry that keeps a shift from being handed over.</summary>
public sealed record OpenDutyEvent(long Id, DutyEventBlock Block, string Summary, string RecordedById, DateTimeOffset RecordedAt);

/// <summary>A major event or emergency a shift recorded, and how it stands: still open, or closed with its handling.</summary>
public sealed record ShiftDutyEvent(long Id, DutyEventBlock Block, string Summary, DateTimeOffset RecordedAt, bool Open, string? Handling);

/// <summary>A duty-log entry still being handled (处理中) that is not a major event or emergency: unfinished work to hand over.</summary>
public sealed record OpenDutyEntry(long Id, DutyLogKind Kind, string What, string RecordedById, DateTimeOffset RecordedAt);

/// <summary>
/// 第1篇 2.4: no handover while a major or emergency event is being handled or major equipment is starting or
/// stopping. The duty log knows which entries are open; the handover feature asks.
/// </summary>
public interface IOpenDutyEvents
{
    Task<IReadOnlyList<OpenDutyEvent>> BlockingHandoverAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// 第1篇 1.3: the major events and emergencies recorded between <paramref name="from"/> and <paramref name="to"/> (a
    /// shift), handled or not — they are handed over either way.
    /// </summary>
    Task<IReadOnlyList<ShiftDutyEvent>> MajorBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// 第1篇 1.2, 1.3: the entries of <paramref name="post"/> still open (处理中) — problems found on a round and ordinary
    /// matters — so the successor is told of them; an entry written off the roster counts when <paramref name="personId"/>
    /// wrote it. Major events and emergencies are left out: they come in through <see cref="MajorBetweenAsync"/>.
    /// </summary>
    Task<IReadOnlyList<OpenDutyEntry>> OpenAtPostAsync(string post, string personId, CancellationToken cancellationToken);
}

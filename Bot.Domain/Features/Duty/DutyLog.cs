namespace Bot.Domain.Features.Duty;

/// <summary>What a duty-log entry is about (值班记录, 第2篇 1.3).</summary>
public enum DutyLogKind
{
    /// <summary>一般: an ordinary matter.</summary>
    General,
    /// <summary>重大事件: reported to 客服部经理 and written up the next day (第2篇 1.6, 2.3).</summary>
    MajorEvent,
    /// <summary>设备启停: major equipment starting or stopping; no handover meanwhile (第1篇 2.4).</summary>
    EquipmentSwitching,
    /// <summary>紧急情况, recorded by 紧急: open until its escalation is resolved or the entry is closed.</summary>
    Emergency,
    /// <summary>效果照明 switched on or off (第2篇 1.5).</summary>
    Lighting,
    /// <summary>A problem found on an inspection round (第2篇 1.4).</summary>
    RoundProblem,
}

public enum DutyLogStatus
{
    /// <summary>处理中: still being handled.</summary>
    Open,
    Closed,
}

/// <summary>Where the written report of a major event or emergency stands (第2篇 1.6: 次日必须作出书面报告).</summary>
public enum ReportStage
{
    NotRequired,
    Due,
    /// <summary>The recorder was reminded the morning after.</summary>
    Reminded,
    /// <summary>Missing at the deadline: escalated to 客服部经理. It may still be written.</summary>
    Overdue,
    Written,
}

/// <summary>
/// One line of the duty record: who, when, on which shift and post, what happened and how it was handled
/// (第2篇 1.3). An entry without a handling is open (处理中) until someone closes it with what was done.
/// </summary>
public sealed class DutyLogEntry
{
    public long Id { get; init; }
    /// <summary>The local date of the shift it was recorded on (a night shift's entry after midnight keeps the evening's date).</summary>
    public required DateOnly Date { get; init; }
    public string? ShiftCode { get; init; }
    public string? Post { get; init; }
    public required string RecordedById { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required DutyLogKind Kind { get; init; }
    public required string What { get; init; }
    /// <summary>The inspection area a round problem was found in.</summary>
    public string? Area { get; init; }
    /// <summary>The escalation an emergency raised.</summary>
    public long? EscalationId { get; init; }
    public string? Handling { get; private set; }
    public DutyLogStatus Status { get; private set; }
    public string? ClosedById { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public ReportStage Report { get; private set; }
    public DateTimeOffset? ReportRemindAt { get; private set; }
    public DateTimeOffset? ReportDueAt { get; private set; }
    public int Version { get; set; }

    public bool IsOpen => Status == DutyLogStatus.Open;

    public static bool NeedsReport(DutyLogKind kind) => kind is DutyLogKind.MajorEvent or DutyLogKind.Emergency;

    /// <param name="handling">Null or empty: still being handled (处理中).</param>
    public static DutyLogEntry Record(DutyLogKind kind, string what, string? handling, string recordedById, DateTimeOffset now,
        DateOnly date, string? shiftCode, string? post, IncidentReportPolicy reports, Func<DateOnly, TimeOnly, DateTimeOffset> toInstant,
        DateOnly localToday, string? area = null, long? escalationId = null)
    {
        var entry = new DutyLogEntry
        {
            Kind = kind, What = what, RecordedById = recordedById, RecordedAt = now, Date = date, ShiftCode = shiftCode,
            Post = post, Area = area, EscalationId = escalationId,
        };
        if (string.IsNullOrWhiteSpace(handling)) entry.Status = DutyLogStatus.Open;
        else entry.Settle(recordedById, handling, now);
        if (NeedsReport(kind))
        {
            // 第2篇 1.6: the written report is due the next day, by the configured time; the recorder is reminded that morning.
            var next = localToday.AddDays(1);
            entry.Report = ReportStage.Due;
            entry.ReportRemindAt = toInstant(next, reports.RemindAt);
            entry.ReportDueAt = toInstant(next, reports.DueBy);
        }
        return entry;
    }

    /// <summary>结案: records how it was handled. False when it was closed already.</summary>
    public bool Close(string personId, string handling, DateTimeOffset now)
    {
        if (!IsOpen) return false;
        Settle(personId, handling, now);
        return true;
    }

    private void Settle(string personId, string handling, DateTimeOffset now)
    {
        Handling = handling;
        Status = DutyLogStatus.Closed;
        ClosedById = personId;
        ClosedAt = now;
    }

    public void ReportReminded() => Report = ReportStage.Reminded;

    public void ReportOverdue() => Report = ReportStage.Overdue;

    public void ReportWritten() => Report = ReportStage.Written;
}

/// <summary>The written report of a major event or emergency (第2篇 1.6, 2.3): 经过, 原因, 处理, 损失, 改进.</summary>
public sealed class IncidentReport
{
    public long Id { get; init; }
    public required long EntryId { get; init; }
    public required string Course { get; init; }
    public required string Cause { get; init; }
    public required string Handling { get; init; }
    public required string Loss { get; init; }
    public required string Improvement { get; init; }
    public required string WrittenById { get; init; }
    public required DateTimeOffset WrittenAt { get; init; }
}

public enum RoundStage
{
    Prompted,
    Reminded,
    /// <summary>Not completed after the reminder: the shift lead was told.</summary>
    Escalated,
    Completed,
}

/// <summary>
/// One scheduled inspection round (第2篇 1.4) of one shift: due at a configured time, walked area by area by a
/// person on duty. Unique per date, shift and time, so a double-fired job creates and prompts it once.
/// </summary>
public sealed class InspectionRound
{
    public long Id { get; init; }
    public required DateOnly Date { get; init; }
    public required string ShiftCode { get; init; }
    public required TimeOnly Slot { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public RoundStage Stage { get; private set; } = RoundStage.Prompted;
    public string? CompletedById { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    /// <summary>What was found, one line per area (正常 or the problem).</summary>
    public string? Findings { get; private set; }
    public int Version { get; set; }

    public bool IsDone => Stage == RoundStage.Completed;

    public void Reminded() => Stage = RoundStage.Reminded;

    public void Escalated() => Stage = RoundStage.Escalated;

    public void Complete(string personId, string findings, DateTimeOffset now)
    {
        Stage = RoundStage.Completed;
        CompletedById = personId;
        CompletedAt = now;
        Findings = findings;
    }
}

public enum LightingAction
{
    On,
    Off,
}

public enum LightingStage
{
    Prompted,
    /// <summary>Not confirmed in time: the shift lead was told.</summary>
    Escalated,
    Confirmed,
}

/// <summary>One configured switching of the feature lighting (效果照明, 第2篇 1.5) on one date, confirmed by the person on duty.</summary>
public sealed class LightingSwitch
{
    public long Id { get; init; }
    public required DateOnly Date { get; init; }
    public required LightingAction Action { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public LightingStage Stage { get; private set; } = LightingStage.Prompted;
    public string? ConfirmedById { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public int Version { get; set; }

    public bool IsConfirmed => Stage == LightingStage.Confirmed;

    public void Escalated() => Stage = LightingStage.Escalated;

    public void Confirm(string personId, DateTimeOffset now)
    {
        Stage = LightingStage.Confirmed;
        ConfirmedById = personId;
        ConfirmedAt = now;
    }
}

/// <summary>When the written report is asked for (configuration <c>Duty:IncidentReport</c>): reminder and deadline on the next day, local time.</summary>
public sealed record IncidentReportPolicy(TimeOnly RemindAt, TimeOnly DueBy);

/// <summary>Inspection rounds (configuration <c>Duty:Inspection</c>): the areas in order and the round times per shift code.</summary>
public sealed record InspectionPolicy(IReadOnlyList<string> Areas, IReadOnlyDictionary<string, IReadOnlyList<TimeOnly>> RoundsByShift,
    TimeSpan CompleteWithin, TimeSpan EscalateAfter)
{
    public IReadOnlyList<TimeOnly> RoundsOf(string shiftCode) =>
        RoundsByShift.FirstOrDefault(p => string.Equals(p.Key, shiftCode, StringComparison.OrdinalIgnoreCase)).Value ?? [];
}

/// <summary>Feature lighting (configuration <c>Duty:Lighting</c>): local switch-on and switch-off times; null = not reminded.</summary>
public sealed record LightingPolicy(TimeOnly? OnAt, TimeOnly? OffAt, TimeSpan ConfirmWithin);

/// <summary>The duty-log settings together; <see cref="DutyPosts"/> are the posts whose people keep the log (值班地点, 第2篇 1.2).</summary>
public sealed record DutyLogPolicy(IReadOnlyList<string> DutyPosts, InspectionPolicy Inspection, LightingPolicy Lighting, IncidentReportPolicy Reports)
{
    public bool IsDutyPost(string post) => DutyPosts.Any(p => string.Equals(p, post, StringComparison.Ordinal));
}

/// <summary>An open emergency entry whose escalation has been resolved: the entry closes with the resolution.</summary>
public sealed record SettledEmergency(long EntryId, string ResolvedById, DateTimeOffset ResolvedAt, string Note);

/// <summary>The duty log, rounds, lighting switches and reports in the database. Saving is the turn's or the job unit's.</summary>
public interface IDutyLogStore
{
    void Add(DutyLogEntry entry);

    void Add(IncidentReport report);

    void Add(InspectionRound round);

    void Add(LightingSwitch lighting);

    /// <summary>Writes what is pending inside the current unit of work (to learn a new entry's id).</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    Task<DutyLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken);

    /// <summary>Entries of a shift date, oldest first; <paramref name="post"/> null = every post.</summary>
    Task<IReadOnlyList<DutyLogEntry>> EntriesOnAsync(DateOnly date, string? post, CancellationToken cancellationToken);

    Task<IReadOnlyList<DutyLogEntry>> OpenEntriesAsync(CancellationToken cancellationToken);

    /// <summary>Open major events, equipment switchings and emergencies whose escalation is not resolved.</summary>
    Task<IReadOnlyList<DutyLogEntry>> BlockingAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SettledEmergency>> SettledEmergenciesAsync(CancellationToken cancellationToken);

    /// <summary>Entries whose report reminder or deadline has come and that have not had it yet.</summary>
    Task<IReadOnlyList<long>> ReportsDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Entries the person recorded whose report is still to be written.</summary>
    Task<IReadOnlyList<DutyLogEntry>> ReportsOwedByAsync(string personId, CancellationToken cancellationToken);

    /// <summary>The reports written most recently, newest first, each with its entry.</summary>
    Task<IReadOnlyList<(IncidentReport Report, DutyLogEntry Entry)>> RecentReportsAsync(int count, CancellationToken cancellationToken);

    /// <summary>Reports missing past their deadline (escalated) and still not written.</summary>
    Task<IReadOnlyList<DutyLogEntry>> OverdueReportsAsync(CancellationToken cancellationToken);

    Task<IncidentReport?> FindReportAsync(long entryId, CancellationToken cancellationToken);

    Task<InspectionRound?> FindRoundAsync(DateOnly date, string shiftCode, TimeOnly slot, CancellationToken cancellationToken);

    Task<InspectionRound?> FindRoundAsync(long id, CancellationToken cancellationToken);

    /// <summary>Rounds not completed, from <paramref name="since"/> on (by date).</summary>
    Task<IReadOnlyList<InspectionRound>> OpenRoundsAsync(DateOnly since, CancellationToken cancellationToken);

    Task<IReadOnlyList<InspectionRound>> RoundsOnAsync(DateOnly date, CancellationToken cancellationToken);

    Task<LightingSwitch?> FindSwitchAsync(DateOnly date, LightingAction action, CancellationToken cancellationToken);

    /// <summary>Switchings not yet confirmed, due from <paramref name="since"/> on, oldest first.</summary>
    Task<IReadOnlyList<LightingSwitch>> OpenSwitchesAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>A rostered shift that is running, with its person's name.</summary>
public sealed record OnDuty(RosterAssignment Assignment, ShiftDefinition Shift, string Name, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The duty record (值班记录, 第2篇 1.3): entries carry who, when, shift and post. A major event is told to 客服部经理
/// at once (第2篇 1.6, 2.3: 不得隐瞒不报) and, like an emergency, needs a written report the next day.
/// </summary>
public sealed class DutyLogService(
    IDutyLogStore store,
    IRosterStore roster,
    ShiftSchedule shifts,
    DutyLogPolicy policy,
    DepartmentProfile department,
    IEscalationDirectory people,
    INotifier notifier)
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;

    /// <summary>The person's shift running at <paramref name="now"/>, if any.</summary>
    public async Task<OnDuty?> CurrentShiftAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        foreach (var assignment in await roster.ForPersonAsync(personId, today.AddDays(-1), today, cancellationToken))
        {
            if (shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var (start, end) = ShiftTimes.Of(assignment, shift, department);
            if (now >= start && now < end) return new OnDuty(assignment, shift, "", start, end);
        }
        return null;
    }

    /// <summary>Everyone at a duty post whose shift runs at <paramref name="at"/>: the person on duty (值班人员).</summary>
    public async Task<IReadOnlyList<OnDuty>> OnDutyAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        [.. (await RosteredAsync(department.LocalDate(at), cancellationToken)).Where(d => at >= d.Start && at < d.End)];

    /// <summary>Every duty-post assignment of the shifts dated the day before and on <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<OnDuty>> RosteredAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var result = new List<OnDuty>();
        foreach (var date in new[] { today.AddDays(-1), today })
        {
            foreach (var (assignment, name) in await roster.OnDateAsync(date, cancellationToken))
            {
                if (!policy.IsDutyPost(assignment.Post) || shifts.Find(assignment.ShiftCode) is not { } shift) continue;
                var (start, end) = ShiftTimes.Of(assignment, shift, department);
                result.Add(new OnDuty(assignment, shift, name, start, end));
            }
        }
        return result;
    }

    /// <summary>Records an entry on the person's running shift (or the day's date when they are off the roster) and learns its number.</summary>
    public async Task<DutyLogEntry> RecordAsync(string personId, DutyLogKind kind, string what, string? handling, DateTimeOffset now,
        CancellationToken cancellationToken, string? area = null, long? escalationId = null)
    {
        var current = await CurrentShiftAsync(personId, now, cancellationToken);
        var entry = DutyLogEntry.Record(kind, what, handling, personId, now,
            current?.Assignment.Date ?? department.LocalDate(now), current?.Assignment.ShiftCode, current?.Assignment.Post,
            policy.Reports, department.ToInstant, department.LocalDate(now), area, escalationId);
        store.Add(entry);
        await store.FlushAsync(cancellationToken);
        if (kind == DutyLogKind.MajorEvent) await TellManagersAsync(entry, now, cancellationToken);
        return entry;
    }

    /// <summary>
    /// Who may close an entry: the recorder, whoever is on duty now (the successor takes over open matters, 第1篇 1.3),
    /// and shift leads and above.
    /// </summary>
    public async Task<bool> MayCloseAsync(Participant who, DutyLogEntry entry, DateTimeOffset now, CancellationToken cancellationToken) =>
        entry.RecordedById == who.Id
        || who.HasAny(Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager)
        || await CurrentShiftAsync(who.Id, now, cancellationToken) is not null;

    /// <summary>Closes the emergency entries whose escalation was resolved meanwhile (by 已处理), with its note.</summary>
    public async Task<int> SettleEmergenciesAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var settled in await store.SettledEmergenciesAsync(cancellationToken))
        {
            if (await store.FindEntryAsync(settled.EntryId, cancellationToken) is { } entry
                && entry.Close(settled.ResolvedById, settled.Note, settled.ResolvedAt)) closed++;
        }
        return closed;
    }

    /// <summary>The line the emergency reply adds: the entry's number and when its written report is due.</summary>
    public string EmergencyLogged(DutyLogEntry entry, string language) =>
        Texts.Get("EmergencyLogged", language, entry.Id,
            entry.ReportDueAt is { } due ? department.ToLocal(due).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "");

    public string Describe(DutyLogEntry entry, string language, string recorder) =>
        Texts.Get("EntryLine", language, entry.Id, department.ToLocal(entry.RecordedAt).ToString("HH:mm", CultureInfo.InvariantCulture),
            recorder, DutyLogTexts.KindName(entry.Kind, language), entry.What,
            entry.IsOpen ? Texts.Get("StillOpen", language) : entry.Handling ?? "");

    private async Task TellManagersAsync(DutyLogEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorder = (await people.FindPersonAsync(entry.RecordedById, cancellationToken))?.Name ?? entry.RecordedById;
        foreach (var manager in await people.PeopleAtAsync(EscalationLevel.DepartmentManager, now, cancellationToken))
        {
            var language = TextCatalog.NormalizeLanguage(manager.Language);
            var text = Texts.Get("MajorEventNotice", language, entry.Id, recorder, entry.What,
                entry.IsOpen ? Texts.Get("StillOpen", language) : entry.Handling ?? "");
            await notifier.NotifyAsync(manager.Id, new OutgoingMessage(text), $"dutylog:major:{entry.Id}:{manager.Id}", cancellationToken);
        }
    }
}

/// <summary>第1篇 2.4: the open major events, emergencies and equipment switchings that keep a shift from being handed over.</summary>
public sealed class DutyLogOpenEvents(IDutyLogStore store, DepartmentProfile department) : IOpenDutyEvents
{
    public async Task<IReadOnlyList<OpenDutyEvent>> BlockingHandoverAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. (await store.BlockingAsync(cancellationToken)).Select(e => new OpenDutyEvent(e.Id, BlockOf(e.Kind), e.What, e.RecordedById, e.RecordedAt))];

    public async Task<IReadOnlyList<ShiftDutyEvent>> MajorBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var found = new List<ShiftDutyEvent>();
        // Every post's entries: a major event is the shift's, whoever wrote it down. A night shift spans two dates.
        for (var day = department.LocalDate(from); day <= department.LocalDate(to); day = day.AddDays(1))
            found.AddRange((await store.EntriesOnAsync(day, null, cancellationToken))
                .Where(e => e.Kind is DutyLogKind.MajorEvent or DutyLogKind.Emergency && e.RecordedAt >= from && e.RecordedAt < to)
                .Select(e => new ShiftDutyEvent(e.Id, BlockOf(e.Kind), e.What, e.RecordedAt, e.IsOpen, e.Handling)));
        return [.. found.DistinctBy(e => e.Id).OrderBy(e => e.Id)];
    }

    public async Task<IReadOnlyList<OpenDutyEntry>> OpenAtPostAsync(string post, string personId, CancellationToken cancellationToken) =>
        [.. (await store.OpenEntriesAsync(cancellationToken))
            .Where(e => !DutyLogEntry.NeedsReport(e.Kind) && (e.Post == post || e.Post is null && e.RecordedById == personId))
            .Select(e => new OpenDutyEntry(e.Id, e.Kind, e.What, e.RecordedById, e.RecordedAt))];

    private static DutyEventBlock BlockOf(DutyLogKind kind) => kind switch
    {
        DutyLogKind.MajorEvent => DutyEventBlock.MajorEvent,
        DutyLogKind.Emergency => DutyEventBlock.Emergency,
        _ => DutyEventBlock.EquipmentSwitching,
    };
}

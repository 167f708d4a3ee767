using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Calls;
using Bot.Domain.Features.Custody;
using Bot.Domain.Features.Keys;
using Bot.Domain.Features.Tickets;

namespace Bot.Domain.Features.Handover;

/// <summary>A person's rostered shift with its instants.</summary>
public sealed record ShiftAtPost(RosterAssignment Assignment, ShiftDefinition Shift, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// What every handover step shares: which shift a person is handing over, who takes over from the roster, the blocks of
/// 第1篇 2.4, the shift lead to alert, and how a record reads in chat.
/// </summary>
public sealed class HandoverService(
    IHandoverStore store,
    IRosterStore roster,
    ShiftSchedule shifts,
    AttendancePolicy attendance,
    IAttendanceStore checkIns,
    HandoverPolicy policy,
    DepartmentProfile department,
    IDirectoryStore directory,
    IEscalationDirectory chain,
    INotifier notifier,
    EscalationService escalations,
    IKeysOut keys,
    IHeldItems heldItems,
    ITicketsOnHand tickets,
    IPhoneLog calls,
    IOpenDutyEvents dutyEvents)
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public HandoverPolicy Policy => policy;

    public DepartmentProfile Department => department;

    public IHandoverStore Store => store;

    public ShiftAtPost At(RosterAssignment assignment, ShiftDefinition shift)
    {
        var start = department.ToInstant(assignment.Date, shift.Start);
        var end = department.ToInstant(shift.CrossesMidnight ? assignment.Date.AddDays(1) : assignment.Date, shift.End);
        return new ShiftAtPost(assignment, shift, start, end);
    }

    /// <summary>The shift at a handover post the person is on now, or has just finished (until check-out closes).</summary>
    public async Task<ShiftAtPost?> CurrentShiftAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        return (await roster.ForPersonAsync(personId, today.AddDays(-1), today, cancellationToken))
            .Where(a => policy.Find(a.Post) is not null)
            .Select(a => shifts.Find(a.ShiftCode) is { } s ? At(a, s) : null)
            .OfType<ShiftAtPost>()
            .Where(s => s.Start <= now && now < s.End + attendance.CheckOutClosesAfter)
            .OrderByDescending(s => s.Start)
            .FirstOrDefault();
    }

    /// <summary>The record of that shift at that post: found, or started now (unique per post, date and shift).</summary>
    public async Task<HandoverRecord> RecordForAsync(ShiftAtPost shift, string outgoingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var a = shift.Assignment;
        if (await store.FindForShiftAsync(a.Post, a.Date, a.ShiftCode, cancellationToken) is { } existing) return existing;
        var record = new HandoverRecord
        {
            Post = a.Post,
            Date = a.Date,
            ShiftCode = a.ShiftCode,
            OutgoingId = outgoingId,
            FrontDesk = policy.Find(a.Post)?.FrontDesk == true,
            CreatedAt = now,
        };
        store.Add(record);
        await store.FlushAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Who takes over from the roster: the next shift at the same post; a post with nobody after it hands over to whoever
    /// is on at the fallback post (the duty office) when this shift ends.
    /// </summary>
    public async Task<(string Id, string Name)?> SuccessorAsync(HandoverRecord record, CancellationToken cancellationToken)
    {
        if (shifts.Find(record.ShiftCode) is not { } shift) return null;
        var end = EndOf(record, shift);
        var candidates = new List<(RosterAssignment Assignment, string Name, ShiftAtPost At)>();
        foreach (var day in new[] { record.Date, record.Date.AddDays(1) })
            foreach (var (assignment, name) in await roster.OnDateAsync(day, cancellationToken))
                if (assignment.PersonId != record.OutgoingId && shifts.Find(assignment.ShiftCode) is { } s)
                    candidates.Add((assignment, name, At(assignment, s)));

        var samePost = candidates.Where(c => c.Assignment.Post == record.Post && StartsAround(c.At, end))
            .OrderBy(c => c.At.Start).FirstOrDefault();
        if (samePost.Name is not null) return (samePost.Assignment.PersonId, samePost.Name);
        var fallback = candidates.Where(c => c.Assignment.Post == policy.FallbackPost && UnderWayAt(c.At, end))
            .OrderBy(c => c.At.Start).FirstOrDefault();
        return fallback.Name is null ? null : (fallback.Assignment.PersonId, fallback.Name);
    }

    /// <summary>
    /// 第14篇 1.2: the successor takes over on arrival, face to face, and their check-in for the shift they come on for is
    /// that arrival. Null when they may check now: checked in, or with no rostered shift at the handover (a cover named
    /// by the shift lead); otherwise what to do first, in their language.
    /// </summary>
    public async Task<string?> NotArrivedAsync(HandoverRecord record, string successorId, DateTimeOffset now, string language,
        CancellationToken cancellationToken)
    {
        if (await NotCheckedInForAsync(record, successorId, cancellationToken) is not var (theirs, opens)) return null;
        return now < opens
            ? Texts.Get("TakeOverCheckInOpensAt", language, record.Id, theirs.Shift.DisplayName(language), Clock(theirs.Start), Clock(opens))
            : Texts.Get("TakeOverAfterCheckIn", language, record.Id);
    }

    /// <summary>
    /// When check-in opens for the shift the successor comes on for, while they have not checked in for it; null when they
    /// may take over now (checked in, or a cover with no rostered shift at the handover).
    /// </summary>
    public async Task<DateTimeOffset?> CheckInOpensForAsync(HandoverRecord record, string successorId, CancellationToken cancellationToken) =>
        (await NotCheckedInForAsync(record, successorId, cancellationToken))?.Opens;

    /// <summary>The successor's shift at the handover and when its check-in opens, while they have not checked in for it.</summary>
    private async Task<(ShiftAtPost Shift, DateTimeOffset Opens)?> NotCheckedInForAsync(HandoverRecord record, string successorId,
        CancellationToken cancellationToken)
    {
        if (shifts.Find(record.ShiftCode) is not { } outgoing) return null;
        var end = EndOf(record, outgoing);
        // The shifts SuccessorAsync takes a successor from.
        var theirs = (await roster.ForPersonAsync(successorId, record.Date, record.Date.AddDays(1), cancellationToken))
            .Select(a => shifts.Find(a.ShiftCode) is { } s ? At(a, s) : null)
            .OfType<ShiftAtPost>()
            .Where(s => StartsAround(s, end) || UnderWayAt(s, end))
            .OrderBy(s => s.Start)
            .FirstOrDefault();
        if (theirs is null || await CheckedInAsync(theirs, cancellationToken)) return null;
        return (theirs, theirs.Start - attendance.CheckInOpensBefore);
    }

    /// <summary>Whether the person rostered on that shift has checked in for it (is there).</summary>
    public async Task<bool> CheckedInAsync(ShiftAtPost shift, CancellationToken cancellationToken)
    {
        var a = shift.Assignment;
        return (await checkIns.FindAsync(a.PersonId, a.Date, a.ShiftCode, cancellationToken))?.CheckedInAt is not null;
    }

    /// <summary>When the record's shift ends (null for a shift no longer configured).</summary>
    public DateTimeOffset? EndOf(HandoverRecord record) => shifts.Find(record.ShiftCode) is { } shift ? EndOf(record, shift) : null;

    private DateTimeOffset EndOf(HandoverRecord record, ShiftDefinition shift) => ShiftOf(record, shift).End;

    private ShiftAtPost ShiftOf(HandoverRecord record, ShiftDefinition shift) =>
        At(new RosterAssignment { Date = record.Date, PersonId = record.OutgoingId, ShiftCode = record.ShiftCode, Post = record.Post }, shift);

    /// <summary>A shift that takes over at the same post: it starts from an hour before the end until 12 hours after it.</summary>
    private static bool StartsAround(ShiftAtPost shift, DateTimeOffset end) => shift.Start >= end - TimeSpan.FromHours(1) && shift.Start < end + TimeSpan.FromHours(12);

    /// <summary>A shift at the fallback post that is under way when this one ends.</summary>
    private static bool UnderWayAt(ShiftAtPost shift, DateTimeOffset end) => shift.Start <= end && end < shift.End;

    /// <summary>第1篇 2.4 ⑴⑵: open major or emergency events and equipment starting or stopping, as one reply (null when none).</summary>
    public async Task<string?> BlockedByEventsAsync(DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var open = await dutyEvents.BlockingHandoverAsync(now, cancellationToken);
        if (open.Count == 0) return null;
        var lines = open.Select(e => Texts.Get("BlockingEventLine", language, Texts.Get($"Block{e.Block}", language), e.Summary,
            department.ToLocal(e.RecordedAt).ToString("HH:mm", CultureInfo.InvariantCulture)));
        return string.Join("\n", [Texts.Get("BlockedByEvents", language), .. lines]);
    }

    /// <summary>第1篇 1.3: the major events and emergencies of the record's shift, handled or not.</summary>
    public async Task<IReadOnlyList<ShiftDutyEvent>> MajorEventsOfAsync(HandoverRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (shifts.Find(record.ShiftCode) is not { } shift) return [];
        var (_, _, start, end) = ShiftOf(record, shift);
        // Up to now: one written down in the last minutes before the end is this shift's too (handed over late).
        return await dutyEvents.MajorBetweenAsync(start, now > end ? now : end, cancellationToken);
    }

    /// <summary>第1篇 1.2, 1.3: the duty-log entries of the record's post still being handled, for the successor to take on.</summary>
    public Task<IReadOnlyList<OpenDutyEntry>> OpenDutyEntriesOfAsync(HandoverRecord record, CancellationToken cancellationToken) =>
        dutyEvents.OpenAtPostAsync(record.Post, record.OutgoingId, cancellationToken);

    /// <summary>What the front desk keeps for people now (第11篇 4, 9), handed over with the front-desk shift.</summary>
    public Task<IReadOnlyList<HeldOut>> FrontDeskHoldsAsync(CancellationToken cancellationToken) => heldItems.HeldAsync(cancellationToken);

    /// <summary>The cinema's tickets in the counter and the person's takings not yet handed in (第12篇 1, 3).</summary>
    public Task<TicketsOnHand> TicketsAsync(string personId, CancellationToken cancellationToken) => tickets.ForAsync(personId, cancellationToken);

    /// <summary>Calls this person wrote down and nothing was done with yet: unfinished work for the successor (第11篇 5).</summary>
    public async Task<IReadOnlyList<PhoneCall>> OpenCallsTakenByAsync(string personId, CancellationToken cancellationToken) =>
        [.. (await calls.OpenAsync(cancellationToken)).Where(c => c.TakenById == personId)];

    public Task<IReadOnlyList<KeyOut>> KeysHeldByAsync(string personId, CancellationToken cancellationToken) => keys.HeldByAsync(personId, cancellationToken);

    public async Task<string> NameOfAsync(string? personId, CancellationToken cancellationToken) =>
        personId is null ? "—" : (await directory.FindPersonAsync(personId, cancellationToken))?.Name ?? personId;

    public Task<Person?> PersonAsync(string personId, CancellationToken cancellationToken) => directory.FindPersonAsync(personId, cancellationToken);

    /// <summary>The shift lead(s) of the record's shift from the roster; else the outgoing person's superior if a shift lead; else every shift lead.</summary>
    public async Task<IReadOnlyList<Person>> ShiftLeadsForAsync(HandoverRecord record, CancellationToken cancellationToken)
    {
        var leads = new List<Person>();
        foreach (var (assignment, _) in await roster.OnDateAsync(record.Date, cancellationToken))
            if (string.Equals(assignment.ShiftCode, record.ShiftCode, StringComparison.OrdinalIgnoreCase)
                && await directory.FindPersonAsync(assignment.PersonId, cancellationToken) is { Active: true } p && (p.Roles & Roles.ShiftLead) != 0)
                leads.Add(p);
        if (leads.Count > 0) return leads;
        if (await directory.FindPersonAsync(record.OutgoingId, cancellationToken) is { ReportsToId: { } bossId }
            && await directory.FindPersonAsync(bossId, cancellationToken) is { Active: true } boss && (boss.Roles & Roles.ShiftLead) != 0)
            return [boss];
        return await AllShiftLeadsAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Person>> AllShiftLeadsAsync(CancellationToken cancellationToken) =>
        [.. (await chain.SupervisorsAsync(cancellationToken)).Where(p => (p.Roles & Roles.ShiftLead) != 0)];

    /// <summary>
    /// Alerts the shift lead: an escalation (so it climbs if nobody answers) and, when the record's own shift lead is not
    /// among those it reached (their shift may have ended), a direct message to them too.
    /// </summary>
    public async Task<AlertedPeople> AlertShiftLeadAsync(HandoverRecord record, string kind, string subjectKey, string detailsKey, Severity severity, DateTimeOffset now,
        CancellationToken cancellationToken, params object[] args)
    {
        var subject = Texts.Get(subjectKey, TextCatalog.Chinese, [record.Id, .. args]);
        var details = Texts.Get(detailsKey, TextCatalog.Chinese, [record.Id, .. args]);
        var escalation = await escalations.RaiseAsync(new EscalationRequest(kind, subject, severity, details, null), now, cancellationToken);
        var leads = await ShiftLeadsForAsync(record, cancellationToken);
        var chain = new List<(Person, EscalationLevel)>();
        foreach (var notice in escalation.Notices.Where(n => n.Level >= 0 && !leads.Any(l => l.Id == n.PersonId)).DistinctBy(n => n.PersonId))
            if (await directory.FindPersonAsync(notice.PersonId, cancellationToken) is { } person) chain.Add((person, (EscalationLevel)notice.Level));
        foreach (var lead in leads)
        {
            if (escalation.Notices.Any(n => n.PersonId == lead.Id)) continue;
            var language = TextCatalog.NormalizeLanguage(lead.Language);
            var text = Texts.Get(detailsKey, language, [record.Id, .. args]);
            var word = Texts.Get("WordShow", language);
            await notifier.NotifyAsync(lead.Id, new OutgoingMessage(Texts.Get("LeadAlert", language, record.Id, text),
                [new Choice($"{word} {record.Id}", word)]), $"handover:{record.Id}:{kind}:{now.ToUnixTimeMilliseconds()}:{lead.Id}", cancellationToken);
        }
        return new AlertedPeople(leads, chain);
    }

    /// <summary>
    /// Who an alert reached, said back to the one who raised it: "领班王五、客服主任赵六". At night the shift lead is at
    /// home and the chain starts with the 客服主任, who is the one to act now; naming the lead alone would say otherwise.
    /// </summary>
    public static string Describe(AlertedPeople told, string language)
    {
        var separator = language == TextCatalog.English ? ", " : "、";
        var parts = told.Leads.Select(l => Texts.Get("ToldLead", language, l.Name))
            .Concat(told.Chain.Select(c => Texts.Get("ToldChain", language, EscalationTexts.LevelName(c.Level, language), c.Person.Name)));
        return string.Join(separator, parts);
    }

    public Task<bool> NotifyAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        NotifyInLanguageAsync(personId, key, message, cancellationToken);

    private async Task<bool> NotifyInLanguageAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken)
    {
        if (await directory.FindPersonAsync(personId, cancellationToken) is not { Active: true } person) return false;
        return await notifier.NotifyAsync(person.Id, message(TextCatalog.NormalizeLanguage(person.Language)), key, cancellationToken);
    }

    public string ShiftName(HandoverRecord record, string language) =>
        shifts.Find(record.ShiftCode)?.DisplayName(language) ?? record.ShiftCode;

    /// <summary>"#12 11-26 早班 客服中心"</summary>
    public string Title(HandoverRecord record, string language) =>
        Texts.Get("Title", language, record.Id, record.Date.ToString("MM-dd", CultureInfo.InvariantCulture), ShiftName(record, language), record.Post);

    /// <summary>One item as a line: what, and how it stands.</summary>
    public string Line(HandoverItem item, string language)
    {
        var section = HandoverTexts.SectionName(item.Section, language);
        var body = item.Section switch
        {
            HandoverSection.UnfinishedWork => Texts.Get("UnfinishedLine", language, item.Text, item.Cause ?? "", item.Course ?? "", item.Result ?? ""),
            HandoverSection.Incident => Texts.Get(item.Handled == true ? "IncidentHandledLine" : "IncidentOpenLine", language, item.Text, item.Note ?? ""),
            HandoverSection.SharedItem or HandoverSection.Checklist => Texts.Get(item.Ok == true ? "CheckOkLine" : "CheckNotOkLine", language, item.Text, item.Note ?? ""),
            _ => item.Text,
        };
        var line = Texts.Get("ItemLine", language, item.Number, section, body.TrimEnd(' ', '—', '：', ':'));
        if (item.AddedLater) line += Texts.Get("AddedLaterMark", language);
        if (item.Question is not null) line += "\n" + Texts.Get("QuestionLine", language, item.Question);
        if (item.Answer is not null) line += "\n" + Texts.Get("AnswerLine", language, item.Answer);
        return line;
    }

    /// <summary>The whole record: title, who, status, every item.</summary>
    public async Task<string> DescribeAsync(HandoverRecord record, string language, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            Texts.Get("RecordHeader", language, Title(record, language), await NameOfAsync(record.OutgoingId, cancellationToken),
                await SuccessorNameAsync(record, language, cancellationToken), HandoverTexts.StatusName(record.Status, language)),
        };
        lines.AddRange(record.InOrder.Select(i => Line(i, language)));
        if (record.Items.Count == 0) lines.Add(Texts.Get("NoItems", language));
        if (record.RefusalReason is not null) lines.Add(Texts.Get(record.SuccessorUnfit ? "UnfitReasonLine" : "RefusalReasonLine", language, record.RefusalReason));
        if (record.ReopenReason is not null) lines.Add(Texts.Get("ReopenReasonLine", language, await NameOfAsync(record.ReopenedById, cancellationToken), record.ReopenReason));
        if (record.AcceptedAt is { } accepted)
            lines.Add(Texts.Get("SignedLine", language, Clock(record.SubmittedAt ?? accepted), await NameOfAsync(record.AcceptedById, cancellationToken), Clock(accepted), record.ContentHash?[..12] ?? ""));
        if (record.ReviewedAt is { } reviewed) lines.Add(Texts.Get("ReviewedLine", language, await NameOfAsync(record.ReviewedById, cancellationToken), Clock(reviewed)));
        return string.Join("\n", lines);
    }

    /// <summary>The successor; while still being prepared, the one the roster names, marked as such, so a wrong one is seen before signing.</summary>
    private async Task<string> SuccessorNameAsync(HandoverRecord record, string language, CancellationToken cancellationToken) =>
        record is { SuccessorId: null, Status: HandoverStatus.Preparing } && await SuccessorAsync(record, cancellationToken) is var (_, name)
            ? Texts.Get("SuccessorByRoster", language, name)
            : await NameOfAsync(record.SuccessorId, cancellationToken);

    public string Clock(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Finds a record by "#12" or "12" at the start of the arguments; the rest is returned.</summary>
    public static (long? Id, string Remainder) ParseId(string arguments)
    {
        var parts = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (id, parts.Length > 1 ? parts[1] : "");
        return (null, arguments.Trim());
    }
}

/// <summary>Whom a handover alert reached: the shift's lead (or leads), and whoever the escalation chain reached beside them.</summary>
public sealed record AlertedPeople(IReadOnlyList<Person> Leads, IReadOnlyList<(Person Person, EscalationLevel Level)> Chain);

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Handover;

/// <summary>
/// The handover's clock: prompts the outgoing person on each post a configured time before the shift ends (第1篇 2.2),
/// escalates a handover not accepted in time after the shift's end (第2篇 2.4, 第14篇 1.2), and reminds the shift leads
/// of handovers still unsigned the next morning (第14篇 2.3). Each effect claims a row of ours (the record per post,
/// date and shift is unique; the prompt, escalation and reminder are marked on it under its version), so the job firing
/// twice, or on two instances, acts once.
/// </summary>
public sealed class HandoverWatch(
    HandoverService handovers,
    IHandoverStore store,
    IRosterStore roster,
    ShiftSchedule shifts,
    HandoverPolicy policy,
    DepartmentProfile department,
    IEscalationStore units) : IScheduledWork
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = await PromptAsync(now, cancellationToken);
        acted += await EscalateOverdueAsync(now, cancellationToken);
        acted += await RemindReviewAsync(now, cancellationToken);
        return acted;
    }

    private async Task<int> PromptAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var acted = 0;
        var rostered = (await roster.OnDateAsync(today.AddDays(-1), cancellationToken)).Concat(await roster.OnDateAsync(today, cancellationToken)).ToList();
        foreach (var (assignment, _) in rostered)
        {
            if (policy.Find(assignment.Post) is null || shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var at = handovers.At(assignment, shift);
            if (now < at.End - policy.PrepareBefore || now >= at.End) continue;
            var sent = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                var record = await handovers.RecordForAsync(at, assignment.PersonId, now, cancellationToken);
                if (record.PromptedAt is not null) return;
                record.PromptedAt = now;
                // Someone who started on their own needs no prompt.
                if (record.Status != HandoverStatus.Preparing || record.Progress.Length > 0) return;
                sent = await handovers.NotifyAsync(record.OutgoingId, $"handover:{record.Id}:prompt", language =>
                {
                    var word = PrepareHandoverCommand.Word(language);
                    return new OutgoingMessage(Texts.Get("PreparePrompt", language, handovers.Title(record, language),
                        department.ToLocal(at.End).ToString("HH:mm", CultureInfo.InvariantCulture)), [new Choice(word, word)]);
                }, cancellationToken);
            }, cancellationToken);
            if (won && sent) acted++;
        }
        return acted;
    }

    private async Task<int> EscalateOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var acted = 0;
        foreach (var candidate in await store.NotAcceptedSinceAsync(today.AddDays(-1), cancellationToken))
        {
            if (candidate.OverdueEscalatedAt is not null || candidate.Status == HandoverStatus.Refused || shifts.Find(candidate.ShiftCode) is not { } shift) continue;
            var end = handovers.At(new RosterAssignment { Date = candidate.Date, PersonId = candidate.OutgoingId, ShiftCode = candidate.ShiftCode, Post = candidate.Post }, shift).End;
            if (now < end + policy.AcceptWithin) continue;
            var escalated = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                // Re-read inside the unit: another instance may have escalated it, or the successor accepted meanwhile.
                if (await store.FindAsync(candidate.Id, cancellationToken) is not { } record || record.OverdueEscalatedAt is not null
                    || record.Status is HandoverStatus.Accepted or HandoverStatus.Refused) return;
                record.OverdueEscalatedAt = now;
                await handovers.AlertShiftLeadAsync(record, "handover.not-accepted", "OverdueSubject", "OverdueDetails", Severity.Urgent, now, cancellationToken,
                    await handovers.NameOfAsync(record.OutgoingId, cancellationToken), await handovers.NameOfAsync(record.SuccessorId, cancellationToken),
                    HandoverTexts.StatusName(record.Status, TextCatalog.Chinese), ConversationTexts.Duration(now - end, TextCatalog.Chinese), record.Post);
                escalated = true;
            }, cancellationToken);
            if (won && escalated) acted++;
        }
        return acted;
    }

    private async Task<int> RemindReviewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = department.ToLocal(now);
        if (TimeOnly.FromDateTime(local.DateTime) < policy.ReviewReminderAt) return 0;
        var today = department.LocalDate(now);
        var acted = 0;
        var byDay = (await store.UnreviewedAsync(today.AddDays(-1), cancellationToken)).Where(r => r.ReviewRemindedAt is null).GroupBy(r => r.Date);
        foreach (var day in byDay)
        {
            var ids = day.Select(r => r.Id).ToList();
            var sent = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                var records = new List<HandoverRecord>();
                foreach (var id in ids)
                    if (await store.FindAsync(id, cancellationToken) is { ReviewRemindedAt: null, ReviewedAt: null, IsLocked: true } r) records.Add(r);
                if (records.Count == 0) return;
                foreach (var r in records) r.ReviewRemindedAt = now;
                var dayText = day.Key.ToString("MM-dd", CultureInfo.InvariantCulture);
                foreach (var lead in await handovers.AllShiftLeadsAsync(cancellationToken))
                    sent |= await handovers.NotifyAsync(lead.Id, $"handover:review:{day.Key:yyyy-MM-dd}:{lead.Id}", language =>
                    {
                        var word = Texts.Get("WordReview", language);
                        return new OutgoingMessage(Texts.Get("ReviewReminder", language, lead.Name, dayText, records.Count,
                            string.Join("\n", records.Select(r => handovers.Title(r, language)))), [new Choice($"{word} {dayText}", word)]);
                    }, cancellationToken);
            }, cancellationToken);
            if (won && sent) acted++;
        }
        return acted;
    }
}

/// <summary>
/// The shift lead's part of the daily digest (第14篇 2.3): the handovers waiting for their signature, and those not yet
/// accepted, with a 审阅交接 button. Now (今日概况), for every supervisor: the handovers of today's and last night's shifts
/// not yet taken over — submitted and waiting for the successor, refused, or still being prepared after the shift ended
/// (第14篇 1.2: nobody leaves before the successor has taken over) — and, for a shift lead, how many wait for their signature.
/// </summary>
public sealed class HandoverReviewSection(HandoverService handovers) : IDigestSection, IDigestActions, IDigestNow
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public int Order => 30;

    public int NowOrder => 60;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = handovers.Department.LocalDate(now);
        var open = new List<string>();
        foreach (var r in (await handovers.Store.NotAcceptedSinceAsync(today.AddDays(-1), cancellationToken)).Where(r => r.Date <= today))
        {
            // Preparing while the shift still runs is as it should be.
            if (r.Status == HandoverStatus.Preparing && !(handovers.EndOf(r) is { } end && end <= now)) continue;
            open.Add(Texts.Get("NowHandoverLine", language, handovers.Title(r, language), await handovers.NameOfAsync(r.OutgoingId, cancellationToken),
                await handovers.NameOfAsync(r.SuccessorId, cancellationToken), HandoverTexts.StatusName(r.Status, language)));
        }
        var lines = new List<string>();
        if (open.Count > 0) lines.Add(Texts.Get("NowHandoversOpen", language, open.Count, string.Join(Texts.Get("NowSeparator", language), open)));
        if ((recipient.Roles & Roles.ShiftLead) != 0 && (await handovers.Store.UnreviewedAsync(today, cancellationToken)).Count is > 0 and var unsigned)
            lines.Add(Texts.Get("NowToSign", language, unsigned, Texts.Get("WordReview", language)));
        return lines;
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        if ((recipient.Roles & Roles.ShiftLead) == 0) return null;
        var unsigned = await handovers.Store.UnreviewedAsync(day, cancellationToken);
        var open = (await handovers.Store.NotAcceptedSinceAsync(day.AddDays(-1), cancellationToken)).Where(r => r.Date <= day).ToList();
        if (unsigned.Count == 0 && open.Count == 0) return null;
        var lines = new List<string> { Texts.Get("DigestSection", language, unsigned.Count) };
        foreach (var r in unsigned)
            lines.Add(Texts.Get("RecordsLine", language, handovers.Title(r, language), await handovers.NameOfAsync(r.OutgoingId, cancellationToken),
                await handovers.NameOfAsync(r.SuccessorId, cancellationToken), HandoverTexts.StatusName(r.Status, language), ""));
        if (open.Count > 0)
        {
            lines.Add(Texts.Get("NotYetAcceptedTitle", language, open.Count));
            foreach (var r in open)
                lines.Add(Texts.Get("RecordsLine", language, handovers.Title(r, language), await handovers.NameOfAsync(r.OutgoingId, cancellationToken),
                    await handovers.NameOfAsync(r.SuccessorId, cancellationToken), HandoverTexts.StatusName(r.Status, language), ""));
        }
        if (unsigned.Count > 0) lines.Add(Texts.Get("DigestHowToSign", language, Texts.Get("WordReview", language)));
        return string.Join("\n", lines);
    }

    public async Task<IReadOnlyList<Choice>> ActionsAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        if ((recipient.Roles & Roles.ShiftLead) == 0 || (await handovers.Store.UnreviewedAsync(day, cancellationToken)).Count == 0) return [];
        var word = Texts.Get("WordReview", language);
        return [new Choice(word, word)];
    }
}

/// <summary>
/// 第2篇 2.4, 第14篇 1.2: at a post that hands over, nobody checks out before the successor has accepted the handover.
/// Posts without a handover (the shift lead's own post, say) are not held.
/// </summary>
public sealed class HandoverLeaveGate(IHandoverStore store, HandoverPolicy policy, IDirectoryStore directory) : ILeaveGate
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public async Task<string?> WhyNotAsync(string personId, RosterAssignment assignment, string language, CancellationToken cancellationToken)
    {
        if (policy.Find(assignment.Post) is null) return null;
        var record = await store.FindForShiftAsync(assignment.Post, assignment.Date, assignment.ShiftCode, cancellationToken);
        if (record?.FirstAcceptedAt is not null) return null;
        return record switch
        {
            null or { Status: HandoverStatus.Preparing } => Texts.Get("LeaveNotPrepared", language, PrepareHandoverCommand.Word(language)),
            { Status: HandoverStatus.Refused } => Texts.Get("LeaveRefused", language, record.Id),
            _ => Texts.Get("LeaveNotAccepted", language, (await directory.FindPersonAsync(record.SuccessorId ?? "", cancellationToken))?.Name ?? "—"),
        };
    }
}

/// <summary>On check-in: the handover waiting for this person to take over, with its 接班 button (第14篇 1.2).</summary>
public sealed class HandoverCheckInFollowUp(IHandoverStore store, IDirectoryStore directory) : ICheckInFollowUp
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public async Task<(string Text, Choice Action)?> AfterCheckInAsync(string personId, string language, CancellationToken cancellationToken)
    {
        var waiting = await store.AwaitingAsync(personId, cancellationToken);
        if (waiting.Count == 0) return null;
        var record = waiting[0];
        var from = (await directory.FindPersonAsync(record.OutgoingId, cancellationToken))?.Name ?? record.OutgoingId;
        var word = Texts.Get("WordAccept", language);
        var value = $"{word} {record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return (Texts.Get("WaitingAfterCheckIn", language, record.Id, from), new Choice(value, value));
    }
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Duty;

/// <summary>
/// The duty log's clock: prompts inspection rounds at their times and chases the ones not done (第2篇 1.4), reminds
/// the person on duty to switch the feature lighting and chases the confirmation (1.5), asks for the written report
/// of a major event or emergency the morning after and escalates it when missing at the deadline (1.6, 2.3), and
/// closes emergency entries whose escalation was resolved. Every effect is claimed in our tables — a row unique per
/// date and time, or a stage change under its version — so the job firing twice, or on two instances, acts once.
/// </summary>
public sealed class DutyLogWatch(
    DutyLogService log,
    IDutyLogStore store,
    DutyLogPolicy policy,
    IDirectoryStore directory,
    DepartmentProfile department,
    INotifier notifier,
    EscalationService escalations,
    IEscalationStore units) : IScheduledWork
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        acted += await SettleEmergenciesAsync(cancellationToken);
        acted += await StartRoundsAsync(now, cancellationToken);
        acted += await ChaseRoundsAsync(now, cancellationToken);
        acted += await StartLightingAsync(now, cancellationToken);
        acted += await ChaseLightingAsync(now, cancellationToken);
        acted += await ChaseReportsAsync(now, cancellationToken);
        return acted;
    }

    private async Task<int> SettleEmergenciesAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        if (await units.AtomicallyAsync(async () => closed = await log.SettleEmergenciesAsync(cancellationToken), cancellationToken)) return closed;
        return 0;
    }

    private async Task<int> StartRoundsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        var rostered = await log.RosteredAsync(department.LocalDate(now), cancellationToken);
        foreach (var shift in rostered.GroupBy(d => (d.Assignment.Date, Code: d.Assignment.ShiftCode.ToLowerInvariant())))
        {
            var first = shift.First();
            if (now < first.Start || now >= first.End) continue;
            foreach (var slot in policy.Inspection.RoundsOf(first.Shift.Code))
            {
                var due = InspectionRoundCommand.ShiftInstant(first.Assignment.Date, first.Shift, slot, department);
                // A round whose time to complete has already passed (the bot was down, or just started) is not prompted late.
                if (due > now || now >= due + policy.Inspection.CompleteWithin || due < first.Start || due >= first.End) continue;
                var started = false;
                var won = await units.AtomicallyAsync(async () =>
                {
                    if (await store.FindRoundAsync(first.Assignment.Date, first.Shift.Code, slot, cancellationToken) is not null) return;
                    store.Add(new InspectionRound { Date = first.Assignment.Date, ShiftCode = first.Shift.Code, Slot = slot, DueAt = due });
                    foreach (var person in shift)
                        await TellAsync(person.Assignment.PersonId, "RoundPrompt", $"dutylog:round:{first.Assignment.Date:yyyyMMdd}:{first.Shift.Code}:{slot:HHmm}:{person.Assignment.PersonId}",
                            "RoundWord", "", cancellationToken, Clock(due), policy.Inspection.Areas.Count, Clock(due + policy.Inspection.CompleteWithin));
                    started = true;
                }, cancellationToken);
                if (won && started) acted++;
            }
        }
        return acted;
    }

    private async Task<int> ChaseRoundsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        var today = department.LocalDate(now);
        foreach (var open in await store.OpenRoundsAsync(today.AddDays(-2), cancellationToken))
        {
            var remindAt = open.DueAt + policy.Inspection.CompleteWithin;
            var escalateAt = remindAt + policy.Inspection.EscalateAfter;
            if (open.Stage == RoundStage.Escalated || now < remindAt) continue;
            var didAct = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                if (await store.FindRoundAsync(open.Id, cancellationToken) is not { } round || round.IsDone) return;
                var people = (await log.RosteredAsync(round.Date.AddDays(1), cancellationToken))
                    .Where(d => d.Assignment.Date == round.Date && string.Equals(d.Assignment.ShiftCode, round.ShiftCode, StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (round.Stage == RoundStage.Prompted && now < escalateAt)
                {
                    round.Reminded();
                    foreach (var person in people)
                        await TellAsync(person.Assignment.PersonId, "RoundReminder", $"dutylog:round:{round.Id}:remind:{person.Assignment.PersonId}",
                            "RoundWord", "", cancellationToken, Clock(round.DueAt));
                    didAct = true;
                }
                else if (now >= escalateAt && round.Stage is RoundStage.Prompted or RoundStage.Reminded)
                {
                    round.Escalated();
                    var names = string.Join("、", people.Select(p => p.Name));
                    var subject = Texts.Get("RoundMissedSubject", TextCatalog.Chinese, round.Date.ToString("MM-dd", CultureInfo.InvariantCulture), Clock(round.DueAt));
                    var details = Texts.Get("RoundMissedDetails", TextCatalog.Chinese, Clock(round.DueAt),
                        names.Length == 0 ? Texts.Get("NobodyOnDuty", TextCatalog.Chinese) : names, ConversationTexts.Duration(now - round.DueAt, TextCatalog.Chinese));
                    await escalations.RaiseAsync(new EscalationRequest("duty.round-missed", subject, Severity.Normal, details, null), now, cancellationToken);
                    didAct = true;
                }
            }, cancellationToken);
            if (won && didAct) acted++;
        }
        return acted;
    }

    private async Task<int> StartLightingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        var today = department.LocalDate(now);
        foreach (var (action, time) in new[] { (LightingAction.On, policy.Lighting.OnAt), (LightingAction.Off, policy.Lighting.OffAt) })
        {
            if (time is not { } at) continue;
            foreach (var date in new[] { today.AddDays(-1), today })
            {
                var due = department.ToInstant(date, at);
                if (due > now || now >= due + policy.Lighting.ConfirmWithin) continue;
                var started = false;
                var won = await units.AtomicallyAsync(async () =>
                {
                    if (await store.FindSwitchAsync(date, action, cancellationToken) is not null) return;
                    store.Add(new LightingSwitch { Date = date, Action = action, DueAt = due });
                    foreach (var person in await log.OnDutyAsync(due, cancellationToken))
                        await TellAsync(person.Assignment.PersonId, action == LightingAction.On ? "LightingOnPrompt" : "LightingOffPrompt",
                            $"dutylog:lighting:{date:yyyyMMdd}:{action}:{person.Assignment.PersonId}",
                            action == LightingAction.On ? "LightsOnWord" : "LightsOffWord", "", cancellationToken,
                            Clock(due), Clock(due + policy.Lighting.ConfirmWithin));
                    started = true;
                }, cancellationToken);
                if (won && started) acted++;
            }
        }
        return acted;
    }

    private async Task<int> ChaseLightingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var open in await store.OpenSwitchesAsync(now - TimeSpan.FromDays(2), cancellationToken))
        {
            if (open.Stage != LightingStage.Prompted || now < open.DueAt + policy.Lighting.ConfirmWithin) continue;
            var didAct = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                if (await store.FindSwitchAsync(open.Date, open.Action, cancellationToken) is not { Stage: LightingStage.Prompted } lighting) return;
                lighting.Escalated();
                var names = string.Join("、", (await log.OnDutyAsync(lighting.DueAt, cancellationToken)).Select(p => p.Name));
                var what = Texts.Get(lighting.Action == LightingAction.On ? "LightingOnEntry" : "LightingOffEntry", TextCatalog.Chinese);
                var subject = Texts.Get("LightingMissedSubject", TextCatalog.Chinese, lighting.Date.ToString("MM-dd", CultureInfo.InvariantCulture), what);
                var details = Texts.Get("LightingMissedDetails", TextCatalog.Chinese, Clock(lighting.DueAt), what,
                    names.Length == 0 ? Texts.Get("NobodyOnDuty", TextCatalog.Chinese) : names, ConversationTexts.Duration(now - lighting.DueAt, TextCatalog.Chinese));
                await escalations.RaiseAsync(new EscalationRequest("duty.lighting-unconfirmed", subject, Severity.Normal, details, null), now, cancellationToken);
                didAct = true;
            }, cancellationToken);
            if (won && didAct) acted++;
        }
        return acted;
    }

    private async Task<int> ChaseReportsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var id in await store.ReportsDueAsync(now, cancellationToken))
        {
            var didAct = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                if (await store.FindEntryAsync(id, cancellationToken) is not { ReportDueAt: { } due } entry) return;
                var recorder = await directory.FindPersonAsync(entry.RecordedById, cancellationToken);
                if (now >= due && entry.Report is ReportStage.Due or ReportStage.Reminded)
                {
                    entry.ReportOverdue();
                    // 第2篇 1.6: the report goes to 客服部经理, so its absence does too.
                    var subject = ReportMissingSubject(entry);
                    var details = Texts.Get("ReportMissingDetails", TextCatalog.Chinese, recorder?.Name ?? entry.RecordedById,
                        department.ToLocal(entry.RecordedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                        DutyLogTexts.KindName(entry.Kind, TextCatalog.Chinese), entry.What, Clock(due));
                    await escalations.RaiseAsync(new EscalationRequest(ReportMissingKind, subject, Severity.Normal, details, null,
                        EscalationLevel.DepartmentManager, AboutId: entry.RecordedById), now, cancellationToken);
                    didAct = true;
                }
                else if (entry.Report == ReportStage.Due && entry.ReportRemindAt is { } remindAt && now >= remindAt)
                {
                    entry.ReportReminded();
                    await TellAsync(entry.RecordedById, "ReportReminder", $"dutylog:report:{entry.Id}:remind",
                        "ReportWord", $" {entry.Id}", cancellationToken,
                        entry.Id, entry.What, Clock(due));
                    didAct = true;
                }
            }, cancellationToken);
            if (won && didAct) acted++;
        }
        return acted;
    }

    /// <summary>A reminder in the person's language, with one button: the command word (<paramref name="buttonKey"/>) in that language, then <paramref name="buttonSuffix"/>.</summary>
    private async Task TellAsync(string personId, string key, string dedupKey, string buttonKey, string buttonSuffix, CancellationToken cancellationToken,
        params object[] args)
    {
        if (await directory.FindPersonAsync(personId, cancellationToken) is not { Active: true } person) return;
        var language = TextCatalog.NormalizeLanguage(person.Language);
        var text = Texts.Get(key, language, [person.Name, .. args]);
        var button = Texts.Get(buttonKey, language) + buttonSuffix;
        await notifier.NotifyAsync(person.Id, new OutgoingMessage(text, [new Choice(button, button)]), dedupKey, cancellationToken);
    }

    /// <summary>The escalation of a written report missing at its deadline (第2篇 1.6); settled when the report is written.</summary>
    internal const string ReportMissingKind = "duty.report-missing";

    // Chinese: the case's subject is the department's record, and the same text finds the open case again.
    internal static string ReportMissingSubject(DutyLogEntry entry) =>
        Texts.Get("ReportMissingSubject", TextCatalog.Chinese, entry.Id, CloseDutyLogEntryCommand.Short(entry.What));

    private string Clock(DateTimeOffset instant) => department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}

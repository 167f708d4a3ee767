using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Duty;

/// <summary>When the watch reminds and escalates (configuration section <c>Duty</c>).</summary>
public sealed record AttendanceWatchPolicy(TimeSpan ReminderBefore, TimeSpan EscalateAfter);

/// <summary>
/// Watches the roster around each shift's start: a reminder before it, another when the person is late
/// (start + grace, 第2篇 2.1), and an escalation to the shift lead on duty when they still have not checked in.
/// When the shift is over without a check-in, the shift is marked 缺勤. Each effect is keyed (the reminder by person,
/// date and shift; the escalation by its subject; the absence by the attendance record's unique key), so the job firing
/// twice, or on two instances, acts once.
/// </summary>
public sealed class AttendanceWatch(
    IRosterStore roster,
    IAttendanceStore attendance,
    IDirectoryStore directory,
    ShiftSchedule shifts,
    AttendancePolicy policy,
    AttendanceWatchPolicy watch,
    DepartmentProfile department,
    INotifier notifier,
    EscalationService escalations,
    IEscalationStore units) : IScheduledWork
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var acted = 0;
        var rostered = (await roster.OnDateAsync(today.AddDays(-1), cancellationToken)).Concat(await roster.OnDateAsync(today, cancellationToken));
        foreach (var (assignment, name) in rostered)
        {
            if (shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var (start, end) = ShiftTimes.Of(assignment, shift, department);
            if (now < start - watch.ReminderBefore) continue;
            var record = await attendance.FindAsync(assignment.PersonId, assignment.Date, assignment.ShiftCode, cancellationToken);
            if (now >= end)
            {
                // 缺勤: the shift is over and nobody checked in. The record's unique key makes a second marking lose its race.
                if (record is null && await units.AtomicallyAsync(() =>
                    {
                        attendance.Add(AttendanceRecord.Absent(assignment));
                        return Task.CompletedTask;
                    }, cancellationToken)) acted++;
                continue;
            }
            if (record?.CheckedInAt is not null) continue;

            var key = $"{assignment.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{assignment.ShiftCode}:{assignment.PersonId}";
            var enqueued = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                if (now < start) enqueued = await RemindAsync(assignment, shift, start, "ReminderBeforeShift", $"duty:before:{key}", cancellationToken);
                else if (now < start + watch.EscalateAfter)
                {
                    if (now >= start + policy.LateAfter)
                        enqueued = await RemindAsync(assignment, shift, start, "ReminderLate", $"duty:late:{key}", cancellationToken);
                }
                // Re-read inside the unit: a check-in that committed since the list was read must not be reported missing.
                else if ((await attendance.FindAsync(assignment.PersonId, assignment.Date, assignment.ShiftCode, cancellationToken))?.CheckedInAt is null)
                    enqueued = await EscalateAsync(assignment, shift, name, start, now, cancellationToken);
            }, cancellationToken);
            if (won && enqueued) acted++;
        }
        return acted;
    }

    private async Task<bool> RemindAsync(RosterAssignment assignment, ShiftDefinition shift, DateTimeOffset start, string textKey, string key, CancellationToken cancellationToken)
    {
        if (await directory.FindPersonAsync(assignment.PersonId, cancellationToken) is not { Active: true } person) return false;
        var language = TextCatalog.NormalizeLanguage(person.Language);
        var word = Texts.Get("CheckInWord", language);
        // Who to tell when something is wrong: their own superior by name (a shift lead told to "contact the shift lead"
        // was told to contact himself).
        var superior = person.ReportsToId is { } superiorId && await directory.FindPersonAsync(superiorId, cancellationToken) is { Active: true } boss
            ? boss.Name
            : Texts.Get("YourSuperior", language);
        var text = Texts.Get(textKey, language, person.Name, ShiftTimes.Describe(shift, language), ShiftTimes.Clock(start, department), superior);
        return await notifier.NotifyAsync(person.Id, new OutgoingMessage(text, [new Choice(word, word)]), key, cancellationToken);
    }

    public const string MissedCheckInKind = "duty.missed-check-in";

    /// <summary>The subject of the missing-check-in case, which also finds it again when the person checks in after all.</summary>
    public static string MissedCheckInSubject(string name, RosterAssignment assignment, ShiftDefinition shift) =>
        // Chinese: escalations are read by supervisors in the department's language; the alert itself is localised.
        Texts.Get("MissedCheckInSubject", TextCatalog.Chinese, name, assignment.Date.ToString("MM-dd", CultureInfo.InvariantCulture), shift.Name);

    private async Task<bool> EscalateAsync(RosterAssignment assignment, ShiftDefinition shift, string name, DateTimeOffset start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = MissedCheckInSubject(name, assignment, shift);
        var details = Texts.Get("MissedCheckInDetails", TextCatalog.Chinese, name, ShiftTimes.Describe(shift, TextCatalog.Chinese),
            assignment.Post, ConversationTexts.Duration(now - start, TextCatalog.Chinese));
        var escalation = await escalations.RaiseAsync(new EscalationRequest(MissedCheckInKind, subject, Severity.Urgent, details, null,
            AboutId: assignment.PersonId), now, cancellationToken);
        // RaiseAsync hands back the open case when one exists: only a case raised just now is a new effect.
        return escalation.RaisedAt == now;
    }
}

/// <summary>
/// 紧急 / emergency: handled at once, and a major one is reported to 客服部经理 immediately (第2篇 1.6, 2.3): an urgent
/// escalation that starts at the department manager. The day's duty manager (值班经理, 第2篇 1.1) hears of it at once too
/// (第14篇 3.3: urgent matters go to both managers at once), and so does whoever else is on duty at the reporter's post, who
/// can go and help now. "紧急" alone asks what happened.
/// </summary>
public sealed class EmergencyCommand(EscalationService escalations, DepartmentProfile department, DutyLogService dutyLog, IDutyManagerStore dutyManagers)
    : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    private const string DescribeStep = "describe";

    public string Name => "emergency";

    public CommandInfo Info { get; } = new("emergency", ["紧急", "紧急情况"], ["emergency"], Texts, "EmergencyDescription", HelpOrder: 3, Urgent: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0)
        {
            turn.AskInFlow(this, DescribeStep, Texts.Get("EmergencyAsk", turn.Language));
            return;
        }
        // As typed: the alert and the duty log keep the reporter's own punctuation.
        await RaiseAsync(turn, turn.AsTyped(arguments), cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var what = turn.Said;
        if (what.Length == 0)
        {
            turn.Reply(Texts.Get("EmergencyAsk", turn.Language));
            return;
        }
        turn.EndFlow();
        await RaiseAsync(turn, what, cancellationToken);
    }

    private async Task RaiseAsync(TurnContext turn, string what, CancellationToken cancellationToken)
    {
        var subject = Texts.Get("EmergencySubject", TextCatalog.Chinese, what.Length > 60 ? what[..60] : what,
            department.ToLocal(turn.Now).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        var escalation = await escalations.RaiseAsync(new EscalationRequest("duty.emergency", subject, Severity.Urgent, what, turn.Sender.Id,
            EscalationLevel.DepartmentManager), turn.Now, cancellationToken);
        // Beside the chain, never twice to one already on it (AlertDutyManagerAsync and AlertOnDutyAsync skip them). The
        // duty manager of the reporter's shift day: at 01:00 on the night shift begun yesterday, yesterday's 值班经理 is
        // the one on duty, not the one who starts in the morning.
        var dutyDay = (await dutyLog.CurrentShiftAsync(turn.Sender.Id, turn.Now, cancellationToken))?.Assignment.Date ?? department.LocalDate(turn.Now);
        if (await dutyManagers.OnAsync(dutyDay, cancellationToken) is { } manager)
            await escalations.AlertDutyManagerAsync(escalation, manager.PersonId, turn.Now, cancellationToken);
        await escalations.AlertOnDutyAsync(escalation, await ColleaguesAtPostAsync(turn.Sender.Id, turn.Now, cancellationToken), turn.Now, cancellationToken);
        var told = await escalations.NotifiedNamesAsync(escalation, cancellationToken);
        // The emergency is also an open duty-log entry (第2篇 1.3): it blocks the handover until settled (第1篇 2.4).
        var entry = await dutyLog.RecordAsync(turn.Sender.Id, DutyLogKind.Emergency, what, null, turn.Now, cancellationToken, escalationId: escalation.Id);
        turn.Reply((told.Count == 0
            ? Texts.Get("EmergencyNobody", turn.Language, escalation.Id)
            : Texts.Get("EmergencyRaised", turn.Language, escalation.Id, string.Join(turn.Language == TextCatalog.English ? ", " : "、", told)))
            + "\n" + dutyLog.EmergencyLogged(entry, turn.Language));
    }

    /// <summary>
    /// Everyone on duty now at the reporter's post: the post of their running shift, else of the shift they are rostered on
    /// nearest now (the night person come in early at 22:00 reports with the middle shift still on); off the roster, every duty post.
    /// </summary>
    private async Task<IEnumerable<string>> ColleaguesAtPostAsync(string reporterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var post = (await dutyLog.CurrentShiftAsync(reporterId, now, cancellationToken))?.Assignment.Post
            ?? (await dutyLog.RosteredAsync(department.LocalDate(now), cancellationToken))
                .Where(d => d.Assignment.PersonId == reporterId)
                .OrderBy(d => (d.Start > now ? d.Start - now : now - d.End).Duration())
                .FirstOrDefault()?.Assignment.Post;
        return (await dutyLog.OnDutyAsync(now, cancellationToken))
            .Where(d => post is null || string.Equals(d.Assignment.Post, post, StringComparison.Ordinal))
            .Select(d => d.Assignment.PersonId)
            .Where(id => id != reporterId);
    }
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Duty;

public enum LeaveStatus
{
    Pending,
    Approved,
    Rejected,
    Returned,
}

/// <summary>
/// 外出: leaving the post during a shift, for work or not, needs the direct superior's approval with a return time
/// (第7篇 1.2.3). Overdue → a reminder to the person, then an escalation to the shift lead on duty.
/// </summary>
public sealed class ShiftLeave
{
    public long Id { get; init; }
    public required string PersonId { get; init; }
    public required DateOnly Date { get; init; }
    public required string ShiftCode { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset ReturnBy { get; init; }
    public required string ApproverId { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public LeaveStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    /// <summary>When the overdue leave went to the shift lead; once is enough, the escalation chain does the rest.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }
    public int Version { get; set; }

    public void Escalated(DateTimeOffset at) => EscalatedAt = at;

    public bool IsOut => Status == LeaveStatus.Approved;

    public void Decided(bool approved, DateTimeOffset at)
    {
        if (Status != LeaveStatus.Pending) throw new InvalidOperationException($"Leave {Id} is {Status}.");
        Status = approved ? LeaveStatus.Approved : LeaveStatus.Rejected;
        DecidedAt = at;
    }

    public void Back(DateTimeOffset at)
    {
        if (Status is not (LeaveStatus.Approved or LeaveStatus.Pending)) throw new InvalidOperationException($"Leave {Id} is {Status}.");
        Status = LeaveStatus.Returned;
        ReturnedAt = at;
    }
}

public interface ILeaveStore
{
    Task<ShiftLeave?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The person's leave that is pending or approved and not yet ended by 回来.</summary>
    Task<ShiftLeave?> OpenForAsync(string personId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShiftLeave>> PendingForApproverAsync(string approverId, CancellationToken cancellationToken);

    /// <summary>Everyone out on an approved 外出 now (not yet back), soonest due back first.</summary>
    Task<IReadOnlyList<ShiftLeave>> OutNowAsync(CancellationToken cancellationToken);

    /// <summary>Approved leaves whose return time has passed and that were not escalated yet.</summary>
    Task<IReadOnlyList<ShiftLeave>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task AddAsync(ShiftLeave leave, CancellationToken cancellationToken);
}

/// <summary>When an overdue leave is escalated (configuration <c>Duty:LeaveEscalateAfter</c>).</summary>
public sealed record LeavePolicy(TimeSpan EscalateAfter);

/// <summary>
/// 外出 / leave: "外出 30分钟 去管理处送文件" or "外出 10:30 …". Only while checked in on a running shift; the return time
/// lies within it. The direct superior approves by button; 回来 / back ends it.
/// </summary>
public sealed class LeaveCommand(
    IRosterStore roster,
    IAttendanceStore attendance,
    ILeaveStore leaves,
    IDirectoryStore directory,
    ShiftSchedule shifts,
    DepartmentProfile department,
    INotifier notifier) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    public const string ApproveWord = "同意外出";
    public const string RejectWord = "驳回外出";

    public CommandInfo Info { get; } = new("leave", ["外出", "离岗"], ["leave", "step out"], Texts, "LeaveDescription", HelpOrder: 13);

    /// <summary>"30分钟 去银行" → the return time and the reason; null when either is missing.</summary>
    private (DateTimeOffset ReturnBy, string Reason)? Parse(string arguments, DateTimeOffset now)
    {
        var words = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && ReturnTime(words[0], now) is { } returnBy) return (returnBy, words[1]);
        // Run together, as often typed: "半小时去银行", "10:30陪业主看房" — the longest head that is a time, then the reason.
        var text = arguments.Trim();
        for (var head = Math.Min(text.Length - 1, LongestTime); head > 0; head--)
        {
            if (ReturnTime(text[..head], now) is not { } at) continue;
            var reason = text[head..].TrimStart(' ', ',', '，', '、');
            if (reason.Length > 0) return (at, reason);
        }
        // The reason first, as often said: "去银行 30分钟", "去银行半小时", "陪业主看房 10:30回来".
        var said = text.TrimEnd('。', '.', ' ');
        foreach (var back in BackWords)
            if (said.EndsWith(back, StringComparison.Ordinal)) { said = said[..^back.Length].TrimEnd(); break; }
        for (var tail = Math.Min(said.Length - 1, LongestTime); tail > 0; tail--)
        {
            var time = said[^tail..].TrimStart();
            // A reason ending in a number ("去3-1-502") is not a time: only a length of time, or a clock with its mark.
            if (time.Length == 0 || !(time.Contains(':') || time.Contains('：') || time.Contains('点') || ClockInput.Duration(TextInput.ForMatching(time)) is not null)) continue;
            if (ReturnTime(time, now) is not { } at) continue;
            var reason = said[..^tail].TrimEnd(' ', ',', '，', '、');
            if (reason.Length > 0) return (at, reason);
        }
        return null;
    }

    // What follows the time when the reason comes first: "30分钟回来", "10:30前回", "半小时左右".
    private static readonly string[] BackWords = ["后回来", "前回来", "以内回来", "内回来", "回来", "后回", "前回", "以内", "左右", "内"];

    // "下午三点四十五分" is the longest time said in words.
    private const int LongestTime = 10;

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments, turn.Now) is not var (returnBy, parsedReason))
        {
            // 外出 alone is asked how to say it; the next message ("30分钟 去银行", with or without 外出) is the answer.
            turn.AskForArguments(Info, Texts.Get(turn.AnswersArgumentsQuestion ? "LeaveAskDetails" : "LeaveUsage", turn.Language));
            return;
        }
        var reason = turn.AsTyped(parsedReason);
        if (returnBy <= turn.Now) throw new BotRuleException(Texts, "LeaveReturnInThePast");

        var today = department.LocalDate(turn.Now);
        (RosterAssignment Assignment, DateTimeOffset End)? current = null;
        foreach (var a in await roster.ForPersonAsync(turn.Sender.Id, today.AddDays(-1), today, cancellationToken))
        {
            if (shifts.Find(a.ShiftCode) is not { } shift) continue;
            var (start, end) = ShiftTimes.Of(a, shift, department);
            if (turn.Now < start || turn.Now >= end) continue;
            if ((await attendance.FindAsync(turn.Sender.Id, a.Date, a.ShiftCode, cancellationToken))?.CheckedInAt is null) continue;
            current = (a, end);
        }
        if (current is not { } on) throw new BotRuleException(Texts, "LeaveNotOnShift");
        if (returnBy > on.End) throw new BotRuleException(Texts, "LeaveAfterShiftEnd", ShiftTimes.Clock(on.End, department));
        if (await leaves.OpenForAsync(turn.Sender.Id, cancellationToken) is { } open) throw new BotRuleException(Texts, "LeaveAlreadyOpen", open.Id);
        var me = await directory.FindPersonAsync(turn.Sender.Id, cancellationToken);
        if (me?.ReportsToId is not { } approverId || await directory.FindPersonAsync(approverId, cancellationToken) is not { Active: true } approver)
            throw new BotRuleException(Texts, "CorrectionNoSuperior");

        var leave = new ShiftLeave
        {
            PersonId = turn.Sender.Id, Date = on.Assignment.Date, ShiftCode = on.Assignment.ShiftCode,
            Reason = reason.Length > 500 ? reason[..500] : reason, ReturnBy = returnBy, ApproverId = approverId, RequestedAt = turn.Now,
        };
        await leaves.AddAsync(leave, cancellationToken);
        var language = TextCatalog.NormalizeLanguage(approver.Language);
        var id = leave.Id.ToString(CultureInfo.InvariantCulture);
        await notifier.NotifyAsync(approver.Id, new OutgoingMessage(
            Texts.Get("LeaveAskApprover", language, approver.Name, turn.Sender.DisplayName, leave.Reason, ShiftTimes.Clock(returnBy, department), leave.Id),
            [new Choice($"{ApproveWord} {id}", Texts.Get("SwapApproveLabel", language)), new Choice($"{RejectWord} {id}", Texts.Get("SwapRejectLabel", language))]),
            $"leave:{id}:ask", cancellationToken);
        turn.Reply(Texts.Get("LeaveRequested", turn.Language, leave.Id, approver.Name));
    }

    /// <summary>
    /// How long — "30分钟", "二十分钟", "半小时", "一个小时", "1个半小时", "1.5小时", "30m", "1h" — or a clock time: "10:30",
    /// "下午3点" (ClockInput).
    /// </summary>
    private DateTimeOffset? ReturnTime(string text, DateTimeOffset now)
    {
        var t = TextInput.ForMatching(text);
        if (ClockInput.Duration(t) is { } span) return now + span;
        // "10:30", "下午3点"; on a night shift "01:30" said at 23:40 is tomorrow's (ClockInput.Resolve).
        return ClockInput.TryParse(t, out var clock) ? ClockInput.Resolve(clock, now, department) : null;
    }
}

/// <summary>同意外出 / 驳回外出 by the direct superior, and 回来 / back by the person.</summary>
public sealed class LeaveAnswers(ILeaveStore leaves, IDirectoryStore directory, DepartmentProfile department, INotifier notifier)
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public async ValueTask DecideAsync(TurnContext turn, string arguments, bool approve, CancellationToken cancellationToken)
    {
        ShiftLeave? leave;
        // "驳回外出 2 现在前台没人", "同意外出 2 早点回来": the words after the number are the superior's reason or remark, and
        // the requester hears them.
        var parts = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string note;
        if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            leave = await leaves.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "LeaveNotFound", id);
            note = parts.Length > 1 ? turn.AsTyped(parts[1]) : "";
        }
        else
        {
            note = turn.AsTyped(arguments.Trim());
            var waiting = await leaves.PendingForApproverAsync(turn.Sender.Id, cancellationToken);
            if (waiting.Count == 0)
            {
                turn.Reply(Texts.Get("LeaveNoneWaiting", turn.Language));
                return;
            }
            if (waiting.Count > 1)
            {
                // Offered to choose from, each with who and why, rather than asking for a number nobody remembers.
                var word = approve ? LeaveCommand.ApproveWord : LeaveCommand.RejectWord;
                var choices = new List<Choice>();
                foreach (var w in waiting)
                {
                    var who = (await directory.FindPersonAsync(w.PersonId, cancellationToken))?.Name ?? w.PersonId;
                    // The reason already typed rides on the button, so choosing which does not lose it.
                    choices.Add(new Choice($"{word} {w.Id}" + (note.Length == 0 ? "" : " " + note), $"#{w.Id} {who}：{w.Reason}"));
                }
                turn.Ask(Texts.Get("LeaveSayWhich", turn.Language), choices);
                return;
            }
            leave = waiting[0];
        }
        if (leave.ApproverId != turn.Sender.Id) throw new BotRuleException(Texts, "LeaveNotYours", leave.Id);
        if (leave.Status != LeaveStatus.Pending) throw new BotRuleException(Texts, "LeaveAlreadyDecided", leave.Id);
        leave.Decided(approve, turn.Now);
        var person = await directory.FindPersonAsync(leave.PersonId, cancellationToken);
        if (person is not null)
        {
            var language = TextCatalog.NormalizeLanguage(person.Language);
            // A refusal's reason and an approval's remark ("同意外出 1 早点回来") alike reach the requester in the superior's words.
            var reason = note.Length == 0 ? "" : Texts.Get(approve ? "ApprovalRemark" : "SwapReason", language, note.Length > 200 ? note[..200] : note);
            await notifier.NotifyAsync(person.Id, new OutgoingMessage(Texts.Get(approve ? "LeaveApproved" : "LeaveRejected", language,
                leave.Id, turn.Sender.DisplayName, ShiftTimes.Clock(leave.ReturnBy, department), reason).TrimEnd()), $"leave:{leave.Id}:{leave.Status}", cancellationToken);
        }
        turn.Reply(Texts.Get(approve ? "LeaveYouApproved" : "LeaveYouRejected", turn.Language, leave.Id, person?.Name ?? leave.PersonId));
    }

    public async ValueTask BackAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await leaves.OpenForAsync(turn.Sender.Id, cancellationToken) is not { } leave)
        {
            turn.Reply(Texts.Get("LeaveNotOut", turn.Language));
            return;
        }
        leave.Back(turn.Now);
        var late = turn.Now - leave.ReturnBy;
        turn.Reply(late > TimeSpan.FromMinutes(1)
            ? Texts.Get("LeaveBackLate", turn.Language, ShiftTimes.Clock(turn.Now, department), ConversationTexts.Duration(late, turn.Language))
            : Texts.Get("LeaveBack", turn.Language, ShiftTimes.Clock(turn.Now, department)));
    }
}

/// <summary>同意外出 / approve leave.</summary>
public sealed class ApproveLeaveCommand(LeaveAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("leave-approve", [LeaveCommand.ApproveWord, "批准外出"], ["approve leave"], DutyTexts.Catalog, "LeaveApproveDescription", HelpOrder: 34, TakesRemark: true,
        ListedFor: Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) => answers.DecideAsync(turn, arguments, true, cancellationToken);
}

/// <summary>驳回外出 / reject leave.</summary>
public sealed class RejectLeaveCommand(LeaveAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("leave-reject", [LeaveCommand.RejectWord, "拒绝外出"], ["reject leave"], DutyTexts.Catalog, "LeaveRejectDescription", HelpOrder: 35, TakesRemark: true,
        ListedFor: Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) => answers.DecideAsync(turn, arguments, false, cancellationToken);
}

/// <summary>回来 / back: ends the person's 外出.</summary>
public sealed class BackCommand(LeaveAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("back", ["回来", "已回岗"], ["back"], DutyTexts.Catalog, "BackDescription", HelpOrder: 14);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) => answers.BackAsync(turn, cancellationToken);
}

/// <summary>
/// Watches approved 外出 past their return time (第7篇 1.2.3): a reminder to the person at once, then, after
/// <see cref="LeavePolicy.EscalateAfter"/>, an escalation to the shift lead on duty. The reminder is keyed by the leave;
/// the escalation joins its open case by subject — so the job firing twice acts once.
/// </summary>
public sealed class LeaveWatch(ILeaveStore leaves, IDirectoryStore directory, LeavePolicy policy, DepartmentProfile department,
    INotifier notifier, EscalationService escalations, IEscalationStore units) : IScheduledWork
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var overdue in await leaves.OverdueAsync(now, cancellationToken))
        {
            if (await directory.FindPersonAsync(overdue.PersonId, cancellationToken) is not { } person) continue;
            var done = false;
            var won = await units.AtomicallyAsync(async () =>
            {
                // Re-read inside the unit: 回来 or another instance may have changed it since the list was read.
                if (await leaves.FindAsync(overdue.Id, cancellationToken) is not { IsOut: true, EscalatedAt: null } leave) return;
                var returnBy = ShiftTimes.Clock(leave.ReturnBy, department);
                if (now < leave.ReturnBy + policy.EscalateAfter)
                {
                    var language = TextCatalog.NormalizeLanguage(person.Language);
                    var back = Texts.Get("BackWord", language);
                    // Whom to tell is who approved it (a shift lead out on 外出 is not sent to "the shift lead").
                    var approver = (await directory.FindPersonAsync(leave.ApproverId, cancellationToken))?.Name ?? Texts.Get("YourSuperior", language);
                    done = await notifier.NotifyAsync(person.Id, new OutgoingMessage(Texts.Get("LeaveOverdueReminder", language, person.Name, returnBy, approver),
                        [new Choice(back, back)]), $"leave:{leave.Id}:overdue", cancellationToken);
                    return;
                }
                var subject = Texts.Get("LeaveOverdueSubject", TextCatalog.Chinese, person.Name, leave.Id);
                var details = Texts.Get("LeaveOverdueDetails", TextCatalog.Chinese, person.Name, leave.Reason, returnBy, ConversationTexts.Duration(now - leave.ReturnBy, TextCatalog.Chinese));
                await escalations.RaiseAsync(new EscalationRequest("duty.leave-overdue", subject, Severity.Urgent, details, null,
                    AboutId: person.Id), now, cancellationToken);
                leave.Escalated(now);
                done = true;
            }, cancellationToken);
            if (won && done) acted++;
        }
        return acted;
    }
}

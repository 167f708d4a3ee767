using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Duty;

public enum CorrectionStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// 补卡: a missed check-in or check-out, explained by the person and approved by their direct superior (第7篇 attendance;
/// 第2篇 2.1). While pending, <see cref="OpenKey"/> names the shift, so one shift has one open request at a time.
/// </summary>
public sealed class AttendanceCorrection
{
    public long Id { get; init; }
    public required string PersonId { get; init; }
    public required DateOnly Date { get; init; }
    public required string ShiftCode { get; init; }
    public required string Reason { get; init; }
    public required string ApproverId { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public CorrectionStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? OpenKey { get; private set; }
    public int Version { get; set; }

    public static string KeyOf(string personId, DateOnly date, string shiftCode) =>
        $"{personId}:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{shiftCode}";

    public void Opened() => OpenKey = KeyOf(PersonId, Date, ShiftCode);

    public void Decided(bool approved, DateTimeOffset at)
    {
        if (Status != CorrectionStatus.Pending) throw new InvalidOperationException($"Correction {Id} is {Status}.");
        Status = approved ? CorrectionStatus.Approved : CorrectionStatus.Rejected;
        DecidedAt = at;
        OpenKey = null;
    }
}

public interface ICorrectionStore
{
    Task<AttendanceCorrection?> FindAsync(long id, CancellationToken cancellationToken);

    Task<AttendanceCorrection?> OpenForAsync(string personId, DateOnly date, string shiftCode, CancellationToken cancellationToken);

    Task<IReadOnlyList<AttendanceCorrection>> PendingForApproverAsync(string approverId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AttendanceCorrection>> AllPendingAsync(CancellationToken cancellationToken);

    /// <summary>Adds and writes it at once (the id goes into the approver's buttons).</summary>
    Task AddAsync(AttendanceCorrection correction, CancellationToken cancellationToken);
}

/// <summary>
/// 补卡 / correction: "补卡 忘记签退" picks the one shift that misses something (or asks which), then asks for a reason if
/// none was given; the direct superior gets 同意 / 驳回 buttons. Only shifts that are over, of the last 7 days, qualify.
/// </summary>
public sealed class CorrectionCommand(
    IRosterStore roster,
    IAttendanceStore attendance,
    ICorrectionStore corrections,
    IDirectoryStore directory,
    ShiftSchedule shifts,
    DepartmentProfile department,
    INotifier notifier) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    private const string ShiftStep = "shift";
    private const string ReasonStep = "reason";
    private const string ShiftKey = "shift";
    private const string ReasonKey = "reason";
    private const int DaysBack = 7;

    public string Name => "correction";

    public CommandInfo Info { get; } = new("correction", ["补卡"], ["correction", "missed check-in"], Texts, "CorrectionDescription", HelpOrder: 12);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var candidates = await CandidatesAsync(turn.Sender.Id, turn.Now, cancellationToken);
        if (candidates.Count == 0)
        {
            turn.Reply(Texts.Get("CorrectionNothingMissing", turn.Language, DaysBack));
            return;
        }
        var words = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = arguments.Trim();
        var picked = candidates;
        if (words.Length > 0 && DutyDates.TryParse(words[0], department.LocalDate(turn.Now), past: true, out var date))
        {
            picked = [.. candidates.Where(c => c.Assignment.Date == date)];
            reason = words.Length > 1 ? words[1] : "";
            if (picked.Count == 0)
            {
                turn.Reply(Texts.Get("CorrectionNothingThatDay", turn.Language, DateText(date, turn.Language)));
                return;
            }
        }
        if (reason.Length > 0) turn.State.Data[ReasonKey] = reason;
        if (picked.Count > 1)
        {
            turn.AskInFlow(this, ShiftStep, Texts.Get("CorrectionWhichShift", turn.Language),
                [.. picked.Select(c => new Choice(Slot(c.Assignment), Label(c.Assignment, c.Shift, turn.Language)))]);
            return;
        }
        await NextAsync(turn, Slot(picked[0].Assignment), cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.State.Step == ShiftStep)
        {
            if (turn.Choice is not { } choice)
            {
                turn.Reply(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", turn.Language));
                return;
            }
            await NextAsync(turn, choice.Value, cancellationToken);
            return;
        }
        var reason = turn.Said;
        if (reason.Length == 0 || !turn.State.Data.TryGetValue(ShiftKey, out var slot))
        {
            turn.Reply(Texts.Get("CorrectionAskReason", turn.Language));
            return;
        }
        turn.EndFlow();
        await SubmitAsync(turn, slot, reason, cancellationToken);
    }

    private async Task NextAsync(TurnContext turn, string slot, CancellationToken cancellationToken)
    {
        if (turn.State.Data.TryGetValue(ReasonKey, out var reason) && reason.Length > 0)
        {
            turn.EndFlow();
            await SubmitAsync(turn, slot, reason, cancellationToken);
            return;
        }
        turn.State.Data[ShiftKey] = slot;
        turn.AskInFlow(this, ReasonStep, Texts.Get("CorrectionAskReason", turn.Language));
    }

    private async Task SubmitAsync(TurnContext turn, string slot, string reason, CancellationToken cancellationToken)
    {
        var (date, shiftCode) = Parse(slot);
        var candidates = await CandidatesAsync(turn.Sender.Id, turn.Now, cancellationToken);
        var (assignment, shift) = candidates.FirstOrDefault(c => c.Assignment.Date == date && c.Assignment.ShiftCode == shiftCode);
        if (assignment is null) throw new BotRuleException(Texts, "CorrectionNothingThatDay", DateText(date, turn.Language));
        if (await corrections.OpenForAsync(turn.Sender.Id, date, shiftCode, cancellationToken) is { } open)
            throw new BotRuleException(Texts, "CorrectionAlreadyPending", open.Id);
        var me = await directory.FindPersonAsync(turn.Sender.Id, cancellationToken);
        if (me?.ReportsToId is not { } approverId || await directory.FindPersonAsync(approverId, cancellationToken) is not { Active: true } approver)
            throw new BotRuleException(Texts, "CorrectionNoSuperior");

        var correction = new AttendanceCorrection
        {
            PersonId = turn.Sender.Id, Date = date, ShiftCode = shiftCode, Reason = reason.Length > 500 ? reason[..500] : reason,
            ApproverId = approverId, RequestedAt = turn.Now,
        };
        correction.Opened();
        await corrections.AddAsync(correction, cancellationToken);

        var language = TextCatalog.NormalizeLanguage(approver.Language);
        var id = correction.Id.ToString(CultureInfo.InvariantCulture);
        await notifier.NotifyAsync(approver.Id, new OutgoingMessage(
            Texts.Get("CorrectionAskApprover", language, approver.Name, turn.Sender.DisplayName, Label(assignment, shift, language), correction.Reason, correction.Id),
            [new Choice($"{CorrectionAnswers.AcceptWord} {id}", Texts.Get("SwapApproveLabel", language)),
             new Choice($"{CorrectionAnswers.DeclineWord} {id}", Texts.Get("SwapRejectLabel", language))]),
            $"correction:{id}:ask", cancellationToken);
        turn.Reply(Texts.Get("CorrectionRequested", turn.Language, correction.Id, approver.Name));
    }

    /// <summary>Shifts of the last days that are over and miss a check-in or a check-out.</summary>
    private async Task<List<(RosterAssignment Assignment, ShiftDefinition Shift)>> CandidatesAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var result = new List<(RosterAssignment, ShiftDefinition)>();
        foreach (var a in await roster.ForPersonAsync(personId, today.AddDays(-DaysBack), today, cancellationToken))
        {
            if (shifts.Find(a.ShiftCode) is not { } shift || ShiftTimes.Of(a, shift, department).End > now) continue;
            var record = await attendance.FindAsync(personId, a.Date, a.ShiftCode, cancellationToken);
            if (record is null || record.IsMissingSomething) result.Add((a, shift));
        }
        return [.. result.OrderByDescending(x => x.Item1.Date).ThenByDescending(x => x.Item2.Start)];
    }

    private static string Slot(RosterAssignment a) => $"{a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {a.ShiftCode}";

    private static (DateOnly Date, string Shift) Parse(string slot)
    {
        var parts = slot.Split(' ', 2);
        return (DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : "");
    }

    internal static string DateText(DateOnly date, string language) =>
        Texts.Get("DateWithWeekday", language, date.ToString("MM-dd", CultureInfo.InvariantCulture), Texts.Get($"Weekday{date.DayOfWeek}", language));

    internal static string Label(RosterAssignment a, ShiftDefinition shift, string language) =>
        $"{DateText(a.Date, language)} {ShiftTimes.Describe(shift, language)}";
}

/// <summary>同意补卡 / 驳回补卡: the direct superior decides; on approval the record shows 补卡.</summary>
public sealed class CorrectionAnswers(ICorrectionStore corrections, IAttendanceStore attendance, IDirectoryStore directory, ShiftSchedule shifts, INotifier notifier)
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    public const string AcceptWord = "同意补卡";
    public const string DeclineWord = "驳回补卡";

    public async ValueTask AnswerAsync(TurnContext turn, string arguments, bool approve, CancellationToken cancellationToken)
    {
        var text = arguments.Trim().TrimStart('#', '＃');
        AttendanceCorrection? correction;
        // "驳回补卡 3 当天有签到记录", "同意补卡 3 下次记得签到": the words after the number are the superior's reason or
        // remark, and the requester hears them.
        var parts = text.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string note;
        if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            correction = await corrections.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "CorrectionNotFound", id);
            note = parts.Length > 1 ? turn.AsTyped(parts[1]) : "";
        }
        else
        {
            note = turn.AsTyped(text);
            var waiting = await corrections.PendingForApproverAsync(turn.Sender.Id, cancellationToken);
            if (waiting.Count == 0)
            {
                turn.Reply(Texts.Get("CorrectionNoneWaiting", turn.Language));
                return;
            }
            if (waiting.Count > 1)
            {
                var word = approve ? AcceptWord : DeclineWord;
                // The reason already typed rides on the button, so choosing which does not lose it.
                turn.Ask(Texts.Get("SwapWhichOne", turn.Language), [.. waiting.Select(c => new Choice($"{word} {c.Id}" + (note.Length == 0 ? "" : " " + note),
                    $"#{c.Id} {CorrectionCommand.DateText(c.Date, turn.Language)}"))]);
                return;
            }
            correction = waiting[0];
        }
        if (correction.ApproverId != turn.Sender.Id) throw new BotRuleException(Texts, "CorrectionNotYours", correction.Id);
        if (correction.Status != CorrectionStatus.Pending) throw new BotRuleException(Texts, "CorrectionAlreadyDecided", correction.Id);

        correction.Decided(approve, turn.Now);
        if (approve)
        {
            var record = await attendance.FindAsync(correction.PersonId, correction.Date, correction.ShiftCode, cancellationToken);
            if (record is null)
            {
                record = new AttendanceRecord { PersonId = correction.PersonId, Date = correction.Date, ShiftCode = correction.ShiftCode };
                attendance.Add(record);
            }
            record.Corrected();
        }
        var person = await directory.FindPersonAsync(correction.PersonId, cancellationToken);
        var shiftName = shifts.Find(correction.ShiftCode)?.Name ?? correction.ShiftCode;
        if (person is not null)
        {
            var language = TextCatalog.NormalizeLanguage(person.Language);
            var shift = shifts.Find(correction.ShiftCode);
            var what = shift is null ? correction.ShiftCode : $"{CorrectionCommand.DateText(correction.Date, language)} {ShiftTimes.Describe(shift, language)}";
            var reason = note.Length == 0 ? "" : Texts.Get(approve ? "ApprovalRemark" : "SwapReason", language, note.Length > 200 ? note[..200] : note);
            await notifier.NotifyAsync(person.Id, new OutgoingMessage(Texts.Get(approve ? "CorrectionApproved" : "CorrectionRejected", language,
                correction.Id, what, turn.Sender.DisplayName, reason).TrimEnd()), $"correction:{correction.Id}:{correction.Status}", cancellationToken);
        }
        turn.Reply(Texts.Get(approve ? "CorrectionYouApproved" : "CorrectionYouRejected", turn.Language, correction.Id, person?.Name ?? correction.PersonId,
            CorrectionCommand.DateText(correction.Date, turn.Language), shiftName));
    }
}

/// <summary>同意补卡 / approve correction.</summary>
public sealed class ApproveCorrectionCommand(CorrectionAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("correction-approve", [CorrectionAnswers.AcceptWord, "批准补卡"], ["approve correction"], DutyTexts.Catalog, "CorrectionApproveDescription", HelpOrder: 32, TakesRemark: true,
        ListedFor: Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        answers.AnswerAsync(turn, arguments, approve: true, cancellationToken);
}

/// <summary>驳回补卡 / reject correction.</summary>
public sealed class RejectCorrectionCommand(CorrectionAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("correction-reject", [CorrectionAnswers.DeclineWord, "拒绝补卡"], ["reject correction"], DutyTexts.Catalog, "CorrectionRejectDescription", HelpOrder: 33, TakesRemark: true,
        ListedFor: Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        answers.AnswerAsync(turn, arguments, approve: false, cancellationToken);
}

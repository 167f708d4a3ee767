using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>
/// The rules of 调班 (第2篇 1.8, 第7篇 1.1.5: no private swaps, the superior approves in advance): request, the colleague's
/// answer, the superior's decision and the roster change. Every refusal is a <see cref="BotRuleException"/> with its reason.
/// </summary>
public sealed class SwapDesk(
    ISwapStore swaps,
    IRosterStore roster,
    IDirectoryStore directory,
    IEscalationDirectory staff,
    ShiftSchedule shifts,
    DepartmentProfile department,
    INotifier notifier)
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public const string AcceptWord = "同意调班";
    public const string DeclineWord = "拒绝调班";

    /// <summary>The requester's shifts from today on that have not started and are not held by a pending swap.</summary>
    public async Task<IReadOnlyList<(RosterAssignment Assignment, ShiftDefinition Shift)>> SwappableAsync(string personId, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var result = new List<(RosterAssignment, ShiftDefinition)>();
        foreach (var a in await roster.ForPersonAsync(personId, today, today.AddDays(days - 1), cancellationToken))
        {
            if (shifts.Find(a.ShiftCode) is not { } shift || ShiftTimes.Of(a, shift, department).Start <= now) continue;
            if (await swaps.PendingHoldingAsync(a.Id, cancellationToken) is not null) continue;
            result.Add((a, shift));
        }
        return [.. result.OrderBy(x => x.Item1.Date).ThenBy(x => x.Item2.Start)];
    }

    /// <summary>Colleagues rostered on the date on another shift than the requester's.</summary>
    public async Task<IReadOnlyList<(RosterAssignment Assignment, string Name, ShiftDefinition Shift)>> CandidatesAsync(string personId, DateOnly date, CancellationToken cancellationToken)
    {
        var day = await roster.OnDateAsync(date, cancellationToken);
        var mine = day.Where(p => p.Assignment.PersonId == personId).Select(p => p.Assignment.ShiftCode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. day.Where(p => p.Assignment.PersonId != personId && !mine.Contains(p.Assignment.ShiftCode))
            .Select(p => (p.Assignment, p.Name, Shift: shifts.Find(p.Assignment.ShiftCode)))
            .Where(p => p.Shift is not null)
            .Select(p => (p.Assignment, p.Name, p.Shift!))
            .OrderBy(p => p.Item3.Start).ThenBy(p => p.Name)];
    }

    /// <summary>Checks a request and, when every rule holds, records it and asks the colleague.</summary>
    public async Task<ShiftSwap> RequestAsync(Participant requester, string colleagueText, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var colleague = await staff.FindStaffAsync(colleagueText, cancellationToken)
            ?? throw new BotRuleException(Texts, "SwapUnknownColleague", colleagueText);
        if (colleague.Id == requester.Id) throw new BotRuleException(Texts, "SwapWithYourself");
        var dateText = DateText(date);
        if (date < department.LocalDate(now)) throw new BotRuleException(Texts, "SwapDatePassed", dateText);

        var mine = (await roster.ForPersonAsync(requester.Id, date, cancellationToken))
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode))).Where(x => x.Shift is not null)
            .OrderBy(x => x.Shift!.Start).ToList();
        if (mine.Count == 0) throw new BotRuleException(Texts, "SwapYouAreNotRostered", dateText);
        var theirs = (await roster.ForPersonAsync(colleague.Id, date, cancellationToken))
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode))).Where(x => x.Shift is not null)
            .OrderBy(x => x.Shift!.Start).ToList();
        if (theirs.Count == 0) throw new BotRuleException(Texts, "SwapColleagueNotOnDuty", colleague.Name, dateText);

        var (myAssignment, myShift) = mine.FirstOrDefault(x => ShiftTimes.Of(x.Assignment, x.Shift!, department).Start > now);
        if (myAssignment is null) throw new BotRuleException(Texts, "SwapShiftStarted", dateText);
        var (theirAssignment, theirShift) = theirs.FirstOrDefault(x => ShiftTimes.Of(x.Assignment, x.Shift!, department).Start > now);
        if (theirAssignment is null) throw new BotRuleException(Texts, "SwapColleagueShiftStarted", colleague.Name, dateText);
        if (mine.Any(x => string.Equals(x.Assignment.ShiftCode, theirAssignment.ShiftCode, StringComparison.OrdinalIgnoreCase))
            || theirs.Any(x => string.Equals(x.Assignment.ShiftCode, myAssignment.ShiftCode, StringComparison.OrdinalIgnoreCase)))
            throw new BotRuleException(Texts, "SwapSameShift", colleague.Name, dateText);
        if (await swaps.PendingHoldingAsync(myAssignment.Id, cancellationToken) is { } mineHeld)
            throw new BotRuleException(Texts, "SwapAlreadyPending", dateText, mineHeld.Id);
        if (await swaps.PendingHoldingAsync(theirAssignment.Id, cancellationToken) is { } theirsHeld)
            throw new BotRuleException(Texts, "SwapColleagueAlreadyPending", colleague.Name, dateText, theirsHeld.Id);

        // 第2篇 1.8: the direct superior approves. When the colleague is that superior, the one above approves instead.
        var me = await directory.FindPersonAsync(requester.Id, cancellationToken);
        var approverId = me?.ReportsToId == colleague.Id ? colleague.ReportsToId : me?.ReportsToId;
        if (approverId is null || await directory.FindPersonAsync(approverId, cancellationToken) is not { Active: true })
            throw new BotRuleException(Texts, "SwapNoSuperior");

        var swap = new ShiftSwap
        {
            RequesterId = requester.Id,
            ColleagueId = colleague.Id,
            ApproverId = approverId,
            Date = date,
            RequesterAssignmentId = myAssignment.Id,
            RequesterShiftCode = myAssignment.ShiftCode,
            ColleagueAssignmentId = theirAssignment.Id,
            ColleagueShiftCode = theirAssignment.ShiftCode,
            RequestedAt = now,
        };
        await swaps.AddAsync(swap, cancellationToken);

        var language = TextCatalog.NormalizeLanguage(colleague.Language);
        await notifier.NotifyAsync(colleague.Id, new OutgoingMessage(
            Texts.Get("SwapAskColleague", language, colleague.Name, requester.DisplayName, DateText(date, language),
                ShiftTimes.Describe(myShift!, language), ShiftTimes.Describe(theirShift!, language), swap.Id),
            Buttons(swap, language, "SwapAcceptLabel", "SwapDeclineLabel")), $"swap:{swap.Id}:ask:{colleague.Id}", cancellationToken);
        return swap;
    }

    /// <summary>同意 from the colleague (then the superior is asked) or from the superior (then the roster changes).</summary>
    public async Task<string> AcceptAsync(Participant actor, long id, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // "批准调班 记得交接": the words said with the yes reach those it concerns, as a refusal's reason does.
        var remark = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        remark = remark is { Length: > 200 } ? remark[..200] : remark;
        var swap = await WaitingOnAsync(actor, id, cancellationToken);
        var language = actor.Language;
        if (await LapsedAsync(swap, now, language, cancellationToken) is { } lapsed) return lapsed;

        var (requester, colleague) = await PeopleOfAsync(swap, cancellationToken);
        if (swap.Status == SwapStatus.AwaitingColleague)
        {
            swap.Accepted(now);
            var approver = await directory.FindPersonAsync(swap.ApproverId, cancellationToken);
            if (approver is not null)
            {
                var approverLanguage = TextCatalog.NormalizeLanguage(approver.Language);
                await notifier.NotifyAsync(approver.Id, new OutgoingMessage(
                    Texts.Get("SwapAskApprover", approverLanguage, approver.Name, requester.Name, colleague.Name, Describe(swap, requester, colleague, approverLanguage), swap.Id),
                    Buttons(swap, approverLanguage, "SwapApproveLabel", "SwapRejectLabel")), $"swap:{swap.Id}:ask:{approver.Id}", cancellationToken);
            }
            await TellAsync(requester, swap, "SwapColleagueAccepted", cancellationToken, colleague.Name, approver?.Name ?? swap.ApproverId,
                Remark(remark, requester.Language));
            return Texts.Get("SwapYouAccepted", language, requester.Name, approver?.Name ?? swap.ApproverId);
        }

        // The superior's approval: both roster rows change in this one unit of work, or neither does.
        var mine = await swaps.AssignmentAsync(swap.RequesterAssignmentId, cancellationToken);
        var theirs = await swaps.AssignmentAsync(swap.ColleagueAssignmentId, cancellationToken);
        if (mine is null || theirs is null || mine.PersonId != swap.RequesterId || theirs.PersonId != swap.ColleagueId)
        {
            swap.Lapsed(now);
            await swaps.ReleaseAsync(swap, cancellationToken);
            await TellAsync(requester, swap, "SwapLapsedRosterChanged", cancellationToken);
            await TellAsync(colleague, swap, "SwapLapsedRosterChanged", cancellationToken);
            return Texts.Get("SwapLapsedRosterChanged", language, swap.Id, DateText(swap.Date, language));
        }
        mine.PersonId = swap.ColleagueId;
        theirs.PersonId = swap.RequesterId;
        swap.Approved(now);
        await swaps.ReleaseAsync(swap, cancellationToken);
        var approverName = actor.DisplayName;
        await TellApprovedAsync(requester, swap, theirs, approverName, remark, cancellationToken);
        await TellApprovedAsync(colleague, swap, mine, approverName, remark, cancellationToken);
        // 第2篇 1.8: a swap is reported to 客服部经理 (unless they approved it themselves).
        foreach (var manager in await staff.PeopleAtAsync(EscalationLevel.DepartmentManager, now, cancellationToken))
        {
            if (manager.Id == actor.Id || manager.Id == requester.Id || manager.Id == colleague.Id) continue;
            var managerLanguage = TextCatalog.NormalizeLanguage(manager.Language);
            await notifier.NotifyAsync(manager.Id, new OutgoingMessage(Texts.Get("SwapReported", managerLanguage, swap.Id, requester.Name, colleague.Name,
                DateText(swap.Date, managerLanguage), ShiftName(mine.ShiftCode, managerLanguage), ShiftName(theirs.ShiftCode, managerLanguage), approverName)),
                $"swap:{swap.Id}:reported:{manager.Id}", cancellationToken);
        }
        return Texts.Get("SwapYouApproved", language, swap.Id, requester.Name, colleague.Name);
    }

    /// <summary>拒绝 from the colleague or the superior; the requester (and, after a rejection, the colleague) hears why.</summary>
    public async Task<string> DeclineAsync(Participant actor, long id, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var swap = await WaitingOnAsync(actor, id, cancellationToken);
        var language = actor.Language;
        var (requester, colleague) = await PeopleOfAsync(swap, cancellationToken);
        var noteText = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (swap.Status == SwapStatus.AwaitingColleague)
        {
            swap.Declined(now, noteText);
            await swaps.ReleaseAsync(swap, cancellationToken);
            await TellAsync(requester, swap, "SwapColleagueDeclined", cancellationToken, colleague.Name, Reason(noteText, requester.Language));
            return Texts.Get("SwapYouDeclined", language, swap.Id, requester.Name);
        }
        swap.Rejected(now, noteText);
        await swaps.ReleaseAsync(swap, cancellationToken);
        await TellAsync(requester, swap, "SwapRejected", cancellationToken, actor.DisplayName, Reason(noteText, requester.Language));
        await TellAsync(colleague, swap, "SwapRejected", cancellationToken, actor.DisplayName, Reason(noteText, colleague.Language));
        return Texts.Get("SwapYouRejected", language, swap.Id, requester.Name, colleague.Name);
    }

    public Task<IReadOnlyList<ShiftSwap>> WaitingForAsync(string personId, CancellationToken cancellationToken) =>
        swaps.WaitingForAsync(personId, cancellationToken);

    public string DateText(DateOnly date, string language = TextCatalog.Chinese) =>
        Texts.Get("DateWithWeekday", language, date.ToString("MM-dd", CultureInfo.InvariantCulture), Texts.Get($"Weekday{date.DayOfWeek}", language));

    public string Describe(ShiftSwap swap, Person requester, Person colleague, string language) =>
        Texts.Get("SwapSummary", language, DateText(swap.Date, language),
            requester.Name, ShiftName(swap.RequesterShiftCode, language), colleague.Name, ShiftName(swap.ColleagueShiftCode, language));

    private string ShiftName(string code, string language) =>
        shifts.Find(code) is { } shift ? ShiftTimes.Describe(shift, language) : code;

    private async Task<ShiftSwap> WaitingOnAsync(Participant actor, long id, CancellationToken cancellationToken)
    {
        var swap = await swaps.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "SwapNotFound", id);
        if (swap.WaitingFor == actor.Id) return swap;
        if (!swap.IsPending) throw new BotRuleException(Texts, "SwapAlreadyDecided", id, StatusName(swap.Status));
        throw new BotRuleException(Texts, "SwapNotYours", id);
    }

    /// <summary>A swap answered after either shift started can no longer happen: it lapses, and both are told.</summary>
    private async Task<string?> LapsedAsync(ShiftSwap swap, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var first = new[] { swap.RequesterShiftCode, swap.ColleagueShiftCode }
            .Select(code => shifts.Find(code))
            .Where(s => s is not null)
            .Select(s => department.ToInstant(swap.Date, s!.Start))
            .DefaultIfEmpty(department.ToInstant(swap.Date, TimeOnly.MinValue))
            .Min();
        if (now < first) return null;
        swap.Lapsed(now);
        await swaps.ReleaseAsync(swap, cancellationToken);
        var (requester, colleague) = await PeopleOfAsync(swap, cancellationToken);
        await TellAsync(requester, swap, "SwapLapsedStarted", cancellationToken);
        await TellAsync(colleague, swap, "SwapLapsedStarted", cancellationToken);
        return Texts.Get("SwapLapsedStarted", language, swap.Id, DateText(swap.Date, language));
    }

    private async Task<(Person Requester, Person Colleague)> PeopleOfAsync(ShiftSwap swap, CancellationToken cancellationToken) =>
        (await directory.FindPersonAsync(swap.RequesterId, cancellationToken) ?? new Person { Id = swap.RequesterId, Name = swap.RequesterId },
         await directory.FindPersonAsync(swap.ColleagueId, cancellationToken) ?? new Person { Id = swap.ColleagueId, Name = swap.ColleagueId });

    private Task TellAsync(Person person, ShiftSwap swap, string key, CancellationToken cancellationToken, params object[] args)
    {
        var language = TextCatalog.NormalizeLanguage(person.Language);
        var text = Texts.Get(key, language, [swap.Id, DateText(swap.Date, language), .. args]).TrimEnd();
        return notifier.NotifyAsync(person.Id, new OutgoingMessage(text), $"swap:{swap.Id}:{swap.Status}:{person.Id}", cancellationToken);
    }

    private Task TellApprovedAsync(Person person, ShiftSwap swap, RosterAssignment now, string approver, string? remark, CancellationToken cancellationToken)
    {
        var language = TextCatalog.NormalizeLanguage(person.Language);
        var text = Texts.Get("SwapApproved", language, swap.Id, DateText(swap.Date, language), approver, ShiftName(now.ShiftCode, language), now.Post,
            Remark(remark, language)).TrimEnd();
        return notifier.NotifyAsync(person.Id, new OutgoingMessage(text), $"swap:{swap.Id}:{swap.Status}:{person.Id}", cancellationToken);
    }

    private static string Reason(string? note, string language) =>
        note is null ? "" : Texts.Get("SwapReason", TextCatalog.NormalizeLanguage(language), note);

    private static string Remark(string? note, string language) =>
        note is null ? "" : Texts.Get("ApprovalRemark", TextCatalog.NormalizeLanguage(language), note);

    private static string StatusName(SwapStatus status) => Texts.Get($"SwapStatus{status}", TextCatalog.Chinese);

    private static Choice[] Buttons(ShiftSwap swap, string language, string yesKey, string noKey)
    {
        var id = swap.Id.ToString(CultureInfo.InvariantCulture);
        return [new Choice($"{AcceptWord} {id}", Texts.Get(yesKey, language)), new Choice($"{DeclineWord} {id}", Texts.Get(noKey, language))];
    }
}

/// <summary>
/// 调班 / swap: "调班 李四 明天" asks at once; "调班" alone walks through it — which of my shifts, then which colleague
/// on duty that day. The colleague and then the direct superior answer by button (第2篇 1.8, 第7篇 1.1.5).
/// </summary>
public sealed class SwapCommand(SwapDesk desk, DepartmentProfile department) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    private const string DateStep = "date";
    private const string ColleagueStep = "colleague";
    private const string DateKey = "date";
    private const string ColleagueKey = "colleague";
    private const int DaysAhead = 14;

    public string Name => "swap";

    public CommandInfo Info { get; } = new("swap", ["调班", "换班"], ["swap", "swap shift"], Texts, "SwapDescription", HelpOrder: 11);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var (date, colleague) = Read(arguments, department.LocalDate(turn.Now));
        if (date is { } day && colleague.Length > 0)
        {
            await SubmitAsync(turn, colleague, day, cancellationToken);
            return;
        }
        if (colleague.Length > 0) turn.State.Data[ColleagueKey] = colleague;
        if (date is { } only)
        {
            await AskColleagueAsync(turn, only, cancellationToken);
            return;
        }
        await AskDateAsync(turn, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = TextInput.Normalize(turn.Choice?.Value ?? turn.Text);
        if (turn.State.Step == DateStep)
        {
            if (!DutyDates.TryParse(answer, department.LocalDate(turn.Now), out var date))
            {
                // "明天 和吴九换": the day and the colleague in one answer, as 调班 takes them.
                if (Read(answer, department.LocalDate(turn.Now)) is ({ } day, { Length: > 0 } colleague))
                {
                    turn.EndFlow();
                    await SubmitAsync(turn, colleague, day, cancellationToken);
                    return;
                }
                // The shifts offered stay offered: the buttons come again with the question.
                var offered = turn.State.PendingChoices;
                if (offered.Count > 0) turn.Ask(Texts.Get("SwapBadDate", turn.Language, answer), [.. offered]);
                else turn.Reply(Texts.Get("SwapBadDate", turn.Language, answer));
                return;
            }
            if (turn.State.Data.TryGetValue(ColleagueKey, out var named))
            {
                turn.EndFlow();
                await SubmitAsync(turn, named, date, cancellationToken);
                return;
            }
            await AskColleagueAsync(turn, date, cancellationToken);
            return;
        }
        if (!turn.State.Data.TryGetValue(DateKey, out var dateText)
            || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var chosen)
            || answer.Length == 0)
        {
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", turn.Language));
            return;
        }
        // Refusals end the flow: the reason is the answer, and 调班 starts afresh.
        turn.EndFlow();
        await SubmitAsync(turn, answer, chosen, cancellationToken);
    }

    private static readonly string[] ColleagueLeads = ["和", "跟", "与", "同", "with "];
    private static readonly string[] ColleagueTails = ["换班", "调班", "换", "调"];

    /// <summary>
    /// A day and a colleague, in either order, from words apart ("李四 明天", "明天 和吴九换"): the colleague as named,
    /// without a 和 … 换 said around the name.
    /// </summary>
    private static (DateOnly? Date, string Colleague) Read(string text, DateOnly today)
    {
        DateOnly? date = null;
        var who = new List<string>();
        foreach (var word in text.Split([' ', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (date is null && DutyDates.TryParse(word, today, out var d)) date = d;
            else who.Add(word);
        }
        var colleague = string.Join(' ', who);
        // Only both together: a name may well begin with 和 or end in 调 on its own.
        if (ColleagueLeads.FirstOrDefault(l => colleague.StartsWith(l, StringComparison.OrdinalIgnoreCase)) is { } lead
            && ColleagueTails.FirstOrDefault(t => colleague.EndsWith(t, StringComparison.Ordinal)) is { } tail
            && colleague.Length > lead.Length + tail.Length)
            colleague = colleague[lead.Length..^tail.Length].Trim();
        return (date, colleague);
    }

    private async Task AskDateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = await desk.SwappableAsync(turn.Sender.Id, turn.Now, DaysAhead, cancellationToken);
        if (mine.Count == 0)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("SwapNothingToSwap", turn.Language, DaysAhead));
            return;
        }
        turn.AskInFlow(this, DateStep, Texts.Get("SwapAskDate", turn.Language),
            [.. mine.Take(7).Select(x => new Choice(x.Assignment.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"{desk.DateText(x.Assignment.Date, turn.Language)} {ShiftTimes.Describe(x.Shift, turn.Language)}"))]);
    }

    private async Task AskColleagueAsync(TurnContext turn, DateOnly date, CancellationToken cancellationToken)
    {
        var candidates = await desk.CandidatesAsync(turn.Sender.Id, date, cancellationToken);
        if (candidates.Count == 0)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("SwapNobodyThatDay", turn.Language, desk.DateText(date, turn.Language)));
            return;
        }
        turn.State.Data[DateKey] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        turn.AskInFlow(this, ColleagueStep, Texts.Get("SwapAskColleagueName", turn.Language, desk.DateText(date, turn.Language)),
            [.. candidates.Take(6).Select(c => new Choice(c.Assignment.PersonId, $"{c.Name} {ShiftTimes.Describe(c.Shift, turn.Language)}"))]);
    }

    private async Task SubmitAsync(TurnContext turn, string colleague, DateOnly date, CancellationToken cancellationToken)
    {
        var swap = await desk.RequestAsync(turn.Sender, colleague, date, turn.Now, cancellationToken);
        turn.Reply(Texts.Get("SwapRequested", turn.Language, swap.Id, desk.DateText(date, turn.Language)));
    }
}

/// <summary>同意调班 / 拒绝调班: the colleague's answer, then the superior's; "同意调班 12", or plain when only one waits.</summary>
public sealed class SwapAnswers(SwapDesk desk)
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public async ValueTask AnswerAsync(TurnContext turn, string arguments, bool accept, CancellationToken cancellationToken)
    {
        var parts = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        long id;
        string? note = null;
        if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var given))
        {
            id = given;
            // As typed: the requester reads the reason in the superior's own punctuation.
            note = parts.Length > 1 ? turn.AsTyped(parts[1]) : null;
        }
        else
        {
            var waiting = await desk.WaitingForAsync(turn.Sender.Id, cancellationToken);
            if (waiting.Count == 0)
            {
                turn.Reply(Texts.Get("SwapNoneWaiting", turn.Language));
                return;
            }
            if (waiting.Count > 1)
            {
                var word = accept ? SwapDesk.AcceptWord : SwapDesk.DeclineWord;
                // A reason already typed rides on the button, so choosing which does not lose it.
                var said = turn.AsTyped(arguments.Trim());
                turn.Ask(Texts.Get("SwapWhichOne", turn.Language),
                    [.. waiting.Select(s => new Choice($"{word} {s.Id}" + (said.Length == 0 ? "" : " " + said), $"#{s.Id} {desk.DateText(s.Date, turn.Language)}"))]);
                return;
            }
            id = waiting[0].Id;
            note = arguments.Trim() is { Length: > 0 } rest ? turn.AsTyped(rest) : null;
        }
        turn.Reply(accept
            ? await desk.AcceptAsync(turn.Sender, id, note, turn.Now, cancellationToken)
            : await desk.DeclineAsync(turn.Sender, id, note, turn.Now, cancellationToken));
    }
}

/// <summary>同意调班 / accept swap (the colleague agrees, or the superior approves).</summary>
public sealed class AcceptSwapCommand(SwapAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("swap-accept", [SwapDesk.AcceptWord, "批准调班"], ["accept swap", "approve swap"], DutyTexts.Catalog, "SwapAcceptDescription", HelpOrder: 30, TakesRemark: true,
        ListedFor: Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        answers.AnswerAsync(turn, arguments, accept: true, cancellationToken);
}

/// <summary>拒绝调班 / decline swap (the colleague declines, or the superior rejects), optionally with a reason.</summary>
public sealed class DeclineSwapCommand(SwapAnswers answers) : IBotCommand
{
    public CommandInfo Info { get; } = new("swap-decline", [SwapDesk.DeclineWord, "驳回调班"], ["decline swap", "reject swap"], DutyTexts.Catalog, "SwapDeclineDescription", HelpOrder: 31, TakesRemark: true,
        ListedFor: Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        answers.AnswerAsync(turn, arguments, accept: false, cancellationToken);
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Calls;

/// <summary>The phone log's text catalog (CallTexts.resx, CallTexts.en.resx).</summary>
public static class CallTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Calls.CallTexts", typeof(CallTexts).Assembly);
}

/// <summary>What the phone-log commands share: how a call reads, what can be done with it, and telling people.</summary>
public sealed class CallDesk(IPhoneLog log, Colleagues colleagues, DepartmentProfile department)
{
    private static readonly TextCatalog Texts = CallTexts.Catalog;

    public IPhoneLog Log => log;

    public IEscalationDirectory People => colleagues.Directory;

    public string Clock(DateTimeOffset instant) => department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"#3 10:05 3-1-502：卫生间漏水，请派人维修"</summary>
    public string Describe(PhoneCall call, string language) =>
        Texts.Get(call.UnitCode is null ? "CallLine" : "CallLineUnit", language, call.Id, Clock(call.TakenAt), call.Matter, call.UnitCode ?? "");

    public Task<string> NameAsync(string? personId, CancellationToken cancellationToken) => colleagues.NameAsync(personId, cancellationToken);

    /// <summary>What can be done with a call just written down, each a button that says it.</summary>
    public static IReadOnlyList<Choice> Outcomes(long id, string language) =>
    [
        Texts.Action("WordOutcome", id, language, "AnsweredLabel", then: Texts.Get("VerbAnswered", language)),
        Texts.Action("WordOutcome", id, language, "EscalateLabel", then: Texts.Get("VerbEscalate", language)),
        Texts.Action("WordOutcome", id, language, "PassOnLabel", then: Texts.Get("VerbPassOn", language)),
    ];

    /// <summary>"已处理" under a call passed on: the colleague says they called back or did what was asked (第10篇 一.3).</summary>
    public static Choice DoneButton(long id, string language) =>
        Texts.Action("WordOutcome", id, language, "DoneLabel", then: Texts.Get("VerbDone", language));

    /// <summary>Tells a colleague in their language; the key makes a repeat send nothing twice.</summary>
    public Task TellAsync(Person person, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        colleagues.TellAsync(person.Id, key, message, cancellationToken);

    /// <summary>Where a call stands, for the log.</summary>
    public async Task<string> StateAsync(PhoneCall call, string language, CancellationToken cancellationToken) => call.Outcome switch
    {
        CallOutcome.Answered => Texts.Get("StateAnswered", language),
        CallOutcome.PassedOn => Texts.Get(call.DoneAt is null ? "StatePassedOn" : "StatePassedOnDone", language, await NameAsync(call.PassedToId, cancellationToken)),
        CallOutcome.Escalated => Texts.Get("StateEscalated", language, call.EscalationId ?? 0),
        _ => Texts.Get("StateOpen", language, call.Id),
    };
}

/// <summary>
/// 来电 [房号] 事由: a call written down as the caller said it (第10篇 一.3: 逐条记录在案), then answered on the spot,
/// raised to the shift lead to act on, or passed on to the colleague it was for.
/// </summary>
public sealed class LogCallCommand(CallDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = CallTexts.Catalog;

    private static readonly TimeSpan SameCallWithin = TimeSpan.FromMinutes(2);

    public CommandInfo Info { get; } = new("call-log", ["来电", "来电登记", "电话登记"], ["log call"], Texts, "LogDescription", HelpOrder: 90, RecordsText: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var typed = turn.AsTyped(arguments).Trim();
        if (typed.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("LogUsage", language));
            return;
        }
        // "3-1-502 陈先生：卫生间漏水": the unit first, when it is one, and then no part of what was said; one named
        // elsewhere ("3-1-502业主来电说漏水", "业主3-1-502说漏水") is the call's unit too, the words kept as they are.
        var words = typed.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unit = Unit.NamedIn(TextInput.Normalize(typed));
        if (words.Length == 2 && Unit.TryParse(words[0], out _)) (unit, typed) = (TextInput.Normalize(words[0]), words[1]);
        else if (unit is not null && typed.StartsWith(unit, StringComparison.OrdinalIgnoreCase)) typed = typed[unit.Length..];
        var matter = typed.TrimStart(':', '：', ' ');
        if (matter.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("LogUsage", language));
            return;
        }
        matter = matter.Length > PhoneCall.MaxMatterLength ? matter[..PhoneCall.MaxMatterLength] : matter;
        // The same call sent twice (a double tap, a resend on a slow line): one entry in the log, not two to deal with.
        if ((await desk.Log.SinceOrOpenAsync(turn.Now - SameCallWithin, cancellationToken)).FirstOrDefault(c => c.TakenById == turn.Sender.Id
                && c.UnitCode == unit && c.Matter == matter && c.TakenAt >= turn.Now - SameCallWithin) is { } same)
        {
            turn.Reply(Texts.Get("LoggedAlready", language, desk.Describe(same, language)));
            return;
        }
        var call = new PhoneCall
        {
            TakenById = turn.Sender.Id,
            TakenAt = turn.Now,
            UnitCode = unit,
            Matter = matter,
        };
        desk.Log.Add(call);
        await desk.Log.FlushAsync(cancellationToken);
        // About a unit: its record (业户) one press away while the caller is still on the line.
        var record = CallbackTexts.Catalog.Get("WordUnitRecord", language);
        turn.Ask(Texts.Get("Logged", language, desk.Describe(call, language)),
            unit is null ? CallDesk.Outcomes(call.Id, language) : [.. CallDesk.Outcomes(call.Id, language), new Choice($"{record} {unit}", $"{record} {unit}")]);
    }
}

/// <summary>
/// 来电处理 N 已答复 | 转领班 | 转告 [同事]: what became of a call. A request to act on is a case for the shift lead on duty,
/// which climbs the chain if nobody says 收到; a message for someone is sent to them (第10篇 一.3: 传呼他人), and stays in
/// their 待办 until they say 来电处理 N 已处理 (one tap on the message or in 待办), as a case stays until 已处理.
/// </summary>
public sealed class CallOutcomeCommand(CallDesk desk, EscalationService escalations) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = CallTexts.Catalog;
    private const string ToStep = "to";

    public string Name => "calls.pass-on";

    public CommandInfo Info { get; } = new("call-outcome", ["来电处理"], ["call outcome"], Texts, "OutcomeDescription", HelpOrder: 91,
        ListedFor: Roles.FrontDesk); // mostly pressed as the buttons under a call; listed where calls are taken all day

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var words = turn.AsTyped(arguments).Trim().TrimStart('#', '＃').Split(' ', 3, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            // Alone: the calls still waiting, one button each (or the one there is, with what can be done with it).
            var open = await desk.Log.OpenAsync(cancellationToken);
            if (open is [var only]) turn.Ask(Texts.Get("WhichOutcome", language, desk.Describe(only, language)), CallDesk.Outcomes(only.Id, language));
            else if (open.Count == 0) turn.Reply(Texts.Get("NoneOpen", language));
            else turn.Ask(Texts.Get("WhichCall", language), [.. open.Take(6).Select(c => Texts.Action("WordOutcome", c.Id, language) with { Label = desk.Describe(c, language) })]);
            return;
        }
        if (!long.TryParse(TextInput.Normalize(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            turn.Reply(Texts.Get("OutcomeUsage", language));
            return;
        }
        var call = await desk.Log.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "NotFound", id);
        var verb = words.Length > 1 ? TextInput.ForMatching(words[1]) : "";
        if (call.Outcome == CallOutcome.PassedOn && (Is(verb, "VerbDone", DoneWords) || (verb.Length == 0 && call.PassedToId == turn.Sender.Id)))
        {
            await DoneAsync(turn, call, verb.Length > 0, cancellationToken);
            return;
        }
        if (call.Outcome != CallOutcome.Open)
            throw new BotRuleException(Texts, "AlreadyDecided", call.Id, await desk.StateAsync(call, language, cancellationToken));
        if (Is(verb, "VerbAnswered", "已答复", "答复", "answered"))
        {
            call.Answered(turn.Now);
            turn.Reply(Texts.Get("AnsweredReply", language, desk.Describe(call, language)));
        }
        else if (Is(verb, "VerbEscalate", "转领班", "领班", "escalate"))
        {
            var escalation = await escalations.RaiseAsync(new EscalationRequest("calls.request",
                Texts.Get("CaseSubject", TextCatalog.Chinese, call.UnitCode ?? Texts.Get("NoUnit", TextCatalog.Chinese), Short(call.Matter)),
                Severity.Normal,
                Texts.Get("CaseDetails", TextCatalog.Chinese, turn.Sender.DisplayName, desk.Clock(call.TakenAt), desk.Describe(call, TextCatalog.Chinese)),
                turn.Sender.Id), turn.Now, cancellationToken);
            call.Escalated(escalation.Id, turn.Now);
            var told = await escalations.NotifiedNamesAsync(escalation, cancellationToken, exceptId: turn.Sender.Id);
            turn.Reply(told.Count == 0
                ? Texts.Get("EscalatedReply", language, escalation.Id)
                : Texts.Get("EscalatedReplyTo", language, escalation.Id, string.Join(language == TextCatalog.English ? ", " : "、", told)));
        }
        else if (Is(verb, "VerbPassOn", "转告", "pass"))
        {
            if (words.Length > 2)
            {
                await PassOnAsync(turn, call, words[2], cancellationToken);
                return;
            }
            turn.State.Data.Clear();
            turn.State.Data["call"] = call.Id.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, ToStep, Texts.Get("AskWhom", language, desk.Describe(call, language)));
        }
        else turn.Ask(Texts.Get("WhichOutcome", language, desk.Describe(call, language)), CallDesk.Outcomes(call.Id, language));
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Said.Length == 0)
        {
            turn.Reply(Texts.Get("AskWhomAgain", turn.Language));
            return;
        }
        var id = long.Parse(turn.State.Data.GetValueOrDefault("call") ?? "0", CultureInfo.InvariantCulture);
        if (await desk.Log.FindAsync(id, cancellationToken) is not { Outcome: CallOutcome.Open } call)
        {
            turn.EndFlow();
            throw new BotRuleException(Texts, "NotFound", id);
        }
        await PassOnAsync(turn, call, turn.Said, cancellationToken);
    }

    // How people say they dealt with a message: called back, or did what it asked.
    private static readonly string[] DoneWords = ["已处理", "处理了", "已回电", "回电了", "已回复", "done", "calledback"];

    /// <summary>
    /// The colleague a call was passed on to says it is dealt with; only they can, since it waits on them. Typed without
    /// the word (来电处理 N), they are asked, with the button.
    /// </summary>
    private async Task DoneAsync(TurnContext turn, PhoneCall call, bool said, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (call.PassedToId != turn.Sender.Id)
            throw new BotRuleException(Texts, "DoneNotYours", call.Id, await desk.NameAsync(call.PassedToId, cancellationToken));
        if (call.DoneAt is { } at)
        {
            turn.Reply(Texts.Get("AlreadyDone", language, desk.Describe(call, language), desk.Clock(at)));
            return;
        }
        if (!said)
        {
            turn.Ask(Texts.Get("DoneAsk", language, desk.Describe(call, language)), [CallDesk.DoneButton(call.Id, language)]);
            return;
        }
        call.Done(turn.Now);
        turn.Reply(Texts.Get("DoneReply", language, desk.Describe(call, language)));
    }

    /// <summary>"李四" or "李四 请回电": the colleague, and a word for them if the person adds one.</summary>
    private async Task PassOnAsync(TurnContext turn, PhoneCall call, string said, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var parts = said.Trim().Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length == 0 ? "" : parts[0].TrimStart('@');
        if (await desk.People.FindStaffAsync(name, cancellationToken) is not { Active: true } colleague)
        {
            // Asked again, in the flow, so the name alone is enough the next time.
            turn.State.Data["call"] = call.Id.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, ToStep, Texts.Get("NoSuchColleague", language, name));
            return;
        }
        turn.EndFlow();
        var note = parts.Length > 1 ? parts[1] : "";
        call.PassedOn(colleague.Id, turn.Now);
        var taker = turn.Sender.DisplayName;
        await desk.TellAsync(colleague, $"calls:{call.Id}:passed", l => new OutgoingMessage(note.Length == 0
            ? Texts.Get("PassedToYou", l, desk.Describe(call, l), taker)
            : Texts.Get("PassedToYouNote", l, desk.Describe(call, l), taker, note), [CallDesk.DoneButton(call.Id, l)]), cancellationToken);
        turn.Reply(Texts.Get("PassedReply", language, desk.Describe(call, language), colleague.Name));
    }

    private static bool Is(string verb, string key, params string[] words) =>
        verb.Length > 0 && (verb == TextInput.ForMatching(Texts.Get(key, TextCatalog.Chinese)) || verb == TextInput.ForMatching(Texts.Get(key, TextCatalog.English))
            || words.Contains(verb));

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>电话记录: today's calls and any still waiting for what becomes of them.</summary>
public sealed class CallLogCommand(CallDesk desk, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = CallTexts.Catalog;

    public CommandInfo Info { get; } = new("call-record", ["电话记录", "来电记录"], ["call record"], Texts, "RecordDescription", HelpOrder: 92, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var calls = await desk.Log.SinceOrOpenAsync(department.ToInstant(department.LocalDate(turn.Now), TimeOnly.MinValue), cancellationToken);
        if (calls.Count == 0)
        {
            turn.Reply(Texts.Get("RecordEmpty", language));
            return;
        }
        var lines = new List<string> { Texts.Get("RecordTitle", language, calls.Count) };
        foreach (var call in calls)
            lines.Add(Texts.Get("RecordLine", language, desk.Describe(call, language), await desk.NameAsync(call.TakenById, cancellationToken),
                await desk.StateAsync(call, language, cancellationToken)));
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>Calls about a unit in the last month, for the unit's record (业户).</summary>
public sealed class CallUnitFacts(CallDesk desk, DepartmentProfile department) : IUnitFacts
{
    public int Order => 50;

    public async Task<IReadOnlyList<string>> AboutAsync(UnitAsked unit, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var call in (await desk.Log.SinceOrOpenAsync(unit.Now.AddDays(-30), cancellationToken)).Where(c => c.UnitCode == unit.Code).OrderByDescending(c => c.Id).Take(5))
            lines.Add(CallTexts.Catalog.Get("UnitFact", unit.Language, call.Id, department.ToLocal(call.TakenAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                call.Matter, await desk.StateAsync(call, unit.Language, cancellationToken)));
        return lines;
    }
}

/// <summary>
/// What waits on a member of staff in the phone log, for 待办: the calls they wrote down and have not yet said what becomes
/// of them (来电处理: answered, to the shift lead, or passed on — 第10篇 一.3); one left from an earlier day is pressing.
/// A call passed on or raised is no longer theirs: the escalation has its own chain, and a message passed on waits on the
/// colleague it was passed to until they say 已处理 (pressing once it is from an earlier day).
/// </summary>
public sealed class CallTodos(CallDesk desk, DepartmentProfile department) : ITodos
{
    private static readonly TextCatalog Texts = CallTexts.Catalog;

    // 来电, the feature's first command in the help.
    public int Order => 90;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var language = asked.Language;
        var today = department.LocalDate(asked.Now);
        var todos = new List<Todo>();
        foreach (var call in (await desk.Log.OpenAsync(cancellationToken)).Where(c => c.TakenById == asked.Person.Id))
        {
            var day = department.LocalDate(call.TakenAt);
            todos.Add(new Todo(day < today
                    ? Texts.Get("TodoOpenEarlier", language, desk.Describe(call, language), day.ToString("MM-dd", CultureInfo.InvariantCulture))
                    : Texts.Get("TodoOpen", language, desk.Describe(call, language)),
                Texts.NumberedAction("WordOutcome", call.Id, language), Pressing: day < today));
        }
        foreach (var call in await desk.Log.PassedOnToAsync(asked.Person.Id, cancellationToken))
        {
            var day = department.LocalDate(call.DecidedAt ?? call.TakenAt);
            var taker = await desk.NameAsync(call.TakenById, cancellationToken);
            todos.Add(new Todo(day < today
                    ? Texts.Get("TodoPassedOnEarlier", language, desk.Describe(call, language), taker, day.ToString("MM-dd", CultureInfo.InvariantCulture))
                    : Texts.Get("TodoPassedOn", language, desk.Describe(call, language), taker),
                CallDesk.DoneButton(call.Id, language) with { Label = Texts.Get("DoneTodoLabel", language, call.Id) }, Pressing: day < today));
        }
        return todos;
    }
}

/// <summary>
/// 已回电 typed, and 已处理 typed by one with no escalation open: the call passed on to them is dealt with (第10篇 一.3).
/// The message they got says "回电或处理后请点“已处理”", and people type what a button says; before, 已回电 was not
/// understood and 已处理 answered "您目前没有待处理的升级事项". One call waiting is closed at once, several are asked
/// which, a number names one (as 来电处理 N 已处理 does).
/// </summary>
public sealed class CalledBackCommand(CallDesk desk, CallOutcomeCommand outcome) : IBotCommand, IResolvedElsewhere
{
    private static readonly TextCatalog Texts = CallTexts.Catalog;

    public CommandInfo Info { get; } = new("call-called-back", ["已回电", "回电了", "已经回电"], ["called back"], Texts, "CalledBackDescription", HelpOrder: 93,
        ListedFor: Roles.FrontDesk); // mostly typed in answer to a call passed on; listed where calls are taken all day

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var said = TextInput.Normalize(arguments).Trim().TrimStart('#', '＃');
        if (said.Length > 0 && char.IsAsciiDigit(said[0]))
        {
            var number = new string([.. said.TakeWhile(char.IsAsciiDigit)]);
            await outcome.HandleAsync(turn, $"{number} {Texts.Get("VerbDone", TextCatalog.Chinese)}", cancellationToken);
            return;
        }
        if (!await TryResolveAsync(turn, turn.Sender.Id, cancellationToken)) turn.Reply(Texts.Get("NonePassedOn", turn.Language));
    }

    public ValueTask<bool> TryResolveAsync(TurnContext turn, Person actor, CancellationToken cancellationToken) =>
        TryResolveAsync(turn, actor.Id, cancellationToken);

    private async ValueTask<bool> TryResolveAsync(TurnContext turn, string personId, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var waiting = await desk.Log.PassedOnToAsync(personId, cancellationToken);
        if (waiting.Count == 0) return false;
        if (waiting.Count > 1)
        {
            turn.Ask(Texts.Get("WhichCalledBack", language),
                [.. waiting.Take(6).Select(c => CallDesk.DoneButton(c.Id, language) with { Label = desk.Describe(c, language) })]);
            return true;
        }
        var call = await desk.Log.FindAsync(waiting[0].Id, cancellationToken) ?? throw new BotRuleException(Texts, "NotFound", waiting[0].Id);
        call.Done(turn.Now);
        turn.Reply(Texts.Get("DoneReply", language, desk.Describe(call, language)));
        return true;
    }
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Callbacks;

internal static class CallbackArguments
{
    /// <summary>The number in "代录回访 12" / "#12", or a polite refusal naming the command.</summary>
    public static long Number(string arguments, string wordKey, string language)
    {
        var text = arguments.Trim().TrimStart('#', '＃');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new BotRuleException(CallbackTexts.Catalog, "NeedNumber", CallbackTexts.Catalog.Get(wordKey, language));
    }

    public static string Ids(Callback callback) => "#" + callback.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The number given after the command; with none, the person's own open callbacks this command acts on, offered as
    /// buttons ("代录回访 12"), or <paramref name="noneKey"/> when there are none. Null when nothing was given.
    /// </summary>
    public static async Task<long?> NumberOrOfferAsync(TurnContext turn, string arguments, string wordKey, string noneKey,
        ICallbackStore store, Func<Task<IEnumerable<Callback>>> candidates, CancellationToken cancellationToken)
    {
        if (arguments.Trim().Length > 0) return Number(arguments, wordKey, turn.Language);
        var texts = CallbackTexts.Catalog;
        var language = turn.Language;
        var open = (await candidates()).Where(c => c.Case.Responsible.Contains(turn.Sender.Id, StringComparer.Ordinal)).ToList();
        if (open.Count == 0)
        {
            turn.Reply(texts.Get(noneKey, language));
            return null;
        }
        var word = texts.Get(wordKey, language);
        var choices = new List<Choice>();
        foreach (var c in open)
            choices.Add(new Choice($"{word} {c.Id}", texts.Get("TaskChoice", language, c.Id, await OwnerOfAsync(store, c, cancellationToken), c.Case.UnitCode, c.Case.Summary)));
        turn.Ask(texts.Get("WhichCallback", language), choices);
        return null;
    }

    /// <summary>The owner as staff address them ("陈先生"), else their id.</summary>
    public static async Task<string> OwnerOfAsync(ICallbackStore store, Callback callback, CancellationToken cancellationToken) =>
        (await store.FindOwnerAsync(callback.OwnerId, cancellationToken))?.FormOfAddress ?? callback.OwnerId;

    /// <summary>What a staff member does next with a callback of theirs: call and record it, or finish the rectification.</summary>
    public static Choice NextStep(Callback callback, string language)
    {
        var word = CallbackTexts.Catalog.Get(callback.Rectification == RectificationStatus.Open ? "WordRectified" : "WordProxy", language);
        var value = $"{word} {callback.Id}";
        return new Choice(value, value);
    }
}

/// <summary>
/// 登记回访 / register callback: staff register a completed piece of work to be called back. Asks for the type, the
/// unit (its owners are called back), a summary, who is responsible and, for a special service, its period.
/// </summary>
public sealed class RegisterCallbackCommand(CallbackService callbacks, ICallbackStore store, DepartmentProfile department)
    : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;
    private const string TypeStep = "type";
    private const string UnitStep = "unit";
    private const string SummaryStep = "summary";
    private const string ResponsibleStep = "responsible";
    private const string PeriodStep = "period";

    public string Name => "callback-register";

    public CommandInfo Info { get; } = new("register-callback", ["登记回访"], ["register callback"], Texts, "RegisterDescription", HelpOrder: 40);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        turn.State.Data.Clear();
        AskType(turn, null);
        return ValueTask.CompletedTask;
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var data = turn.State.Data;
        var text = TextInput.Normalize(turn.Message.Text);
        switch (turn.State.Step)
        {
            case TypeStep:
                if ((turn.Choice is { } choice ? CallbackTexts.ParseType(choice.Value) : CallbackTexts.ParseType(turn.Text)) is not { } type)
                {
                    // "维修": 零星维修 or 维修工程 — asked between the two, not all six again.
                    if (TextInput.Containing(turn.Text, TypeChoices(language)) is { Count: > 0 } meant)
                        turn.AskInFlow(this, TypeStep, Texts.Get("AskWhichType", language), meant);
                    else
                        AskType(turn, Texts.Get("AskAgain", language));
                    return;
                }
                data["type"] = CallbackTexts.Code(type);
                turn.AskInFlow(this, UnitStep, Texts.Get("AskUnit", language));
                return;
            case UnitStep:
                if (!Unit.TryParse(text, out _) || !await store.UnitExistsAsync(text, cancellationToken))
                {
                    turn.AskInFlow(this, UnitStep, Texts.Get("UnknownUnit", language, text) + "\n" + Texts.Get("AskUnit", language));
                    return;
                }
                if ((await store.OwnersOfUnitAsync(text, cancellationToken)).Count == 0)
                {
                    // Said here, not after the summary and the responsible staff have been typed in vain.
                    turn.AskInFlow(this, UnitStep, Texts.Get("NoOwnerForUnit", language, text) + "\n" + Texts.Get("AskOtherUnit", language));
                    return;
                }
                data["unit"] = text;
                turn.AskInFlow(this, SummaryStep, Texts.Get("AskSummary", language));
                return;
            case SummaryStep:
                if (text.Length == 0)
                {
                    turn.AskInFlow(this, SummaryStep, Texts.Get("AskSummary", language));
                    return;
                }
                // As typed (Normalize folds full-width punctuation, which belongs in a Chinese summary).
                var summary = (turn.Message.Text ?? "").Trim();
                data["summary"] = summary.Length > 200 ? summary[..200] : summary;
                AskResponsible(turn, null);
                return;
            case ResponsibleStep:
                var names = turn.Choice?.Value == "me" || CallbackTexts.IsOneOf("WordsMe", turn.Text)
                    ? [turn.Sender.Id]
                    : text.Split([' ', '、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries);
                foreach (var name in names)
                {
                    if (await store.FindStaffAsync(name, cancellationToken) is null)
                    {
                        AskResponsible(turn, Texts.Get("UnknownStaff", language, name));
                        return;
                    }
                }
                if (names.Length == 0)
                {
                    AskResponsible(turn, null);
                    return;
                }
                data["responsible"] = string.Join(';', names);
                if (CallbackTexts.ParseType(data["type"]) == CaseType.SpecialService)
                {
                    turn.AskInFlow(this, PeriodStep, Texts.Get("AskPeriod", language));
                    return;
                }
                await RegisterAsync(turn, null, null, cancellationToken);
                return;
            case PeriodStep:
                var parts = text.Split([' ', '至', '~', '～'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                    || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= from)
                {
                    turn.AskInFlow(this, PeriodStep, Texts.Get("BadPeriod", language) + "\n" + Texts.Get("AskPeriod", language));
                    return;
                }
                await RegisterAsync(turn, department.ToInstant(from, TimeOnly.MinValue), department.ToInstant(to, new TimeOnly(18, 0)), cancellationToken);
                return;
            default:
                turn.EndFlow();
                turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", language));
                return;
        }
    }

    private async Task RegisterAsync(TurnContext turn, DateTimeOffset? periodStart, DateTimeOffset? periodEnd, CancellationToken cancellationToken)
    {
        var data = turn.State.Data;
        var type = CallbackTexts.ParseType(data["type"])!.Value;
        var registration = new CaseRegistration(null, type, data["unit"], [], data["summary"], data["responsible"].Split(';'),
            turn.Now, periodStart, periodEnd);
        turn.EndFlow();
        var result = await callbacks.RegisterAsync(registration, turn.Sender.Id, turn.Now, cancellationToken);
        if (result.Case is not { } registered)
        {
            turn.Reply(result.Error(turn.Language));
            return;
        }
        var last = registered.Callbacks.Max(c => c.DueBy);
        turn.Reply(Texts.Get("Registered", turn.Language, CallbackTexts.TypeName(type, turn.Language), registered.Summary, registered.UnitCode,
            registered.Id, string.Join(" ", registered.Callbacks.Select(CallbackArguments.Ids)),
            department.ToLocal(last).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)));
    }

    private void AskType(TurnContext turn, string? intro)
    {
        var text = Texts.Get("AskType", turn.Language);
        turn.AskInFlow(this, TypeStep, intro is null ? text : intro + "\n" + text, TypeChoices(turn.Language));
    }

    private static List<Choice> TypeChoices(string language) =>
        [.. Enum.GetValues<CaseType>().Select(t => new Choice(CallbackTexts.Code(t), CallbackTexts.TypeName(t, language)))];

    private void AskResponsible(TurnContext turn, string? intro)
    {
        var text = Texts.Get("AskResponsible", turn.Language);
        turn.AskInFlow(this, ResponsibleStep, intro is null ? text : intro + "\n" + text, [new Choice("me", Texts.Get("ChoiceMe", turn.Language))], textAnswersToo: true);
    }
}

/// <summary>代录回访 N / record callback N: after a call or visit, staff record the owner's answers on the owner's behalf.</summary>
public sealed class ProxyCallbackCommand(CallbackService callbacks, CallbackSurveys surveys, ICallbackStore store) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public CommandInfo Info { get; } = new("record-callback", ["代录回访"], ["record callback"], Texts, "ProxyDescription", HelpOrder: 41,
        Flow: CallbackSurveys.FlowName);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        // Bare: my callbacks to record — the calls and visits due first, then those still with the owner (a visit may
        // come first); a rectification is finished with 整改完成, not here.
        if (await CallbackArguments.NumberOrOfferAsync(turn, arguments, "WordProxy", "NoProxyTasks", store, async () =>
                (await store.OpenWorkAsync(cancellationToken)).Where(c => c.Rectification != RectificationStatus.Open)
                    .Concat(await store.AwaitingOwnersAsync(cancellationToken)), cancellationToken) is not { } id)
            return;
        var actor = await store.FindPersonAsync(turn.Sender.Id, cancellationToken) ?? throw new BotRuleException(Texts, "NotYours", id);
        var callback = await callbacks.FindForStaffAsync(id, actor, cancellationToken);
        if (callback.IsDone)
            throw new BotRuleException(Texts, "AlreadyDone", id, callback.CompletedAt!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var owner = (await store.FindOwnerAsync(callback.OwnerId, cancellationToken))?.FormOfAddress ?? callback.OwnerId;
        var c = callback.Case;
        surveys.StartInTurn(turn, callback, proxy: true,
            Texts.Get("ProxyIntro", turn.Language, id, owner, c.UnitCode, CallbackTexts.TypeName(c.Type, turn.Language), c.Summary));
    }
}

/// <summary>整改完成 N / rectified N: the rectification is done; the owner is called back again (第9篇 五.2).</summary>
public sealed class RectifiedCommand(CallbackService callbacks, ICallbackStore store, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public CommandInfo Info { get; } = new("rectified", ["整改完成"], ["rectified"], Texts, "RectifiedDescription", HelpOrder: 42);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await CallbackArguments.NumberOrOfferAsync(turn, arguments, "WordRectified", "NoRectifications", store, async () =>
                (await store.OpenWorkAsync(cancellationToken)).Where(c => c.Rectification == RectificationStatus.Open), cancellationToken) is not { } id)
            return;
        var actor = await store.FindPersonAsync(turn.Sender.Id, cancellationToken) ?? throw new BotRuleException(Texts, "NotYours", id);
        var next = await callbacks.RectifiedAsync(id, actor, turn.Now, cancellationToken);
        turn.Reply(Texts.Get("RectifiedReply", turn.Language, id, next.Id,
            department.ToLocal(next.DueBy).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)));
    }
}

/// <summary>回访统计 / callback stats: rates per type against the targets (第9篇 二), for shift leads and above.</summary>
public sealed class CallbackStatsCommand(CallbackStats stats) : IBotCommand
{
    public CommandInfo Info { get; } = new("callback-stats", ["回访统计"], ["callback stats"], CallbackTexts.Catalog, "StatsDescription",
        Roles: CallbackNotices.Supervisors, HelpOrder: 43);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        turn.Reply(CallbackStats.Render(await stats.ComputeAsync(turn.Now, cancellationToken), turn.Language));
}

/// <summary>
/// 回访 / survey, for owners: answer one's own pending callback now. Only the owner's own callbacks are found (第11篇 3);
/// another owner's number is answered as if it did not exist.
/// </summary>
public sealed class OwnerSurveyCommand(CallbackSurveys surveys, ICallbackStore store, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public CommandInfo Info { get; } = new("survey", ["回访", "我的回访"], ["survey", "my callbacks"], Texts, "OwnerSurveyDescription",
        Audience: Audience.Owners, HelpOrder: 10, Flow: CallbackSurveys.FlowName);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var pending = (await store.PendingForOwnerAsync(turn.Sender.Id, cancellationToken)).Where(c => c.DueFrom <= turn.Now).ToList();
        var wanted = arguments.Trim().TrimStart('#', '＃');
        Callback? callback;
        if (wanted.Length > 0)
        {
            callback = long.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? pending.FirstOrDefault(c => c.Id == id) : null;
            if (callback is null)
            {
                turn.Reply(Texts.Get("OwnerNotFound", turn.Language, turn.Sender.DisplayName));
                return;
            }
        }
        else if ((callback = pending.FirstOrDefault()) is null)
        {
            turn.Reply(Texts.Get("NoPendingSurvey", turn.Language, turn.Sender.DisplayName));
            return;
        }
        // "回访 1" in the middle of answering callback 1: carry on where it was, rather than start again.
        if (surveys.InProgress(turn) == callback.Id)
        {
            turn.AskAgain(ConversationTexts.Catalog.Get("CarryOn", turn.Language));
            return;
        }
        var c = callback.Case;
        // Started again (after 取消, or asked for): the same opening as the invitation, "已经整改完成" on a later round (五.2).
        surveys.StartInTurn(turn, callback, proxy: false, Texts.Get(callback.Round > 1 ? "OwnerIntroAgain" : "OwnerIntro", turn.Language, turn.Sender.DisplayName, department.PropertyName,
            c.UnitCode, CallbackTexts.TypeName(c.Type, turn.Language), c.Summary));
    }
}

/// <summary>
/// 业主电话 3-1-502 / owner phone: staff ask for an owner's number; a supervisor approves or refuses, and only then is it
/// sent to the requester, once (第11篇 3: owner phone numbers never without the supervisor's approval).
/// </summary>
public sealed class OwnerPhoneCommand(ICallbackStore store, INotifier notifier) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    /// <summary>Who approves the disclosure of an owner's number (客服主任 and above).</summary>
    public const Roles Approvers = Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public CommandInfo Info { get; } = new("owner-phone", ["业主电话"], ["owner phone"], Texts, "PhoneDescription", HelpOrder: 44);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        // "业主电话 3-1-502 回访打不通": the unit, then why — which the approver reads with the request.
        var words = arguments.Trim().Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("PhoneAskUnit", turn.Language));
            return;
        }
        var unit = words[0];
        var reason = words.Length > 1 ? turn.AsTyped(words[1]) : null;
        if (reason is { Length: > 200 }) reason = reason[..200];
        if (!Unit.TryParse(unit, out _) || !await store.UnitExistsAsync(unit, cancellationToken)) throw new BotRuleException(Texts, "UnknownUnit", unit);
        var approvers = await ApproversAsync(store, turn.Sender.Id, cancellationToken);
        if (approvers.Count == 0) throw new BotRuleException(Texts, "PhoneNoApprover");

        var request = new PhoneRequest { RequesterId = turn.Sender.Id, UnitCode = unit, RequestedAt = turn.Now };
        store.Add(request);
        await store.FlushAsync(cancellationToken);
        foreach (var approver in approvers)
        {
            var language = TextCatalog.NormalizeLanguage(approver.Language);
            var approve = $"{Texts.Get("WordApprovePhone", language)} {request.Id}";
            var refuse = $"{Texts.Get("WordRefusePhone", language)} {request.Id}";
            await notifier.NotifyAsync(approver.Id,
                new OutgoingMessage(reason is null
                    ? Texts.Get("PhoneApproval", language, turn.Sender.DisplayName, unit, request.Id)
                    : Texts.Get("PhoneApprovalWithReason", language, turn.Sender.DisplayName, unit, request.Id, reason), [new(approve, approve), new(refuse, refuse)]),
                $"cb:phone:{request.Id}:ask:{approver.Id}", cancellationToken);
        }
        turn.Reply(Texts.Get("PhoneRequested", turn.Language,
            string.Join(turn.Language == TextCatalog.English ? ", " : "、", approvers.Select(a => a.Name)), unit, request.Id));
    }

    /// <summary>Who is asked to decide someone's request: 客服主任, else the department manager or general manager; never the requester.</summary>
    internal static async Task<IReadOnlyList<Person>> ApproversAsync(ICallbackStore store, string requesterId, CancellationToken cancellationToken)
    {
        var approvers = (await store.PeopleWithAnyRoleAsync(Roles.Supervisor, cancellationToken)).Where(p => p.Id != requesterId).ToList();
        return approvers.Count > 0 ? approvers : [.. (await store.PeopleWithAnyRoleAsync(Approvers, cancellationToken)).Where(p => p.Id != requesterId)];
    }
}

/// <summary>批准电话 N / 拒绝电话 N: a supervisor decides a phone request; an approval sends the number to the requester once.</summary>
public sealed class DecidePhoneCommand(ICallbackStore store, INotifier notifier, bool approve) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public CommandInfo Info { get; } = approve
        ? new("approve-phone", ["批准电话"], ["approve phone"], Texts, "ApproveDescription", Roles: OwnerPhoneCommand.Approvers, HelpOrder: 45)
        : new("refuse-phone", ["拒绝电话"], ["refuse phone"], Texts, "RefuseDescription", Roles: OwnerPhoneCommand.Approvers, HelpOrder: 46);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var wordKey = approve ? "WordApprovePhone" : "WordRefusePhone";
        if (arguments.Trim().Length == 0)
        {
            await OfferPendingAsync(turn, wordKey, cancellationToken);
            return;
        }
        var id = CallbackArguments.Number(arguments, wordKey, turn.Language);
        var request = await store.FindPhoneRequestAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "PhoneNotFound", id);
        if (request.Status != PhoneRequestStatus.Pending) throw new BotRuleException(Texts, "PhoneAlreadyDecided", id);
        if (request.RequesterId == turn.Sender.Id) throw new BotRuleException(Texts, "PhoneOwnRequest", id);
        request.Decide(approve, turn.Sender.Id, turn.Now);

        var requester = await store.FindPersonAsync(request.RequesterId, cancellationToken);
        var language = TextCatalog.NormalizeLanguage(requester?.Language);
        string text;
        if (approve)
        {
            var owners = await store.OwnersOfUnitAsync(request.UnitCode, cancellationToken);
            var phones = owners.Select(o => Texts.Get("PhoneOwnerLine", language, o.FormOfAddress, o.Phone is { Length: > 0 } phone ? phone : Texts.Get("PhoneNone", language)));
            text = Texts.Get("PhoneRevealed", language, turn.Sender.DisplayName, request.UnitCode,
                owners.Count == 0 ? Texts.Get("PhoneNone", language) : string.Join(language == TextCatalog.English ? "; " : "；", phones));
        }
        else text = Texts.Get("PhoneRefused", language, turn.Sender.DisplayName, request.UnitCode, id);
        await notifier.NotifyAsync(request.RequesterId, new OutgoingMessage(text), $"cb:phone:{id}:decided", cancellationToken);
        turn.Reply(Texts.Get(approve ? "PhoneApproved" : "PhoneRefusedReply", turn.Language, id, requester?.Name ?? request.RequesterId));
    }

    /// <summary>批准电话 alone: the requests still waiting (not one's own), each a button.</summary>
    private async Task OfferPendingAsync(TurnContext turn, string wordKey, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var pending = (await store.PendingPhoneRequestsAsync(cancellationToken)).Where(r => r.RequesterId != turn.Sender.Id).ToList();
        if (pending.Count == 0)
        {
            turn.Reply(Texts.Get("NoPhoneRequests", language));
            return;
        }
        var word = Texts.Get(wordKey, language);
        var choices = new List<Choice>();
        foreach (var r in pending)
            choices.Add(new Choice($"{word} {r.Id}", Texts.Get("PhoneRequestChoice", language, r.Id,
                (await store.FindPersonAsync(r.RequesterId, cancellationToken))?.Name ?? r.RequesterId, r.UnitCode)));
        turn.Ask(Texts.Get("WhichPhoneRequest", language), choices);
    }
}

/// <summary>
/// 回访任务 / callback tasks: my callbacks to make by phone or visit, and my open rectifications; then the callbacks I
/// answer for that are still with the owner (the survey not yet sent, or sent and unanswered), so someone who has just
/// registered one sees it and when it would become theirs.
/// </summary>
public sealed class CallbackTasksCommand(ICallbackStore store, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public CommandInfo Info { get; } = new("callback-tasks", ["回访任务", "我的回访任务"], ["callback tasks"], Texts, "TasksDescription", HelpOrder: 39, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        bool Mine(Callback c) => c.Case.Responsible.Contains(turn.Sender.Id, StringComparer.Ordinal);
        var mine = (await store.OpenWorkAsync(cancellationToken)).Where(Mine).ToList();
        var waiting = (await store.AwaitingOwnersAsync(cancellationToken)).Where(Mine).ToList();
        if (mine.Count == 0 && waiting.Count == 0)
        {
            turn.Reply(Texts.Get("NoTasks", language));
            return;
        }
        string At(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        Task<string> OwnerOf(Callback c) => CallbackArguments.OwnerOfAsync(store, c, cancellationToken);
        var lines = new List<string> { mine.Count > 0 ? Texts.Get("TasksTitle", language, mine.Count) : Texts.Get("NoStaffTasks", language) };
        foreach (var c in mine)
        {
            var owner = await OwnerOf(c);
            lines.Add(c.Rectification == RectificationStatus.Open
                ? Texts.Get("TaskLineRectify", language, c.Id, owner, c.Case.UnitCode, c.Case.Summary)
                : Texts.Get("TaskLineCall", language, c.Id, owner, c.Case.UnitCode, c.Case.Summary, At(c.DueBy)));
        }
        if (waiting.Count > 0)
        {
            lines.Add(Texts.Get("TasksWaitingTitle", language, waiting.Count));
            foreach (var c in waiting)
            {
                var owner = await OwnerOf(c);
                // Not sent yet: when it will be (its window opens, or contact hours begin); sent: when it becomes a staff task.
                var sendAt = c.NextActionAt ?? c.DueFrom;
                var state = c.Status == CallbackStatus.Invited ? Texts.Get("TaskWaitingSent", language, At(c.TaskAt))
                    : sendAt > turn.Now ? Texts.Get("TaskWaitingScheduled", language, At(sendAt))
                    : Texts.Get("TaskWaitingSoon", language);
                lines.Add(Texts.Get("TaskLineWaiting", language, c.Id, owner, c.Case.UnitCode, c.Case.Summary, state));
            }
        }
        // Each task's next step is a button: 代录回访 N after the call or visit, 整改完成 N once put right.
        turn.Reply(string.Join("\n", lines), mine.Count == 0 ? null : [.. mine.Select(c => CallbackArguments.NextStep(c, language))]);
    }
}

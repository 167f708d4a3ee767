using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// 留言回访 编号 类型 / message callback: an owner's message (留言) that was dealt with is called back like any other
/// completed work (第9篇 一: a complaint within 3 days after it was resolved, a minor repair within 3 days after it was
/// finished, other service within a week — 投诉 and 零星维修 at 100%, 二). The one who closes it with 已处理 is asked at once,
/// with one button per type (the likely one first, from the owner's words) and 无需回访; a type registers the callback
/// case for that owner and unit as 登记回访 would, the closer responsible (a complaint: together with whoever took it up
/// or was handed it, 三.1), and the survey reaches the owner in chat when due. The buttons are this command, so they
/// still work after something else was typed; the message's number is the case's external id, so pressing twice
/// registers once.
/// </summary>
public sealed class OwnerMessageCallbackCommand(CallbackService callbacks, ICallbackStore store, IEscalationStore escalations, DepartmentProfile department)
    : IBotCommand, ICaseClosedFollowUp
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    // The types an owner's message is likely to be; anything else is registered with 登记回访 (a special service needs
    // its period, an activity its participants).
    private static readonly CaseType[] Offered = [CaseType.Complaint, CaseType.MinorRepair, CaseType.Other];

    public CommandInfo Info { get; } = new("message-callback", ["留言回访"], ["message callback"], Texts, "MessageCallbackDescription",
        HelpOrder: 47, ListedFor: CallbackNotices.Supervisors);

    /// <summary>The callback case registered for owner's message <paramref name="messageId"/>: one per message.</summary>
    public static string ExternalIdOf(long messageId) => "msg-" + messageId.ToString(CultureInfo.InvariantCulture);

    /// <summary>After 已处理 of an owner's message (the closing and the owner's notice already done): what to call back.</summary>
    public async ValueTask FollowUpAsync(TurnContext turn, EscalationCase closed, Person closedBy, CancellationToken cancellationToken)
    {
        if (closed.Kind != OwnerMessageCommand.Kind || closed.RaisedById is not { } ownerId
            || await store.FindOwnerAsync(ownerId, cancellationToken) is not { } owner)
            return;
        await AskOrSayAsync(turn, closed, owner, cancellationToken);
    }

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var words = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !long.TryParse(words[0].TrimStart('#', '＃'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            turn.AskForArguments(Info, Texts.Get("MessageCallbackUsage", language));
            return;
        }
        if (await escalations.FindAsync(id, cancellationToken) is not { } message || message.Kind != OwnerMessageCommand.Kind
            || message.RaisedById is not { } ownerId || await store.FindOwnerAsync(ownerId, cancellationToken) is not { } owner)
            throw new BotRuleException(Texts, "MessageCallbackNotOwners", id);
        if (!message.IsClosed) throw new BotRuleException(Texts, "MessageCallbackNotClosed", id);
        var actor = await store.FindPersonAsync(turn.Sender.Id, cancellationToken);
        // Those who dealt with the message, or a shift lead and above, as for any callback (CallbackNotices.MayActOn).
        if (actor is null || (message.ResolvedById != actor.Id && !message.Involves(actor.Id) && (actor.Roles & CallbackNotices.Supervisors) == 0))
            throw new BotRuleException(Texts, "MessageCallbackNotYours", id);

        var answer = words.Length > 1 ? words[1] : "";
        if (answer.Length == 0)
        {
            await AskOrSayAsync(turn, message, owner, cancellationToken);
            return;
        }
        if (await store.FindCaseByExternalIdAsync(ExternalIdOf(id), cancellationToken) is { } existing)
        {
            turn.Reply(Existing(existing, id, language));
            return;
        }
        if (CallbackTexts.IsOneOf("WordsNoCallback", answer))
        {
            Skip(turn, message, id);
            return;
        }
        if (TypeOf(answer) is not { } type)
        {
            Ask(turn, Texts.Get("MessageCallbackUnknownType", language, answer) + "\n" + Question(message, owner, UnitOf(message, owner) ?? "", language),
                Choices(id, Likely(message), language));
            return;
        }
        await RegisterAsync(turn, message, owner, type, actor, cancellationToken);
    }

    /// <summary>The type question with its buttons; or, when it cannot be registered or already was, why.</summary>
    private async Task AskOrSayAsync(TurnContext turn, EscalationCase message, Owner owner, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await store.FindCaseByExternalIdAsync(ExternalIdOf(message.Id), cancellationToken) is { } existing)
        {
            turn.Reply(Existing(existing, message.Id, language));
            return;
        }
        if (UnitOf(message, owner) is not { } unit)
        {
            turn.Reply(Texts.Get("MessageCallbackNoUnit", language, owner.FormOfAddress, message.Id));
            return;
        }
        Ask(turn, Question(message, owner, unit, language), Choices(message.Id, Likely(message), language));
    }

    private static void Ask(TurnContext turn, string text, List<Choice> choices)
    {
        // Inside another question (an alert's 已处理 pressed in the middle of 交班), the buttons go with the reply without
        // taking that question's place: pressed, they run as commands and the question stays open.
        if (turn.State.InFlow) turn.Reply(text, choices);
        else turn.Ask(text, choices);
    }

    private static string Question(EscalationCase message, Owner owner, string unit, string language)
    {
        var likely = Likely(message) is { } type ? Texts.Get("MessageCallbackLikely", language, CallbackTexts.TypeName(type, language)) : "";
        return Texts.Get("MessageCallbackAsk", language, owner.FormOfAddress, unit, message.Id, likely);
    }

    /// <summary>投诉 / 零星维修 / 其他服务 / 无需回访, the likely type first; each the full command, so it works whenever pressed.</summary>
    private List<Choice> Choices(long id, CaseType? likely, string language)
    {
        var word = Info.WordFor(language);
        var number = id.ToString(CultureInfo.InvariantCulture);
        var types = likely is { } first ? [first, .. Offered.Where(t => t != first)] : Offered;
        var none = Texts.Get("NoCallbackChoice", language);
        return [.. types.Select(t => CallbackTexts.TypeName(t, language)).Append(none).Select(label => new Choice($"{word} {number} {label}", label))];
    }

    /// <summary>
    /// 无需回访: nothing is recorded. A message that reads as a complaint or a repair is reminded that policy wants every
    /// one called back (第9篇 二), with its button — the closer knows the matter better than the words do.
    /// </summary>
    private void Skip(TurnContext turn, EscalationCase message, long id)
    {
        var language = turn.Language;
        if (Likely(message) is { } type && type is CaseType.Complaint or CaseType.MinorRepair)
        {
            var name = CallbackTexts.TypeName(type, language);
            var value = $"{Info.WordFor(language)} {id.ToString(CultureInfo.InvariantCulture)} {name}";
            turn.Reply(Texts.Get("MessageCallbackSkippedRequired", language, id, name), [new Choice(value, name)]);
            return;
        }
        turn.Reply(Texts.Get("MessageCallbackSkipped", language, id));
    }

    private async Task RegisterAsync(TurnContext turn, EscalationCase message, Owner owner, CaseType type, Person actor, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (UnitOf(message, owner) is not { } unit)
        {
            turn.Reply(Texts.Get("MessageCallbackNoUnit", language, owner.FormOfAddress, message.Id));
            return;
        }
        // The closer answers for it (and whoever registers it, if someone else); a complaint is called back by the
        // managers together (第9篇 三.1): also whoever took it up or was handed it.
        var candidates = new List<string?> { message.ResolvedById, actor.Id };
        if (type == CaseType.Complaint) candidates.AddRange([message.AcknowledgedById, message.AssigneeId]);
        var responsible = new List<string>();
        foreach (var id in candidates.OfType<string>().Distinct(StringComparer.Ordinal))
            if (await store.FindStaffAsync(id, cancellationToken) is { } person) responsible.Add(person.Id);
        // Due from when it was dealt with, not from when the type was picked (第9篇 一: "处理完毕后的三天内").
        var registration = new CaseRegistration(ExternalIdOf(message.Id), type, unit, [owner.Id], SummaryOf(message),
            responsible, message.ResolvedAt ?? turn.Now);
        var result = await callbacks.RegisterAsync(registration, actor.Id, turn.Now, cancellationToken);
        if (result.Case is not { } registered)
        {
            turn.Reply(result.Error(language));
            return;
        }
        if (result.Existing)
        {
            turn.Reply(Existing(registered, message.Id, language));
            return;
        }
        turn.Reply(Texts.Get("MessageCallbackRegistered", language, owner.FormOfAddress, unit, CallbackTexts.TypeName(type, language),
            string.Join(" ", registered.Callbacks.Select(CallbackArguments.Ids)), DueBy(registered)));
    }

    private string Existing(CallbackCase existing, long messageId, string language) =>
        Texts.Get("MessageCallbackExisting", language, messageId, CallbackTexts.TypeName(existing.Type, language),
            string.Join(" ", existing.Callbacks.Select(CallbackArguments.Ids)), DueBy(existing));

    private string DueBy(CallbackCase registered) =>
        department.ToLocal(registered.Callbacks.Max(c => c.DueBy)).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    // Long enough to know the matter by, short enough for the invitation's one line ("您家（3-1-502）的投诉「…」已于 …").
    private const int SummaryLength = 60;

    /// <summary>
    /// The owner's words, without the word they filed it with: "投诉：保安态度差" is read back to them as 投诉「保安态度差」,
    /// not 投诉「投诉：保安态度差」.
    /// </summary>
    private static string SummaryOf(EscalationCase message)
    {
        var said = OwnerMessages.Said(message.Details, int.MaxValue).Trim();
        foreach (var word in OwnerMessageCommand.FilingWords)
        {
            if (said.Length > word.Length + 1 && said.StartsWith(word, StringComparison.Ordinal) && FilingSeparators.Contains(said[word.Length]))
            {
                said = said[(word.Length + 1)..].Trim();
                break;
            }
        }
        return said.Length > SummaryLength ? said[..(SummaryLength - 1)] + "…" : said;
    }

    private static readonly HashSet<char> FilingSeparators = [' ', '　', '：', ':', '，', ','];

    /// <summary>The unit the message is about: the one of the owner's units the owner named, else their first; null when none is on file.</summary>
    private static string? UnitOf(EscalationCase message, Owner owner)
    {
        var units = owner.Units.Select(u => u.UnitCode).ToList();
        var said = OwnerMessages.Said(message.Details, int.MaxValue);
        return units.FirstOrDefault(u => said.Contains(u, StringComparison.Ordinal)) ?? units.FirstOrDefault();
    }

    /// <summary>A typed type: its name or code (投诉, 零星维修, other), or 维修 / 报修 / 其他 for the ones offered here.</summary>
    private static CaseType? TypeOf(string answer)
    {
        if (CallbackTexts.ParseType(answer) is { } type)
            return type is CaseType.SpecialService or CaseType.Activity ? throw new BotRuleException(Texts, "MessageCallbackOtherTypes") : type;
        var said = TextInput.ForMatching(answer);
        foreach (var offered in Offered)
            if (CallbackTexts.Words($"WordsAnswer{offered}").Any(w => said.Contains(w, StringComparison.Ordinal))) return offered;
        return null;
    }

    /// <summary>
    /// The type the owner's own words suggest, if simply: a complaint's words (投诉, 态度, 不满) before a repair's (报修, 坏了,
    /// 漏水, 修 — not 装修, which is more often the neighbour's noise), so "报修三天了没人来 太不负责" is the complaint it reads as.
    /// </summary>
    public static CaseType? Likely(EscalationCase message)
    {
        var said = TextInput.ForMatching(OwnerMessages.Said(message.Details, int.MaxValue));
        if (CallbackTexts.Words("WordsLikeComplaint").Any(w => said.Contains(w, StringComparison.Ordinal))) return CaseType.Complaint;
        foreach (var not in CallbackTexts.Words("WordsNotRepair")) said = said.Replace(not, "", StringComparison.Ordinal);
        return CallbackTexts.Words("WordsLikeRepair").Any(w => said.Contains(w, StringComparison.Ordinal)) ? CaseType.MinorRepair : null;
    }
}

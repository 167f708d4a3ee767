using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Handover;

/// <summary>
/// 接班 / take over: the successor from the roster reads the handover item by item (第14篇 1.4) and confirms each or asks
/// about it; the outgoing person must answer (1.5). The successor may refuse with a reason, which goes to the shift lead
/// (1.6). When every item is confirmed the successor signs (1.7): the record is locked with its content hash.
/// </summary>
public sealed class AcceptHandoverCommand(HandoverService handovers) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;
    private const string IdKey = "handover";
    private const string ConfirmValue = "confirm";
    private const string QuestionValue = "question";
    private const string RefuseValue = "refuse";
    private const string ConfirmAllValue = "confirm-all";
    private const string SignValue = "sign";
    private const string SignStep = "sign";
    private const string RefuseStep = "refuse";

    public string Name => "handover-accept";

    public CommandInfo Info { get; } = new("take-over", ["接班", "签字接班"], ["take over", "takeover"], Texts, "AcceptDescription", HelpOrder: 32);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (id, _) = HandoverService.ParseId(arguments);
        HandoverRecord? record;
        if (id is { } wanted)
        {
            record = await handovers.Store.FindAsync(wanted, cancellationToken);
            if (record is null)
            {
                turn.Reply(Texts.Get("NotFound", language, wanted));
                return;
            }
        }
        else
        {
            var waiting = await handovers.Store.AwaitingAsync(turn.Sender.Id, cancellationToken);
            if (waiting.Count == 0)
            {
                turn.Reply(Texts.Get("NothingToAccept", language));
                return;
            }
            record = waiting[0];
        }
        if (record.IsLocked && record.AcceptedById == turn.Sender.Id)
        {
            turn.Reply(Texts.Get("YouAcceptedAlready", language, record.Id, handovers.Clock(record.AcceptedAt!.Value)));
            return;
        }
        record.EnsureSuccessor(turn.Sender.Id);
        if (await handovers.NotArrivedAsync(record, turn.Sender.Id, turn.Now, language, cancellationToken) is { } notYet)
        {
            var checkIn = Duty.DutyTexts.Catalog.Get("CheckInWord", language);
            turn.Reply(notYet, [new Choice(checkIn, checkIn)]);
            return;
        }
        if (await handovers.BlockedByEventsAsync(turn.Now, language, cancellationToken) is { } blocked)
        {
            turn.Reply(blocked);
            return;
        }
        turn.State.Data[IdKey] = record.Id.ToString(CultureInfo.InvariantCulture);
        turn.Reply(await handovers.DescribeAsync(record, language, cancellationToken));
        await PresentAsync(turn, record, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!turn.State.Data.TryGetValue(IdKey, out var idText) || !long.TryParse(idText, CultureInfo.InvariantCulture, out var id)
            || await handovers.Store.FindAsync(id, cancellationToken) is not { } record)
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", language));
            return;
        }
        try
        {
            record.EnsureSuccessor(turn.Sender.Id);
        }
        catch (BotRuleException)
        {
            // The record moved on (locked, refused, handed to cover) while this conversation waited.
            turn.EndFlow();
            throw;
        }
        var step = turn.State.Step ?? "";
        var answer = turn.Said;
        var key = turn.Choice?.Value ?? TextInput.ForMatching(answer);

        if (step == RefuseStep)
        {
            if (answer.Length == 0)
            {
                turn.AskInFlow(this, RefuseStep, Texts.Get("AskRefusalReason", language));
                return;
            }
            await RefuseAsync(turn, record, answer, cancellationToken);
            return;
        }
        if (step.StartsWith("ask:", StringComparison.Ordinal))
        {
            var asked = ItemOf(record, step);
            if (asked is null || answer.Length == 0)
            {
                turn.AskInFlow(this, step, Texts.Get("AskQuestion", language));
                return;
            }
            await AskOutgoingAsync(turn, record, asked, answer, cancellationToken);
            return;
        }
        // The 接班 button of a later notice (an answer arrived) while checking: show where the check stands.
        if (key.StartsWith(TextInput.ForMatching(Texts.Get("WordAccept", language)), StringComparison.Ordinal) && step != SignStep)
        {
            await PresentAsync(turn, record, cancellationToken);
            return;
        }
        if (key == RefuseValue || key == TextInput.ForMatching(Texts.Get("RefuseLabel", language)))
        {
            turn.AskInFlow(this, RefuseStep, Texts.Get("AskRefusalReason", language));
            return;
        }
        if (step == SignStep)
        {
            // Everything is checked: 确认 / 好的 / 签字 typed here is the signature asked for (第14篇 1.7).
            if (key == SignValue || key == TextInput.ForMatching(Texts.Get("SignLabel", language)) || SignWords.Contains(key))
                await SignAsync(turn, record, cancellationToken);
            else turn.Ask(Texts.Get("AllChecked", language), SignChoices(language));
            return;
        }

        var item = ItemOf(record, step);
        if (item is null)
        {
            await PresentAsync(turn, record, cancellationToken);
            return;
        }
        if (key == ConfirmAllValue || key == TextInput.ForMatching(Texts.Get("ConfirmAllLabel", language)) || turn.Choice is null && ConfirmAllWords.Contains(key))
        {
            // 全部确认: the item on screen and every item not checked yet; a question still open waits for its answer, and
            // another answered one is shown on its own so its answer is read before it is confirmed (第14篇 1.5).
            var open = record.InOrder.Where(i => i == item && i.State == HandoverItemState.Answered || i.State == HandoverItemState.Open).ToList();
            foreach (var each in open) record.Confirm(each, turn.Sender.Id);
            if (open.Count > 0) turn.Reply(Texts.Get("ConfirmedAll", language, open.Count));
            await PresentAsync(turn, record, cancellationToken);
            return;
        }
        if (key == ConfirmValue || key is "确认" or "✓" or "√" or "ok" or "confirm" || key == TextInput.ForMatching(Texts.Get("ConfirmLabel", language)))
        {
            record.Confirm(item, turn.Sender.Id);
            await PresentAsync(turn, record, cancellationToken);
            return;
        }
        if (key == QuestionValue || key == TextInput.ForMatching(Texts.Get("QuestionLabel", language)))
        {
            turn.AskInFlow(this, $"ask:{item.Number}", Texts.Get("AskQuestion", language));
            return;
        }
        if (turn.Message.ChoiceValue is null && IsQuestion(answer))
        {
            // A question typed straight away ("对讲机哪里坏了？") is this item's question (第14篇 1.5), as after 有疑问.
            await AskOutgoingAsync(turn, record, item, answer, cancellationToken);
            return;
        }
        // Still the item's question, which a typed question answers: commands stay held back here too.
        turn.Ask(Texts.Get("CheckItemAgain", language, handovers.Line(item, language)), ItemChoices(language), textAnswersToo: true);
    }

    /// <summary>Typed words for 全部确认 (compared after <see cref="TextInput.ForMatching"/>).</summary>
    private static readonly HashSet<string> ConfirmAllWords = new(
        ["全部确认", "都确认", "全都确认", "全部没问题", "都没问题", "全都没问题", "全部无误", "都无误", "confirm all", "all confirmed", "all ok"], StringComparer.Ordinal);

    /// <summary>Typed words that sign at the last step, where nothing else is asked.</summary>
    private static readonly HashSet<string> SignWords = new(
        ["确认", "好的", "好", "签字", "签名", "确认接班", "同意接班", "确定", "ok", "yes", "sign", "confirm"], StringComparer.Ordinal);

    private static readonly string[] ChineseQuestionWords = ["吗", "为什么", "为啥", "怎么", "什么", "哪", "谁", "多少", "是否", "有没有"];
    private static readonly string[] EnglishQuestionWords = ["why", "what", "when", "where", "who", "how", "is", "are", "was", "did", "does", "has", "can"];

    /// <summary>
    /// Typed text that asks something: ends with a question mark, holds a Chinese question word, or starts with an English one.
    /// </summary>
    private static bool IsQuestion(string text)
    {
        var trimmed = TextInput.Normalize(text);
        if (trimmed.EndsWith('?')) return true;
        var folded = TextInput.ForMatching(text);
        return folded.Length >= 3 && (ChineseQuestionWords.Any(w => folded.Contains(w, StringComparison.Ordinal))
                                      || EnglishQuestionWords.Contains(folded.Split(' ')[0]));
    }

    /// <summary>Records the successor's question on the item, sends it to the outgoing person to answer, and goes on to the next item.</summary>
    private async Task AskOutgoingAsync(TurnContext turn, HandoverRecord record, HandoverItem item, string question, CancellationToken cancellationToken)
    {
        record.Ask(item, turn.Sender.Id, question);
        await handovers.NotifyAsync(record.OutgoingId, $"handover:{record.Id}:q:{item.Number}:{turn.Now.ToUnixTimeMilliseconds()}", l =>
        {
            var word = Texts.Get("WordAnswer", l);
            return new OutgoingMessage(Texts.Get("QuestionToOutgoing", l, turn.Sender.DisplayName, handovers.Title(record, l), handovers.Line(item, l)),
                [new Choice($"{word} {record.Id}", word)]);
        }, cancellationToken);
        turn.Reply(Texts.Get("QuestionSent", turn.Language, item.Number, await handovers.NameOfAsync(record.OutgoingId, cancellationToken)));
        await PresentAsync(turn, record, cancellationToken);
    }

    private async Task PresentAsync(TurnContext turn, HandoverRecord record, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (record.NextToCheck() is { } item)
        {
            var position = record.InOrder.ToList().IndexOf(item) + 1;
            // A question typed straight away is this item's question, so a command typed here is held back once rather than sent.
            turn.AskInFlow(this, $"item:{item.Number}", Texts.Get("CheckItemPrompt", language, position, record.Items.Count, handovers.Line(item, language)),
                ItemChoices(language), textAnswersToo: true);
            return;
        }
        if (record.OpenQuestions > 0)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("WaitingForAnswers", language, record.OpenQuestions, await handovers.NameOfAsync(record.OutgoingId, cancellationToken)));
            return;
        }
        turn.AskInFlow(this, SignStep, Texts.Get("AllChecked", language), SignChoices(language));
    }

    private async Task SignAsync(TurnContext turn, HandoverRecord record, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        turn.EndFlow();
        if (await handovers.BlockedByEventsAsync(turn.Now, language, cancellationToken) is { } blocked)
        {
            turn.Reply(blocked);
            return;
        }
        record.Accept(turn.Sender.Id, turn.Now);
        turn.Reply(Texts.Get("Accepted", language, handovers.Title(record, language), record.ContentHash![..12]));
        await handovers.NotifyAsync(record.OutgoingId, $"handover:{record.Id}:accepted:{record.ReopenCount}", l =>
        {
            var word = Texts.Get("WordCheckOut", l);
            return new OutgoingMessage(Texts.Get("AcceptedTellOutgoing", l, turn.Sender.DisplayName, handovers.Title(record, l)), [new Choice(word, word)]);
        }, cancellationToken);
    }

    private async Task RefuseAsync(TurnContext turn, HandoverRecord record, string reason, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        turn.EndFlow();
        record.Refuse(turn.Sender.Id, reason, turn.Now);
        var outgoing = await handovers.NameOfAsync(record.OutgoingId, cancellationToken);
        // 第14篇 1.6: refused → reported to the superior, who decides (re-open, cover, or help finish the work).
        var told = await handovers.AlertShiftLeadAsync(record, "handover.refused", "RefusedSubject", "RefusedDetails", Severity.Urgent, turn.Now, cancellationToken,
            turn.Sender.DisplayName, outgoing, reason, record.Post);
        await handovers.NotifyAsync(record.OutgoingId, $"handover:{record.Id}:refused:{turn.Now.ToUnixTimeMilliseconds()}", l =>
            new OutgoingMessage(Texts.Get("RefusedTellOutgoing", l, turn.Sender.DisplayName, handovers.Title(record, l), reason)), cancellationToken);
        turn.Reply(Texts.Get("RefusedDone", language, handovers.Title(record, language), HandoverService.Describe(told, language)));
    }

    private static HandoverItem? ItemOf(HandoverRecord record, string step)
    {
        var colon = step.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(step[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? record.Items.FirstOrDefault(i => i.Number == number)
            : null;
    }

    private static Choice[] ItemChoices(string language) =>
        [new(ConfirmValue, Texts.Get("ConfirmLabel", language)), new(ConfirmAllValue, Texts.Get("ConfirmAllLabel", language)), new(QuestionValue, Texts.Get("QuestionLabel", language)), new(RefuseValue, Texts.Get("RefuseLabel", language))];

    private static Choice[] SignChoices(string language) =>
        [new(SignValue, Texts.Get("SignLabel", language)), new(RefuseValue, Texts.Get("RefuseLabel", language))];
}

/// <summary>
/// 答复 / answer: the outgoing person answers the successor's question (第14篇 1.5). "答复 12 已联系维修，明早9点到场";
/// without the text the bot shows the question and asks. Nothing is answered on a locked record.
/// </summary>
public sealed class AnswerQuestionCommand(HandoverService handovers) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;
    private const string IdKey = "handover";
    private const string AnswerStep = "answer";

    public string Name => "handover-answer";

    public CommandInfo Info { get; } = new("handover-answer", ["答复"], ["answer"], Texts, "AnswerDescription", HelpOrder: 33, AnswersInline: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (id, text) = HandoverService.ParseId(arguments);
        HandoverRecord? record;
        if (id is { } wanted)
        {
            record = await handovers.Store.FindAsync(wanted, cancellationToken);
            if (record is null)
            {
                turn.Reply(Texts.Get("NotFound", language, wanted));
                return;
            }
            if (record.IsLocked) throw new BotRuleException(Texts, "Locked", record.Id);
            if (record.OutgoingId != turn.Sender.Id) throw new BotRuleException(Texts, "OnlyOutgoingAnswers", record.Id);
        }
        else
        {
            record = (await handovers.Store.WithQuestionsForAsync(turn.Sender.Id, cancellationToken)).FirstOrDefault();
            if (record is null)
            {
                turn.Reply(Texts.Get("NoQuestionsForYou", language));
                return;
            }
        }
        if (record.InOrder.FirstOrDefault(i => i.State == HandoverItemState.Questioned) is not { } item)
        {
            turn.Reply(Texts.Get("NoOpenQuestion", language, record.Id));
            return;
        }
        if (text.Length == 0)
        {
            turn.State.Data[IdKey] = record.Id.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, AnswerStep, Texts.Get("AskAnswer", language, handovers.Line(item, language)));
            return;
        }
        await AnswerAsync(turn, record, item, text, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var answer = turn.Said;
        if (!turn.State.Data.TryGetValue(IdKey, out var idText) || !long.TryParse(idText, CultureInfo.InvariantCulture, out var id)
            || await handovers.Store.FindAsync(id, cancellationToken) is not { } record)
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", language));
            return;
        }
        if (answer.Length == 0)
        {
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", language));
            return;
        }
        turn.EndFlow();
        if (record.InOrder.FirstOrDefault(i => i.State == HandoverItemState.Questioned) is not { } item)
        {
            turn.Reply(Texts.Get("NoOpenQuestion", language, record.Id));
            return;
        }
        await AnswerAsync(turn, record, item, answer, cancellationToken);
    }

    private async Task AnswerAsync(TurnContext turn, HandoverRecord record, HandoverItem item, string answer, CancellationToken cancellationToken)
    {
        record.AnswerQuestion(item, turn.Sender.Id, answer);
        if (record.SuccessorId is { } successor)
            await handovers.NotifyAsync(successor, $"handover:{record.Id}:a:{item.Number}:{turn.Now.ToUnixTimeMilliseconds()}", l =>
            {
                var word = Texts.Get("WordAccept", l);
                return new OutgoingMessage(Texts.Get("AnsweredToSuccessor", l, turn.Sender.DisplayName, handovers.Title(record, l), handovers.Line(item, l)),
                    [new Choice($"{word} {record.Id}", word)]);
            }, cancellationToken);
        turn.Reply(Texts.Get("AnswerSent", turn.Language, item.Number, await handovers.NameOfAsync(record.SuccessorId, cancellationToken)));
    }
}

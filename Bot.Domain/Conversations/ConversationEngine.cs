namespace Bot.Domain.Conversations;

/// <summary>
/// Routes one turn. Order (ARCHITECTURE.md): 取消/cancel first, then the active flow, then command words in
/// Chinese and English, and help last — which is also the polite answer to what the bot did not understand.
/// Rule refusals (<see cref="BotRuleException"/>) become replies in the person's language.
/// </summary>
public sealed partial class ConversationEngine
{
    private static readonly HashSet<string> CancelWords = new(StringComparer.Ordinal) { "取消", "退出", "算了", "cancel", "quit", "stop" };

    // "算了 没事了", "算了不借了", "不借了": said in the middle of something, it is given up — not the details of an
    // emergency (紧急 would alert the manager with "算了 没事了") nor a key's purpose. Only short: a longer message that
    // starts so ("算了，还是登记一下吧：…") is an answer.
    // Not 不用了 / 不要了: those answer a question ("还有补充吗？" — "不用了") as a plain no.
    private static readonly string[] CancelPhraseStarts = ["算了", "不借了", "不办了", "不弄了", "没事了"];
    private const int MaxCancelPhrase = 8;

    private static bool IsCancelPhrase(string key) =>
        key.Length <= MaxCancelPhrase && CancelPhraseStarts.Any(p => key.StartsWith(p, StringComparison.Ordinal))
        && (key.StartsWith("算了", StringComparison.Ordinal) || key.Length == 3 || TextInput.IsAcknowledgement(key[3..]));
    private static readonly HashSet<string> HelpWords = new(StringComparer.Ordinal) { "帮助", "菜单", "你好", "您好", "help", "menu", "hi", "hello", "?" };

    private static readonly TextCatalog Texts = ConversationTexts.Catalog;
    private const int MaxHelpButtons = 6;
    // How long an unanswered question keeps a typed command from running (it is answered with the hint to 取消 first).
    private static readonly TimeSpan StaleQuestionAfter = TimeSpan.FromMinutes(30);
    // Up to this many commands help describes each one; beyond it, an overview by topic.
    private const int CompactHelpAbove = 10;

    private readonly DepartmentProfile _department;
    private readonly IReadOnlyList<IBotCommand> _commands;
    private readonly IReadOnlyDictionary<string, IConversationFlow> _flows;
    // Longest word first, so "借钥匙" wins over a shorter word that is its prefix.
    private readonly IReadOnlyList<(string Word, IBotCommand Command)> _words;

    public ConversationEngine(DepartmentProfile department, IEnumerable<IBotCommand> commands, IEnumerable<IConversationFlow> flows)
    {
        _department = department;
        _commands = [.. commands.OrderBy(c => c.Info.HelpOrder)];
        _flows = flows.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _words = [.. _commands
            .SelectMany(c => c.Info.Words.Select(w => (Word: TextInput.ForMatching(w), Command: c)))
            .OrderByDescending(p => p.Word.Length)];
    }

    public async ValueTask HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.Choice = TextInput.MatchChoice(turn.Text, turn.State.PendingChoices);
        var key = TextInput.ForMatching(turn.Text);
        try
        {
            // (An owner's survey reads their "算了 不做了" itself: it ends politely and passes the callback to the staff.)
            if (CancelWords.Contains(key) || (turn.Sender.IsStaff && turn.State.InFlow && turn.Choice is null && IsCancelPhrase(key)))
            {
                Cancel(turn);
                return;
            }

            // A question left unanswered for a long while is no longer "the middle" of anything: a command typed now (签到
            // the next morning, with yesterday's 调班 question still open) is meant as itself, and the old question ends.
            if (turn.State.InFlow && turn.State.LastActivityAt is { } last && turn.Now - last >= StaleQuestionAfter
                && turn.Message.ChoiceValue is null && turn.Choice is null && TypedCommandIn(turn, out var ownFlow) is not null && !ownFlow)
            {
                turn.EndFlow();
                turn.Reply(Texts.Get("StaleQuestionEnded", turn.Language));
            }

            // A message the bot sent on its own since the last turn (a swap to agree to, an alert with 收到) is what the
            // person has in front of them: a typed "1" or "同意" answers it, not the choices of an older reply (help's
            // "1" is 签到). Commands and help words are what they are.
            IReadOnlyList<Choice>? offered = null;
            if (!turn.State.InFlow && turn.Message.ChoiceValue is null && turn.ChoicesOfferedSince is { } offeredSince
                && FindCommand(turn.Text) is null && !IsHelpWord(turn.Text)
                && await offeredSince(cancellationToken) is { Count: > 0 } choices)
            {
                offered = choices;
                turn.Choice = TextInput.MatchChoice(turn.Text, offered);
            }

            if (turn.State.InFlow)
            {
                // A button pressed on another message (a hand-out request, an alert) while a question is open is a
                // command, not an answer to it: run it, and leave the open question as it was.
                if (turn.Message.ChoiceValue is { } pressed && turn.Choice is null
                    && FindCommand(pressed) is var (pressedCommand, pressedArguments) && pressedCommand.Info.IsAvailableTo(turn.Sender))
                {
                    await pressedCommand.HandleAsync(turn, pressedArguments, cancellationToken);
                    return;
                }
                // An emergency (or 收到 to an alert), or a look-up, typed in the middle of a question runs at once; the
                // question stays open, with its choices, which the reply shows again.
                if (MidQuestionCommandIn(turn) is var (midQuestion, midQuestionArguments)
                    && await RunMidQuestionAsync(turn, midQuestion, midQuestionArguments, cancellationToken) is var (midFlow, midStep, midChoices, midAsked, midTextToo))
                {
                    if (turn.State.Flow == midFlow && turn.State.Step == midStep)
                    {
                        // The look-up's own buttons still work when pressed; a typed number answers the open question.
                        turn.State.PendingChoices = [.. midChoices];
                        // Said again, so the person need not scroll back past the look-up to know what to answer.
                        var stillOpen = midAsked is { } question
                            ? Texts.Get("QuestionStillOpenWith", turn.Language, question)
                            : Texts.Get("QuestionStillOpen", turn.Language);
                        if (midChoices.Count > 0) turn.Ask(stillOpen, midChoices, midTextToo);
                        else turn.Reply(stillOpen);
                        turn.State.Question = midAsked;
                    }
                    return;
                }
                if (turn.State.Flow == ConversationState.ArgumentsFlow
                    && _commands.FirstOrDefault(c => c.Info.Name == turn.State.Step && c.Info.IsAvailableTo(turn.Sender)) is { } asking)
                {
                    // "请告诉我要查哪把钥匙" — a look-up asking what to look up — answered with another command ("转交钥匙
                    // 3-1-502 给李四"): meant as itself; nothing is lost by leaving the look-up, so it runs.
                    if ((asking.Info.LookUp || asking.Info.AnswersWhere) && turn.Message.ChoiceValue is null && turn.Choice is null
                        && TypedCommandIn(turn, out var ownCommand) is var (instead, insteadArguments) && !ownCommand && instead != asking)
                    {
                        turn.EndFlow();
                        await instead.HandleAsync(turn, insteadArguments, cancellationToken);
                        return;
                    }
                    // "帮助" or "你好" where a command asks what to act on (钥匙 → which key?) is never the key's name:
                    // only the command word would be lost by leaving the question, so the help is shown instead.
                    if (turn.Message.ChoiceValue is null && turn.Choice is null && (IsHelpWord(turn.Text) || IsGreeting(turn.Text)))
                    {
                        turn.EndFlow();
                        WriteHelp(turn);
                        return;
                    }
                    // "补充交接" where 夜间登记 asks for its details: another command, held back once as in a flow. Not the
                    // asking command retyped, nor 紧急 where the details may start with it.
                    if (HeldAsCommand(turn, c => c != asking && !(c.Info.Urgent && asking.Info.TakesUrgentWord)) is { } other)
                    {
                        SayHeld(turn, other);
                        return;
                    }
                    turn.EndFlow();
                    // The answer is the arguments; retyping the command word in front of them is fine too.
                    var retyped = FindCommand(turn.Text, TypedBy(turn)) is var (same, rest) && same == asking ? rest : null;
                    turn.AnswersArgumentsQuestion = true;
                    await asking.HandleAsync(turn, retyped ?? AsTyped(TextInput.Normalize(turn.Text), TypedBy(turn)), cancellationToken);
                    if (retyped is null && turn.State.Flow == ConversationState.ArgumentsFlow && turn.State.Step == asking.Info.Name) HintHowToLeave(turn);
                    return;
                }
                if (_flows.TryGetValue(turn.State.Flow!, out var flow))
                {
                    // "回访" typed alone in the survey it started: the person is already doing it. The open question again —
                    // not an answer, and not a fresh start that would lose what was answered so far. (A command that runs
                    // its own flow — 交班, 值班记录 — is handed the restatement and says where it stands itself.)
                    if (OwnCommandAlone(turn))
                    {
                        turn.AskAgain(Texts.Get("CarryOn", turn.Language));
                        return;
                    }
                    if (RestatedCommand(turn) is var (restated, restatedArguments))
                    {
                        // "调班 老李 明天" while 调班 asks which day: the request said again, started afresh.
                        turn.EndFlow();
                        await restated.HandleAsync(turn, restatedArguments, cancellationToken);
                        return;
                    }
                    // Sent again after it was held back: the person has said it is the answer, so no hint either.
                    var confirmedAnswer = turn.State.HeldCommand is { } heldBefore && heldBefore == turn.Said;
                    if (HeldAsCommand(turn) is { } held)
                    {
                        // "业主电话 3-1-502" while a report asks what happened: not written into the report unnoticed.
                        SayHeld(turn, held);
                        return;
                    }
                    if (HelpOrGreetingWhereTextIsTaken(turn) is { } notAnAnswer)
                    {
                        // "帮助" or "你好" where any text is taken is never the answer: a duty log saying "帮助" helps nobody.
                        var again = turn.State.Question is { } open ? Texts.Get("QuestionStillOpenWith", turn.Language, open) : null;
                        SayInsteadOfAnswer(turn, again is null ? notAnAnswer : notAnAnswer + "\n" + again);
                        return;
                    }
                    var (flowBefore, stepBefore) = (turn.State.Flow, turn.State.Step);
                    await flow.ContinueAsync(turn, cancellationToken);
                    if (turn.State.Flow == flowBefore && turn.State.Step == stepBefore && !confirmedAnswer) HintHowToLeave(turn);
                    return;
                }
                // The flow is no longer offered (an upgrade removed it): forget it and route the message normally.
                turn.EndFlow();
            }

            // A shared position without words goes to the command that keeps one (签到: where the person checked in).
            if (string.IsNullOrWhiteSpace(turn.Message.Text) && turn.Message.ChoiceValue is null && turn.Message.Location is not null
                && _commands.FirstOrDefault(c => c.Info.TakesLocation && c.Info.IsAvailableTo(turn.Sender)) is { } locationCommand)
            {
                turn.State.PendingChoices = [];
                await locationCommand.HandleAsync(turn, "", cancellationToken);
                return;
            }

            // Outside a flow, a pressed or numbered choice (help's buttons) stands for its value.
            var commandText = turn.Choice?.Value ?? turn.Text;
            var typed = turn.Choice is null ? TypedBy(turn) : null;
            var found = FindCommand(commandText, typed);
            // "投诉处理了吗" from a supervisor: an owners' word (投诉) at the start of a staff question is not the owners'
            // command refused ("“留言”不在您的权限范围内") — the question is read on as any other.
            if (found is var (ownersOnly, _) && turn.Sender.IsStaff && ownersOnly.Info.Audience == Audience.Owners) found = null;
            // "你好，签到" / "您好，我家门口的灯坏了": the greeting is manners, what follows is the message.
            if (found is null && turn.Message.ChoiceValue is null && AfterGreeting(commandText) is { } greeted)
            {
                // "您好呀", "hello there": a greeting and nothing else is a greeting, answered with what I can do.
                if (greeted.Length == 0)
                {
                    WriteHelp(turn);
                    return;
                }
                commandText = greeted;
                found = FindCommand(commandText, typed);
            }
            // "同意 早点回来", "不行 现在只有你一个人在岗" to a request's two buttons: the button, with the words after the yes
            // or no as the answerer's remark or reason for the requester — where the button's command takes one. Read before
            // the guesses below, so a word inside the reason (在岗, 谁值班) does not turn the answer into another command.
            if (found is null && offered is not null && turn.Choice is null && turn.Message.ChoiceValue is null
                && TextInput.AnswerWithRemark(turn.Said, offered) is var (answered, remark)
                && FindCommand(answered.Value) is var (remarked, remarkedArguments) && remarked.Info.TakesRemark && remarked.Info.IsAvailableTo(turn.Sender))
            {
                turn.State.PendingChoices = [];
                await remarked.HandleAsync(turn, $"{remarkedArguments} {remark}", cancellationToken);
                return;
            }
            // "我要借钥匙", "我签到", "麻烦帮我签退": the way one asks a colleague; what follows the asking is the command.
            if (found is null && turn.Message.ChoiceValue is null && turn.Choice is null && AfterAsking(commandText) is { } asked
                && FindCommand(asked, typed) is { } meant)
            {
                commandText = asked;
                found = meant;
            }
            // "签个到", "我签个到", "借一下钥匙 3-1-502": a command word with only a filler inside it is that command.
            if (found is null && turn.Message.ChoiceValue is null && turn.Choice is null && WithFillerInside(AfterAsking(commandText) ?? commandText) is { } filled)
                found = filled;
            // "明天谁值班", "我周六上什么班？": the question's word last, what it asks about before it. ("帮助 电影票" is help.)
            if (found is null && turn.Message.ChoiceValue is null && turn.Choice is null && HelpTopicOf(commandText) is null
                && FindClosingCommand(commandText, turn.Sender) is { } closing)
                found = closing;
            if (found is var (command, arguments))
            {
                if (!command.Info.IsAvailableTo(turn.Sender))
                {
                    // "紧急 3栋电梯困人了", "钥匙丢了 能帮我配一把吗", "收到 谢谢" from an owner: the staff's word at the start of
                    // what they write is part of their message to the front desk (or a thank-you), not a refusal that loses it.
                    if (!turn.Sender.IsStaff && typed is not null && FreeTextCommandFor(turn.Sender) is { } ownersMessage)
                    {
                        turn.State.PendingChoices = [];
                        await ownersMessage.HandleAsync(turn, AsTyped(TextInput.Normalize(commandText), typed), cancellationToken);
                        return;
                    }
                    turn.Reply(Texts.Get("NotForYou", turn.Language, command.Info.WordFor(turn.Language)));
                    WriteHelp(turn);
                    return;
                }
                turn.State.PendingChoices = [];
                await command.HandleAsync(turn, arguments, cancellationToken);
                return;
            }

            if (IsHelpWord(commandText))
            {
                WriteHelp(turn);
                return;
            }
            if (HelpTopicOf(commandText) is { } topic)
            {
                WriteHelp(turn, topic);
                return;
            }

            // A button of a message whose business is over (提交, 全部正常, 是 on a finished return): said so, not the help.
            if (turn.Message.ChoiceValue is not null && turn.Choice is null)
            {
                turn.Reply(Texts.Get("ChoiceNoLongerOpen", turn.Language));
                return;
            }
            // "好的", "谢谢👍", "辛苦了" from staff with nothing waiting for an answer: acknowledged in a line, not the whole
            // help. (An owner's thanks go to their message command, which answers them and passes nothing on.)
            if (turn.Sender.IsStaff && offered is null && turn.Choice is null && TextInput.IsAcknowledgement(commandText))
            {
                Acknowledge(turn);
                return;
            }

            // Typed words no command took go to the command that takes free text for this person, if any (an owner's
            // 留言: a complaint or a request is passed on, not answered with "请您再说一遍"). Emoji and punctuation alone are not.
            if (turn.Message.ChoiceValue is null && commandText.Any(char.IsLetterOrDigit)
                && FreeTextCommandFor(turn.Sender) is { } freeText)
            {
                turn.State.PendingChoices = [];
                await freeText.HandleAsync(turn, AsTyped(TextInput.Normalize(commandText), typed), cancellationToken);
                return;
            }

            // "请您明确答复" with its one button 答复, and the answer written straight away ("在维修部充电，明早取回"): the
            // answer, as if the button had been pressed first.
            if (offered is [var only] && turn.Choice is null && turn.Message.ChoiceValue is null && commandText.Any(char.IsLetterOrDigit)
                && FindCommand(only.Value) is var (inline, inlineArguments) && inline.Info.AnswersInline && inline.Info.IsAvailableTo(turn.Sender))
            {
                turn.State.PendingChoices = [];
                await inline.HandleAsync(turn, $"{inlineArguments} {AsTyped(TextInput.Normalize(commandText), typed)}", cancellationToken);
                return;
            }

            // "3-1-502的钥匙在哪", "今天的交班怎么弄": command words inside the message, offered as buttons rather than the
            // whole help, since they are most likely what was meant.
            if (turn.Message.ChoiceValue is null && turn.Choice is null && MentionedCommands(turn, commandText) is { Count: > 0 } mentioned)
            {
                turn.Ask(Texts.Get("NotUnderstoodDidYouMean", turn.Language), mentioned);
                return;
            }
            // "3-1-502的情况", "3-1-502业主是谁": a unit and no command — what is known about it.
            if (turn.Message.ChoiceValue is null && turn.Choice is null && UnitNamed(commandText) is { } unit
                && _commands.Where(c => c.Info.AboutUnit && c.Info.IsAvailableTo(turn.Sender)).Select(c => $"{c.Info.WordFor(turn.Language)} {unit}").ToList() is { Count: > 0 } about)
            {
                turn.Ask(Texts.Get("NotUnderstoodDidYouMean", turn.Language), [.. about.Select(a => new Choice(a, a))]);
                return;
            }
            // A reply to that message that matched none of its choices and reads as nothing else ("好的" to 确认交出 / 拒绝交出,
            // "马上去看" to an alert): its choices again, not the whole help, since they are what the person was answering.
            // Not a message naming a command or a unit (above), nor a question ("张三去哪了"): those are clearly something
            // else, and are answered as they would be without the message.
            if (offered is not null && turn.Choice is null && !TextInput.IsQuestion(commandText))
            {
                turn.Ask(Texts.Get("NotUnderstoodOffered", turn.Language), offered);
                return;
            }
            // "5号楼电梯坏了", "有业主打电话说电梯坏了": a member of staff telling what happened — most likely to be written
            // down. Offered, with the message, to what records it; a question is not a report.
            if (turn.Message.ChoiceValue is null && turn.Choice is null && turn.Sender.IsStaff && ReadsAsReport(commandText)
                && _commands.Where(c => c.Info.RecordsText && c.Info.IsAvailableTo(turn.Sender)).ToList() is { Count: > 0 } recorders)
            {
                turn.Ask(Texts.Get("NotUnderstoodRecordIt", turn.Language), [.. recorders.Select(c => RecordOffer(c.Info.WordFor(turn.Language), commandText))]);
                return;
            }
            turn.Reply(Texts.Get("NotUnderstood", turn.Language));
            WriteHelp(turn);
        }
        catch (BotRuleException refusal)
        {
            if (refusal.Choices is { Count: > 0 } meant) turn.Ask(refusal.Render(turn.Language), meant);
            else turn.Reply(refusal.Render(turn.Language));
        }
    }

    /// <summary>How many of a topic's command words the help overview names; "帮助 ＋类别" lists them all.</summary>
    private const int MaxTopicWords = 7;

    /// <summary>
    /// The commands this person may use, with a choice for each. A short list is written out with what each does; a
    /// long one (staff have dozens) is an overview by topic — one line per feature — so it stays readable on a phone and
    /// fits a WeCom card; "帮助 钥匙" (help + a topic or a command word) then explains that topic's commands.
    /// </summary>
    public void WriteHelp(TurnContext turn, string? topic = null)
    {
        var language = turn.Language;
        var available = _commands.Where(c => c.Info.IsListedFor(turn.Sender)).ToList();
        var intro = turn.Sender.IsStaff
            ? Texts.Get("HelpIntroStaff", language, turn.Sender.DisplayName, _department.PropertyName)
            : Texts.Get("HelpIntroOwner", language, turn.Sender.DisplayName, _department.PropertyName);
        // Topics in the order of their first command, so the most used come first.
        var topics = available.GroupBy(c => c.Info.Catalog.Name)
            .Select(g => (Name: TopicName(g.First().Info.Catalog, language), Commands: g.ToList()))
            .ToList();

        // A topic asked for by name is explained to anyone who may use it, listed for them or not: 张三 standing in at the
        // front desk asks "帮助 电影票" though the overview keeps the front desk's topics to the front desk.
        if (topic is not null && FindTopic([.. _commands.Where(c => c.Info.IsAvailableTo(turn.Sender)).GroupBy(c => c.Info.Catalog.Name)
                .Select(g => (Name: TopicName(g.First().Info.Catalog, language), Commands: g.ToList()))], topic) is { } chosen)
        {
            var detail = string.Join("\n", [Texts.Get("HelpTopicIntro", language, chosen.Name), .. DescribedLines(chosen.Commands, turn.Sender, language),
                Texts.Get("HelpFooter", language)]);
            turn.Ask(detail, ChoicesFor(chosen.Commands, language));
            return;
        }

        string text;
        if (available.Count <= CompactHelpAbove)
        {
            text = string.Join("\n", [intro, .. DescribedLines(available, turn.Sender, language), Texts.Get("HelpFooter", language)]);
        }
        else
        {
            var separator = Texts.Get("HelpWordSeparator", language);
            // A topic's most used words only: the whole list of a big topic (档案 has thirteen) is what "帮助 档案" is for.
            var lines = topics.Select(t => Texts.Get("HelpTopicLine", language, t.Name, t.Commands.Count <= MaxTopicWords
                ? string.Join(separator, t.Commands.Select(c => c.Info.WordFor(language)))
                : Texts.Get("HelpTopicMore", language, string.Join(separator, t.Commands.Take(MaxTopicWords).Select(c => c.Info.WordFor(language))), t.Commands.Count)));
            text = string.Join("\n", [intro, .. lines, Texts.Get("HelpTopicFooter", language), Texts.Get("HelpFooter", language)]);
        }
        // Buttons are shortcuts to the most used commands; the text names them all. Six is also what a WeCom card holds.
        turn.Ask(text, ChoicesFor(available, language));
    }

    /// <summary>
    /// A command open to staff and owners alike may describe itself to owners apart (its description key + "Owner"):
    /// 我是谁 shows staff their roles and shift, an owner the registered home.
    /// </summary>
    private static IEnumerable<string> DescribedLines(IEnumerable<IBotCommand> commands, Participant sender, string language) => commands.Select(c =>
        Texts.Get("HelpLine", language, c.Info.WordFor(language),
            (sender.IsStaff ? null : c.Info.Catalog.Find(c.Info.DescriptionKey + "Owner", language)) ?? c.Info.Catalog.Get(c.Info.DescriptionKey, language)));

    private static List<Choice> ChoicesFor(IEnumerable<IBotCommand> commands, string language) =>
        [.. commands.Take(MaxHelpButtons).Select(c => new Choice(c.Info.WordFor(language), c.Info.WordFor(language)))];

    /// <summary>A feature's topic is named in its own catalog ("HelpTopic"); commands of a catalog without one go under "其他".</summary>
    private static string TopicName(TextCatalog catalog, string language) =>
        catalog.Find("HelpTopic", language) ?? Texts.Get("HelpTopicOther", language);

    /// <summary>The topic named (in either language) or the one holding the command word asked about.</summary>
    private static (string Name, List<IBotCommand> Commands)? FindTopic(List<(string Name, List<IBotCommand> Commands)> topics, string asked)
    {
        var wanted = TextInput.ForMatching(asked);
        foreach (var t in topics)
        {
            var catalog = t.Commands[0].Info.Catalog;
            if (new[] { TextCatalog.Chinese, TextCatalog.English }.Any(l => catalog.Find("HelpTopic", l) is { } name && TextInput.ForMatching(name) == wanted))
                return t;
        }
        foreach (var t in topics)
            if (t.Commands.Any(c => c.Info.Words.Any(w => TextInput.ForMatching(w) == wanted))) return t;
        return null;
    }

    private static readonly string[] Greetings = ["你好", "您好", "hello", "hi"];

    // How a request to a colleague starts, longest first so "我想要" is taken whole. Only tried when the whole message
    // names no command, and only kept when what follows does.
    private static readonly string[] AskingWords =
        ["麻烦帮我", "请帮我", "我想要", "我需要", "帮我", "我要", "我想", "我来", "麻烦", "请", "i want to", "i'd like to", "please", "i need to"];

    /// <summary>
    /// The commands (at most four, the most used first) one of whose words of two or more characters appears in the
    /// message, each a button with that word. A where-question around the word of a command that answers one
    /// ("3-1-502的钥匙在哪") is kept whole on its button ("钥匙 3-1-502 在哪").
    /// </summary>
    private List<Choice> MentionedCommands(TurnContext turn, string text)
    {
        var folded = TextInput.ForMatching(text);
        var language = turn.Language;
        var asksWhere = TextInput.WithoutWhereQuestion(folded).Length < folded.Length;
        var found = new List<Choice>();
        var available = _commands.Where(c => c.Info.IsAvailableTo(turn.Sender)).ToList();
        // "借3-1-502的钥匙", "还一下钥匙", "签个到": a command word with the thing it is about (or a filler) inside it, first,
        // since it is the most precise; a shorter word inside it (钥匙 in 借钥匙) is then not offered apart.
        var split = new List<string>();
        foreach (var command in available)
        {
            foreach (var word in command.Info.ChineseWords.Where(w => w.Length >= 2 && !folded.Contains(w, StringComparison.Ordinal)))
            {
                if (SplitMention(folded, word) is not var (about, after)) continue;
                var offer = string.Join(' ', new[] { command.Info.WordFor(language), about, after }.Where(p => p.Length > 0));
                found.Add(new Choice(offer, offer));
                split.Add(word);
                break;
            }
        }
        foreach (var command in available)
        {
            if (found.Count >= 4) break;
            // A where-question word alone ("在哪") is how the message asks, not what it is about.
            if (command.Info.Words.Where(w => w.Length >= 2 && !IsWhereWord(w)).OrderByDescending(w => w.Length)
                    .FirstOrDefault(w => folded.Contains(w, StringComparison.OrdinalIgnoreCase)) is not { } said
                || split.Any(w => w.Contains(said, StringComparison.Ordinal)))
                continue;
            var word = command.Info.WordFor(language);
            if (asksWhere && command.Info.AnswersWhere)
            {
                var at = folded.IndexOf(said, StringComparison.OrdinalIgnoreCase);
                var about = string.Join(' ', new[] { folded[..at].TrimEnd('的', ' '), folded[(at + said.Length)..].Trim() }.Where(p => p.Length > 0));
                if (about.Length > 0) word += " " + about;
            }
            // "3-1-502业主来电说漏水": a report naming what records it (来电) is offered to it with the whole message.
            found.Add(command.Info.RecordsText && turn.Sender.IsStaff && ReadsAsReport(text) ? RecordOffer(word, text) : new Choice(word, word));
        }
        return [.. found.Take(4)];
    }

    // What may stand between a command word's two halves and be no part of what it is about: 借一下钥匙, 签个到, 借下钥匙.
    private static readonly string[] SplitFillers = ["一下", "一个", "下", "个", "把"];

    /// <summary>
    /// A command word said in two parts ("借" … "钥匙") with nothing but a filler or one code (a unit, a key's number)
    /// between them: that code and what follows the word, or null when the word is not said so.
    /// </summary>
    private static (string About, string After)? SplitMention(string folded, string word)
    {
        for (var k = 1; k < word.Length; k++)
        {
            var (head, tail) = (word[..k], word[k..]);
            for (var i = folded.IndexOf(head, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(head, i + 1, StringComparison.Ordinal))
            {
                var j = folded.IndexOf(tail, i + k, StringComparison.Ordinal);
                if (j <= i + k) continue;
                var between = folded[(i + k)..j].Trim();
                foreach (var filler in SplitFillers)
                    if (between.StartsWith(filler, StringComparison.Ordinal)) { between = between[filler.Length..].Trim(); break; }
                between = between.TrimEnd('的', ' ');
                if (between.Length == 0 || CodeOnly().IsMatch(between)) return (between, folded[(j + tail.Length)..].Trim(' ', '，', ','));
            }
        }
        return null;
    }

    /// <summary>A message that starts with a command word said with a filler inside it ("签个到"), as that command with what follows.</summary>
    private (IBotCommand Command, string Arguments)? WithFillerInside(string text)
    {
        var folded = TextInput.ForMatching(text);
        foreach (var (word, command) in _words)
        {
            if (word.Length < 2 || !char.IsLetter(word[0]) || char.IsAscii(word[0])) continue;
            for (var k = 1; k < word.Length; k++)
            {
                if (!folded.StartsWith(word[..k], StringComparison.Ordinal)) break;
                var rest = folded[k..];
                foreach (var filler in SplitFillers)
                    if (rest.StartsWith(filler, StringComparison.Ordinal) && rest[filler.Length..].StartsWith(word[k..], StringComparison.Ordinal))
                        return (command, TextInput.Normalize(text)[(filler.Length + word.Length)..].Trim());
            }
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?=[0-9a-z-]*[0-9])[0-9a-z-]{1,20}$")]
    private static partial System.Text.RegularExpressions.Regex CodeOnly();

    /// <summary>The one unit a message names ("3-1-502"), or null for none or several.</summary>
    private static string? UnitNamed(string text) => Features.Directory.Unit.NamedIn(TextInput.Normalize(text));

    /// <summary>What follows a leading "我要" / "帮我" / "please", or null when the message does not start so.</summary>
    private static string? AfterAsking(string text)
    {
        var normalized = TextInput.Normalize(text);
        foreach (var word in AskingWords)
        {
            if (!normalized.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = normalized[word.Length..].TrimStart(' ', ',', '，');
            // A bare 我 is handled after the words: "我签到", but not "我的…" or "我是…" (those are commands of their own).
            return rest.Length > 0 ? rest : null;
        }
        if (normalized.Length > 1 && normalized[0] == '我' && normalized[1] is not ('的' or '是')) return normalized[1..];
        return null;
    }

    // What may follow a greeting and still be only a greeting ("您好呀", "hello everyone").
    private static readonly HashSet<string> GreetingTails = new(StringComparer.OrdinalIgnoreCase)
        { "", "啊", "呀", "哈", "大家", "大家好", "各位", "there", "everyone", "all", "guys", "again" };

    /// <summary>
    /// What follows a greeting that opens a longer message ("你好，签到", "您好！我家门口的灯坏了"); "" when the message is
    /// only a greeting ("您好呀", "hello there"); null when it does not open with one, or is a bare greeting word (a help
    /// word already). An English greeting must be a word of its own ("history" is not hi).
    /// </summary>
    private static string? AfterGreeting(string text)
    {
        var normalized = TextInput.Normalize(text);
        foreach (var greeting in Greetings)
        {
            if (!normalized.StartsWith(greeting, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = normalized[greeting.Length..];
            if (rest.Length == 0 || (IsAsciiLetter(greeting[^1]) && char.IsAsciiLetter(rest[0]))) continue;
            rest = rest.TrimStart('啊', '呀', '哈').Trim(' ', ',', '，', '!', '！', '.', '。', '~', '～', '、', '?', '？');
            return GreetingTails.Contains(rest) || !rest.Any(char.IsLetterOrDigit) ? "" : rest;
        }
        return null;
    }

    /// <summary>"帮助 钥匙" / "help keys": what follows a help word (not a greeting: see <see cref="AfterGreeting"/>), or null.</summary>
    private static string? HelpTopicOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalized = TextInput.Normalize(text);
        foreach (var word in HelpWords.Where(w => w.Length > 1 && !Greetings.Contains(w)).OrderByDescending(w => w.Length))
        {
            if (!normalized.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = normalized[word.Length..];
            // Like command words: an English help word must be followed by a separator ("helpful" is not help).
            if (rest.Length == 0 || (IsAsciiLetter(word[^1]) && !char.IsWhiteSpace(rest[0]))) continue;
            var topic = rest.Trim().TrimStart(':', '：').Trim();
            return topic.Length > 0 ? topic : null;
        }
        return null;
    }

    /// <summary>
    /// A flow holds every message until it ends, so a command or 帮助 typed in the middle of one is read as an answer and
    /// asked again. When a typed message (not a pressed choice) is a bare command word or a help word and the flow did not
    /// move on, the person is told how to get out: send 取消 first, ahead of the flow's own answer (a greeting is greeted
    /// back instead). The flow itself is left as it was.
    /// </summary>
    private void HintHowToLeave(TurnContext turn)
    {
        if (turn.Message.ChoiceValue is not null || turn.Choice is not null) return;
        string? word = null;
        if (TypedCommandIn(turn, out var ownFlow) is var (command, _))
        {
            // The flow's own word (交班 in the middle of 交班) is the flow's to answer; leaving for it would make no sense.
            if (ownFlow) return;
            word = command.Info.WordFor(turn.Language);
        }
        else if (IsGreeting(turn.Text))
        {
            // A greeting answers with the help outside a question; inside one it is greeted back, not told to "do 你好 instead".
            turn.ReplyFirst(Texts.Get("InFlowGreeting", turn.Language));
            return;
        }
        else if (IsHelpWord(turn.Text)) word = turn.Text;
        // First: what the person wanted, then the question they are still in (asked again, with its buttons, last).
        if (word is not null) turn.ReplyFirst(Texts.Get("InFlowHint", turn.Language, word));
    }

    /// <summary>
    /// The word alone of a command whose flow another object runs (回访 and the survey), typed in that flow: the person is
    /// already doing what it asks for.
    /// </summary>
    private bool OwnCommandAlone(TurnContext turn) =>
        turn.Message.ChoiceValue is null && turn.Choice is null
        && TypedCommandIn(turn, out var ownFlow) is ({ Info.Flow: not null }, { Length: 0 }) && ownFlow;

    /// <summary>
    /// The open flow's own command typed again — with its details where the question offers buttons (alone it is the
    /// flow's to answer there: 巡查 in the middle of the round), alone or with them where it takes any text (where it
    /// would otherwise be written into the answer: "值班记录 5号楼门禁坏了" as what happened): the request restated, to
    /// be started afresh. The command decides what afresh means (交班 resumes where the preparation stands).
    /// </summary>
    private (IBotCommand Command, string Arguments)? RestatedCommand(TurnContext turn)
    {
        if (turn.Message.ChoiceValue is not null || turn.Choice is not null) return null;
        if (TypedCommandIn(turn, out var ownFlow) is not var (command, arguments) || !ownFlow) return null;
        return arguments.Length > 0 || TakesAnyText(turn.State) ? (command, arguments) : null;
    }

    /// <summary>
    /// What to say to a help word or a bare greeting typed where the question takes any text (and so would take it as
    /// the answer); null for anything else.
    /// </summary>
    private static string? HelpOrGreetingWhereTextIsTaken(TurnContext turn)
    {
        if (turn.Message.ChoiceValue is not null || turn.Choice is not null || !TakesAnyText(turn.State)) return null;
        if (IsGreeting(turn.Text)) return Texts.Get("InFlowGreeting", turn.Language);
        return IsHelpWord(turn.Text) ? Texts.Get("InFlowHint", turn.Language, turn.Text.Trim()) : null;
    }

    private static bool IsGreeting(string? text) => Greetings.Contains(TextInput.ForMatching(text)) || (text is not null && AfterGreeting(text) == "");

    /// <summary>
    /// Says something in place of taking the message as the answer, keeping a question that takes any text open: its
    /// shortcut buttons (交班's 完成), if it has any, go under the reply again.
    /// </summary>
    private static void SayInsteadOfAnswer(TurnContext turn, string text)
    {
        if (turn.State.PendingChoices.Count > 0) turn.Ask(text, [.. turn.State.PendingChoices], textAnswersToo: true);
        else turn.Reply(text);
    }

    /// <summary>Says that the command typed (<paramref name="word"/>) was held back, not taken as the answer to the open question.</summary>
    private static void SayHeld(TurnContext turn, string word) =>
        SayInsteadOfAnswer(turn, turn.State.Question is { } open
            ? Texts.Get("CommandOrAnswerTo", turn.Language, word, open)
            : Texts.Get("CommandOrAnswer", turn.Language, word));

    /// <summary>Whatever is typed will be taken as the answer: the question has no buttons, or its buttons are only shortcuts.</summary>
    private static bool TakesAnyText(ConversationState state) => state.PendingChoices.Count == 0 || state.TextAnswersToo;

    /// <summary>
    /// The command word, when a command is typed (alone, or set apart from its details) where the flow takes any text
    /// — no buttons, or buttons that are only shortcuts — so it would be taken as the answer. Held back the first time;
    /// the same text sent again goes to the flow as the answer. Not the flow's own command word.
    /// </summary>
    private string? HeldAsCommand(TurnContext turn, Func<IBotCommand, bool>? mayHold = null)
    {
        var heldBefore = turn.State.HeldCommand;
        turn.State.HeldCommand = null;
        if (turn.Message.ChoiceValue is not null || turn.Choice is not null || !TakesAnyText(turn.State)) return null;
        if (TypedCommandIn(turn, out var ownFlow) is not var (command, _) || ownFlow || mayHold?.Invoke(command) == false) return null;
        if (heldBefore == turn.Said) return null;
        turn.State.HeldCommand = turn.Said;
        return command.Info.WordFor(turn.Language);
    }

    /// <summary>
    /// Runs a command typed in the middle of a question and returns the question as it stood, or null when the command
    /// passed the message back to the question as its answer (<see cref="TurnContext.PassBack"/>: "备用电池在哪里"
    /// where 接班 asks for the successor's question names no colleague).
    /// </summary>
    private static async Task<(string? Flow, string? Step, List<Choice> Choices, string? Question, bool TextAnswersToo)?> RunMidQuestionAsync(
        TurnContext turn, IBotCommand command, string arguments, CancellationToken cancellationToken)
    {
        // A copy: the command may clear the list in place.
        var before = (turn.State.Flow, turn.State.Step, turn.State.PendingChoices.ToList(), turn.State.Question, turn.State.TextAnswersToo);
        turn.MidQuestion = true;
        try
        {
            await command.HandleAsync(turn, arguments, cancellationToken);
        }
        finally
        {
            // A refusal (BotRuleException) goes on to the engine's catch: the turn is no longer "mid question" there.
            turn.MidQuestion = false;
        }
        return turn.PassedBack ? null : before;
    }

    /// <summary>
    /// An urgent or look-up command typed (not pressed) in the middle of a question: alone, or set apart from its details.
    /// Not when the open question is that command's own, nor while a command whose arguments may start with an urgent
    /// word asks for them.
    /// </summary>
    private (IBotCommand Command, string Arguments)? MidQuestionCommandIn(TurnContext turn)
    {
        if (turn.Message.ChoiceValue is not null || turn.Choice is not null) return null;
        // "明天谁值班" asked with its word last, and little before it: a look-up too, not an answer that happens to end so.
        var typed = TypedCommandIn(turn, out var ownFlow)
            ?? (FindClosingCommand(turn.Text, turn.Sender) is var (closing, about) && closing.Info.LookUp && about.Length <= MaxMidQuestionAbout
                ? (closing, about) : null);
        if (typed is not var (command, arguments) || ownFlow || !(command.Info.Urgent || command.Info.LookUp))
            return null;
        if (turn.State.Flow == ConversationState.ArgumentsFlow
            && (turn.State.Step == command.Info.Name || (command.Info.Urgent && _commands.Any(c => c.Info.Name == turn.State.Step && c.Info.TakesUrgentWord))))
            return null;
        return (command, arguments);
    }

    /// <summary>
    /// The command a message typed in a flow names: a command word alone, or set apart from what follows ("事件报告 1") —
    /// free text that merely starts with one ("钥匙丢失了一把") is an answer. Only commands this person may use;
    /// <paramref name="ownFlow"/> says whether it is the open flow's own command. Never the command that takes free text
    /// (an owner's 留言): its words (报修, 投诉) are how a message to the front desk begins, so "报修 厨房水管漏水" is words
    /// for the flow to read — not held back, hinted at or run in its place. The flow passes on what is not its answer
    /// (the survey does, as a 留言).
    /// </summary>
    private (IBotCommand Command, string Arguments)? TypedCommandIn(TurnContext turn, out bool ownFlow)
    {
        ownFlow = false;
        if (FindCommand(turn.Text, TypedBy(turn)) is not var (command, arguments) || !command.Info.IsAvailableTo(turn.Sender) || command.Info.TakesFreeText
            || (arguments.Length > 0 && !SetApart(TextInput.Normalize(turn.Text), arguments)))
            return null;
        ownFlow = (command is IConversationFlow own && own.Name == turn.State.Flow) || (command.Info.Flow is { } runs && runs == turn.State.Flow);
        return (command, arguments);
    }

    /// <summary>Whether a space or a colon stands between the command word and its arguments, the tail of <paramref name="text"/>.</summary>
    private static bool SetApart(string text, string arguments)
    {
        var head = text[..^arguments.Length].TrimEnd();
        return head.Length < text.Length && (char.IsWhiteSpace(text[head.Length]) || head.EndsWith(':'));
    }

    // "?" alone is a help word too, though matching strips trailing punctuation.
    private static bool IsHelpWord(string text) => HelpWords.Contains(TextInput.ForMatching(text)) || HelpWords.Contains(TextInput.Normalize(text));

    private static void Cancel(TurnContext turn)
    {
        if (turn.State.InFlow)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("Cancelled", turn.Language));
        }
        else
        {
            turn.State.PendingChoices = [];
            turn.Reply(Texts.Get("NothingToCancel", turn.Language));
        }
    }

    /// <summary>What the person typed, when the message is typed words (not a button).</summary>
    private static string? TypedBy(TurnContext turn) => turn.Message.ChoiceValue is null ? turn.Said : null;

    /// <summary>A tail of the normalised message with the person's own full-width punctuation, when it was typed.</summary>
    private static string AsTyped(string tail, string? typed) => typed is null ? tail : TextInput.WithTypedPunctuation(tail, typed);

    /// <summary>
    /// The command the text starts with, and its arguments. With <paramref name="typed"/> (what was typed, of which
    /// <paramref name="text"/> is the normalised form) the arguments keep the person's "，" "：" "（）": they are stored
    /// and shown to others ("被困人员已救出，电梯停用待维保"), and words and numbers in them are folded all the same.
    /// </summary>
    private (IBotCommand Command, string Arguments)? FindCommand(string text, string? typed = null)
    {
        var normalized = TextInput.Normalize(text);
        var lower = normalized.ToLowerInvariant();
        foreach (var (word, command) in _words)
        {
            if (!lower.StartsWith(word, StringComparison.Ordinal)) continue;
            var rest = normalized[word.Length..];
            if (rest.Length == 0 || TextInput.ForMatching(rest).Length == 0) return (command, "");
            // A command word must stand alone: "help me" is not "help" + "me" unless a separator or CJK follows.
            if (char.IsWhiteSpace(rest[0]) || char.IsPunctuation(rest[0]) || !IsAsciiLetter(word[^1]))
                return (command, AsTyped(rest, typed).Trim().TrimStart(':', '：').Trim());
        }
        return null;
    }

    // Mid-question, a look-up asked with its word last counts only with this little before it ("明天", "我周六上"): longer
    // words before it are more likely an answer that ends so.
    private const int MaxMidQuestionAbout = 6;

    // A report offered to be recorded carries this much of the message in its button (the rest is typed again if needed).
    private const int MaxRecordedOffer = 200;

    private IBotCommand? FreeTextCommandFor(Participant sender) => _commands.FirstOrDefault(c => c.Info.TakesFreeText && c.Info.IsAvailableTo(sender));

    private static void Acknowledge(TurnContext turn) => turn.Reply(Texts.Get("AcknowledgedStaff", turn.Language, turn.Sender.DisplayName));

    /// <summary>A button that gives a staff report to a command that records it: the command's word, then the message.</summary>
    private static Choice RecordOffer(string word, string text)
    {
        var said = TextInput.Normalize(text);
        return new Choice($"{word} {(said.Length > MaxRecordedOffer ? said[..MaxRecordedOffer] : said)}", word);
    }

    /// <summary>
    /// Words that tell something ("5号楼电梯坏了"): four Chinese characters or three English words, not a question
    /// (<see cref="TextInput.IsQuestion"/>), and not thanks.
    /// </summary>
    private static bool ReadsAsReport(string text)
    {
        var folded = TextInput.ForMatching(text);
        // Four Chinese characters, or three English words: "asdfgh" and "english please" are not reports.
        var chinese = folded.Count(c => c is >= '\u4E00' and <= '\u9FFF');
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsAsciiLetter));
        return (chinese >= 4 || words >= 3) && !TextInput.IsQuestion(text) && !folded.StartsWith("谢谢", StringComparison.Ordinal);
    }

    // What a spoken question may end with after its word: "明天谁值班呢", "我明天上什么班啊", "今天谁迟到了".
    private static readonly char[] QuestionTails = ['呢', '吗', '啊', '呀', '嘛', '哈', '了', '?', '？', ' '];

    /// <summary>
    /// A command whose word closes the message (<see cref="CommandInfo.WordMayClose"/>), with the words before it as its
    /// arguments; null when none does, or nothing comes before the word (that is <see cref="FindCommand"/>'s). Only this
    /// person's commands: an owner's "想问下今天谁值班" is a message for the front desk, not a refusal.
    /// </summary>
    private (IBotCommand Command, string Arguments)? FindClosingCommand(string text, Participant sender)
    {
        var folded = TextInput.ForMatching(text).TrimEnd(QuestionTails);
        foreach (var (word, command) in _words)
        {
            if (!command.Info.WordMayClose || !command.Info.IsAvailableTo(sender) || !folded.EndsWith(word, StringComparison.Ordinal)) continue;
            var before = folded[..^word.Length].Trim();
            // "3-1-502的投诉": a question about one unit is that unit's (业户, or the command named with it), not the day's list.
            // "钥匙在哪里": where a thing is that another command answers where-questions for (钥匙, 档案) is that one's.
            if (before.Length > 0 && UnitNamed(before) is null && !(IsWhereWord(word) && AnswersWhereAbout(before))) return (command, before);
        }
        return null;
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z';

    private static bool IsWhereWord(string word) => TextInput.WithoutWhereQuestion(word).Length == 0;

    private bool AnswersWhereAbout(string text) =>
        _commands.Any(c => c.Info.AnswersWhere && c.Info.Words.Any(w => w.Length >= 2 && !IsWhereWord(w) && text.Contains(w, StringComparison.OrdinalIgnoreCase)));
}

namespace Bot.Domain.Conversations;

/// <summary>
/// One turn: the message, who sent it, the conversation's state, and the replies being built.
/// Feature commands and flows read and write only through this.
/// </summary>
public sealed class TurnContext(IncomingMessage message, Participant sender, ConversationState state, DateTimeOffset now)
{
    private readonly List<OutgoingMessage> _replies = [];

    public IncomingMessage Message { get; } = message;
    public Participant Sender { get; } = sender;
    public ConversationState State { get; } = state;
    public DateTimeOffset Now { get; } = now;
    public string Language => Sender.Language;

    /// <summary>The typed text, normalised (trimmed, full-width letters and digits folded), or the pressed choice's value.</summary>
    public string Text { get; } = TextInput.Normalize(message.ChoiceValue ?? message.Text);

    /// <summary>The choice of the last prompt this message answers (pressed, or typed as its number, label or value), if any.</summary>
    public Choice? Choice { get; internal set; }

    /// <summary>
    /// The choices of the latest message the bot sent this person here on its own (an alert, a request to approve) since
    /// their last turn, or null when there was none. Asked only for a typed answer outside a flow.
    /// </summary>
    public Func<CancellationToken, Task<IReadOnlyList<Choice>?>>? ChoicesOfferedSince { get; init; }

    public IReadOnlyList<OutgoingMessage> Replies => _replies;

    /// <summary>Whether a look-up runs in the middle of an open question (typed there, the question staying open).</summary>
    public bool MidQuestion { get; internal set; }

    /// <summary>Set by <see cref="PassBack"/>: the open question takes this message as its answer.</summary>
    public bool PassedBack { get; private set; }

    /// <summary>
    /// A look-up run in the middle of a question finds the message was not meant for it ("备用电池在哪里" names no
    /// colleague): the open question takes it as its answer instead. Reply nothing before calling it.
    /// </summary>
    public void PassBack() => PassedBack = MidQuestion;

    public void Reply(string text, IReadOnlyList<Choice>? choices = null) => _replies.Add(new OutgoingMessage(text, choices));

    /// <summary>A reply that goes before those already made this turn, so a question asked again stays last, with its buttons.</summary>
    internal void ReplyFirst(string text) => _replies.Insert(0, new OutgoingMessage(text));

    /// <summary>
    /// Asks with choices and remembers them, so the next message can answer by number or text. With
    /// <paramref name="textAnswersToo"/> the choices are shortcuts and any other text is an answer as well.
    /// </summary>
    public void Ask(string text, IReadOnlyList<Choice> choices, bool textAnswersToo = false)
    {
        State.PendingChoices = [.. choices];
        State.TextAnswersToo = textAnswersToo;
        if (State.InFlow) State.Question = QuestionLine(text);
        _replies.Add(new OutgoingMessage(text, choices));
    }

    /// <summary>
    /// The open question again, after <paramref name="lead"/> ("好的，我们接着来："), with its buttons: the flow and its step
    /// stay as they are.
    /// </summary>
    public void AskAgain(string lead)
    {
        var (question, choices, textToo) = (State.Question, State.PendingChoices.ToList(), State.TextAnswersToo);
        var text = question is null ? lead.TrimEnd('：', ':') : lead + question;
        if (choices.Count > 0) Ask(text, choices, textToo);
        else Reply(text);
        State.Question = question;
    }

    /// <summary>Asks as the given step of a flow: the flow's next turn goes to <see cref="IConversationFlow.ContinueAsync"/>.</summary>
    public void AskInFlow(IConversationFlow flow, string step, string text, IReadOnlyList<Choice>? choices = null, bool textAnswersToo = false)
    {
        State.StartOrContinue(flow.Name, step);
        if (choices is { Count: > 0 }) Ask(text, choices, textAnswersToo);
        else
        {
            State.PendingChoices = [];
            State.TextAnswersToo = false;
            State.Question = QuestionLine(text);
            Reply(text);
        }
    }

    public void EndFlow() => State.EndFlow();

    /// <summary>
    /// What the person wrote, as written (trimmed): for free text the department keeps — a report, a reason, a handover
    /// item — with the person's own full-width punctuation. Parse numbers, codes and words from <see cref="Text"/>.
    /// </summary>
    public string Said => (Message.Text ?? Message.ChoiceValue)?.Trim() ?? "";

    /// <summary>
    /// A command's arguments as typed: the engine hands them over normalised (full-width punctuation folded), and
    /// normalising maps character for character, so the typed text's tail of the same length is the original.
    /// </summary>
    public string AsTyped(string arguments)
    {
        var raw = Message.Text?.Trim();
        if (raw is null || arguments.Length == 0 || arguments.Length > raw.Length) return arguments;
        var tail = raw[^arguments.Length..];
        return TextInput.Normalize(tail) == arguments ? tail : arguments;
    }

    /// <summary>This message answers <see cref="AskForArguments"/>: a command asking again may say it did not understand.</summary>
    public bool AnswersArgumentsQuestion { get; internal set; }

    /// <summary>
    /// Replies how to use a command (its usage text) and takes the next message as that command's arguments, typed
    /// with or without the command word: "夜间登记" → "请写明类别和内容…" → "投诉 3-1-502 楼上装修噪音".
    /// </summary>
    public void AskForArguments(CommandInfo command, string usage)
    {
        State.EndFlow();
        State.StartOrContinue(ConversationState.ArgumentsFlow, command.Name);
        State.Question = QuestionLine(usage);
        Reply(usage);
    }

    /// <summary>
    /// The question itself: a question's text ends with it ("…\n6/6 大厦绿化：情况如何？"); the lines before are what the
    /// flow said first. Cut short, as it is only a reminder.
    /// </summary>
    private static string? QuestionLine(string text)
    {
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()?.TrimEnd('：', ':');
        return string.IsNullOrEmpty(last) ? null : last.Length > 80 ? last[..79] + "…" : last;
    }
}

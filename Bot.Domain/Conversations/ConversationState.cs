namespace Bot.Domain.Conversations;

/// <summary>
/// What the bot remembers about one conversation between turns: the active flow and its step, the flow's data,
/// and the choices of the last prompt (so "1" or a choice's text can answer it). Persisted per conversation,
/// so a flow survives a restart.
/// </summary>
public sealed class ConversationState
{
    public string? Flow { get; set; }
    public string? Step { get; set; }
    public Dictionary<string, string> Data { get; set; } = new(StringComparer.Ordinal);
    public List<Choice> PendingChoices { get; set; } = [];
    /// <summary>The last line of the question the flow is waiting on, to say it again when something else came between.</summary>
    public string? Question { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    /// <summary>
    /// A command typed where the flow asks for free text, held back once (it is most likely meant as the command); the
    /// same text sent again is the answer after all.
    /// </summary>
    public string? HeldCommand { get; set; }
    /// <summary>
    /// The pending choices are only shortcuts: any other text answers the question too (the handover's lists take items
    /// or 完成). Such a question is held to a typed command as one without buttons is.
    /// </summary>
    public bool TextAnswersToo { get; set; }

    /// <summary>The pseudo-flow of <see cref="TurnContext.AskForArguments"/>: the step is the command's name.</summary>
    public const string ArgumentsFlow = "command-arguments";

    public bool InFlow => Flow is not null;

    public void StartOrContinue(string flow, string step)
    {
        Flow = flow;
        Step = step;
    }

    public void EndFlow()
    {
        Flow = null;
        Step = null;
        Data.Clear();
        PendingChoices.Clear();
        Question = null;
        HeldCommand = null;
        TextAnswersToo = false;
    }
}

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>
/// 待办 / to do: everything waiting on me now, from every feature (<see cref="ITodos"/>) — what is late or urgent first,
/// then by feature — numbered, with a button for each thing a command deals with.
/// </summary>
public sealed class TodoCommand(IEnumerable<ITodos> sources) : IBotCommand
{
    private static readonly TextCatalog Texts = DirectoryTexts.Catalog;

    // A phone screen's worth; the rest are counted, and each feature's own look-up lists them all.
    private const int MaxLines = 12;
    private const int MaxButtons = 6;

    public CommandInfo Info { get; } = new("todo", ["待办", "我的待办", "待办事项", "今天有什么事", "有什么要做的", "还有什么事", "有啥事", "啥事", "我的任务", "没处理的", "要处理的"],
        ["to do", "todo", "my tasks"], Texts, "TodoDescription", HelpOrder: 11, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var ordered = await GatherAsync(sources, new TodoAsked(turn.Sender, turn.Now, language), cancellationToken);
        if (ordered.Count == 0)
        {
            turn.Reply(Texts.Get("TodoNone", language, turn.Sender.DisplayName));
            return;
        }

        var lines = ordered.Take(MaxLines).Select((t, i) => Texts.Get("TodoLine", language, i + 1, t.Line)).ToList();
        if (ordered.Count > MaxLines) lines.Add(Texts.Get("TodoMore", language, ordered.Count - MaxLines));
        var buttons = ordered.Where(t => t.Action is not null).Select(t => t.Action!).DistinctBy(c => c.Value).Take(MaxButtons).ToList();
        var text = string.Join("\n", [Texts.Get("TodoTitle", language, turn.Sender.DisplayName, ordered.Count), .. lines]);
        if (buttons.Count > 0) turn.Ask(text, buttons);
        else turn.Reply(text);
    }

    /// <summary>
    /// One line for a reply that starts someone's shift (签到): how many things wait on them besides what that reply
    /// already offers (its buttons), with 待办 as the button — so nothing left from the last shift is found only when
    /// it is late. Null when nothing else waits.
    /// </summary>
    public static async Task<(string Text, Choice Action)?> WaitingBesidesAsync(IEnumerable<ITodos> sources, TodoAsked asked,
        IReadOnlyCollection<string> offeredAlready, CancellationToken cancellationToken)
    {
        var left = (await GatherAsync(sources, asked, cancellationToken))
            .Where(t => t.Action is null || !offeredAlready.Contains(t.Action.Value)).ToList();
        if (left.Count == 0) return null;
        var pressing = left.Count(t => t.Pressing);
        var word = Texts.Get("TodoWord", asked.Language);
        return (pressing > 0
            ? Texts.Get("TodoWaitingPressing", asked.Language, left.Count, pressing, word)
            : Texts.Get("TodoWaiting", asked.Language, left.Count, word), new Choice(word, word));
    }

    /// <summary>Everything waiting on the person: what is late or urgent first, then by feature.</summary>
    private static async Task<List<Todo>> GatherAsync(IEnumerable<ITodos> sources, TodoAsked asked, CancellationToken cancellationToken)
    {
        var all = new List<(int Order, Todo Todo)>();
        foreach (var source in sources.OrderBy(s => s.Order))
            all.AddRange((await source.ForAsync(asked, cancellationToken)).Select(t => (source.Order, t)));
        // Stable: within "pressing" and "the rest", each feature's own order stays.
        return [.. all.Select((x, i) => (x.Order, x.Todo, Index: i)).OrderBy(x => x.Todo.Pressing ? 0 : 1).ThenBy(x => x.Order).ThenBy(x => x.Index)
            .Select(x => x.Todo)];
    }
}

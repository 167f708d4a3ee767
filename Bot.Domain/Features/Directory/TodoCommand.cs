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

    public CommandInfo Info { get; } = new("todo", ["待办", "我的待办", "待办事项", "今天有什么事", "有什么要做的", "还有什么事", "我的任务", "没处理的", "要处理的"],
        ["to do", "todo", "my tasks"], Texts, "TodoDescription", HelpOrder: 11, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var asked = new TodoAsked(turn.Sender, turn.Now, language);
        var all = new List<(int Order, Todo Todo)>();
        foreach (var source in sources.OrderBy(s => s.Order))
            all.AddRange((await source.ForAsync(asked, cancellationToken)).Select(t => (source.Order, t)));
        if (all.Count == 0)
        {
            turn.Reply(Texts.Get("TodoNone", language, turn.Sender.DisplayName));
            return;
        }

        // Stable: within "pressing" and "the rest", each feature's own order stays.
        var ordered = all.Select((x, i) => (x.Order, x.Todo, Index: i)).OrderBy(x => x.Todo.Pressing ? 0 : 1).ThenBy(x => x.Order).ThenBy(x => x.Index)
            .Select(x => x.Todo).ToList();
        var lines = ordered.Take(MaxLines).Select((t, i) => Texts.Get("TodoLine", language, i + 1, t.Line)).ToList();
        if (ordered.Count > MaxLines) lines.Add(Texts.Get("TodoMore", language, ordered.Count - MaxLines));
        var buttons = ordered.Where(t => t.Action is not null).Select(t => t.Action!).DistinctBy(c => c.Value).Take(MaxButtons).ToList();
        var text = string.Join("\n", [Texts.Get("TodoTitle", language, turn.Sender.DisplayName, ordered.Count), .. lines]);
        if (buttons.Count > 0) turn.Ask(text, buttons);
        else turn.Reply(text);
    }
}

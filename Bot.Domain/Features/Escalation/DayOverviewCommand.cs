using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>
/// 今日概况 / overview ("今天怎么样", "有什么情况", "现在情况"): for shift leads and above, how the department stands right
/// now in one short message — the morning digest's sections, each asked for its as-of-now lines (<see cref="IDigestNow"/>),
/// a part with nothing to say left out; nothing at all is one line that all is in order. The obvious next steps are
/// buttons. Front-line staff are pointed to their own 待办 and to 今天谁值班: the overview is the supervisors' view of
/// everyone (逐级负责制, 第3篇 1.3).
/// </summary>
public sealed class DayOverviewCommand(IEnumerable<IDigestSection> sections, IEscalationDirectory directory, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = EscalationTexts.Catalog;

    public CommandInfo Info { get; } = new("overview",
        ["今日概况", "今天概况", "今天怎么样", "今天情况", "今天的情况", "今日情况", "今天有什么情况", "今天有啥情况", "有什么情况", "有啥情况",
            "现在情况", "现在的情况", "现在什么情况", "现在怎么样", "当前情况"],
        ["overview", "how is today", "today"], Texts, "OverviewDescription", HelpOrder: 24, ListedFor: EscalationRoles.Supervisors, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!turn.Sender.HasAny(EscalationRoles.Supervisors)
            || await directory.FindPersonAsync(turn.Sender.Id, cancellationToken) is not { } me)
        {
            turn.Ask(Texts.Get("OverviewFrontLine", language, turn.Sender.DisplayName), [Button("OverviewWordTodo", language), Button("OverviewWordOnDuty", language)]);
            return;
        }

        var lines = new List<(int Order, string Line)>();
        foreach (var section in sections.OfType<IDigestNow>())
            lines.AddRange((await section.NowAsync(me, turn.Now, language, cancellationToken)).Where(l => l.Length > 0).Select(l => (section.NowOrder, l)));
        var clock = department.ToLocal(turn.Now).ToString("HH:mm", CultureInfo.InvariantCulture);
        var buttons = new[] { "OverviewWordTodo", "OverviewWordEscalations", "OverviewWordAttendance" }.Select(k => Button(k, language)).ToList();
        if (lines.Count == 0)
        {
            turn.Ask(Texts.Get("OverviewAllClear", language, me.Name, clock), buttons);
            return;
        }
        // A stable sort: each section's own lines stay in the order it gave them.
        turn.Ask(string.Join("\n", [Texts.Get("OverviewTitle", language, me.Name, clock),
            .. lines.OrderBy(l => l.Order).Select(l => Texts.Get("OverviewLine", language, l.Line))]), buttons);
    }

    private static Choice Button(string key, string language)
    {
        var word = Texts.Get(key, language);
        return new Choice(word, word);
    }
}

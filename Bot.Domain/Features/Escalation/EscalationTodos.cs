using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>
/// 待办's escalation part: a case I was alerted to that nobody has said 收到 to yet (pressing: the chain climbs past me
/// if I do not), and a case I took that is not closed (已处理 with the note). A case a colleague took is theirs, not mine.
/// </summary>
public sealed class EscalationTodos(IEscalationStore store) : ITodos
{
    private static readonly TextCatalog Texts = EscalationTexts.Catalog;

    public int Order => 20;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, language) = (asked.Person.Id, asked.Language);
        var todos = new List<Todo>();
        foreach (var c in await store.OpenForAsync(me, cancellationToken))
        {
            var severity = EscalationTexts.SeverityName(c.Severity, language);
            // Handed to a colleague (转交), it waits for their 收到, not mine.
            if (c.Status == EscalationStatus.Open && (c.AssigneeId == me || (c.AssigneeId is null && c.Notices.Any(n => n.PersonId == me))))
            {
                var told = c.Notices.Where(n => n.PersonId == me).Select(n => n.At).DefaultIfEmpty(c.RaisedAt).Max();
                var word = Texts.Get("WordAcknowledge", language);
                todos.Add(new Todo(Texts.Get("TodoAcknowledge", language, c.Id, severity, c.Subject, ConversationTexts.Duration(asked.Now - told, language)),
                    new Choice($"{word} {c.Id}", $"{word} #{c.Id}"), Pressing: true));
            }
            else if (c.Status == EscalationStatus.Acknowledged && c.AcknowledgedById == me)
            {
                var word = Texts.Get("WordResolve", language);
                todos.Add(new Todo(Texts.Get("TodoResolve", language, c.Id, severity, c.Subject), new Choice($"{word} {c.Id}", $"{word} #{c.Id}")));
            }
        }
        return todos;
    }
}

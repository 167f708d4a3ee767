using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// What waits on a member of staff in callbacks, for 待办: the callbacks they answer for that are theirs to make by phone or
/// visit now (the owner did not answer, 第9篇 五.1) — pressing once the window has closed — and the rectifications after
/// 不满意 (五.2), each with the button 回访任务 offers; for 客服主任 (or whoever decides in their place) the owner phone
/// requests to decide (第11篇 3). Owners' messages are escalations, listed there — but one that reads as a complaint or a
/// repair, closed by this person in the callback window and not yet registered for its callback, waits here with the
/// button that registers it (第9篇 二: those are called back without exception).
/// </summary>
public sealed class CallbackTodos(ICallbackStore store, IEscalationStore escalations, DepartmentProfile department) : ITodos
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    // 回访任务, the staff's first callback command in the help.
    public int Order => 39;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, language) = (asked.Person, asked.Language);
        var todos = new List<Todo>();
        foreach (var c in (await store.OpenWorkAsync(cancellationToken)).Where(c => c.Case.Responsible.Contains(me.Id, StringComparer.Ordinal)))
        {
            var owner = await CallbackArguments.OwnerOfAsync(store, c, cancellationToken);
            var late = c.Rectification != RectificationStatus.Open && asked.Now > c.DueBy;
            var key = c.Rectification == RectificationStatus.Open ? "TodoRectify" : late ? "TodoCallLate" : "TodoCall";
            todos.Add(new Todo(Texts.Get(key, language, c.Id, owner, c.Case.UnitCode, c.Case.Summary,
                department.ToLocal(c.DueBy).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)), CallbackArguments.NextStep(c, language), Pressing: late));
        }
        foreach (var (message, type) in await MessagesToRegisterAsync(me.Id, asked.Now, cancellationToken))
        {
            var name = CallbackTexts.TypeName(type, language);
            var word = $"{Texts.Get("WordMessageCallback", language)} {message.Id.ToString(CultureInfo.InvariantCulture)} {name}";
            todos.Add(new Todo(Texts.Get("TodoMessageCallback", language, message.Id, OwnerMessages.Writer(message.Details), OwnerMessages.Said(message.Details, 20),
                name), new Choice(word, word), Pressing: true));
        }
        if (me.HasAny(OwnerPhoneCommand.Approvers))
            foreach (var request in await store.PendingPhoneRequestsAsync(cancellationToken))
                if ((await OwnerPhoneCommand.ApproversAsync(store, request.RequesterId, cancellationToken)).Any(p => p.Id == me.Id))
                {
                    var word = $"{Texts.Get("WordApprovePhone", language)} {request.Id}";
                    todos.Add(new Todo(Texts.Get("TodoPhone", language, request.Id,
                        (await store.FindPersonAsync(request.RequesterId, cancellationToken))?.Name ?? request.RequesterId, request.UnitCode), new Choice(word, word)));
                }
        return todos;
    }

    // The window of a complaint's and a minor repair's callback (第9篇 一): after it, the callback is late whatever is done.
    private static readonly TimeSpan CallbackWindow = TimeSpan.FromDays(3);
    // Enough of the newest owners' messages to cover three days at a property's pace.
    private const int RecentMessages = 200;

    /// <summary>Owners' messages this person closed in the last three days that read as a complaint or a repair and have no callback yet.</summary>
    private async Task<List<(EscalationCase Message, CaseType Type)>> MessagesToRegisterAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new List<(EscalationCase, CaseType)>();
        foreach (var message in await escalations.LatestOfKindAsync(OwnerMessageCommand.Kind, RecentMessages, cancellationToken))
        {
            if (!message.IsClosed || message.ResolvedById != personId || message.ResolvedAt is not { } closedAt || now - closedAt > CallbackWindow) continue;
            if (OwnerMessageCallbackCommand.Likely(message) is not ({ } type and (CaseType.Complaint or CaseType.MinorRepair))) continue;
            if (await store.FindCaseByExternalIdAsync(OwnerMessageCallbackCommand.ExternalIdOf(message.Id), cancellationToken) is not null) continue;
            found.Add((message, type));
        }
        return found;
    }
}

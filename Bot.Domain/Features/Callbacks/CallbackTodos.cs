using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// What waits on a member of staff in callbacks, for 待办: the callbacks they answer for that are theirs to make by phone or
/// visit now (the owner did not answer, 第9篇 五.1) — pressing once the window has closed — and the rectifications after
/// 不满意 (五.2), each with the button 回访任务 offers; for 客服主任 (or whoever decides in their place) the owner phone
/// requests to decide (第11篇 3). Owners' messages are escalations, listed there.
/// </summary>
public sealed class CallbackTodos(ICallbackStore store, DepartmentProfile department) : ITodos
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
}

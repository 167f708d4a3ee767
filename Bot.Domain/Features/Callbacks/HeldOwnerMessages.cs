using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// Owners' messages that quiet hours hold for the morning (a normal case reaches the shift lead when they end): the
/// person on duty at night (值班人员) is not on their chain, yet is the one on site. Their 待办 lists the held messages,
/// for information, and they may take one up now with 收到 / 已处理 / 答复业主 (第2篇 1.6: 值班人员及时处理) — then it no
/// longer waits for the morning. Only while it is held: once it has reached someone, it is theirs.
/// </summary>
public sealed class HeldOwnerMessages(IEscalationStore escalations, EscalationPolicy policy, DutyLogService duty, DepartmentProfile department)
    : ITodos, ICaseTakeUp
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;
    // A night holds a handful of messages at most.
    private const int LookBack = 100;

    // Just after the escalations' own lines (收到 / 已处理).
    public int Order => 21;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        if (!await OnDutyInQuietHoursAsync(asked.Person.Id, asked.Now, cancellationToken)) return [];
        var language = asked.Language;
        var word = EscalationTexts.Catalog.Get("WordAcknowledge", language);
        var todos = new List<Todo>();
        foreach (var c in (await escalations.LatestOfKindAsync(OwnerMessageCommand.Kind, LookBack, cancellationToken)).Where(IsHeld).OrderBy(c => c.Id))
        {
            var id = c.Id.ToString(CultureInfo.InvariantCulture);
            var at = department.ToLocal(c.NextActionAt ?? asked.Now).ToString("HH:mm", CultureInfo.InvariantCulture);
            todos.Add(new Todo(Texts.Get("TodoHeldOwnerMessage", language, id, OwnerMessages.Writer(c.Details), OwnerMessages.Said(c.Details), at),
                new Choice($"{word} {id}", $"{word} #{id}")));
        }
        return todos;
    }

    public async Task<bool> MayTakeUpAsync(EscalationCase escalation, Person actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        escalation.Kind == OwnerMessageCommand.Kind && IsHeld(escalation) && await OnDutyInQuietHoursAsync(actor.Id, now, cancellationToken);

    /// <summary>Open, and nobody told of it yet: quiet hours keep it for the morning.</summary>
    private static bool IsHeld(EscalationCase c) => c.Status == EscalationStatus.Open && c.Notices.Count == 0 && c.AssigneeId is null;

    private async Task<bool> OnDutyInQuietHoursAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken) =>
        policy.IsQuiet(TimeOnly.FromDateTime(department.ToLocal(now).DateTime))
        && (await duty.OnDutyAsync(now, cancellationToken)).Any(d => d.Assignment.PersonId == personId);
}

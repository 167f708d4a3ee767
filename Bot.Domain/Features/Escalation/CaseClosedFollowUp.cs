using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>
/// What another feature asks of the one who has just closed a case with 已处理, after the closing is said and everyone
/// involved has been told: an owner's message closed is followed by the question what to call back (第9篇). Features
/// that own the case's kind register one; the escalation feature knows none of them.
/// </summary>
public interface ICaseClosedFollowUp
{
    ValueTask FollowUpAsync(TurnContext turn, EscalationCase closed, Person closedBy, CancellationToken cancellationToken);
}

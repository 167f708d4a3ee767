using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>
/// What 已处理 typed without a number may mean when the person has no case open: something of another feature's that
/// waits on them and is closed with the same word — a call passed on to them says "回电或处理后请点“已处理”", and
/// typing it is what people do. Features register one; the escalation feature knows none of them.
/// </summary>
public interface IResolvedElsewhere
{
    /// <summary>Closes (or asks which of) the person's waiting item; false when they have none, so the next is asked.</summary>
    ValueTask<bool> TryResolveAsync(TurnContext turn, Person actor, CancellationToken cancellationToken);
}

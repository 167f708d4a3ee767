using Bot.Domain.Conversations;

namespace Bot.Conversations;

/// <summary>
/// A channel that can reach a person or owner who has not talked to the bot on it yet (WeCom by userid, Teams by
/// creating a 1:1 conversation, the local chat page). The notifier asks these, lowest <see cref="Priority"/> first,
/// when it has no stored conversation reference for the participant.
/// </summary>
public interface IProactiveChannel
{
    int Priority { get; }

    Task<ConversationAddress?> AddressForAsync(string participantId, CancellationToken cancellationToken);
}

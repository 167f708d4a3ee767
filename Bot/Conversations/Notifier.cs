using Bot.Channels.LocalChat;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Proactive messages: to where the person last talked to the bot; with the local chat on, a person who never
/// talked to the bot still gets it on the chat page.
/// </summary>
public sealed class Notifier(BotDbContext db, Outbox outbox, IOptions<LocalChatOptions> localChat) : INotifier
{
    public async Task<bool> NotifyAsync(string participantId, OutgoingMessage message, string? deduplicationKey, CancellationToken cancellationToken)
    {
        if (deduplicationKey is not null && await outbox.HasKeyAsync(deduplicationKey, cancellationToken)) return false;

        var reference = await db.Set<ConversationReference>().AsNoTracking()
            .Where(r => r.ParticipantId == participantId)
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        ConversationAddress? address = reference is not null
            ? new ConversationAddress(reference.Channel, reference.ConversationId, reference.AddressData)
            : localChat.Value.Enabled == true ? LocalChatChannel.AddressOf(participantId) : null;
        if (address is null) return false;

        outbox.Enqueue(address, message, participantId, replyToId: null, deduplicationKey);
        return true;
    }
}

using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

/// <summary>
/// Adds outbound messages to the current unit of work. Nothing is sent here: the message is saved with the rest
/// of the turn or job, then the dispatcher sends it.
/// </summary>
public sealed class Outbox(BotDbContext db, TimeProvider time)
{
    public OutboxMessage Enqueue(ConversationAddress address, OutgoingMessage message, string? recipientId,
        string? replyToId = null, string? deduplicationKey = null, DateTimeOffset? notBefore = null)
    {
        var now = time.GetUtcNow();
        var row = new OutboxMessage
        {
            Channel = address.Channel,
            ConversationId = address.ConversationId,
            AddressData = address.Data,
            ReplyToId = replyToId,
            Payload = WireJson.Write(message),
            RecipientId = recipientId,
            DeduplicationKey = deduplicationKey,
            CreatedAt = now,
            // Held back when asked (the dispatcher takes only what is due), never earlier than now.
            NextAttemptAt = notBefore is { } later && later > now ? later : now,
            Status = OutboxStatus.Pending,
        };
        db.Add(row);
        return row;
    }

    /// <summary>Whether a message with this key was already accepted (a scheduled job's second fire).</summary>
    public Task<bool> HasKeyAsync(string deduplicationKey, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AnyAsync(m => m.DeduplicationKey == deduplicationKey, cancellationToken);
}

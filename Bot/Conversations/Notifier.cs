using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

/// <summary>
/// Proactive messages: to where the person last talked to the bot; for someone who never did, through the first
/// channel that can reach them (<see cref="IProactiveChannel"/>).
/// </summary>
public sealed class Notifier(BotDbContext db, Outbox outbox, IEnumerable<IProactiveChannel> channels) : INotifier
{
    public Task<bool> NotifyAsync(string participantId, OutgoingMessage message, string? deduplicationKey, CancellationToken cancellationToken) =>
        NotifyAsync(participantId, message, deduplicationKey, DateTimeOffset.MinValue, cancellationToken);

    public async Task<bool> NotifyAsync(string participantId, OutgoingMessage message, string? deduplicationKey, DateTimeOffset notBefore,
        CancellationToken cancellationToken)
    {
        if (deduplicationKey is not null && await outbox.HasKeyAsync(deduplicationKey, cancellationToken)) return false;

        var address = await AddressForAsync(participantId, cancellationToken);
        if (address is null) return false;

        outbox.Enqueue(address, message, participantId, replyToId: null, deduplicationKey, notBefore);
        return true;
    }

    /// <summary>Where a proactive message to this person or owner would go now; null when no channel can reach them.</summary>
    public async Task<ConversationAddress?> AddressForAsync(string participantId, CancellationToken cancellationToken)
    {
        var reference = await db.Set<ConversationReference>().AsNoTracking()
            .Where(r => r.ParticipantId == participantId)
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (reference is not null) return new ConversationAddress(reference.Channel, reference.ConversationId, reference.AddressData);

        foreach (var channel in channels.OrderBy(c => c.Priority))
        {
            if (await channel.AddressForAsync(participantId, cancellationToken) is { } address) return address;
        }
        return null;
    }
}

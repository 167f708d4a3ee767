using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

public static class ConversationReferences
{
    /// <summary>Keeps where this person last talked to us on this channel, for proactive messages (saved with the caller's unit).</summary>
    /// <remarks>
    /// Proactive messages go to the reference with the latest <see cref="ConversationReference.UpdatedAt"/>
    /// (<see cref="Notifier.AddressForAsync"/>). When this channel's reference already holds this address and is already
    /// the latest, writing it again would change nothing anyone reads, so it is left alone: most turns of a busy
    /// conversation write no reference at all.
    /// </remarks>
    public static async Task RememberAddressAsync(this BotDbContext db, string participantId, ConversationAddress address, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var references = await db.Set<ConversationReference>()
            .Where(r => r.ParticipantId == participantId)
            .ToListAsync(cancellationToken);
        db.RememberAddress(references, participantId, address, now);
    }

    /// <summary>The same, given the participant's references as read (tracked) by the caller.</summary>
    public static void RememberAddress(this BotDbContext db, List<ConversationReference> references, string participantId,
        ConversationAddress address, DateTimeOffset now)
    {
        var reference = references.Find(r => r.Channel == address.Channel);
        if (reference is null)
        {
            db.Add(new ConversationReference
            {
                ParticipantId = participantId,
                Channel = address.Channel,
                ConversationId = address.ConversationId,
                AddressData = address.Data,
                UpdatedAt = now,
            });
            return;
        }
        var unchanged = reference.ConversationId == address.ConversationId && reference.AddressData == address.Data;
        if (unchanged && references.TrueForAll(r => r.UpdatedAt <= reference.UpdatedAt)) return;
        reference.ConversationId = address.ConversationId;
        reference.AddressData = address.Data;
        reference.UpdatedAt = now;
    }
}

using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

public static class ConversationReferences
{
    /// <summary>Keeps where this person last talked to us on this channel, for proactive messages (saved with the caller's unit).</summary>
    public static async Task RememberAddressAsync(this BotDbContext db, string participantId, ConversationAddress address, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var reference = await db.Set<ConversationReference>()
            .SingleOrDefaultAsync(r => r.ParticipantId == participantId && r.Channel == address.Channel, cancellationToken);
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
        reference.ConversationId = address.ConversationId;
        reference.AddressData = address.Data;
        reference.UpdatedAt = now;
    }
}

using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

/// <summary>Where channel adapters hand over inbound messages before acknowledging the channel.</summary>
public sealed class Inbox(BotDbContext db, InboxSignal signal)
{
    /// <summary>Records the message. False means it was seen before: acknowledge the channel again and do nothing else.</summary>
    public async Task<bool> AcceptAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var channel = message.Address.Channel;
        if (await SeenAsync(channel, message.ChannelMessageId, cancellationToken)) return false;

        db.Add(new InboxMessage
        {
            Channel = channel,
            ChannelMessageId = message.ChannelMessageId,
            ConversationId = message.Address.ConversationId,
            Payload = WireJson.Write(message),
            ReceivedAt = message.ReceivedAt,
            Status = InboxStatus.Pending,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            // A concurrent redelivery (maybe on another instance) won the unique index between the check above and
            // this insert: this one is the duplicate. A unique violation on anything else is a real failure.
            if (await SeenAsync(channel, message.ChannelMessageId, CancellationToken.None)) return false;
            throw;
        }
        signal.Signal.Notify();
        return true;
    }

    private Task<bool> SeenAsync(string channel, string channelMessageId, CancellationToken cancellationToken) =>
        db.Set<InboxMessage>().AnyAsync(m => m.Channel == channel && m.ChannelMessageId == channelMessageId, cancellationToken);
}

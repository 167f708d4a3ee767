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

        db.Add(NewRow(message));
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

    /// <summary>
    /// Records several messages in one transaction (a group commit: one SQLite commit for everything that arrived
    /// meanwhile, instead of one each). Element i is false when message i was seen before, or earlier in the same batch.
    /// </summary>
    public async Task<IReadOnlyList<bool>> AcceptManyAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var taken = new bool[messages.Count];
        var seen = new HashSet<(string, string)>();
        foreach (var group in messages.GroupBy(m => m.Address.Channel))
        {
            var keys = group.Select(m => m.ChannelMessageId).Distinct().ToList();
            var existing = await db.Set<InboxMessage>().AsNoTracking()
                .Where(m => m.Channel == group.Key && keys.Contains(m.ChannelMessageId))
                .Select(m => m.ChannelMessageId)
                .ToListAsync(cancellationToken);
            foreach (var key in existing) seen.Add((group.Key, key));
        }
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!seen.Add((message.Address.Channel, message.ChannelMessageId))) continue;
            db.Add(NewRow(message));
            taken[i] = true;
        }
        if (!taken.Contains(true)) return taken;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent writer took one of the keys: settle each message on its own (AcceptAsync handles the race).
            db.ChangeTracker.Clear();
            for (var i = 0; i < messages.Count; i++)
                taken[i] = taken[i] && await AcceptAsync(messages[i], cancellationToken);
            return taken;
        }
        signal.Signal.Notify();
        return taken;
    }

    private static InboxMessage NewRow(IncomingMessage message) => new()
    {
        Channel = message.Address.Channel,
        ChannelMessageId = message.ChannelMessageId,
        ConversationId = message.Address.ConversationId,
        Payload = WireJson.Write(message),
        ReceivedAt = message.ReceivedAt,
        Status = InboxStatus.Pending,
    };

    private Task<bool> SeenAsync(string channel, string channelMessageId, CancellationToken cancellationToken) =>
        db.Set<InboxMessage>().AnyAsync(m => m.Channel == channel && m.ChannelMessageId == channelMessageId, cancellationToken);
}

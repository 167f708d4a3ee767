using Bot.Domain.Conversations;
using Bot.Persistence;
using System.Data.Common;
using System.Text;

namespace Bot.Conversations;

/// <summary>Where channel adapters hand over inbound messages before acknowledging the channel.</summary>
public sealed class Inbox(BotDbContext db, InboxSignal signal)
{
    /// <summary>Records the message. False means it was seen before: acknowledge the channel again and do nothing else.</summary>
    public async Task<bool> AcceptAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        (await AcceptManyAsync([message], cancellationToken))[0];

    /// <summary>
    /// Records several messages at once (a group commit: one statement and one commit for everything that arrived
    /// meanwhile, instead of one each). Element i is false when message i was seen before, or earlier in the same batch.
    /// </summary>
    /// <remarks>
    /// One multi-row <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, which SQLite (3.35+) and PostgreSQL both speak:
    /// the unique index on (channel, channel message id) decides what is new — also against another instance inserting
    /// the same redelivery at the same moment — with no read before the write and no change tracking. Table, column
    /// names and stored values come from the EF model, so the statement follows the model and each provider's
    /// conversions (instants as Unix milliseconds on SQLite).
    /// </remarks>
    public async Task<IReadOnlyList<bool>> AcceptManyAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var taken = new bool[messages.Count];
        if (messages.Count == 0) return taken;

        var model = new ModelSql<InboxMessage>(db);
        await using var command = model.CreateCommand();
        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(model.Table).Append(" (")
            .AppendJoin(", ", new[] { "Channel", "ChannelMessageId", "ConversationId", "Payload", "ReceivedAt", "Status", "Attempts" }.Select(model.Column))
            .Append(") VALUES ");
        var pending = model.Stored(nameof(InboxMessage.Status), InboxStatus.Pending);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (i > 0) sql.Append(", ");
            sql.Append('(');
            Add(command, sql, $"c{i}", message.Address.Channel).Append(", ");
            Add(command, sql, $"m{i}", message.ChannelMessageId).Append(", ");
            Add(command, sql, $"v{i}", message.Address.ConversationId).Append(", ");
            Add(command, sql, $"p{i}", WireJson.Write(message)).Append(", ");
            Add(command, sql, $"r{i}", model.Stored(nameof(InboxMessage.ReceivedAt), message.ReceivedAt.ToUniversalTime())).Append(", ");
            Add(command, sql, $"s{i}", pending).Append(", 0)");
        }
        sql.Append(" ON CONFLICT (").Append(model.Column("Channel")).Append(", ").Append(model.Column("ChannelMessageId")).Append(") DO NOTHING RETURNING ")
            .Append(model.Column("Channel")).Append(", ").Append(model.Column("ChannelMessageId"));
        command.CommandText = sql.ToString();

        var inserted = (await model.ReadAsync(command, reader => (reader.GetString(0), reader.GetString(1)), cancellationToken)).ToHashSet();
        // Inserted once per key: the first message with it in the batch is the one taken, any repeat is a duplicate.
        for (var i = 0; i < messages.Count; i++)
            taken[i] = inserted.Remove((messages[i].Address.Channel, messages[i].ChannelMessageId));
        if (taken.Contains(true)) signal.Signal.Notify();
        return taken;
    }

    private static StringBuilder Add(DbCommand command, StringBuilder sql, string name, object? value) =>
        ModelSql<InboxMessage>.Add(command, sql, name, value);
}

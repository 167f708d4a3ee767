using Bot.Domain.Conversations;
using Bot.Persistence;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bot.Conversations;

/// <summary>Where channel adapters hand over inbound messages before acknowledging the channel.</summary>
public sealed class Inbox(BotDbContext db, InboxSignal signal) : IAsyncDisposable
{
    // The SQLite insert, compiled once and run again for every message while this inbox's connection stays open.
    private DbCommand? _insertOne;
    private ModelSql<InboxMessage>? _model;

    private ModelSql<InboxMessage> Model => _model ??= new ModelSql<InboxMessage>(db);

    /// <summary>Records the message. False means it was seen before: acknowledge the channel again and do nothing else.</summary>
    public async Task<bool> AcceptAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        (await AcceptManyAsync([message], cancellationToken))[0];

    /// <summary>
    /// Records several messages at once (a group commit: one commit for everything that arrived meanwhile, instead of
    /// one each). Element i is false when message i was seen before, or earlier in the same batch.
    /// </summary>
    /// <remarks>
    /// <c>INSERT … ON CONFLICT DO NOTHING</c>, which SQLite (3.35+) and PostgreSQL both speak: the unique index on
    /// (channel, channel message id) decides what is new — also against another instance inserting the same redelivery
    /// at the same moment — with no read before the write and no change tracking. Table, column names and stored values
    /// come from the EF model, so the statement follows the model and each provider's conversions (instants as Unix
    /// milliseconds on SQLite).
    /// </remarks>
    public async Task<IReadOnlyList<bool>> AcceptManyAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return [];
        var taken = db.Database.IsSqlite()
            ? await InsertEachAsync(messages, cancellationToken)
            : await InsertAllAsync(messages, cancellationToken);
        if (taken.Contains(true)) signal.Signal.Notify();
        return taken;
    }

    /// <summary>
    /// SQLite, in process: one prepared single-row insert run for each message, all in one transaction. Its compiled
    /// form lasts as long as the connection is open, and InboxWriter keeps it open; a new multi-row statement per batch
    /// had to be parsed and bound anew each time, which was most of the inbox's cost (README, "WeCom callback load").
    /// </summary>
    private async Task<bool[]> InsertEachAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var taken = new bool[messages.Count];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Inside the caller's transaction when there is one (it commits or rolls back the rows with its own work);
            // else in one of the connection's own, past EF, which has nothing else to do on this connection meanwhile.
            var outer = db.Database.CurrentTransaction?.GetDbTransaction();
            var own = outer is null ? await db.Database.GetDbConnection().BeginTransactionAsync(cancellationToken) : null;
            await using (own)
            {
                var command = _insertOne ??= CreateInsertOne();
                command.Transaction = outer ?? own;
                for (var i = 0; i < messages.Count; i++)
                {
                    var message = messages[i];
                    command.Parameters[0].Value = message.Address.Channel;
                    command.Parameters[1].Value = message.ChannelMessageId;
                    command.Parameters[2].Value = message.Address.ConversationId;
                    command.Parameters[3].Value = WireJson.WriteIncoming(message);
                    command.Parameters[4].Value = Model.Stored(nameof(InboxMessage.ReceivedAt), message.ReceivedAt.ToUniversalTime());
                    // A key seen before, in the table or earlier in this batch, changes no row.
                    taken[i] = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
                }
                if (own is not null) await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return taken;
    }

    private DbCommand CreateInsertOne()
    {
        var model = Model;
        var command = model.CreateCommand();
        var sql = InsertInto(model).Append('(');
        Add(command, sql, "c", null).Append(", ");
        Add(command, sql, "m", null).Append(", ");
        Add(command, sql, "v", null).Append(", ");
        Add(command, sql, "p", null).Append(", ");
        Add(command, sql, "r", null).Append(", ");
        Add(command, sql, "s", model.Stored(nameof(InboxMessage.Status), InboxStatus.Pending)).Append(", 0)");
        command.CommandText = OnConflictDoNothing(model, sql).ToString();
        return command;
    }

    /// <summary>
    /// PostgreSQL, across the network: one multi-row statement for the batch, one round trip, which says with
    /// <c>RETURNING</c> which rows were new.
    /// </summary>
    private async Task<bool[]> InsertAllAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var taken = new bool[messages.Count];
        var model = Model;
        await using var command = model.CreateCommand();
        var sql = InsertInto(model);
        var pending = model.Stored(nameof(InboxMessage.Status), InboxStatus.Pending);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (i > 0) sql.Append(", ");
            sql.Append('(');
            Add(command, sql, $"c{i}", message.Address.Channel).Append(", ");
            Add(command, sql, $"m{i}", message.ChannelMessageId).Append(", ");
            Add(command, sql, $"v{i}", message.Address.ConversationId).Append(", ");
            Add(command, sql, $"p{i}", WireJson.WriteIncoming(message)).Append(", ");
            Add(command, sql, $"r{i}", model.Stored(nameof(InboxMessage.ReceivedAt), message.ReceivedAt.ToUniversalTime())).Append(", ");
            Add(command, sql, $"s{i}", pending).Append(", 0)");
        }
        OnConflictDoNothing(model, sql).Append(" RETURNING ").Append(model.Column("Channel")).Append(", ").Append(model.Column("ChannelMessageId"));
        command.CommandText = sql.ToString();

        var inserted = (await model.ReadAsync(command, reader => (reader.GetString(0), reader.GetString(1)), cancellationToken)).ToHashSet();
        // Inserted once per key: the first message with it in the batch is the one taken, any repeat is a duplicate.
        for (var i = 0; i < messages.Count; i++)
            taken[i] = inserted.Remove((messages[i].Address.Channel, messages[i].ChannelMessageId));
        return taken;
    }

    private static StringBuilder InsertInto(ModelSql<InboxMessage> model) =>
        new StringBuilder()
            .Append("INSERT INTO ").Append(model.Table).Append(" (")
            .AppendJoin(", ", new[] { "Channel", "ChannelMessageId", "ConversationId", "Payload", "ReceivedAt", "Status", "Attempts" }.Select(model.Column))
            .Append(") VALUES ");

    private static StringBuilder OnConflictDoNothing(ModelSql<InboxMessage> model, StringBuilder sql) =>
        sql.Append(" ON CONFLICT (").Append(model.Column("Channel")).Append(", ").Append(model.Column("ChannelMessageId")).Append(") DO NOTHING");

    private static StringBuilder Add(DbCommand command, StringBuilder sql, string name, object? value) =>
        ModelSql<InboxMessage>.Add(command, sql, name, value);

    public async ValueTask DisposeAsync()
    {
        if (_insertOne is not null) await _insertOne.DisposeAsync();
    }
}

using System.Text;

namespace Bot.Persistence;

/// <summary>
/// Claims a batch of queued rows (inbox, outbox) for one worker in one statement: a conditional
/// <c>UPDATE … RETURNING</c> takes the lease only on rows still pending and free, so two workers — on one instance or
/// several sharing the database — never hold the same row, and the worker learns exactly which rows it won.
/// </summary>
internal static class Leases
{
    public static async Task<HashSet<long>> ClaimAsync<TEntity>(BotDbContext db, IReadOnlyCollection<long> ids, object pendingStatus,
        DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var model = new ModelSql<TEntity>(db);
        await using var command = model.CreateCommand();
        var lease = model.Column("LeaseUntil");
        var sql = new StringBuilder().Append("UPDATE ").Append(model.Table).Append(" SET ").Append(lease).Append(" = ");
        ModelSql<TEntity>.Add(command, sql, "lease", model.Stored("LeaseUntil", leaseUntil)).Append(" WHERE ").Append(model.Column("Id")).Append(" IN (");
        var i = 0;
        foreach (var id in ids)
        {
            if (i > 0) sql.Append(", ");
            ModelSql<TEntity>.Add(command, sql, "i" + i++, id);
        }
        sql.Append(") AND ").Append(model.Column("Status")).Append(" = ");
        ModelSql<TEntity>.Add(command, sql, "pending", model.Stored("Status", pendingStatus))
            .Append(" AND (").Append(lease).Append(" IS NULL OR ").Append(lease).Append(" < ");
        ModelSql<TEntity>.Add(command, sql, "now", model.Stored("LeaseUntil", now)).Append(") RETURNING ").Append(model.Column("Id"));
        command.CommandText = sql.ToString();
        return [.. await model.ReadAsync(command, reader => reader.GetInt64(0), cancellationToken)];
    }
}

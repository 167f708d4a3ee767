using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>
/// Sets the pragmas every SQLite connection needs when it opens: WAL (readers never block the writer),
/// busy_timeout (per connection: a writer waits instead of failing at once), synchronous=NORMAL (safe with WAL),
/// and foreign keys on.
/// </summary>
internal sealed class SqlitePragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}

using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>
/// Sets the pragmas every SQLite connection needs: WAL (readers never block the writer), busy_timeout (per connection:
/// a writer waits instead of failing at once), synchronous=NORMAL (safe with WAL), and foreign keys on.
/// </summary>
/// <remarks>
/// Once per physical connection: Microsoft.Data.Sqlite pools the native handle, and these settings live on it, so
/// running them again on every open (every context, every pool checkout) only cost four statements each time.
/// </remarks>
internal sealed class SqlitePragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        // The native handle outlives the SqliteConnection that borrowed it from the pool; a handle seen before has them.
        object key = connection is SqliteConnection { Handle: { } handle } ? handle : connection;
        if (_configured.TryGetValue(key, out _)) return;
        using var command = connection.CreateCommand();
        command.CommandText =
            $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(key, key);
    }
}

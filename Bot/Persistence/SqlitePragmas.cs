using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>
/// Sets the pragmas every SQLite connection needs: WAL (readers never block the writer), synchronous=NORMAL (safe with
/// WAL), foreign keys on, and a busy handler (per connection: a writer that finds the write lock taken waits for it,
/// up to the busy timeout, instead of failing at once).
/// </summary>
/// <remarks>
/// Once per physical connection: Microsoft.Data.Sqlite pools the native handle, and these settings live on it, so
/// running them again on every open (every context, every pool checkout) only cost four statements each time.
/// <para>
/// The busy handler replaces SQLite's default one (what <c>PRAGMA busy_timeout</c> installs), which sleeps 1, 2, 5, 10,
/// 15, 20, 25, 25, 25, 50 … ms between tries. The bot's writers — the inbox's group commit, the turn worker, the outbox
/// dispatcher — each hold the lock for about a millisecond, so those growing sleeps left the lock free most of the time
/// a writer slept (seen under the /api/messages load: seconds of sleep per five seconds). This one gives up the CPU a
/// few times first (on two cores the lock holder is often the thread waiting for it), then polls every millisecond.
/// </para>
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
        // EF Core asks whether the database exists through a read-only connection. Switching to WAL writes the header of
        // a file never written before (an empty bot.db), which a read-only connection cannot: the bot then failed to
        // start with "attempt to write a readonly database". WAL is a property of the file, set by the first writer.
        command.CommandText = IsReadOnly(connection)
            ? "PRAGMA foreign_keys=ON;"
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        if (!TryInstallBusyHandler(connection))
        {
            // SQLite's own handler, with its growing sleeps: slower under contention, never wrong.
            command.CommandText = $"PRAGMA busy_timeout={busyTimeoutMilliseconds};";
            command.ExecuteNonQuery();
        }
        _configured.AddOrUpdate(key, key);
    }

    private static bool IsReadOnly(DbConnection connection) =>
        connection is SqliteConnection sqlite && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly;

    private bool TryInstallBusyHandler(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } native }) return false;
        try
        {
            // The provider's native library (e_sqlite3) has sqlite3_busy_handler; SQLitePCLRaw does not wrap it.
            return sqlite3_busy_handler(native.DangerousGetHandle(), Busy, busyTimeoutMilliseconds) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another SQLite bundle than e_sqlite3 (a different SQLitePCLRaw provider).
            return false;
        }
    }

    private const int YieldsFirst = 20;

    // When the current wait began (count 0 is the first call of a wait); a wait runs on one thread.
    [ThreadStatic] private static long _waitStarted;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyCallback(nint timeoutMilliseconds, int count);

    // Kept in a static field: native code holds the pointer for the life of every connection.
    private static readonly BusyCallback Busy = OnBusy;

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(nint db, BusyCallback callback, nint state);

    /// <summary>SQLite's busy callback: nonzero to try again, zero to give up with SQLITE_BUSY.</summary>
    private static int OnBusy(nint timeoutMilliseconds, int count)
    {
        if (count == 0) _waitStarted = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_waitStarted).TotalMilliseconds >= timeoutMilliseconds) return 0;
        if (count < YieldsFirst) Thread.Yield();
        else Thread.Sleep(1);
        return 1;
    }
}

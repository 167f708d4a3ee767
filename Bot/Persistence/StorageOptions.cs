namespace Bot.Persistence;

/// <summary>Section <c>Storage</c>: where the bot keeps its data.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>
    /// <c>Sqlite</c> (the embedded default: one file, one instance) or <c>PostgreSQL</c> (several instances may share
    /// one database). Case-insensitive.
    /// </summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The folder of the SQLite database; relative paths are resolved against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// A full connection string. SQLite: optional, wins over <see cref="DataDirectory"/> when set. PostgreSQL: required
    /// (<c>Host=…;Port=5432;Database=…;Username=…;Password=…</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for a locked SQLite database before failing (busy_timeout).</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public string SqliteConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        var folder = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "bot.db")};Pooling=True";
    }
}

namespace Bot.Persistence;

/// <summary>Section <c>Storage</c>: where the bot keeps its data.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (the embedded default). A PostgreSQL provider is added with the scale-out issue.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The folder of the SQLite database; relative paths are resolved against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A full connection string; when set it wins over <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for a locked SQLite database before failing (busy_timeout).</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    public string SqliteConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        var folder = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "bot.db")};Pooling=True";
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.Bench;

/// <summary>
/// The real bot on the embedded default (SQLite, WAL) in a fresh data directory of its own, workers off: a benchmark
/// drives the inbox, worker and dispatcher itself.
/// </summary>
internal sealed class BenchHost : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "bot-bench", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> _factory;

    public BenchHost()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Storage:DataDirectory", _data);
            b.UseSetting("Conversations:RunWorkers", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
    }

    /// <summary>Started on first use: migrations and demo data.</summary>
    public IServiceProvider Services => _factory.Services;

    public void Dispose()
    {
        _factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}

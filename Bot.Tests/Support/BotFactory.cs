using Bot.Conversations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// The real host on a throwaway SQLite file. By default the background workers are off and a test drives them with
/// <see cref="RunTurnsAsync"/> and <see cref="DispatchAsync"/>, on a <see cref="FakeTimeProvider"/>; pass
/// <c>backgroundWorkers: true</c> for end-to-end tests over real sockets.
/// </summary>
public sealed class BotFactory : WebApplicationFactory<Program>
{
    private readonly bool _backgroundWorkers;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsData;

    public BotFactory(bool backgroundWorkers = false, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string? dataDirectory = null, FakeTimeProvider? time = null)
    {
        _backgroundWorkers = backgroundWorkers;
        _services = services;
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        // 2026-11-26 09:30 in Shanghai: during the early shift of the demo roster.
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero));
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Conversations:RunWorkers"] = backgroundWorkers ? "true" : "false",
            ["Scheduling:Enabled"] = backgroundWorkers ? "true" : "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            if (!_backgroundWorkers)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
            _services?.Invoke(services);
        });
    }

    /// <summary>Runs every pending turn, then sends everything due.</summary>
    public async Task RunTurnsAsync()
    {
        await Services.GetRequiredService<InboxWorker>().ProcessPendingAsync(CancellationToken.None);
        await DispatchAsync();
    }

    public Task<int> DispatchAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData) TryDelete(DataDirectory);
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalising connection: the temp folder is cleaned by the OS later.
        }
    }
}

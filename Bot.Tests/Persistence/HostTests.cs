using System.Net;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Hosting;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Persistence;

public sealed class HostTests
{
    [Fact]
    public async Task Database_IsMadeByMigrationsThatMatchTheModel()
    {
        using var bot = new BotFactory();

        await bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // A model change without its migration would fail here, not in production.
            Assert.False(db.Database.HasPendingModelChanges());
        });
    }

    /// <summary>Needs no database: each provider's migrations snapshot is compared with the model that provider builds.</summary>
    [Fact]
    public void Migrations_OfEveryProvider_MatchTheModel()
    {
        using BotDbContext sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using BotDbContext postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "dotnet ef migrations add <Name> --project Bot --context SqliteBotDbContext --output-dir Persistence/Migrations/Sqlite");
        Assert.False(postgres.Database.HasPendingModelChanges(), "dotnet ef migrations add <Name> --project Bot --context PostgresBotDbContext --output-dir Persistence/Migrations/Postgres");
    }

    [Theory]
    [InlineData("PostgreSQL", "", "Storage:ConnectionString is required")]
    [InlineData("SqlServer", "", "Storage:Provider must be")]
    public void Start_WithBadStorageSettings_RefusesNamingTheKey(string provider, string connectionString, string key)
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connectionString,
        });

        var error = Assert.ThrowsAny<Exception>(() => bot.Services);

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAnEmptyDatabaseFile_MakesTheDatabase()
    {
        // A database file that exists but was never written (a crash right after it was created, or a file put there by
        // hand). EF Core checks for the database through a read-only connection, where setting WAL cannot be done.
        var folder = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "bot.db"), []);
        try
        {
            using var bot = new BotFactory(dataDirectory: folder);

            var people = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Person>().CountAsync());

            Assert.True(people > 0);
        }
        finally
        {
            BotFactory.TryDelete(folder);
        }
    }

    [Fact]
    public async Task Database_UsesWriteAheadLogging()
    {
        using var bot = new BotFactory();

        var mode = await bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string?)await command.ExecuteScalarAsync();
        });

        Assert.Equal("wal", mode);
        Assert.True(File.Exists(Path.Combine(bot.DataDirectory, "bot.db")));
    }

    [Fact]
    public async Task Healthz_WithWorkersRunning_Is200()
    {
        using var bot = new BotFactory(backgroundWorkers: true);
        var client = bot.CreateClient();

        // The scheduler starts just after the host; readiness is polled as a load balancer would, with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage response;
        do response = await client.GetAsync("/healthz");
        while (response.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_WithWorkersStopped_Is503()
    {
        using var bot = new BotFactory(backgroundWorkers: false);

        var response = await bot.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task LocalChat_InProduction_IsOffUnlessEnabled()
    {
        using var bot = new BotFactory().WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var response = await bot.CreateClient().GetAsync("/chat");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task JsonAnswers_KeepChineseReadable()
    {
        using var bot = new BotFactory();

        var body = await bot.CreateClient().GetStringAsync("/api/localchat/people");

        Assert.Contains("\"张三\"", body);
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var bot = new BotFactory();

        var response = await bot.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/localchat/{participantId}/messages", await response.Content.ReadAsStringAsync());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Persistence;

public static class PersistenceSetup
{
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.IsSqlite || o.IsPostgreSql,
                $"Storage:Provider must be {StorageOptions.Sqlite} or {StorageOptions.PostgreSql}.")
            .Validate(o => !o.IsPostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is required when Storage:Provider is PostgreSQL " +
                "(e.g. Host=127.0.0.1;Port=5432;Database=property_bot;Username=property_bot;Password=…).")
            .ValidateOnStart();

        // The context type must be chosen while services are registered; the options above still validate the same
        // values (an unknown provider falls through to SQLite here, and resolving its options then fails with the key).
        var provider = builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"];
        if (string.Equals(provider, StorageOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
            AddContext<PostgresBotDbContext>(builder, (options, storage) => options.UseNpgsql(storage.ConnectionString));
        else
            AddContext<SqliteBotDbContext>(builder, (options, storage) => options.UseSqlite(storage.SqliteConnectionString())
                .AddInterceptors(new SqlitePragmas(storage.BusyTimeoutMilliseconds)));
        return builder;
    }

    private static void AddContext<TContext>(WebApplicationBuilder builder, Action<DbContextOptionsBuilder, StorageOptions> configure)
        where TContext : BotDbContext
    {
        // Pooled: a context per request, per inbox batch and per turn is the hot path, and a fresh one costs its
        // service lookups and model checks each time (measured under callback load, README "Benchmarks").
        builder.Services.AddDbContextPool<TContext>((services, options) =>
            configure(options, services.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddScoped<BotDbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database");
    }

    /// <summary>
    /// Applies the migrations at start (never EnsureCreated: a database made that way cannot take migrations).
    /// Safe when several instances start at once: EF Core 10 migrates under a database-wide lock. Seen with Npgsql
    /// 10.0.3: each instance runs <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c> in the migration
    /// transaction, the second waits, then logs "No migrations were applied". On an empty database the loser of the
    /// race to create the history table logs a failed <c>CREATE TABLE IF NOT EXISTS</c>, which Npgsql handles.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (db is PostgresBotDbContext)
        {
            // EF's own lock covers one migration at a time, and two instances starting together both planned the same
            // pending list ("relation already exists"). A session lock held around the whole run makes the second wait
            // and then find nothing to do.
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({(long)CriticalSection.Migrations})");
                try
                {
                    await db.Database.MigrateAsync();
                }
                finally
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({(long)CriticalSection.Migrations})");
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
        await db.Database.MigrateAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Persistence;

public static class PersistenceSetup
{
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .Validate(o => string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase),
                "Storage:Provider must be Sqlite (PostgreSQL arrives with the scale-out issue).")
            .ValidateOnStart();

        builder.Services.AddDbContext<SqliteBotDbContext>((services, options) =>
        {
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(storage.SqliteConnectionString())
                .AddInterceptors(new SqlitePragmas(storage.BusyTimeoutMilliseconds));
        });
        builder.Services.AddScoped<BotDbContext>(services => services.GetRequiredService<SqliteBotDbContext>());
        builder.Services.AddHealthChecks().AddDbContextCheck<SqliteBotDbContext>("database");
        return builder;
    }

    /// <summary>Applies the migrations at start (never EnsureCreated: a database made that way cannot take migrations).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        await db.Database.MigrateAsync();
    }
}

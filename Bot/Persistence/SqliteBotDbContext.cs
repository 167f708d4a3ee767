using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bot.Persistence;

/// <summary>The embedded default: one SQLite file in the data folder.</summary>
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type and cannot compare or order DateTimeOffset text; every instant is stored as
        // UTC Unix milliseconds, which orders and compares correctly and reads back as UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMillisecondsConverter>();
    }

    private sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

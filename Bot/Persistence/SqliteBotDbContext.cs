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

    /// <summary>
    /// Nothing to do: Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which already holds the
    /// database's one write lock until the transaction ends.
    /// </summary>
    public override Task LockForTransactionAsync(CriticalSection section, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException($"Lock {section} only inside a transaction.");
        return Task.CompletedTask;
    }

    private sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

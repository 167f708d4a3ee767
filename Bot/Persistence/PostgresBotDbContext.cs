using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bot.Persistence;

/// <summary>The scale-out store: several bot instances share one PostgreSQL database.</summary>
public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are timestamptz, which Npgsql writes only from UTC values (offset 0) and reads back as UTC.
        // A channel may hand over a timestamp with the sender's offset; normalise it instead of failing the write.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<ToUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        QuoteColumnsInCheckConstraints(modelBuilder);
    }

    /// <summary>
    /// Check constraints are raw SQL written once for every provider, usually with bare column names, which SQLite
    /// matches case-insensitively but PostgreSQL folds to lower case ("personid" does not exist). Quote the entity's
    /// own column names here instead of asking every feature to remember it (and without changing the SQLite model).
    /// </summary>
    private static void QuoteColumnsInCheckConstraints(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
            if (table is null) continue;
            var columns = entity.GetProperties().Select(p => p.GetColumnName(table.Value)).OfType<string>().ToList();
            foreach (var constraint in entity.GetCheckConstraints().ToList())
            {
                var sql = columns.Aggregate(constraint.Sql,
                    (text, column) => Regex.Replace(text, $@"(?<![""\w]){Regex.Escape(column)}(?![""\w])", $"\"{column}\""));
                if (sql == constraint.Sql) continue;
                entity.RemoveCheckConstraint(constraint.ModelName);
                entity.AddCheckConstraint(constraint.ModelName, sql);
            }
        }
    }

    /// <summary>A transaction-scoped advisory lock: released by the commit or rollback, also when the instance dies.</summary>
    public override async Task LockForTransactionAsync(CriticalSection section, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException($"Lock {section} only inside a transaction.");
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)section})", cancellationToken);
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());
}

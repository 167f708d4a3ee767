using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>
/// The bot's one model. Each provider derives its own context (<see cref="SqliteBotDbContext"/>,
/// <see cref="PostgresBotDbContext"/>), because column types differ and each provider keeps its own migrations.
/// Features add their tables through IEntityTypeConfiguration classes in their own folders, all picked up here.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Optimistic concurrency: an entity with a "Version" concurrency token gets a new version whenever it changes, so
    /// a concurrent change (another instance, a double-fired job) fails instead of silently overwriting.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            // Through the model, not entry.Properties: that builds an entry object for every property of every change,
            // on every SaveChanges (a turn's hot path).
            if (entry.State != EntityState.Modified || entry.Metadata.FindProperty("Version") is not { IsConcurrencyToken: true } token) continue;
            var version = entry.Property(token);
            if (version is { CurrentValue: int current } && Equals(version.OriginalValue, current)) version.CurrentValue = current + 1;
        }
    }

    /// <summary>
    /// Makes the current transaction the only one holding <paramref name="section"/> until it ends, across every
    /// instance that shares the database: for check-then-write work (seed when empty, validate then import) that a
    /// unique index alone cannot keep whole. Call it first thing inside <c>BeginTransactionAsync</c>.
    /// </summary>
    public abstract Task LockForTransactionAsync(CriticalSection section, CancellationToken cancellationToken);
}

/// <summary>Work that must not run on two instances at once. The values are PostgreSQL advisory lock keys: never reuse one.</summary>
public enum CriticalSection : long
{
    DemoData = 0x426F_7401,
    DirectoryImport = 0x426F_7402,
    Migrations = 0x426F_7403,
    KeyImport = 0x426F_7420,
    RosterImport = 0x426F_7410,
    ArchiveImport = 0x426F_7430,
}

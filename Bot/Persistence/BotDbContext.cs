using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>
/// The bot's one model. Each provider derives its own context (<see cref="SqliteBotDbContext"/>), because column types
/// differ and each provider keeps its own migrations. Features add their tables through IEntityTypeConfiguration
/// classes in their own folders, all picked up here.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);
}

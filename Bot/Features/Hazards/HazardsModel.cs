using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Hazards;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Hazards;

internal sealed class HazardUseConfiguration : IEntityTypeConfiguration<HazardUse>
{
    public void Configure(EntityTypeBuilder<HazardUse> b)
    {
        b.ToTable("HazardUses");
        b.HasKey(u => u.Id);
        b.Property(u => u.Material).HasMaxLength(32);
        b.Property(u => u.Quantity).HasPrecision(12, 2);
        b.Property(u => u.ReturnedQuantity).HasPrecision(12, 2);
        b.Property(u => u.Unit).HasMaxLength(8);
        b.Property(u => u.Purpose).HasMaxLength(200);
        b.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        foreach (var person in new[] { "DecidedById", "ReturnedById" }) b.Property(person).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
        // Two shift leads pressing 批准并发放 at once, or the watch and 退回 on one line: one wins.
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => new { u.Status, u.IssuedAt });
        b.HasIndex(u => u.RequestedAt);
        b.Ignore(u => u.Used);
    }
}

internal sealed class HazardStore(BotDbContext db, ILogger<HazardStore> logger) : IHazardStore
{
    public void Add(HazardUse use) => db.Add(use);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<HazardUse?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<HazardUse>().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<IReadOnlyList<HazardUse>> OpenAsync(CancellationToken cancellationToken) =>
        await db.Set<HazardUse>()
            .Where(u => u.Status == HazardUseStatus.Requested || u.Status == HazardUseStatus.Issued)
            .OrderBy(u => u.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HazardUse>> SinceOrOpenAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        await db.Set<HazardUse>().AsNoTracking()
            .Where(u => u.RequestedAt >= from || u.Status == HazardUseStatus.Requested || u.Status == HazardUseStatus.Issued)
            .OrderBy(u => u.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HazardUse>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await db.Set<HazardUse>().AsNoTracking()
            .Where(u => u.RequestedAt >= from && u.RequestedAt < to)
            .OrderBy(u => u.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HazardUse>> OverdueAsync(DateTimeOffset issuedBy, CancellationToken cancellationToken) =>
        await db.Set<HazardUse>().AsNoTracking()
            .Where(u => u.Status == HazardUseStatus.Issued && u.RemindedAt == null && u.IssuedAt <= issuedBy)
            .OrderBy(u => u.Id).ToListAsync(cancellationToken);

    public Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, logger, "hazard", cancellationToken);
}

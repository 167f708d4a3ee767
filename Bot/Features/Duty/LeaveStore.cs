using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Duty;

internal sealed class ShiftLeaveConfiguration : IEntityTypeConfiguration<ShiftLeave>
{
    public void Configure(EntityTypeBuilder<ShiftLeave> b)
    {
        b.ToTable("ShiftLeaves");
        b.HasKey(l => l.Id);
        b.Property(l => l.ShiftCode).HasMaxLength(32);
        b.Property(l => l.Reason).HasMaxLength(500);
        b.Property(l => l.ApproverId).HasMaxLength(64);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        // 回来 and the overdue watch race on one row: one wins, the other is rolled back or retried.
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.Status, l.ReturnBy });
        b.HasIndex(l => new { l.PersonId, l.Status });
    }
}

internal sealed class LeaveStore(BotDbContext db) : ILeaveStore
{
    public Task<ShiftLeave?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<ShiftLeave>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);

    public Task<ShiftLeave?> OpenForAsync(string personId, CancellationToken cancellationToken) =>
        db.Set<ShiftLeave>().Where(l => l.PersonId == personId && (l.Status == LeaveStatus.Pending || l.Status == LeaveStatus.Approved))
            .OrderByDescending(l => l.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ShiftLeave>> PendingForApproverAsync(string approverId, CancellationToken cancellationToken) =>
        await db.Set<ShiftLeave>().Where(l => l.Status == LeaveStatus.Pending && l.ApproverId == approverId).OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ShiftLeave>> OutNowAsync(CancellationToken cancellationToken) =>
        (await db.Set<ShiftLeave>().AsNoTracking().Where(l => l.Status == LeaveStatus.Approved).ToListAsync(cancellationToken))
            .OrderBy(l => l.ReturnBy).ToList(); // SQLite cannot order DateTimeOffset in the query

    public async Task<IReadOnlyList<ShiftLeave>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<ShiftLeave>().AsNoTracking()
            .Where(l => l.Status == LeaveStatus.Approved && l.EscalatedAt == null && l.ReturnBy <= now)
            .OrderBy(l => l.ReturnBy).ToListAsync(cancellationToken);

    public async Task AddAsync(ShiftLeave leave, CancellationToken cancellationToken)
    {
        db.Add(leave);
        await db.SaveChangesAsync(cancellationToken);
    }
}

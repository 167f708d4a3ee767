using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Duty;

/// <summary>
/// A roster row held by a pending swap. The assignment id is the key, so two swaps asked at the same moment for one
/// shift cannot both be recorded: the second insert fails and its turn is retried, where it meets the first.
/// </summary>
internal sealed class ShiftSwapHold
{
    public long AssignmentId { get; init; }
    public long SwapId { get; init; }
}

internal sealed class ShiftSwapConfiguration : IEntityTypeConfiguration<ShiftSwap>
{
    public void Configure(EntityTypeBuilder<ShiftSwap> b)
    {
        b.ToTable("ShiftSwaps");
        b.HasKey(s => s.Id);
        b.Property(s => s.RequesterId).HasMaxLength(64);
        b.Property(s => s.ColleagueId).HasMaxLength(64);
        b.Property(s => s.ApproverId).HasMaxLength(64);
        b.Property(s => s.RequesterShiftCode).HasMaxLength(32);
        b.Property(s => s.ColleagueShiftCode).HasMaxLength(32);
        b.Property(s => s.Note).HasMaxLength(500);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
        // The colleague's answer and the superior's decision race on the same row: one wins, the other's turn is retried.
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.Status, s.Date });
    }
}

internal sealed class ShiftSwapHoldConfiguration : IEntityTypeConfiguration<ShiftSwapHold>
{
    public void Configure(EntityTypeBuilder<ShiftSwapHold> b)
    {
        b.ToTable("ShiftSwapHolds");
        b.HasKey(h => h.AssignmentId);
        b.Property(h => h.AssignmentId).ValueGeneratedNever();
        b.HasOne<RosterAssignment>().WithMany().HasForeignKey(h => h.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ShiftSwap>().WithMany().HasForeignKey(h => h.SwapId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SwapStore(BotDbContext db) : ISwapStore
{
    public Task<ShiftSwap?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<ShiftSwap>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    public Task<ShiftSwap?> PendingHoldingAsync(long assignmentId, CancellationToken cancellationToken) =>
        db.Set<ShiftSwapHold>().Where(h => h.AssignmentId == assignmentId)
            .Join(db.Set<ShiftSwap>(), h => h.SwapId, s => s.Id, (_, s) => s)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ShiftSwap>> WaitingForAsync(string personId, CancellationToken cancellationToken) =>
        await db.Set<ShiftSwap>()
            .Where(s => (s.Status == SwapStatus.AwaitingColleague && s.ColleagueId == personId)
                        || (s.Status == SwapStatus.AwaitingApproval && s.ApproverId == personId))
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ShiftSwap>> AllPendingAsync(CancellationToken cancellationToken) =>
        await db.Set<ShiftSwap>().AsNoTracking()
            .Where(s => s.Status == SwapStatus.AwaitingColleague || s.Status == SwapStatus.AwaitingApproval)
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);

    public Task<RosterAssignment?> AssignmentAsync(long id, CancellationToken cancellationToken) =>
        db.Set<RosterAssignment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public async Task AddAsync(ShiftSwap swap, CancellationToken cancellationToken)
    {
        db.Add(swap);
        await db.SaveChangesAsync(cancellationToken);
        db.AddRange(new ShiftSwapHold { AssignmentId = swap.RequesterAssignmentId, SwapId = swap.Id },
            new ShiftSwapHold { AssignmentId = swap.ColleagueAssignmentId, SwapId = swap.Id });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReleaseAsync(ShiftSwap swap, CancellationToken cancellationToken) =>
        db.RemoveRange(await db.Set<ShiftSwapHold>().Where(h => h.SwapId == swap.Id).ToListAsync(cancellationToken));
}

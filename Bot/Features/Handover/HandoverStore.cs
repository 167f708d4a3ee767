using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Handover;

internal sealed class HandoverStore(BotDbContext db) : IHandoverStore
{
    private IQueryable<HandoverRecord> Records => db.Set<HandoverRecord>();

    public Task<HandoverRecord?> FindAsync(long id, CancellationToken cancellationToken) =>
        Records.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<HandoverRecord?> FindForShiftAsync(string post, DateOnly date, string shiftCode, CancellationToken cancellationToken) =>
        Records.SingleOrDefaultAsync(r => r.Post == post && r.Date == date && r.ShiftCode == shiftCode, cancellationToken);

    public async Task<IReadOnlyList<HandoverRecord>> AwaitingAsync(string successorId, CancellationToken cancellationToken) =>
        await Records.Where(r => r.SuccessorId == successorId && r.Status == HandoverStatus.Submitted)
            .OrderBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HandoverRecord>> WithQuestionsForAsync(string outgoingId, CancellationToken cancellationToken) =>
        await Records.Where(r => r.OutgoingId == outgoingId && r.Status != HandoverStatus.Accepted
                                 && r.Items.Any(i => i.State == HandoverItemState.Questioned))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HandoverRecord>> RecentAsync(DateOnly from, string? personId, CancellationToken cancellationToken) =>
        await Records.AsNoTracking()
            .Where(r => r.Date >= from && (personId == null || r.OutgoingId == personId || r.SuccessorId == personId))
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HandoverRecord>> NotAcceptedSinceAsync(DateOnly from, CancellationToken cancellationToken) =>
        await Records.AsNoTracking()
            .Where(r => r.Date >= from && r.Status != HandoverStatus.Accepted)
            .OrderBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<HandoverRecord>> UnreviewedAsync(DateOnly to, CancellationToken cancellationToken) =>
        await Records.Where(r => r.Date <= to && r.Status == HandoverStatus.Accepted && r.ReviewedAt == null)
            .OrderBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    public void Add(HandoverRecord record) => db.Add(record);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}

internal sealed class SecurityHandoverStore(BotDbContext db) : ISecurityHandoverStore
{
    public async Task<IReadOnlyList<SecurityHandoverEntry>> PendingAsync(CancellationToken cancellationToken) =>
        await db.Set<SecurityHandoverEntry>().Where(e => e.Status == SecurityEntryStatus.Pending).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    public Task<SecurityHandoverEntry?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<SecurityHandoverEntry>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    public Task<SecurityHandoverRound?> RoundAsync(DateOnly date, SecuritySlot slot, CancellationToken cancellationToken) =>
        db.Set<SecurityHandoverRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Date == date && r.Slot == slot, cancellationToken);

    public void Add(SecurityHandoverEntry entry) => db.Add(entry);

    public void Add(SecurityHandoverRound round) => db.Add(round);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}

using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Escalation;

internal sealed partial class EscalationStore(BotDbContext db, ILogger<EscalationStore> logger) : IEscalationStore
{
    public Task<EscalationCase?> FindOpenAsync(string kind, string subject, CancellationToken cancellationToken)
    {
        var key = EscalationCase.KeyOf(kind, subject);
        return db.Set<EscalationCase>().SingleOrDefaultAsync(c => c.OpenKey == key, cancellationToken);
    }

    public Task<EscalationCase?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<EscalationCase>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await db.Set<EscalationCase>().AsNoTracking()
            .Where(c => c.Status != EscalationStatus.Resolved && c.NextActionAt != null && c.NextActionAt <= now)
            .OrderBy(c => c.NextActionAt).Take(max).Select(c => c.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<EscalationCase>> OpenForAsync(string personId, CancellationToken cancellationToken) =>
        await db.Set<EscalationCase>()
            .Where(c => c.Status != EscalationStatus.Resolved && (c.AssigneeId == personId || c.Notices.Any(n => n.PersonId == personId)))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<EscalationCase>> RaisedByAsync(string kind, IReadOnlyCollection<string> raisers, int max, CancellationToken cancellationToken) =>
        await db.Set<EscalationCase>().AsNoTracking()
            .Where(c => c.Kind == kind && c.RaisedById != null && raisers.Contains(c.RaisedById))
            .OrderByDescending(c => c.Id).Take(max)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<EscalationCase>> LatestOfKindAsync(string kind, int max, CancellationToken cancellationToken) =>
        await db.Set<EscalationCase>().AsNoTracking()
            .Where(c => c.Kind == kind)
            .OrderByDescending(c => c.Id).Take(max)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<EscalationCase>> AllOpenAsync(CancellationToken cancellationToken) =>
        await db.Set<EscalationCase>().AsNoTracking()
            .Where(c => c.Status != EscalationStatus.Resolved)
            .OrderByDescending(c => c.Severity).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    public Task<EscalationCase?> LatestOpenRaisedByAsync(string kind, string raisedById, CancellationToken cancellationToken) =>
        db.Set<EscalationCase>()
            .Where(c => c.Kind == kind && c.RaisedById == raisedById && c.Status != EscalationStatus.Resolved)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public void Add(EscalationCase escalation) => db.Add(escalation);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, logger, "escalation", cancellationToken);
}

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

    public async Task<IReadOnlyList<EscalationCase>> AllOpenAsync(CancellationToken cancellationToken) =>
        await db.Set<EscalationCase>().AsNoTracking()
            .Where(c => c.Status != EscalationStatus.Resolved)
            .OrderByDescending(c => c.Severity).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    public void Add(EscalationCase escalation) => db.Add(escalation);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await work();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException conflict) when (conflict is DbUpdateConcurrencyException || IsUniqueViolation(conflict))
        {
            // Another instance got there first (a double-fired job): nothing of this unit is kept.
            await transaction.RollbackAsync(CancellationToken.None);
            LogLostRace(conflict.GetType().Name);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || exception.InnerException?.GetType().GetProperty("SqlState")?.GetValue(exception.InnerException) as string == "23505";

    [LoggerMessage(Level = LogLevel.Information, Message = "An escalation unit lost a race to another instance ({Conflict}); it was rolled back")]
    private partial void LogLostRace(string conflict);
}

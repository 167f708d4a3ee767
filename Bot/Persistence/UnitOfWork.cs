using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>
/// One unit of a scheduled or contested change, all or nothing: the features' stores run their claims through it so a
/// trigger fired on two instances (or two people pressing at once) changes things once (DEVELOPERS.md: every job is
/// idempotent, claimed in our own database).
/// </summary>
public static partial class UnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and saves what it changed, messages enqueued included. False when
    /// another instance got there first — a concurrency token moved or a unique claim exists — and then nothing is kept.
    /// </summary>
    public static async Task<bool> AtomicallyAsync(this BotDbContext db, Func<Task> work, ILogger logger, string unit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await work();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException conflict) when (conflict is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(conflict))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            LogLostRace(logger, unit, conflict.GetType().Name);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Unit} unit lost a race to another instance ({Conflict}); it was rolled back")]
    private static partial void LogLostRace(ILogger logger, string unit, string conflict);
}

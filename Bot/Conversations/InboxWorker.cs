using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Runs the turns behind the inbox, oldest first, one at a time: channel endpoints only record and acknowledge, so a
/// slow turn never makes a channel time out, and one conversation's messages are handled in the order they came,
/// one after the other, also when several instances share the database.
/// </summary>
public sealed partial class InboxWorker(
    IServiceScopeFactory scopes,
    InboxSignal signal,
    WorkerHealth health,
    TimeProvider time,
    IOptions<ConversationOptions> options,
    ILogger<InboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.Signal.RunUntilStoppedAsync(ct => ProcessPendingAsync(ct), options.Value.PollInterval,
            running => health.InboxWorkerRunning = running, LogLoopFailed, stoppingToken);

    /// <summary>Runs every pending turn. Returns how many it ran.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        while (await ClaimNextAsync(cancellationToken) is { } id)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessAsync(id, cancellationToken);
            ran++;
        }
        return ran;
    }

    /// <summary>
    /// Claims the oldest pending row whose lease is free, with a conditional update: two workers (on one instance or
    /// several sharing a database) never take the same one. Only the oldest pending message of each conversation is a
    /// candidate, so another instance cannot run a conversation's next message while its previous one is still running.
    /// </summary>
    private async Task<long?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.Lease;
        var inbox = db.Set<InboxMessage>();
        var candidates = await inbox
            .Where(m => m.Status == InboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .Where(m => !inbox.Any(earlier => earlier.Status == InboxStatus.Pending && earlier.Channel == m.Channel
                                              && earlier.ConversationId == m.ConversationId && earlier.Id < m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(5)
            .ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var claimed = await db.Set<InboxMessage>()
                .Where(m => m.Id == id && m.Status == InboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil), cancellationToken);
            if (claimed == 1) return id;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The inbox worker loop failed; it will try again")]
    private partial void LogLoopFailed(Exception exception);
}

using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Runs the turns behind the inbox, oldest first, in batches of at most one message per conversation: channel endpoints
/// only record and acknowledge, so a slow turn never makes a channel time out, and one conversation's messages are
/// handled in the order they came, one after the other, also when several instances share the database.
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

    // Up to this many conversations' next turns are claimed in one statement and run in one transaction. Small enough
    // that the write lock the batch holds is not felt by the channels' acknowledgements waiting for the inbox.
    private const int ClaimBatch = 16;

    /// <summary>Runs every pending turn. Returns how many it ran.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        while (await ClaimBatchAsync(cancellationToken) is { Count: > 0 } claimed)
        {
            // One scope for the batch: the turns share a transaction (TurnProcessor) and the engine with its features,
            // which hold no state of their own between turns.
            await using var scope = scopes.CreateAsyncScope();
            ran += await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessAsync(claimed, cancellationToken);
        }
        return ran;
    }

    /// <summary>
    /// Claims the oldest pending rows whose lease is free, with one conditional update that says which rows it won: two
    /// workers (on one instance or several sharing a database) never take the same one. Only the oldest pending message
    /// of each conversation is a candidate, so a batch holds at most one message per conversation, and another instance
    /// cannot run a conversation's next message while its previous one is still running.
    /// </summary>
    private async Task<List<long>> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        var inbox = db.Set<InboxMessage>();
        var candidates = await inbox
            .Where(m => m.Status == InboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .Where(m => !inbox.Any(earlier => earlier.Status == InboxStatus.Pending && earlier.Channel == m.Channel
                                              && earlier.ConversationId == m.ConversationId && earlier.Id < m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(ClaimBatch)
            .ToListAsync(cancellationToken);
        var won = await Leases.ClaimAsync<InboxMessage>(db, candidates, InboxStatus.Pending, now, now + options.Value.Lease, cancellationToken);
        return [.. candidates.Where(won.Contains)];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The inbox worker loop failed; it will try again")]
    private partial void LogLoopFailed(Exception exception);
}

using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Runs the turns behind the inbox, oldest first, one at a time: channel endpoints only record and acknowledge, so a
/// slow turn never makes a channel time out, and one conversation's messages are handled in the order they came.
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

    /// <summary>Claims the oldest pending row whose lease is free, with a conditional update: two workers never take the same one.</summary>
    private async Task<long?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.Lease;
        var candidates = await db.Set<InboxMessage>()
            .Where(m => m.Status == InboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
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

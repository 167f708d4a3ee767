using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Sends what the outbox holds, through each channel's sender, with retries and exponential backoff.
/// A row is claimed with a lease before it is sent and marked sent right after, so it goes out once in normal
/// operation; only a crash between the send and its record repeats it (the channel's duplicate check, where it has
/// one, hides that). Within one conversation messages leave in the order they were accepted: a message waiting for
/// a retry holds back the ones after it; one held until a later time (notBefore) leaves then and holds nothing back.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IChannelSender> senders,
    OutboxSignal signal,
    WorkerHealth health,
    TimeProvider time,
    Random random,
    OutboxPacer pacer,
    IOptions<ConversationOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    // Up to this many conversations' next messages are claimed in one statement and sent side by side.
    private const int ClaimBatch = 32;

    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.Signal.RunUntilStoppedAsync(ct => DispatchDueAsync(ct), options.Value.PollInterval,
            running => health.DispatcherRunning = running, LogLoopFailed, stoppingToken);

    /// <summary>Sends every message that is due now. Returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (true)
        {
            var batch = await ClaimDueAsync(cancellationToken);
            if (batch.Count == 0) return attempted;
            // A batch holds at most one message per conversation (its oldest), so sending them side by side keeps
            // each conversation's order; the channel calls overlap instead of queueing behind each other.
            var results = await Task.WhenAll(batch.Select(row => SendOneAsync(row, cancellationToken)));
            await RecordAsync(batch, results);
            attempted += batch.Count;
        }
    }

    private async Task<List<OutboxMessage>> ClaimDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();

        var pending = await PendingAsync(db, cancellationToken);
        var (held, merged) = await pacer.PaceAsync(db, pending, now, cancellationToken);
        if (merged) pending = await PendingAsync(db, cancellationToken);

        // The oldest pending message of each conversation, if it is due, free, and its recipient's pace allows. A message
        // held for later on purpose (an owner is not written to at night: it waits for 07:00) is not yet in the queue, so
        // it holds nothing back — else every reply to what the owner writes meanwhile would wait for the morning too.
        // A message waiting for a retry does hold back the ones after it.
        var heads = pending
            .Where(m => m.Attempts > 0 || m.NextAttemptAt <= now)
            .GroupBy(m => (m.Channel, m.ConversationId))
            .Select(g => g.First())
            .Where(m => m.NextAttemptAt <= now && (m.LeaseUntil is null || m.LeaseUntil < now) && !held.Contains(m.Id))
            .Take(ClaimBatch)
            .ToList();
        var leaseUntil = now + options.Value.Lease;
        var won = await Leases.ClaimAsync<OutboxMessage>(db, [.. heads.Select(m => m.Id)], OutboxStatus.Pending, now, leaseUntil, cancellationToken);
        var claimed = heads.Where(m => won.Contains(m.Id)).ToList();
        // As stored now, so that recording the outcome (RecordAsync) writes exactly what changed, the lease's end included.
        foreach (var row in claimed) row.LeaseUntil = leaseUntil;
        return claimed;
    }

    private static Task<List<OutboxMessage>> PendingAsync(BotDbContext db, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.Id)
            .Take(200)
            .ToListAsync(cancellationToken);

    private async Task<SendResult> SendOneAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(row.Channel, out var sender))
            return new SendResult.Failed($"No sender is configured for channel '{row.Channel}'.");
        var envelope = new OutboundEnvelope(row.Id, new ConversationAddress(row.Channel, row.ConversationId, row.AddressData),
            row.ReplyToId, row.RecipientId, WireJson.ReadOutgoing(row.Payload));
        try
        {
            return await sender.SendAsync(envelope, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SendResult.Retry(ex.GetType().Name + ": " + ex.Message);
        }
        catch (Exception ex)
        {
            // Anything else — a sender's bug, or the host stopping mid-send — is recorded on this message and retried
            // with backoff like a transient failure. Thrown, it would also lose the recorded outcomes of the messages
            // sent beside it, and those would go out a second time.
            if (ex is not OperationCanceledException) LogSenderFailed(ex, row.Id, row.Channel);
            return new SendResult.Retry(ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Records the batch's outcomes in one unit (one round trip for all of them, not one each).</summary>
    private async Task RecordAsync(IReadOnlyList<OutboxMessage> batch, IReadOnlyList<SendResult> results)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            // The rows as claimed: the lease keeps everyone else off them, so only the columns set here are written.
            var row = batch[i];
            db.Attach(row);
            Apply(row, results[i], now);
        }
        // Recording the outcome must not be cancelled half-way: a sent message recorded as pending would go out twice.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private void Apply(OutboxMessage tracked, SendResult result, DateTimeOffset now)
    {
        tracked.Attempts++;
        tracked.LeaseUntil = null;
        switch (result)
        {
            case SendResult.Sent sent:
                tracked.Status = OutboxStatus.Sent;
                tracked.SentAt = now;
                tracked.SentMessageId = sent.ChannelMessageId;
                tracked.LastError = null;
                break;
            case SendResult.Retry retry when tracked.Attempts < options.Value.MaxSendAttempts:
                var delay = retry.RetryAfter ?? Backoff(tracked.Attempts);
                tracked.NextAttemptAt = now + delay;
                tracked.LastError = retry.Error;
                LogRetry(tracked.Id, tracked.Channel, tracked.Attempts, delay, retry.Error);
                break;
            case SendResult.Retry retry:
                tracked.Status = OutboxStatus.Dead;
                tracked.LastError = retry.Error;
                LogGaveUp(tracked.Id, tracked.Channel, tracked.Attempts, retry.Error);
                break;
            case SendResult.Failed failed:
                tracked.Status = OutboxStatus.Dead;
                tracked.LastError = failed.Error;
                LogGaveUp(tracked.Id, tracked.Channel, tracked.Attempts, failed.Error);
                break;
        }
    }

    /// <summary>Exponential backoff with ±20 % jitter, capped.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var exponential = o.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var capped = Math.Min(exponential, o.MaxRetryDelay.TotalMilliseconds);
        var jitter = 0.8 + random.NextDouble() * 0.4;
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} ({Channel}) attempt {Attempt} failed; retrying in {Delay}: {Error}")]
    private partial void LogRetry(long outboxId, string channel, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {OutboxId} ({Channel}) given up after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(long outboxId, string channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} sender failed on outbox message {OutboxId}; it will be retried")]
    private partial void LogSenderFailed(Exception exception, long outboxId, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher loop failed; it will try again")]
    private partial void LogLoopFailed(Exception exception);
}

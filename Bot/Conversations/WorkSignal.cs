namespace Bot.Conversations;

/// <summary>Wakes a background worker as soon as there is work, instead of waiting for its next poll.</summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0);

    // 1 while a wake-up is pending. The semaphore is released only when this goes from 0 to 1, so a burst of
    // notifications (one per stored message under load) costs one release, and never an exception as a full
    // semaphore's Release would.
    private int _pending;

    public void Notify()
    {
        // At most one pending wake-up: the worker drains everything that is due when it wakes.
        if (Interlocked.Exchange(ref _pending, 1) == 0) _semaphore.Release();
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _semaphore.WaitAsync(timeout, cancellationToken)) return false;
        // Cleared before the worker looks for work: a notification from now on releases again, and one that came
        // earlier was for work committed before this point, which the coming round sees.
        Volatile.Write(ref _pending, 0);
        return true;
    }

    /// <summary>
    /// A background worker's loop: do the work, then sleep until woken or the poll interval passes; a failed round is
    /// reported and the loop goes on. <paramref name="running"/> tells the health check while the loop is alive.
    /// </summary>
    public async Task RunUntilStoppedAsync(Func<CancellationToken, Task> work, TimeSpan pollInterval, Action<bool> running,
        Action<Exception> failed, CancellationToken stoppingToken)
    {
        running(true);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    failed(ex);
                }
                await WaitAsync(pollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            running(false);
        }
    }
}

public sealed class InboxSignal
{
    public WorkSignal Signal { get; } = new();
}

public sealed class OutboxSignal
{
    public WorkSignal Signal { get; } = new();
}

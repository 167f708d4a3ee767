namespace Bot.Conversations;

/// <summary>Wakes a background worker as soon as there is work, instead of waiting for its next poll.</summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: the worker drains everything that is due when it wakes.
        try { _semaphore.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

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

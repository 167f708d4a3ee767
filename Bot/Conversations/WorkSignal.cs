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
}

public sealed class InboxSignal
{
    public WorkSignal Signal { get; } = new();
}

public sealed class OutboxSignal
{
    public WorkSignal Signal { get; } = new();
}

using Bot.Conversations;

namespace Bot.Tests.Conversations;

/// <summary>
/// The wake-up a stored message gives the turn worker (and a queued reply the dispatcher): many notifications before
/// the worker looks are one round of work, and one that comes while it works is another round, never lost.
/// </summary>
public sealed class WorkSignalTests
{
    [Fact]
    public async Task Many_notifications_wake_the_worker_once()
    {
        var signal = new WorkSignal();
        for (var i = 0; i < 1000; i++) signal.Notify();

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_notification_after_waking_wakes_again()
    {
        var signal = new WorkSignal();
        signal.Notify();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

        signal.Notify();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_worker_is_woken_by_notifications_from_many_threads()
    {
        var signal = new WorkSignal();
        var waiting = signal.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) signal.Notify();
        })));

        Assert.True(await waiting);
        // The notifications that raced with the wake-up leave at most one more round, never an error.
        await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}

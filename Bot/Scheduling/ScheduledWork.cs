using Bot.Conversations;
using Bot.Domain.Scheduling;
using Quartz;

namespace Bot.Scheduling;

/// <summary>
/// The one Quartz job: runs a domain service's due work at the clock's now and wakes the outbox when it queued
/// anything. Each row of <see cref="SchedulingSetup"/>'s table stores it under its own job key with
/// DisallowConcurrentExecution, which Quartz applies per job key: a slow run of one job never holds up another.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledWork<TWork>(TWork work, TimeProvider time, OutboxSignal outbox) : IJob
    where TWork : IScheduledWork
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await work.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

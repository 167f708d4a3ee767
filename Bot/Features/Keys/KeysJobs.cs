using Bot.Conversations;
using Bot.Domain.Features.Keys;
using Quartz;

namespace Bot.Features.Keys;

/// <summary>Curfew reminders, overdue escalations and the area key prompts; every effect is claimed, so a double fire acts once.</summary>
[DisallowConcurrentExecution]
public sealed class KeyWatchJob(KeyWatch watch, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "KeyWatch";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await watch.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

/// <summary>The custodian's daily list of keys still out (第4篇 1.2.4); keyed by day and person, so a second fire sends nothing twice.</summary>
[DisallowConcurrentExecution]
public sealed class KeyDailyCheckJob(KeyDailyCheck check, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "KeyDailyCheck";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await check.SendAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

using Bot.Conversations;
using Bot.Domain.Features.Duty;
using Quartz;

namespace Bot.Features.Duty;

/// <summary>The duty log's clock; every effect is claimed in our tables, so a double fire acts once.</summary>
[DisallowConcurrentExecution]
public sealed class DutyLogWatchJob(DutyLogWatch watch, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "DutyLogWatch";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await watch.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

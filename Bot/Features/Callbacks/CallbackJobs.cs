using Bot.Conversations;
using Bot.Domain.Features.Callbacks;
using Quartz;

namespace Bot.Features.Callbacks;

/// <summary>Invites, reminds, hands to staff and escalates every due callback, each claimed by its version.</summary>
[DisallowConcurrentExecution]
public sealed class CallbackTickJob(CallbackService callbacks, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "CallbackTick";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await callbacks.ProcessDueAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

using Bot.Conversations;
using Bot.Domain.Features.Handover;
using Quartz;

namespace Bot.Features.Handover;

/// <summary>Preparation prompts, the not-accepted escalation and the review reminder; each effect claims its row, so a double fire acts once.</summary>
[DisallowConcurrentExecution]
public sealed class HandoverWatchJob(HandoverWatch watch, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "HandoverWatch";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await watch.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

/// <summary>08:00 and 18:00 on working days: the handover with the security control room; each (date, slot) is claimed once.</summary>
[DisallowConcurrentExecution]
public sealed class SecurityHandoverJob(SecurityHandover security, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "SecurityHandover";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await security.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

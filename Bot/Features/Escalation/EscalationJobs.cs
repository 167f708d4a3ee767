using Bot.Conversations;
using Bot.Domain.Features.Escalation;
using Quartz;

namespace Bot.Features.Escalation;

/// <summary>Climbs, re-notifies and releases what quiet hours held: every due case, each claimed by its version.</summary>
[DisallowConcurrentExecution]
public sealed class EscalationTickJob(EscalationService escalations, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "EscalationTick";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await escalations.ProcessDueAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

/// <summary>The daily supervisor digest; keyed by day and person, so a second fire sends nothing twice.</summary>
[DisallowConcurrentExecution]
public sealed class SupervisorDigestJob(SupervisorDigest digest, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "SupervisorDigest";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await digest.SendAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

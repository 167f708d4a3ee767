using Bot.Conversations;
using Bot.Domain.Features.Duty;
using Quartz;

namespace Bot.Features.Duty;

/// <summary>Check-in reminders and the missing check-in escalation; every effect is keyed, so a double fire acts once.</summary>
[DisallowConcurrentExecution]
public sealed class AttendanceWatchJob(AttendanceWatch watch, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "AttendanceWatch";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await watch.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

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

/// <summary>Overdue 外出: a reminder at the return time, an escalation after Duty:LeaveEscalateAfter; each effect once.</summary>
[DisallowConcurrentExecution]
public sealed class LeaveWatchJob(LeaveWatch watch, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "LeaveWatch";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await watch.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

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

/// <summary>The daily roster deadline check (第7篇 1.1.3–1.1.6): reminders to the 考勤员, escalation when overdue; each once.</summary>
[DisallowConcurrentExecution]
public sealed class RosterDeadlinesJob(RosterDeadlineWatch watch, TimeProvider time, OutboxSignal outbox) : IJob
{
    public const string Name = "RosterDeadlines";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (await watch.ProcessAsync(time.GetUtcNow(), cancellationToken) > 0) outbox.Signal.Notify();
    }
}

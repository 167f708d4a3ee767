using Quartz;

namespace Bot.Scheduling;

/// <summary>
/// Stored jobs and triggers are kept across restarts (so a missed fire is still known), which would also keep what an
/// earlier build stored: a job class that no longer exists, an old cron expression. This brings both up to date, once
/// the scheduler is built and before it starts firing (the hosted service starts it only once the application has
/// started, after every hosted service's start, this one's included).
/// </summary>
internal sealed partial class ScheduleReconciler(ISchedulerFactory schedulers, ScheduleReconciler.Plan plan, ILogger<ScheduleReconciler> logger) : IHostedService
{
    public sealed record Plan(IReadOnlyList<(SchedulingSetup.ScheduledJob Job, string Cron)> Jobs, TimeZoneInfo TimeZone);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (job, cron) in plan.Jobs)
        {
            await ReplaceStoredJobAsync(scheduler, job, cancellationToken);

            var key = SchedulingSetup.TriggerKeyOf(job.Name);
            if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger stored
                && stored.CronExpressionString == cron && stored.TimeZone.Id == plan.TimeZone.Id) continue;

            var trigger = TriggerBuilder.Create()
                .WithIdentity(key)
                .ForJob(job.Key)
                .WithCronSchedule(cron, c => SchedulingSetup.Configure(c, plan.TimeZone))
                .Build();
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
            LogRescheduled(job.Name, cron);
        }
    }

    /// <summary>
    /// A job stored by a build whose job class had another name (JOB_CLASS_NAME: before one generic job ran them all,
    /// each had its own class) would fail at its first fire here. Replacing the job rewrites its row only: its trigger,
    /// and the missed fire the trigger remembers, stay as they are.
    /// </summary>
    private async Task ReplaceStoredJobAsync(IScheduler scheduler, SchedulingSetup.ScheduledJob job, CancellationToken cancellationToken)
    {
        var stored = await scheduler.GetJobDetail(job.Key, cancellationToken);
        var detail = job.Detail();
        if (stored is null || stored.JobType.FullName == detail.JobType.FullName) return;
        await scheduler.AddJob(detail, AddJobOptions.ReplacingAndStoringNonDurable, cancellationToken);
        LogReplaced(job.Name, stored.JobType.FullName, detail.JobType.FullName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} now runs on the configured schedule {Cron}")]
    private partial void LogRescheduled(string job, string cron);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} was stored as {Stored}; it now runs as {Current}")]
    private partial void LogReplaced(string job, string stored, string current);
}

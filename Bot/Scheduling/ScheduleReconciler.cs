using Quartz;

namespace Bot.Scheduling;

/// <summary>
/// Stored triggers are kept across restarts (so a missed fire is still known), which would also keep an old cron
/// expression; this applies the configured one where it changed, once the scheduler is up.
/// </summary>
internal sealed partial class ScheduleReconciler(ISchedulerFactory schedulers, ScheduleReconciler.Plan plan, ILogger<ScheduleReconciler> logger) : IHostedService
{
    public sealed record Plan(IReadOnlyList<(string Job, string Cron)> Jobs, TimeZoneInfo TimeZone);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (job, cron) in plan.Jobs)
        {
            var key = SchedulingSetup.TriggerKeyOf(job);
            if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger stored
                && stored.CronExpressionString == cron && stored.TimeZone.Id == plan.TimeZone.Id) continue;

            var trigger = TriggerBuilder.Create()
                .WithIdentity(key)
                .ForJob(new JobKey(job))
                .WithCronSchedule(cron, c => SchedulingSetup.Configure(c, plan.TimeZone))
                .Build();
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
            LogRescheduled(job, cron);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} now runs on the configured schedule {Cron}")]
    private partial void LogRescheduled(string job, string cron);
}

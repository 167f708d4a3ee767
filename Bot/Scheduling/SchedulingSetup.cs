using Bot.Conversations;
using Bot.Features.Callbacks;
using Bot.Features.Duty;
using Bot.Features.Escalation;
using Bot.Features.Keys;
using Bot.Features.Handover;
using Bot.Features.Hazards;
using Bot.Features.Archives;
using Bot.Features.Tickets;
using Bot.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Scheduling;

/// <summary>
/// The one place every scheduled job and its trigger is registered. Quartz keeps its state in the bot's own database
/// (SQLite by default; clustered on PostgreSQL). A trigger missed while the bot was down fires once after start, not
/// once per missed tick; no job overlaps itself. Quartz may still fire a trigger on two nodes, so every job's effect
/// is idempotent: it claims due work in our tables.
/// </summary>
public static class SchedulingSetup
{
    /// <summary>Job names, also their keys under Scheduling:Jobs.</summary>
    public static readonly string[] Jobs = [EscalationTickJob.Name, SupervisorDigestJob.Name, AttendanceWatchJob.Name, KeyWatchJob.Name, KeyDailyCheckJob.Name, DutyLogWatchJob.Name, LeaveWatchJob.Name, RosterDeadlinesJob.Name, HandoverWatchJob.Name, SecurityHandoverJob.Name, CallbackTickJob.Name, HazardWatchJob.Name, ArchiveWatchJob.Name, ArchiveMonthEndJob.Name, TicketWatchJob.Name];

    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var problems = options.Problems(Jobs).ToList();
        // A bad cron expression must stop the bot at start, naming the key, not surface at 3 a.m.
        if (problems.Count > 0) throw new OptionsValidationException(SchedulingOptions.Section, typeof(SchedulingOptions), problems);
        builder.Services.AddOptions<SchedulingOptions>().Bind(builder.Configuration.GetSection(SchedulingOptions.Section));
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealth>("scheduler");
        if (!options.Enabled) return builder;

        var department = builder.Configuration.GetSection(DepartmentOptions.Section).Get<DepartmentOptions>() ?? new DepartmentOptions();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(department.TimeZone, out var timeZone))
            throw new OptionsValidationException(DepartmentOptions.Section, typeof(DepartmentOptions),
                [$"Department:TimeZone '{department.TimeZone}' is not a known time zone (e.g. Asia/Shanghai)."]);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "property-bot";
                // Each instance of a cluster needs its own id.
                s.GenerateInstanceId = storage.IsPostgreSql;
            });
            // Keep the triggers already stored: their next fire time is what tells Quartz a fire was missed while the
            // bot was down (overwriting them at start would forget it), and re-registering on every node is what made
            // a clustered trigger fire twice (dotnet-stack.md). ScheduleReconciler applies changed cron settings.
            q.ConfigureOptions<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
            q.UsePersistentStore(store =>
            {
                if (storage.IsPostgreSql)
                {
                    // Several instances share one PostgreSQL: Quartz coordinates them through its tables (one fires
                    // a trigger, another takes over if it dies). Duplicate fires still happen; the jobs are idempotent.
                    store.UsePostgres(storage.ConnectionString!);
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(storage.SqliteConnectionString());
                }
                store.ConfigureStore(o => o.MisfireThreshold = options.MisfireThreshold);
                // Quartz creates its tables if they are missing (CREATE … IF NOT EXISTS); it never upgrades them.
                store.ProvisionSchema();
            });

            Schedule<EscalationTickJob>(q, EscalationTickJob.Name, options, timeZone);
            Schedule<SupervisorDigestJob>(q, SupervisorDigestJob.Name, options, timeZone);
            Schedule<AttendanceWatchJob>(q, AttendanceWatchJob.Name, options, timeZone);
            Schedule<KeyWatchJob>(q, KeyWatchJob.Name, options, timeZone);
            Schedule<KeyDailyCheckJob>(q, KeyDailyCheckJob.Name, options, timeZone);
            Schedule<DutyLogWatchJob>(q, DutyLogWatchJob.Name, options, timeZone);
            Schedule<LeaveWatchJob>(q, LeaveWatchJob.Name, options, timeZone);
            Schedule<RosterDeadlinesJob>(q, RosterDeadlinesJob.Name, options, timeZone);
            Schedule<HandoverWatchJob>(q, HandoverWatchJob.Name, options, timeZone);
            Schedule<SecurityHandoverJob>(q, SecurityHandoverJob.Name, options, timeZone);
            Schedule<CallbackTickJob>(q, CallbackTickJob.Name, options, timeZone);
            Schedule<HazardWatchJob>(q, HazardWatchJob.Name, options, timeZone);
            Schedule<ArchiveWatchJob>(q, ArchiveWatchJob.Name, options, timeZone);
            Schedule<ArchiveMonthEndJob>(q, ArchiveMonthEndJob.Name, options, timeZone);
            Schedule<TicketWatchJob>(q, TicketWatchJob.Name, options, timeZone);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton(new ScheduleReconciler.Plan([.. Jobs.Select(job => (job, options.CronFor(job)))], timeZone));
        builder.Services.AddHostedService<ScheduleReconciler>();
        return builder;
    }

    private static void Schedule<TJob>(IQuartzBuilder q, string name, SchedulingOptions options, TimeZoneInfo timeZone) where TJob : IJob
    {
        var key = new JobKey(name);
        q.AddJob<TJob>(j => j.WithIdentity(key).DisallowConcurrentExecution());
        q.AddTrigger(t => t
            .ForJob(key)
            .WithIdentity(TriggerKeyOf(name))
            .WithCronSchedule(options.CronFor(name), c => Configure(c, timeZone)));
    }

    internal static TriggerKey TriggerKeyOf(string job) => new($"{job}.trigger");

    /// <summary>Missed while down: fire once now, then carry on with the schedule.</summary>
    internal static void Configure(CronScheduleBuilder cron, TimeZoneInfo timeZone) =>
        cron.InTimeZone(timeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);

    /// <summary>Ready when the scheduler is running (or deliberately off).</summary>
    internal sealed class SchedulerHealth(IServiceProvider services, IOptions<SchedulingOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!options.Value.Enabled) return HealthCheckResult.Healthy("The scheduler is switched off (Scheduling:Enabled = false).");
            var factory = services.GetService<ISchedulerFactory>();
            if (factory is null) return HealthCheckResult.Unhealthy("No scheduler is registered.");
            var scheduler = await factory.GetScheduler(cancellationToken);
            return await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running
                ? HealthCheckResult.Healthy("The scheduler is running.")
                : HealthCheckResult.Unhealthy("The scheduler is not running.");
        }
    }
}

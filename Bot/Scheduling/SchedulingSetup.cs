using Bot.Conversations;
using Bot.Domain.Features.Archives;
using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Handover;
using Bot.Domain.Features.Hazards;
using Bot.Domain.Features.Keys;
using Bot.Domain.Features.Tickets;
using Bot.Domain.Scheduling;
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
    /// <summary>
    /// The schedule, one row a job: its name and the domain service it runs (each service says what it does and why).
    /// The name is the job's key in Quartz's store, its trigger's key (name.trigger) and its key under
    /// Scheduling:Jobs, where its cron lives — never rename one: a stored job and its trigger are found by it. Every
    /// row runs as <see cref="ScheduledWork{TWork}"/>; every effect is claimed in our tables, so a double fire acts once.
    /// </summary>
    private static readonly ScheduledJob[] Table =
    [
        // Climbs, re-notifies and releases what quiet hours held: every due case, each claimed by its version.
        Job<EscalationService>("EscalationTick"),
        // The daily supervisor digest; keyed by day and person, so a second fire sends nothing twice.
        Job<SupervisorDigest>("SupervisorDigest"),
        // Check-in reminders and the missing check-in escalation; every effect is keyed.
        Job<AttendanceWatch>("AttendanceWatch"),
        // Curfew reminders, overdue escalations and the area key prompts.
        Job<KeyWatch>("KeyWatch"),
        // The custodian's daily list of keys still out (第4篇 1.2.4); keyed by day and person.
        Job<KeyDailyCheck>("KeyDailyCheck"),
        // The duty log's clock: rounds, feature lighting, written reports (第2篇 1.4–1.6, 2.3).
        Job<DutyLogWatch>("DutyLogWatch"),
        // Overdue 外出: a reminder at the return time, an escalation after Duty:LeaveEscalateAfter; each effect once.
        Job<LeaveWatch>("LeaveWatch"),
        // The daily roster deadline check (第7篇 1.1.3–1.1.6): reminders to the 考勤员, escalation when overdue.
        Job<RosterDeadlineWatch>("RosterDeadlines"),
        // Preparation prompts, the not-accepted escalation and the review reminder of the handover.
        Job<HandoverWatch>("HandoverWatch"),
        // 08:00 and 18:00 on working days: the handover with the security control room; each (date, slot) once.
        Job<SecurityHandover>("SecurityHandover"),
        // Invites, reminds, hands to staff and escalates every due callback, each claimed by its version.
        Job<CallbackService>("CallbackTick"),
        // Hazardous materials not returned in time (第13篇 4.0): the holder is reminded, the issuer told; each once.
        Job<HazardWatch>("HazardWatch"),
        // Files out past their return date (第6篇 1.3.5 按期催还): the borrower reminded, the clerk told; each once.
        Job<ArchiveWatch>("ArchiveWatch"),
        // The month-end check of the archive (第6篇 1.1.3): on the month's last day, the clerk gets the figures.
        Job<ArchiveMonthEnd>("ArchiveMonthEnd"),
        // The ticket round of 第12篇: takings chased before going off (3, 7); next month's posters on the last day (5).
        Job<TicketWatch>("TicketWatch"),
    ];

    /// <summary>Job names, also their keys under Scheduling:Jobs.</summary>
    public static readonly string[] Jobs = [.. Table.Select(job => job.Name)];

    /// <summary>A row of the schedule: the job's name and the <see cref="IJob"/> type that runs its work.</summary>
    internal sealed record ScheduledJob(string Name, Type JobType)
    {
        public JobKey Key => new(Name);

        /// <summary>The job as it is stored: no run of it overlaps another run of the same job key.</summary>
        public IJobDetail Detail() => JobBuilder.Create().OfType(JobType).WithIdentity(Key).DisallowConcurrentExecution().Build();
    }

    private static ScheduledJob Job<TWork>(string name) where TWork : class, IScheduledWork => new(name, typeof(ScheduledWork<TWork>));

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

            foreach (var job in Table) Schedule(q, job, options, timeZone);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton(new ScheduleReconciler.Plan([.. Table.Select(job => (job, options.CronFor(job.Name)))], timeZone));
        builder.Services.AddHostedService<ScheduleReconciler>();
        return builder;
    }

    private static void Schedule(IQuartzBuilder q, ScheduledJob job, SchedulingOptions options, TimeZoneInfo timeZone)
    {
        q.AddJob(job.JobType, j => j.WithIdentity(job.Key).DisallowConcurrentExecution());
        q.AddTrigger(t => t
            .ForJob(job.Key)
            .WithIdentity(TriggerKeyOf(job.Name))
            .WithCronSchedule(options.CronFor(job.Name), c => Configure(c, timeZone)));
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

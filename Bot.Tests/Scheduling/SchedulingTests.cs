using System.Net;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Tests.Scheduling;

public sealed class SchedulingTests
{
    [Theory]
    [InlineData("Scheduling:Jobs:EscalationTick:Cron", "every minute", "Scheduling:Jobs:EscalationTick:Cron")]
    [InlineData("Scheduling:Jobs:SupervisorDigest:Cron", "", "Scheduling:Jobs:SupervisorDigest:Cron")]
    [InlineData("Department:TimeZone", "Mars/Olympus", "Department:TimeZone")]
    [InlineData("Escalation:QuietHoursStart", "25:00", "Escalation:QuietHoursStart")]
    public void BadSetting_RefusesToStart_NamingTheKey(string key, string value, string named)
    {
        using var bot = new BotFactory(backgroundWorkers: true, settings: new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => bot.Services);

        Assert.Contains(named, Flatten(failure));
    }

    [Fact]
    public async Task MissedWhileDown_ManyTicks_RunsOnceAfterStart()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        // Every job daily in the small hours, so nothing but the missed tick can run during the test: an
        // every-minute job firing across a minute boundary would otherwise count as an execution.
        var settings = Bot.Scheduling.SchedulingSetup.Jobs.ToDictionary(job => $"Scheduling:Jobs:{job}:Cron", _ => (string?)"0 0 5 * * ?");
        settings["Scheduling:Jobs:EscalationTick:Cron"] = "0 0 3 * * ?";
        try
        {
            using (var first = new BotFactory(backgroundWorkers: true, settings: settings, dataDirectory: data))
            {
                await WaitUntilReadyAsync(first);
                Assert.Equal(0, await ExecutedAsync(first));
            }

            // The bot was "down" for three days: three 03:00 ticks were missed.
            var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3);
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "bot.db")}"))
            {
                await db.OpenAsync();
                await using var update = db.CreateCommand();
                update.CommandText = "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = $t WHERE TRIGGER_NAME = 'EscalationTick.trigger'";
                update.Parameters.AddWithValue("$t", threeDaysAgo.UtcTicks);
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }
            SqliteConnection.ClearAllPools();

            using var second = new BotFactory(backgroundWorkers: true, settings: settings, dataDirectory: data);
            await WaitUntilReadyAsync(second);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await ExecutedAsync(second) == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);

            Assert.Equal(1, await ExecutedAsync(second));
            // And nothing more is owed: the trigger's next fire is the next 03:00, not another catch-up.
            var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var trigger = await scheduler.GetTrigger(new TriggerKey("EscalationTick.trigger"));
            Assert.True(trigger!.NextFireTimeUtc > DateTimeOffset.UtcNow.AddMinutes(1));
        }
        finally
        {
            BotFactory.TryDelete(data);
        }
    }

    [Fact]
    public async Task CronChangedInConfiguration_AppliesAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var before = new BotFactory(backgroundWorkers: true, dataDirectory: data,
                       settings: new Dictionary<string, string?> { ["Scheduling:Jobs:SupervisorDigest:Cron"] = "0 30 8 * * ?" }))
                await WaitUntilReadyAsync(before);

            using var after = new BotFactory(backgroundWorkers: true, dataDirectory: data,
                settings: new Dictionary<string, string?> { ["Scheduling:Jobs:SupervisorDigest:Cron"] = "0 0 9 * * ?" });
            await WaitUntilReadyAsync(after);

            var scheduler = await after.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var trigger = (ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("SupervisorDigest.trigger")))!;
            Assert.Equal("0 0 9 * * ?", trigger.CronExpressionString);
            Assert.Equal("Asia/Shanghai", trigger.TimeZone.Id);
        }
        finally
        {
            BotFactory.TryDelete(data);
        }
    }

    [Fact]
    public async Task StoredByTheBuildWithOneClassPerJob_RunsAfterUpgrade_AndKeepsItsMissedFire()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await UpgradeFromOneClassPerJobAsync(
                () => new BotFactory(backgroundWorkers: true, settings: DailyInTheSmallHours(), dataDirectory: data),
                async sql =>
                {
                    await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "bot.db")}");
                    await db.OpenAsync();
                    await using var command = db.CreateCommand();
                    command.CommandText = sql;
                    var changed = await command.ExecuteNonQueryAsync();
                    SqliteConnection.ClearAllPools();
                    return changed;
                },
                "QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS");
        }
        finally
        {
            BotFactory.TryDelete(data);
        }
    }

    /// <summary>Every job daily in the small hours, so nothing but a missed tick runs during a test.</summary>
    internal static Dictionary<string, string?> DailyInTheSmallHours(Dictionary<string, string?>? more = null)
    {
        var settings = Bot.Scheduling.SchedulingSetup.Jobs.ToDictionary(job => $"Scheduling:Jobs:{job}:Cron", _ => (string?)"0 0 5 * * ?");
        settings["Scheduling:Jobs:EscalationTick:Cron"] = "0 0 3 * * ?";
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Each job's class as the build before the generic <c>ScheduledWork</c> stored it (JOB_CLASS_NAME): a store
    /// carried over from it must still run every job, and its missed fires, under the same job and trigger keys.
    /// </summary>
    internal static async Task UpgradeFromOneClassPerJobAsync(Func<BotFactory> start, Func<string, Task<int>> execute, string jobTable, string triggerTable)
    {
        string[] oldClasses =
        [
            "Bot.Features.Escalation.EscalationTickJob", "Bot.Features.Escalation.SupervisorDigestJob", "Bot.Features.Duty.AttendanceWatchJob",
            "Bot.Features.Keys.KeyWatchJob", "Bot.Features.Keys.KeyDailyCheckJob", "Bot.Features.Duty.DutyLogWatchJob", "Bot.Features.Duty.LeaveWatchJob",
            "Bot.Features.Duty.RosterDeadlinesJob", "Bot.Features.Handover.HandoverWatchJob", "Bot.Features.Handover.SecurityHandoverJob",
            "Bot.Features.Callbacks.CallbackTickJob", "Bot.Features.Hazards.HazardWatchJob", "Bot.Features.Archives.ArchiveWatchJob",
            "Bot.Features.Archives.ArchiveMonthEndJob", "Bot.Features.Tickets.TicketWatchJob",
        ];
        using (var old = start())
        {
            await WaitUntilReadyAsync(old);
            Assert.Equal(0, await ExecutedAsync(old));
        }

        foreach (var type in oldClasses)
        {
            var job = type[(type.LastIndexOf('.') + 1)..^"Job".Length];
            Assert.Equal(1, await execute($"UPDATE {jobTable} SET JOB_CLASS_NAME = '{type}, Bot' WHERE JOB_NAME = '{job}'"));
        }
        // And the bot was down for three days over the upgrade: three 03:00 ticks were missed.
        Assert.Equal(1, await execute(
            $"UPDATE {triggerTable} SET NEXT_FIRE_TIME = {DateTimeOffset.UtcNow.AddDays(-3).UtcTicks} WHERE TRIGGER_NAME = 'EscalationTick.trigger'"));

        using var upgraded = start();
        await WaitUntilReadyAsync(upgraded);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ExecutedAsync(upgraded) == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.Equal(1, await ExecutedAsync(upgraded));
        var scheduler = await upgraded.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var name in Bot.Scheduling.SchedulingSetup.Jobs)
        {
            var job = (await scheduler.GetJobDetail(new JobKey(name)))!;
            Assert.StartsWith("Bot.Scheduling.ScheduledWork`1[[", job.JobType.FullName);
            Assert.True(job.ConcurrentExecutionDisallowed, name);
            var trigger = (await scheduler.GetTrigger(new TriggerKey($"{name}.trigger")))!;
            // The missed tick may still be finishing (a clustered store shows its trigger as executing until the job
            // returns): its trigger is waited for, not read at the instant the run was counted.
            var settled = DateTime.UtcNow.AddSeconds(30);
            while (await scheduler.GetTriggerState(trigger.Key) != TriggerState.Normal && DateTime.UtcNow < settled) await Task.Delay(100);
            Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(trigger.Key));
            trigger = (await scheduler.GetTrigger(trigger.Key))!;
            Assert.True(trigger.NextFireTimeUtc > DateTimeOffset.UtcNow.AddMinutes(1), name);
        }
    }

    internal static async Task<int> ExecutedAsync(BotFactory bot)
    {
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (int)(await scheduler.GetMetadata()).JobsExecuted;
    }

    internal static async Task WaitUntilReadyAsync(BotFactory bot)
    {
        var client = bot.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The bot did not become ready.");
            await Task.Delay(100);
        }
    }

    private static string Flatten(Exception e) =>
        e is OptionsValidationException ov ? string.Join(";", ov.Failures) + (e.InnerException is null ? "" : Flatten(e.InnerException))
        : e.Message + (e.InnerException is null ? "" : ";" + Flatten(e.InnerException))
          + (e is AggregateException agg ? string.Join(";", agg.InnerExceptions.Select(Flatten)) : "");
}

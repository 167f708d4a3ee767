using Quartz;

namespace Bot.Scheduling;

/// <summary>
/// Section <c>Scheduling</c>: the Quartz scheduler and every job's cron expression (Quartz syntax, seconds first),
/// evaluated in <c>Department:TimeZone</c>.
/// </summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run the scheduler (false only where a test drives the jobs directly).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How late a trigger may fire before it counts as missed; a missed trigger runs once after start.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    public Dictionary<string, JobSchedule> Jobs { get; set; } = new(StringComparer.Ordinal);

    public sealed class JobSchedule
    {
        public string Cron { get; set; } = "";
    }

    public string CronFor(string job) =>
        Jobs.TryGetValue(job, out var schedule) && !string.IsNullOrWhiteSpace(schedule.Cron)
            ? schedule.Cron
            : throw new InvalidOperationException($"Scheduling:Jobs:{job}:Cron is missing.");

    /// <summary>Every problem with the configuration, each naming its key (the bot refuses to start with any).</summary>
    public IEnumerable<string> Problems(IEnumerable<string> requiredJobs)
    {
        foreach (var job in requiredJobs)
        {
            var key = $"Scheduling:Jobs:{job}:Cron";
            if (!Jobs.TryGetValue(job, out var schedule) || string.IsNullOrWhiteSpace(schedule.Cron)) yield return $"{key} is missing.";
            else if (!CronExpression.TryParse(schedule.Cron, out _)) yield return $"{key} '{schedule.Cron}' is not a valid Quartz cron expression.";
        }
        if (MisfireThreshold <= TimeSpan.Zero) yield return "Scheduling:MisfireThreshold must be positive.";
    }
}

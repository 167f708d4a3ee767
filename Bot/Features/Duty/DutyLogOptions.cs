using System.Globalization;
using Bot.Domain.Features.Duty;

namespace Bot.Features.Duty;

/// <summary>
/// The duty log's settings, under section <c>Duty</c>: the duty posts, inspection rounds (第2篇 1.4), feature
/// lighting (1.5) and the written report of a major event (1.6). Times are local, HH:mm.
/// </summary>
public sealed class DutyLogOptions
{
    /// <summary>The posts whose people are "the person on duty": they keep the log and get round and lighting reminders (值班地点, 第2篇 1.2).</summary>
    public List<string> DutyPosts { get; set; } = [];

    public InspectionOptions Inspection { get; set; } = new();

    public LightingOptions Lighting { get; set; } = new();

    public IncidentReportOptions IncidentReport { get; set; } = new();

    public sealed class InspectionOptions
    {
        /// <summary>The areas walked on a round, in order (第2篇 1.4).</summary>
        public List<string> Areas { get; set; } = [];

        /// <summary>Per shift code, the local times a round is due, e.g. "early": ["09:00", "13:00"].</summary>
        public Dictionary<string, List<string>> Rounds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Not completed this long after it was due → the person on duty is reminded.</summary>
        public TimeSpan CompleteWithin { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Still not completed this long after the reminder → escalated to the shift lead on duty.</summary>
        public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);
    }

    public sealed class LightingOptions
    {
        /// <summary>Local time the feature lighting is switched on; empty = no reminder.</summary>
        public string OnAt { get; set; } = "";

        public string OffAt { get; set; } = "";

        /// <summary>Not confirmed this long after the time → escalated to the shift lead on duty.</summary>
        public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromMinutes(30);
    }

    public sealed class IncidentReportOptions
    {
        /// <summary>The next day, the recorder is reminded at this time.</summary>
        public string RemindAt { get; set; } = "09:00";

        /// <summary>The next day, the written report is due by this time; missing → 客服部经理.</summary>
        public string DueBy { get; set; } = "12:00";
    }

    public DutyLogPolicy ToPolicy() => new(
        DutyPosts,
        new InspectionPolicy(Inspection.Areas,
            Inspection.Rounds.ToDictionary(p => p.Key, p => (IReadOnlyList<TimeOnly>)[.. p.Value.Select(t => Configuration.TimeOfDay(t)!.Value)], StringComparer.OrdinalIgnoreCase),
            Inspection.CompleteWithin, Inspection.EscalateAfter),
        new LightingPolicy(Configuration.TimeOfDay(Lighting.OnAt), Configuration.TimeOfDay(Lighting.OffAt), Lighting.ConfirmWithin),
        new IncidentReportPolicy(Configuration.TimeOfDay(IncidentReport.RemindAt)!.Value, Configuration.TimeOfDay(IncidentReport.DueBy)!.Value));

    /// <summary>Every problem, each naming its key: the bot refuses to start with any.</summary>
    public IEnumerable<string> Problems()
    {
        if (DutyPosts.Count == 0 || DutyPosts.Any(string.IsNullOrWhiteSpace)) yield return "Duty:DutyPosts needs at least one post name.";
        if (Inspection.Rounds.Count > 0 && Inspection.Areas.Count == 0) yield return "Duty:Inspection:Areas needs at least one area when rounds are configured.";
        if (Inspection.Areas.Any(string.IsNullOrWhiteSpace)) yield return "Duty:Inspection:Areas must not hold an empty name.";
        foreach (var (shift, times) in Inspection.Rounds)
            foreach (var time in times.Where(t => Configuration.TimeOfDay(t) is null))
                yield return $"Duty:Inspection:Rounds:{shift} '{time}' is not HH:mm.";
        if (Inspection.CompleteWithin <= TimeSpan.Zero) yield return "Duty:Inspection:CompleteWithin must be positive.";
        if (Inspection.EscalateAfter <= TimeSpan.Zero) yield return "Duty:Inspection:EscalateAfter must be positive.";
        if (!string.IsNullOrWhiteSpace(Lighting.OnAt) && Configuration.TimeOfDay(Lighting.OnAt) is null) yield return $"Duty:Lighting:OnAt '{Lighting.OnAt}' is not HH:mm.";
        if (!string.IsNullOrWhiteSpace(Lighting.OffAt) && Configuration.TimeOfDay(Lighting.OffAt) is null) yield return $"Duty:Lighting:OffAt '{Lighting.OffAt}' is not HH:mm.";
        if (Lighting.ConfirmWithin <= TimeSpan.Zero) yield return "Duty:Lighting:ConfirmWithin must be positive.";
        if (Configuration.TimeOfDay(IncidentReport.RemindAt) is null) yield return $"Duty:IncidentReport:RemindAt '{IncidentReport.RemindAt}' is not HH:mm.";
        if (Configuration.TimeOfDay(IncidentReport.DueBy) is null) yield return $"Duty:IncidentReport:DueBy '{IncidentReport.DueBy}' is not HH:mm.";
        else if (Configuration.TimeOfDay(IncidentReport.RemindAt) is { } remind && remind >= Configuration.TimeOfDay(IncidentReport.DueBy)!.Value)
            yield return "Duty:IncidentReport:RemindAt must be before Duty:IncidentReport:DueBy.";
    }

}

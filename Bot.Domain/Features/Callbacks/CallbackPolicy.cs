namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// When callbacks are due and how the bot chases them (configuration section <c>Callbacks</c>). The windows default to
/// 第9篇 一 and the rate targets to 第9篇 二; an activity's target is 70%, "other" has none unless configured.
/// </summary>
public sealed record CallbackPolicy(
    IReadOnlyDictionary<CaseType, TimeSpan> Windows,
    IReadOnlyDictionary<CaseType, int?> TargetPercent,
    TimeOnly ContactStart,
    TimeOnly ContactEnd,
    TimeSpan ReminderAfter,
    TimeSpan StaffTaskBefore,
    TimeSpan RescheduleAfter,
    TimeSpan BusyRetryAfter,
    int StatsDays)
{
    /// <summary>第9篇 一: complaint and minor repair 3 days, repair project and activity a month, other a week; a special service's stage a week.</summary>
    public static readonly IReadOnlyDictionary<CaseType, TimeSpan> PolicyWindows = new Dictionary<CaseType, TimeSpan>
    {
        [CaseType.Complaint] = TimeSpan.FromDays(3),
        [CaseType.MinorRepair] = TimeSpan.FromDays(3),
        [CaseType.RepairProject] = TimeSpan.FromDays(30),
        [CaseType.SpecialService] = TimeSpan.FromDays(7),
        [CaseType.Activity] = TimeSpan.FromDays(30),
        [CaseType.Other] = TimeSpan.FromDays(7),
    };

    /// <summary>第9篇 二: 100% for complaints, repairs and special services, 70% for activities, other set case by case.</summary>
    public static readonly IReadOnlyDictionary<CaseType, int?> PolicyTargets = new Dictionary<CaseType, int?>
    {
        [CaseType.Complaint] = 100,
        [CaseType.MinorRepair] = 100,
        [CaseType.RepairProject] = 100,
        [CaseType.SpecialService] = 100,
        [CaseType.Activity] = 70,
        [CaseType.Other] = null,
    };

    public static CallbackPolicy Default => new(PolicyWindows, PolicyTargets, new TimeOnly(9, 0), new TimeOnly(20, 0),
        TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromMinutes(15), 30);

    public TimeSpan WindowOf(CaseType type) => Windows.TryGetValue(type, out var window) ? window : PolicyWindows[type];

    public int? TargetOf(CaseType type) => TargetPercent.TryGetValue(type, out var target) ? target : PolicyTargets[type];

    /// <summary>The responsible staff take over this long before the window closes, never before it opens.</summary>
    public DateTimeOffset TaskAt(DateTimeOffset dueFrom, DateTimeOffset dueBy)
    {
        var at = dueBy - StaffTaskBefore;
        return at < dueFrom ? dueFrom : at;
    }

    public bool InContactHours(TimeOnly local) =>
        ContactStart < ContactEnd ? local >= ContactStart && local < ContactEnd : local >= ContactStart || local < ContactEnd;
}

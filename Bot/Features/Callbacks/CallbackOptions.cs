using System.Globalization;
using Bot.Domain.Features.Callbacks;

namespace Bot.Features.Callbacks;

/// <summary>
/// Section <c>Callbacks</c>: the due window per case type (第9篇 一), the rate targets (第9篇 二), contact hours and how
/// an unanswered survey is chased. Keys of <see cref="Windows"/> and <see cref="TargetPercent"/> are the case type codes
/// (complaint, minor_repair, repair_project, special_service, activity, other); a type left out keeps the policy's value.
/// </summary>
public sealed class CallbackOptions
{
    public const string Section = "Callbacks";

    public Dictionary<string, TimeSpan> Windows { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Percent, 0–100; null = set case by case (no target shown).</summary>
    public Dictionary<string, int?> TargetPercent { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Local HH:mm: surveys and reminders go out only between these times.</summary>
    public string ContactHoursStart { get; set; } = "09:00";

    public string ContactHoursEnd { get; set; } = "20:00";

    /// <summary>An invited owner who has not answered is reminded after this long.</summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Still unanswered this long before the window closes → a staff callback task (phone or visit).</summary>
    public TimeSpan StaffTaskBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>不方便 / 稍后: the survey is offered again after this long (never past the staff task).</summary>
    public TimeSpan RescheduleAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The owner is in another conversation: try again after this long.</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>回访统计, the CSV and the digest cover callbacks whose window opened in this many days.</summary>
    public int StatsDays { get; set; } = 30;

    public CallbackPolicy ToPolicy()
    {
        var windows = CallbackPolicy.PolicyWindows.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (code, window) in Windows) windows[CallbackTexts.ParseType(code)!.Value] = window;
        var targets = CallbackPolicy.PolicyTargets.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (code, target) in TargetPercent) targets[CallbackTexts.ParseType(code)!.Value] = target;
        return new CallbackPolicy(windows, targets, Configuration.TimeOfDay(ContactHoursStart)!.Value, Configuration.TimeOfDay(ContactHoursEnd)!.Value,
            ReminderAfter, StaffTaskBefore, RescheduleAfter, BusyRetryAfter, StatsDays);
    }

    public IEnumerable<string> Problems()
    {
        foreach (var (code, window) in Windows)
        {
            if (CallbackTexts.ParseType(code) is null) yield return $"Callbacks:Windows:{code} is not a case type ({Codes()}).";
            else if (window <= TimeSpan.Zero) yield return $"Callbacks:Windows:{code} must be positive.";
        }
        foreach (var (code, target) in TargetPercent)
        {
            if (CallbackTexts.ParseType(code) is null) yield return $"Callbacks:TargetPercent:{code} is not a case type ({Codes()}).";
            else if (target is < 0 or > 100) yield return $"Callbacks:TargetPercent:{code} must be between 0 and 100.";
        }
        if (Configuration.TimeOfDay(ContactHoursStart) is null) yield return $"Callbacks:ContactHoursStart '{ContactHoursStart}' is not HH:mm.";
        if (Configuration.TimeOfDay(ContactHoursEnd) is null) yield return $"Callbacks:ContactHoursEnd '{ContactHoursEnd}' is not HH:mm.";
        if (ContactHoursStart == ContactHoursEnd) yield return "Callbacks:ContactHoursStart and ContactHoursEnd must differ.";
        if (ReminderAfter <= TimeSpan.Zero) yield return "Callbacks:ReminderAfter must be positive.";
        if (StaffTaskBefore < TimeSpan.Zero) yield return "Callbacks:StaffTaskBefore must not be negative.";
        if (RescheduleAfter <= TimeSpan.Zero) yield return "Callbacks:RescheduleAfter must be positive.";
        if (BusyRetryAfter <= TimeSpan.Zero) yield return "Callbacks:BusyRetryAfter must be positive.";
        if (StatsDays is < 1 or > 366) yield return "Callbacks:StatsDays must be between 1 and 366.";
    }

    private static string Codes() => string.Join(", ", Enum.GetValues<CaseType>().Select(CallbackTexts.Code));

}

using System.Globalization;
using Bot.Domain.Features.Escalation;

namespace Bot.Features.Escalation;

/// <summary>Section <c>Escalation</c>: acknowledgement timeouts, reminders, looping and quiet hours.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>How long a level has to say 收到 to an urgent case before the next level hears of it.</summary>
    public TimeSpan UrgentAckTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan NormalAckTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Acknowledged but not resolved after this long → the holder is reminded (and again after as long).</summary>
    public TimeSpan ResolveReminder { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After the top of the chain, start again from the shift lead (up to <see cref="MaxLoops"/> times); otherwise the top keeps hearing of it.</summary>
    public bool Loop { get; set; } = true;

    public int MaxLoops { get; set; } = 2;

    /// <summary>Local HH:mm; normal cases wait for the end of quiet hours, urgent ones never do. Empty = no quiet hours.</summary>
    public string QuietHoursStart { get; set; } = "22:00";

    public string QuietHoursEnd { get; set; } = "07:00";

    /// <summary>Per kind (e.g. "keys.overdue"), an acknowledgement timeout that wins over the severity's.</summary>
    public Dictionary<string, TimeSpan> AckTimeoutByKind { get; set; } = new(StringComparer.Ordinal);

    public EscalationPolicy ToPolicy() => new(UrgentAckTimeout, NormalAckTimeout, ResolveReminder, Loop, MaxLoops,
        Configuration.TimeOfDay(QuietHoursStart), Configuration.TimeOfDay(QuietHoursEnd), AckTimeoutByKind);

    public IEnumerable<string> Problems()
    {
        if (UrgentAckTimeout <= TimeSpan.Zero) yield return "Escalation:UrgentAckTimeout must be positive.";
        if (NormalAckTimeout <= TimeSpan.Zero) yield return "Escalation:NormalAckTimeout must be positive.";
        if (ResolveReminder <= TimeSpan.Zero) yield return "Escalation:ResolveReminder must be positive.";
        if (MaxLoops < 0) yield return "Escalation:MaxLoops must not be negative.";
        if (!IsTimeOrEmpty(QuietHoursStart)) yield return $"Escalation:QuietHoursStart '{QuietHoursStart}' is not HH:mm.";
        if (!IsTimeOrEmpty(QuietHoursEnd)) yield return $"Escalation:QuietHoursEnd '{QuietHoursEnd}' is not HH:mm.";
        if (string.IsNullOrWhiteSpace(QuietHoursStart) != string.IsNullOrWhiteSpace(QuietHoursEnd))
            yield return "Escalation:QuietHoursStart and QuietHoursEnd are set together or not at all.";
        foreach (var (kind, timeout) in AckTimeoutByKind.Where(p => p.Value <= TimeSpan.Zero))
            yield return $"Escalation:AckTimeoutByKind:{kind} must be positive.";
    }

    private static bool IsTimeOrEmpty(string text) => string.IsNullOrWhiteSpace(text) || Configuration.TimeOfDay(text) is not null;

}

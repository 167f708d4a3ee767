namespace Bot.Domain.Features.Escalation;

/// <summary>Timeouts and quiet hours (configuration section <c>Escalation</c>).</summary>
public sealed record EscalationPolicy(
    TimeSpan UrgentAckTimeout,
    TimeSpan NormalAckTimeout,
    TimeSpan ResolveReminder,
    bool Loop,
    int MaxLoops,
    TimeOnly? QuietStart,
    TimeOnly? QuietEnd,
    IReadOnlyDictionary<string, TimeSpan> AckTimeoutByKind)
{
    public TimeSpan AckTimeout(EscalationCase c) =>
        AckTimeoutByKind.TryGetValue(c.Kind, out var perKind) ? perKind
        : c.Severity == Severity.Urgent ? UrgentAckTimeout : NormalAckTimeout;

    /// <summary>Whether a local time of day falls in quiet hours (the window may cross midnight).</summary>
    public bool IsQuiet(TimeOnly local)
    {
        if (QuietStart is not { } start || QuietEnd is not { } end || start == end) return false;
        return start < end ? local >= start && local < end : local >= start || local < end;
    }
}

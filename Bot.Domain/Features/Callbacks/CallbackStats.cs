using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// One case type's figures (第9篇 二): callbacks made out of those due (made, or whose window closed without one),
/// how many were made inside the window, how many left the owner satisfied: 满意 or 基本满意 on every question. One
/// 不满意 (the effect, say, under an overall 基本满意) is not satisfied: it is rectified and called back again (五.2).
/// </summary>
public sealed record TypeRates(CaseType Type, int Due, int Done, int OnTime, int Satisfied, int? TargetPercent)
{
    public double? Rate => Due == 0 ? null : 100.0 * Done / Due;

    public double? OnTimeRate => Done == 0 ? null : 100.0 * OnTime / Done;

    public double? SatisfactionRate => Done == 0 ? null : 100.0 * Satisfied / Done;

    public bool? MeetsTarget => TargetPercent is { } target && Rate is { } rate ? rate + 1e-9 >= target : null;
}

public sealed record CallbackRates(int Days, IReadOnlyList<TypeRates> Types, int OpenRectifications, int InProgress);

/// <summary>The rates against the targets, for 回访统计, the CSV and the digest.</summary>
public sealed class CallbackStats(ICallbackStore store, CallbackPolicy policy)
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public async Task<CallbackRates> ComputeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var callbacks = await store.ForStatsAsync(now - TimeSpan.FromDays(policy.StatsDays), cancellationToken);
        var inPeriod = callbacks.Where(c => c.DueFrom >= now - TimeSpan.FromDays(policy.StatsDays) && c.DueFrom <= now).ToList();
        var types = Enum.GetValues<CaseType>().Select(type =>
        {
            var ofType = inPeriod.Where(c => c.Case.Type == type).ToList();
            var done = ofType.Where(c => c.IsDone).ToList();
            var missed = ofType.Count(c => !c.IsDone && c.DueBy < now);
            return new TypeRates(type, done.Count + missed, done.Count, done.Count(c => c.OnTime),
                done.Count(c => !c.LeftUnsatisfied), policy.TargetOf(type));
        }).ToList();
        return new CallbackRates(policy.StatsDays, types,
            callbacks.Count(c => c.Rectification == RectificationStatus.Open),
            inPeriod.Count(c => !c.IsDone && c.DueBy >= now));
    }

    public static string Render(CallbackRates rates, string language, bool withTitle = true)
    {
        var lines = new List<string>();
        if (withTitle) lines.Add(Texts.Get("StatsTitle", language, rates.Days));
        foreach (var t in rates.Types)
        {
            var target = t.TargetPercent is { } p ? Percent(p) : Texts.Get("NoTarget", language);
            lines.Add(t.Due == 0
                ? Texts.Get("StatsNone", language, CallbackTexts.TypeName(t.Type, language), target)
                : Texts.Get("StatsLine", language, CallbackTexts.TypeName(t.Type, language), Percent(t.Rate), target,
                    t.MeetsTarget switch { true => Texts.Get("Met", language), false => Texts.Get("Below", language), _ => "" },
                    Percent(t.OnTimeRate), Percent(t.SatisfactionRate), t.Done, t.Due));
        }
        lines.Add(Texts.Get("StatsOpen", language, rates.OpenRectifications, rates.InProgress));
        return string.Join("\n", lines);
    }

    public static string Percent(double? value) =>
        value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>
/// The callback section of the daily supervisor digest. Now (今日概况): the callbacks whose window closes today and those
/// past it (第9篇 三), and rectifications after 不满意 still open (五.2).
/// </summary>
public sealed class CallbackDigestSection(CallbackStats stats, TimeProvider time, ICallbackStore store, DepartmentProfile department) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public int Order => 40;

    public int NowOrder => 40;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var open = (await store.OpenWorkAsync(cancellationToken)).Concat(await store.AwaitingOwnersAsync(cancellationToken)).DistinctBy(c => c.Id).ToList();
        var rectifying = open.Count(c => c.Rectification == RectificationStatus.Open);
        var calls = open.Where(c => c.Rectification != RectificationStatus.Open).ToList();
        var overdue = calls.Where(c => c.DueBy < now).ToList();
        var dueToday = calls.Count(c => c.DueBy >= now && department.LocalDate(c.DueBy) == today);
        var parts = new List<string>();
        if (dueToday > 0) parts.Add(Texts.Get("NowDueToday", language, dueToday));
        if (overdue.Count > 0)
            parts.Add(Texts.Get("NowOverdue", language, overdue.Count, department.ToLocal(overdue.Min(c => c.DueBy)).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)));
        if (rectifying > 0) parts.Add(Texts.Get("NowRectifying", language, rectifying));
        return parts.Count == 0 ? [] : [Texts.Get("NowCallbacks", language, string.Join(Texts.Get("NowSeparator", language), parts))];
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var rates = await stats.ComputeAsync(time.GetUtcNow(), cancellationToken);
        if (rates.Types.All(t => t.Due == 0) && rates.OpenRectifications == 0 && rates.InProgress == 0) return null;
        return string.Join("\n", CallbackTexts.Catalog.Get("DigestSection", language), CallbackStats.Render(rates, language, withTitle: false));
    }
}

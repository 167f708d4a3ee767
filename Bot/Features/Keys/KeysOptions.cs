using Bot.Domain.Features.Keys;

namespace Bot.Features.Keys;

/// <summary>Section <c>Keys</c>: curfews and the area key set (第4篇). The job times are under Scheduling:Jobs.</summary>
public sealed class KeysOptions
{
    public const string Section = "Keys";

    /// <summary>How long past its curfew a key may stay out before the shift lead on duty hears of it.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The curfew offered when the borrower is not on a rostered shift now.</summary>
    public TimeSpan DefaultLoan { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The shift (Duty:Shifts code) that collects the area key set after check-in (第4篇 1.1.1).</summary>
    public string AreaCollectShift { get; set; } = "early";

    /// <summary>The shift that returns the set at its end (第4篇 1.1.2).</summary>
    public string AreaReturnShift { get; set; } = "middle";

    /// <summary>Only people rostered at this post are prompted about the area keys; empty = everyone on the shift.</summary>
    public string AreaPost { get; set; } = "客服中心";

    public IEnumerable<string> Problems()
    {
        if (EscalateAfter <= TimeSpan.Zero) yield return "Keys:EscalateAfter must be positive.";
        if (DefaultLoan <= TimeSpan.Zero || DefaultLoan > TimeSpan.FromDays(1)) yield return "Keys:DefaultLoan must be positive and at most one day.";
        if (string.IsNullOrWhiteSpace(AreaCollectShift)) yield return "Keys:AreaCollectShift must name a shift code.";
        if (string.IsNullOrWhiteSpace(AreaReturnShift)) yield return "Keys:AreaReturnShift must name a shift code.";
    }

    public KeysPolicy ToPolicy() => new(EscalateAfter, DefaultLoan, AreaCollectShift, AreaReturnShift, AreaPost ?? "");
}

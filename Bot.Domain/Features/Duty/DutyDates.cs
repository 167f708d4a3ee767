using Bot.Domain.Conversations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Domain.Features.Duty;

/// <summary>Dates as staff type them: 今天, 明天, 后天, 11-28, 2026-11-28, 11月28日, 28号, today, tomorrow.</summary>
public static partial class DutyDates
{
    public static bool TryParse(string? text, DateOnly today, out DateOnly date)
    {
        date = default;
        // Full-width digits and dashes (a phone keyboard in full-width mode) fold to ASCII first.
        var t = TextInput.ForMatching(text);
        switch (t)
        {
            case "今天" or "今日" or "today":
                date = today;
                return true;
            case "明天" or "明日" or "tomorrow":
                date = today.AddDays(1);
                return true;
            case "后天" or "後天":
                date = today.AddDays(2);
                return true;
        }
        if (DateOnly.TryParseExact(t, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;

        int year, month, day;
        if (MonthDay().Match(t) is { Success: true } md)
        {
            month = int.Parse(md.Groups["m"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(md.Groups["d"].Value, CultureInfo.InvariantCulture);
            // Without a year: this year, or next year for a month well before this one (January asked in December).
            year = month < today.Month - 1 ? today.Year + 1 : today.Year;
        }
        else if (DayOnly().Match(t) is { Success: true } d)
        {
            day = int.Parse(d.Groups["d"].Value, CultureInfo.InvariantCulture);
            // "3号" on the 27th means next month's 3rd: nobody names a day already past by its number alone.
            var month0 = day < today.Day ? today.AddMonths(1) : today;
            (year, month) = (month0.Year, month0.Month);
        }
        else return false;

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>"yyyy-MM" → the first of that month.</summary>
    public static bool TryParseMonth(string? text, out DateOnly firstDay)
    {
        firstDay = default;
        var t = TextInput.Normalize(text);
        if (MonthText().Match(t) is not { Success: true } m) return false;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || year is < 2000 or > 2100) return false;
        firstDay = new DateOnly(year, month, 1);
        return true;
    }

    [GeneratedRegex(@"^(?<m>[0-9]{1,2})(?:-|/|月)(?<d>[0-9]{1,2})(?:日|号)?$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})(?:日|号)$")]
    private static partial Regex DayOnly();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:-|/|年)(?<m>[0-9]{1,2})月?$")]
    private static partial Regex MonthText();
}

using Bot.Domain.Conversations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Domain.Features.Duty;

/// <summary>
/// Dates as staff type them: 今天, 明天, 后天, 11-28, 2026-11-28, 11月28日, 28号, today, tomorrow; and weekdays: 周五 /
/// 星期五 / 礼拜五 / friday (the next one, today included), 下周一 (next week's, weeks starting on Monday), 本周三 / 这周三;
/// 昨天 and 前天. A date without its month or year, or a weekday, is read forward (调班: the coming ones) or, with
/// <c>past</c>, backward (补卡: "26号" on the 28th is this month's, "周三" on a Friday this week's, 上周五 last week's).
/// </summary>
public static partial class DutyDates
{
    public static bool TryParse(string? text, DateOnly today, out DateOnly date) => TryParse(text, today, past: false, out date);

    public static bool TryParse(string? text, DateOnly today, bool past, out DateOnly date)
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
            case "昨天" or "昨日" or "yesterday":
                date = today.AddDays(-1);
                return true;
            case "前天":
                date = today.AddDays(-2);
                return true;
        }
        if (DateOnly.TryParseExact(t, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (Weekday(t, today, past) is { } weekday)
        {
            date = weekday;
            return true;
        }

        int year, month, day;
        if (MonthDay().Match(t) is { Success: true } md)
        {
            month = int.Parse(md.Groups["m"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(md.Groups["d"].Value, CultureInfo.InvariantCulture);
            // Without a year: this year, or next year for a month well before this one (January asked in December);
            // looking back, last year for a month well after this one (December asked in January).
            year = past ? (month > today.Month + 1 ? today.Year - 1 : today.Year) : month < today.Month - 1 ? today.Year + 1 : today.Year;
        }
        else if (DayOnly().Match(t) is { Success: true } d)
        {
            day = int.Parse(d.Groups["d"].Value, CultureInfo.InvariantCulture);
            // "3号" on the 27th means next month's 3rd: nobody names a day already past by its number alone. Looking back,
            // "26号" on the 3rd is last month's.
            var month0 = past ? (day > today.Day ? today.AddMonths(-1) : today) : day < today.Day ? today.AddMonths(1) : today;
            (year, month) = (month0.Year, month0.Month);
        }
        else return false;

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// A day named anywhere in a question ("明天谁值班", "我周六上什么班", "11-30 值班表", "who is on duty tomorrow"): the
    /// first day expression that reads as one (forward, as <see cref="TryParse(string?, DateOnly, out DateOnly)"/>).
    /// A unit ("3-1-502") is no date.
    /// </summary>
    public static bool TryFind(string? text, DateOnly today, out DateOnly date)
    {
        date = default;
        foreach (Match m in DayInText().Matches(TextInput.ForMatching(text)))
            if (TryParse(m.Value, today, out date)) return true;
        return false;
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z/-])(?:[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}|[0-9]{1,2}(?:[-/]|月)[0-9]{1,2}(?:日|号)?|[0-9]{1,2}(?:日|号))(?![0-9A-Za-z/-])"
        + @"|今天|今日|明天|明日|后天|後天|昨天|昨日|前天|(?:下个?|上个?|本|这个?)?(?:周|星期|礼拜)[一二三四五六日天]"
        + @"|\b(?:today|tomorrow|yesterday|(?:(?:next|this|last) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")]
    private static partial Regex DayInText();

    private static readonly string[] EnglishDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>周五, 下周一, 上周五, 本周三, friday, next monday, last friday; null when it is no weekday.</summary>
    private static DateOnly? Weekday(string t, DateOnly today, bool past)
    {
        int day; // Monday = 0
        string week;
        if (ChineseWeekday().Match(t) is { Success: true } m)
        {
            day = "一二三四五六日天".IndexOf(m.Groups["d"].Value[0], StringComparison.Ordinal);
            if (day == 7) day = 6; // 周天 / 星期天
            week = m.Groups["w"].Value;
        }
        else
        {
            var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is < 1 or > 2 || (day = Array.IndexOf(EnglishDays, words[^1])) < 0) return null;
            week = words.Length == 2 ? words[0] switch { "next" => "下", "this" => "本", "last" => "上", _ => "?" } : "";
            if (week == "?") return null;
        }
        var todayIndex = ((int)today.DayOfWeek + 6) % 7;
        var monday = today.AddDays(-todayIndex);
        return week switch
        {
            "下" or "下个" => monday.AddDays(7 + day),
            "上" or "上个" => monday.AddDays(day - 7),
            "本" or "这" or "这个" => monday.AddDays(day),
            // Alone: the coming one, or looking back the latest one (today included either way).
            _ => past ? today.AddDays(-((todayIndex - day + 7) % 7)) : today.AddDays((day - todayIndex + 7) % 7),
        };
    }

    [GeneratedRegex(@"^(?<w>下个?|上个?|本|这个?)?(?:周|星期|礼拜)(?<d>[一二三四五六日天])$")]
    private static partial Regex ChineseWeekday();

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

    /// <summary>"这个月" / "本月" / "上个月" / "11月" (this year's, or last year's for a month still to come).</summary>
    public static bool TryParseMonthSaid(string text, DateOnly today, out DateOnly month)
    {
        var said = TextInput.ForMatching(text).Replace("的", "", StringComparison.Ordinal);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        month = said switch
        {
            "这个月" or "本月" or "这月" or "this month" => thisMonth,
            "上个月" or "上月" or "last month" => thisMonth.AddMonths(-1),
            _ => default,
        };
        if (month != default) return true;
        if (MonthOnly().Match(said) is { Success: true } m && int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var number)
        {
            month = new DateOnly(number > today.Month ? today.Year - 1 : today.Year, number, 1);
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"^(?<m>[0-9]{1,2})月份?$")]
    private static partial Regex MonthOnly();

    [GeneratedRegex(@"^(?<m>[0-9]{1,2})(?:-|/|月)(?<d>[0-9]{1,2})(?:日|号)?$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})(?:日|号)$")]
    private static partial Regex DayOnly();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:-|/|年)(?<m>[0-9]{1,2})月?$")]
    private static partial Regex MonthText();
}

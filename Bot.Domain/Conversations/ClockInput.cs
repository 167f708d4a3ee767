using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Domain.Conversations;

/// <summary>
/// A clock time as staff type it on a phone: "14:30", "14：30", "14.30", "14点", "14点30分", "2点半", "下午2点",
/// "晚上八点一刻", "2:30 pm". An hour of 1–11 with no 上午/下午 (or am/pm) and no leading zero is marked
/// <see cref="Clock.NeedsPeriod"/>: "3点" may well mean 15:00, which <see cref="Resolve"/> decides from the time now.
/// </summary>
public static partial class ClockInput
{
    public readonly record struct Clock(TimeOnly Time, bool NeedsPeriod);

    public static bool TryParse(string? text, out Clock clock)
    {
        clock = default;
        var t = TextInput.ForMatching(text);
        if (t.Length == 0) return false;

        int hour, minute = 0;
        string period, hourText;
        if (Chinese().Match(t) is { Success: true } c)
        {
            hourText = c.Groups["h"].Value;
            if (!TryNumber(hourText, out hour)) return false;
            if (c.Groups["half"].Success) minute = 30;
            else if (c.Groups["q"].Success) minute = c.Groups["q"].Value == "一刻" ? 15 : 45;
            else if (c.Groups["m"].Success && !TryNumber(c.Groups["m"].Value, out minute)) return false;
            period = c.Groups["p"].Success ? c.Groups["p"].Value : c.Groups["ap"].Value.Replace(".", "");
        }
        else if (English().Match(t) is { Success: true } e)
        {
            hourText = e.Groups["h"].Value;
            hour = int.Parse(hourText, CultureInfo.InvariantCulture);
            if (hour is 0 or > 12) return false; // "13pm" is no time
            if (e.Groups["m"].Success) minute = int.Parse(e.Groups["m"].Value, CultureInfo.InvariantCulture);
            period = e.Groups["ap"].Value.Replace(".", "");
        }
        else
        {
            return false;
        }

        if (hour > 23 || minute > 59) return false;
        // "下午15点": an hour past 12 is on the 24-hour clock already.
        if (period.Length > 0 && hour <= 12)
        {
            hour = period switch
            {
                "下午" or "傍晚" or "pm" => hour == 12 ? 12 : hour + 12,
                "中午" => hour <= 2 ? hour + 12 : hour,                     // 中午1点 is 13:00, 中午12点 noon
                "晚上" or "夜里" or "夜间" => hour == 12 ? 0 : hour >= 5 ? hour + 12 : hour, // 夜里2点 is 02:00
                "凌晨" or "半夜" or "am" => hour == 12 ? 0 : hour,
                _ => hour,                                                   // 早上, 上午: 上午12点 reads as noon
            };
        }
        // "03:00" and "0点" say which; "3:00" and "3点" do not (12点 is noon in everyday Chinese).
        var needsPeriod = period.Length == 0 && hour is >= 1 and <= 11 && !hourText.StartsWith('0') && !hourText.StartsWith('零');
        clock = new Clock(new TimeOnly(hour, minute), needsPeriod);
        return true;
    }

    /// <summary>
    /// The moment meant, seen from <paramref name="now"/>: today at that time; for an hour without 上午/下午 that has
    /// already passed, the same hour in the afternoon if that is still ahead ("3点" said at 13:00 is 15:00); a time
    /// more than 12 hours back is tomorrow's ("01:30" said at 23:40). Anything else stays today's, which may be in the
    /// past: the caller says so.
    /// </summary>
    public static DateTimeOffset Resolve(Clock clock, DateTimeOffset now, DepartmentProfile department)
    {
        var today = department.LocalDate(now);
        var at = department.ToInstant(today, clock.Time);
        if (at > now) return at;
        if (clock.NeedsPeriod && department.ToInstant(today, clock.Time.AddHours(12)) is var afternoon && afternoon > now) return afternoon;
        return at < now - TimeSpan.FromHours(12) ? department.ToInstant(today.AddDays(1), clock.Time) : at;
    }

    /// <summary>
    /// A whole number as people write it: digits (full-width too), or Chinese numerals — 三, 两, 十二, 二十三, 零五 (the
    /// minutes of 八点零五), 一百二十, 一百零五, 两百, 三千五百, 一万二千. A last digit straight after 百, 千 or 万 is the
    /// next place down, as it is said: 一百五 is 150, 两千三 is 2300, 一万五 is 15000. Anything else is no number
    /// (十十, 一十 alone, 零百, 一千零一百, 五百万万): read whole or not at all, never in part. Each caller's pattern
    /// decides which characters reach it (a clock's hour never has 百).
    /// </summary>
    internal static bool TryNumber(string text, out int value)
    {
        text = TextInput.FoldWidth(text);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        value = 0;
        if (text.Length == 0) return false;
        if (text.Length == 1 && Digit(text[0], out value)) return true;
        if (text.Length == 2 && text[0] is '零' or '〇') return Digit(text[1], out value);
        var wan = text.IndexOf('万');
        if (wan < 0) return Section(text, first: true, out value);
        if (wan == 0 || wan != text.LastIndexOf('万') || !Section(text[..wan], first: true, out var high)) return false;
        var low = 0;
        if (wan + 1 < text.Length && !Section(text[(wan + 1)..], first: false, out low)) return false;
        value = high * 10_000 + low;
        return true;
    }

    /// <summary>
    /// One group of places below 万: 千, 百, 十 in that order, each after its digit (十 alone at the head: 十二); 零 for
    /// places skipped. <paramref name="first"/> is false for the group after 万, which starts at 千 or with 零.
    /// </summary>
    private static bool Section(string text, bool first, out int value)
    {
        const int Above = 10_000;
        value = 0;
        int? digit = null;
        var smallest = Above; // the smallest place written so far
        var zero = false;     // a 零 since that place
        var digitAfterZero = false;
        foreach (var ch in text)
        {
            var place = ch switch { '千' => 1000, '百' => 100, '十' => 10, _ => 0 };
            if (place == 0)
            {
                if (ch is '零' or '〇')
                {
                    // Only between written places (一百零五), once, and never at the head of the number.
                    if (digit is not null || zero || (first && value == 0)) return false;
                    zero = true;
                    continue;
                }
                if (digit is not null || !Digit(ch, out var d) || d == 0) return false;
                digit = d;
                digitAfterZero = zero;
                continue;
            }
            if (place >= smallest) return false;
            // 零 stands for a skipped place: 一千零五十, not 一千零一百; after 万 the group starts at 千 unless it says 零.
            if (zero ? place * 10 >= smallest : !first && value == 0 && place < 1000) return false;
            int times;
            if (digit is { } written)
            {
                // "一十" at the head is said 十 (一十点 is no time); inside a number it is right (一百一十).
                if (place == 10 && first && value == 0 && written == 1) return false;
                times = written;
            }
            else if (place == 10 && first && value == 0 && !zero) times = 1;
            else return false;
            value += times * place;
            smallest = place;
            digit = null;
            zero = false;
        }
        if (digit is not { } last) return !zero && (value > 0 || !first);
        int unit;
        if (digitAfterZero)
        {
            if (smallest < 100) return false; // 十零五
            unit = 1;
        }
        else if (smallest == Above) unit = first ? 1 : 1000; // 五 alone; 一万五
        else unit = smallest >= 100 ? smallest / 10 : 1;    // 一百五, 两千三; 二十三
        if (!first && value == 0 && !digitAfterZero && unit < 1000) return false;
        value += last * unit;
        return true;
    }

    private static bool Digit(char ch, out int value)
    {
        value = "零一二三四五六七八九".IndexOf(ch);
        if (ch == '〇') value = 0;
        else if (ch == '两') value = 2;
        return value >= 0;
    }

    // 点 or 时 after the hour, or a colon (a full-width one arrives folded) or a dot between hour and minutes.
    [GeneratedRegex(@"^(?<p>凌晨|半夜|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间)?\s*(?<h>[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})\s*(?:[:.]\s*(?<m>[0-9]{2})|[点點时]\s*(?:(?<half>半)|(?<q>一刻|三刻)|(?<m>[0-9]{1,2}|[零〇一二三四五六七八九十]{1,3})\s*分?)?)\s*(?<ap>am|pm|a\.m\.?|p\.m\.?)?$")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^(?<h>[0-9]{1,2})(?::(?<m>[0-9]{2}))?\s*(?<ap>am|pm|a\.m\.?|p\.m\.?)$")]
    private static partial Regex English();

    /// <summary>
    /// How long, as said: "30分钟", "二十分钟", "半小时", "一个小时", "1个半小时", "1.5小时", "1小时20分", "30m", "1h"; a
    /// trailing 后 / 以后 / 之后 ("一个小时后") is allowed. Null when it is no length of time.
    /// </summary>
    public static TimeSpan? Duration(string text)
    {
        var t = TextInput.ForMatching(text);
        foreach (var after in new[] { "以后", "之后", "后" })
            if (t.Length > after.Length && t.EndsWith(after, StringComparison.Ordinal)) { t = t[..^after.Length].TrimEnd(); break; }
        return HowLong(t);
    }

    private static TimeSpan? HowLong(string t)
    {
        if (Minutes().Match(t) is { Success: true } m)
            return TryNumber(m.Groups["n"].Value, out var n) && n > 0 ? TimeSpan.FromMinutes(n) : null;
        if (Hours().Match(t) is not { Success: true } h) return null;
        var minutes = h.Groups["half"].Success || h.Groups["dot5"].Success ? 30 : 0;
        if (h.Groups["n"].Success)
        {
            if (!TryNumber(h.Groups["n"].Value, out var n)) return null;
            minutes += n * 60;
        }
        if (h.Groups["m"].Success)
        {
            if (!TryNumber(h.Groups["m"].Value, out var extra) || minutes % 60 != 0) return null;
            minutes += extra;
        }
        return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
    }

    [GeneratedRegex(@"^(?<n>[0-9]{1,3}|[零〇一二两三四五六七八九十]{1,3})\s*(?:分钟|分|m|min|mins|minutes)$")]
    private static partial Regex Minutes();

    // 半小时 / 半个钟头; 1小时, 一个小时, 两个半小时, 1.5小时, 1h; 1小时20分(钟).
    [GeneratedRegex(@"^(?:(?<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,2})(?<dot5>\.5)?\s*个?(?<half>半)?|(?<half>半)\s*个?)\s*(?:小时|钟头|h|hr|hrs|hour|hours)(?:\s*(?<m>[0-9]{1,2}|[零〇一二三四五六七八九十]{1,3})\s*(?:分钟|分|m|min|mins|minutes)?)?$")]
    private static partial Regex Hours();
}

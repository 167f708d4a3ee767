using System.Globalization;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Duty;

/// <summary>The duty manager (值班经理) of one day (第2篇 1.1: a duty manager every day).</summary>
public sealed class DutyManagerAssignment
{
    public required DateOnly Date { get; init; }
    public required string PersonId { get; set; }
}

public interface IDutyManagerStore
{
    /// <summary>The duty manager of the day and their name, if one is rostered.</summary>
    Task<(string PersonId, string Name)?> OnAsync(DateOnly day, CancellationToken cancellationToken);
}

/// <summary>A validated roster row: a person on a shift at a post on a date.</summary>
public sealed record RosterRow(int Line, DateOnly Date, string PersonId, string ShiftCode, string Post);

/// <summary>A validated duty-manager row.</summary>
public sealed record DutyManagerRow(int Line, DateOnly Date, string PersonId);

/// <summary>A month's roster file checked: the month, its rows, or every error (then nothing is imported).</summary>
public sealed record RosterPlan(DateOnly Month, IReadOnlyList<RosterRow> Rows, IReadOnlyList<DutyManagerRow> Managers, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks the clerk's monthly roster file (docs/roster-csv.md; 第7篇 1.1.3): one row per person, date and shift, and a
/// row per day for the duty manager. All-or-nothing: unknown people, unknown shifts, bad dates, dates of another month
/// and shifts that overlap for one person (a night shift runs into the next morning) are each reported with their line.
/// </summary>
public static class RosterImport
{
    public const int MaxPostLength = 64;
    public static readonly string[] Columns = ["date", "person", "shift", "post"];
    public static readonly string[] ManagerWords = ["duty_manager", "值班经理"];
    // Excel writes a date cell as the sheet shows it: 2026/12/1, or 2026年12月1日 in a Chinese date format.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日", "yyyy.M.d"];
    private static readonly Conversations.TextCatalog Texts = DutyTexts.Catalog;

    /// <param name="people">Everyone in the directory: id → (name, active).</param>
    public static RosterPlan Plan(string csv, IReadOnlyDictionary<string, (string Name, bool Active)> people, ShiftSchedule shifts)
    {
        var errors = new List<ImportError>();
        var rows = new List<RosterRow>();
        var managers = new List<DutyManagerRow>();
        DateOnly? month = null;
        var byName = people.Where(p => p.Value.Active).GroupBy(p => PersonName.Clean(p.Value.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList(), StringComparer.Ordinal);
        var seen = new Dictionary<(DateOnly, string, string), int>();
        var managerSeen = new Dictionary<DateOnly, int>();

        foreach (var row in CsvTable.Open(csv, Columns, ["date", "person", "shift"], errors))
        {
            var dateText = row.Required("date", errors);
            // A name is matched as the directory stores it (PersonName): "李　雷" in the sheet is 李雷.
            var personText = PersonName.Clean(row.Required("person", errors));
            var shiftText = row.Required("shift", errors);
            if (dateText is null || personText is null || shiftText is null) continue;

            var ok = true;
            if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(ImportError.In(Texts, row.Line, "date", "RosterBadDate", dateText));
                ok = false;
            }
            else
            {
                // The file is one month's roster: the first date names the month.
                var first = month ??= new DateOnly(date.Year, date.Month, 1);
                if (date.Year != first.Year || date.Month != first.Month)
                {
                    errors.Add(ImportError.In(Texts, row.Line, "date", "RosterOtherMonth", dateText, first.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
                    ok = false;
                }
            }

            string? personId = null;
            if (people.TryGetValue(personText, out var found)) personId = found.Active ? personText : null;
            else if (byName.TryGetValue(personText, out var ids) && ids.Count == 1) personId = ids[0];
            if (personId is null)
            {
                errors.Add(ImportError.In(Texts, row.Line, "person", people.ContainsKey(personText) ? "RosterInactivePerson" : "RosterUnknownPerson", personText));
                ok = false;
            }

            if (ManagerWords.Contains(shiftText.ToLowerInvariant()))
            {
                if (ok && !managerSeen.TryAdd(date, row.Line))
                {
                    errors.Add(ImportError.In(Texts, row.Line, "shift", "RosterTwoManagers", dateText, managerSeen[date]));
                    ok = false;
                }
                if (ok) managers.Add(new DutyManagerRow(row.Line, date, personId!));
                continue;
            }

            var shift = shifts.Find(shiftText);
            if (shift is null)
            {
                errors.Add(ImportError.In(Texts, row.Line, "shift", "RosterUnknownShift", shiftText,
                    string.Join(", ", shifts.Shifts.Select(s => $"{s.Code} ({s.Name})").Append(ManagerWords[0]))));
                ok = false;
            }
            var post = row.Get("post");
            if (post is null)
            {
                errors.Add(ImportError.In(Texts, row.Line, "post", "RosterPostRequired"));
                ok = false;
            }
            else if (post.Length > MaxPostLength)
            {
                errors.Add(ImportError.Of(row.Line, "post", "ImportTooLong", "post", MaxPostLength));
                ok = false;
            }
            if (!ok) continue;
            if (!seen.TryAdd((date, personId!, shift!.Code), row.Line))
            {
                errors.Add(ImportError.In(Texts, row.Line, null, "RosterDuplicate", seen[(date, personId!, shift.Code)]));
                continue;
            }
            rows.Add(new RosterRow(row.Line, date, personId!, shift.Code, post!));
        }

        // One person cannot be on two shifts at once: each pair of their shifts must not overlap in local time.
        foreach (var person in rows.GroupBy(r => r.PersonId, StringComparer.Ordinal))
        {
            var spans = person.Select(r => (Row: r, Span: Span(r, shifts.Find(r.ShiftCode)!))).OrderBy(x => x.Span.Start).ToList();
            for (var i = 1; i < spans.Count; i++)
            {
                var earlier = spans.Take(i).Where(x => x.Span.End > spans[i].Span.Start).Select(x => x.Row.Line).FirstOrDefault();
                if (earlier > 0)
                    errors.Add(ImportError.In(Texts, spans[i].Row.Line, null, "RosterOverlap", people[person.Key].Name, earlier));
            }
        }

        return new RosterPlan(month ?? default, rows, managers, [.. errors.OrderBy(e => e.Line)]);
    }

    private static (DateTime Start, DateTime End) Span(RosterRow row, ShiftDefinition shift) =>
        (row.Date.ToDateTime(shift.Start), (shift.CrossesMidnight ? row.Date.AddDays(1) : row.Date).ToDateTime(shift.End));
}

/// <summary>One slot of a person's day on the roster: a shift at a post, or the day's duty manager (Shift = null).</summary>
public sealed record RosterSlot(DateOnly Date, string PersonId, string? ShiftCode, string Post);

/// <summary>
/// What changed for each person between two versions of a published roster (第7篇 1.1.7: a changed roster is sent
/// again to everyone it affects), and the message that tells them: one message per person, a line per changed day.
/// </summary>
public static class RosterChanges
{
    private static readonly Conversations.TextCatalog Texts = DutyTexts.Catalog;

    /// <summary>Person → changed dates → (before, after), only where the day differs.</summary>
    public static IReadOnlyDictionary<string, SortedDictionary<DateOnly, (IReadOnlyList<RosterSlot> Before, IReadOnlyList<RosterSlot> After)>> Compute(
        IEnumerable<RosterSlot> before, IEnumerable<RosterSlot> after)
    {
        var old = before.ToLookup(s => (s.PersonId, s.Date));
        var now = after.ToLookup(s => (s.PersonId, s.Date));
        var result = new Dictionary<string, SortedDictionary<DateOnly, (IReadOnlyList<RosterSlot>, IReadOnlyList<RosterSlot>)>>(StringComparer.Ordinal);
        foreach (var key in old.Select(g => g.Key).Union(now.Select(g => g.Key)))
        {
            var was = Order(old[key]);
            var becomes = Order(now[key]);
            if (was.SequenceEqual(becomes)) continue;
            if (!result.TryGetValue(key.PersonId, out var days)) result[key.PersonId] = days = [];
            days[key.Date] = (was, becomes);
        }
        return result;
    }

    public static string Message(string name, DateOnly month, SortedDictionary<DateOnly, (IReadOnlyList<RosterSlot> Before, IReadOnlyList<RosterSlot> After)> days,
        ShiftSchedule shifts, string language)
    {
        string Day(IReadOnlyList<RosterSlot> slots) => slots.Count == 0
            ? Texts.Get("RosterNoShift", language)
            : string.Join(language == Conversations.TextCatalog.English ? ", " : "、", slots.Select(s => s.ShiftCode is null
                ? Texts.Get("DutyManagerSlot", language)
                : Texts.Get("RosterSlot", language, shifts.Find(s.ShiftCode) is { } shift ? ShiftTimes.Describe(shift, language) : s.ShiftCode, s.Post)));
        var lines = days.Select(d => Texts.Get("RosterChangeLine", language,
            Texts.Get("DateWithWeekday", language, d.Key.ToString("MM-dd", CultureInfo.InvariantCulture), Texts.Get($"Weekday{d.Key.DayOfWeek}", language)),
            Day(d.Value.Before), Day(d.Value.After)));
        return string.Join("\n", [Texts.Get("RosterChangedTitle", language, name, month.ToString("yyyy-MM", CultureInfo.InvariantCulture)), .. lines]);
    }

    private static List<RosterSlot> Order(IEnumerable<RosterSlot> slots) =>
        [.. slots.OrderBy(s => s.ShiftCode is null).ThenBy(s => s.ShiftCode, StringComparer.Ordinal).ThenBy(s => s.Post, StringComparer.Ordinal)];
}

/// <summary>
/// Days of a month left without a duty manager (第2篇 1.1: a duty manager every day). Not an error — the clerk may
/// still be settling them — but the import says so, and names the days as runs ("12-10 至 12-31").
/// </summary>
public static class DutyManagerGaps
{
    private static readonly Conversations.TextCatalog Texts = DutyTexts.Catalog;

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/> (inclusive) not in <paramref name="covered"/>.</summary>
    public static IReadOnlyList<DateOnly> Find(DateOnly from, DateOnly to, IEnumerable<DateOnly> covered)
    {
        var days = covered.ToHashSet();
        var gaps = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
            if (!days.Contains(day)) gaps.Add(day);
        return gaps;
    }

    /// <summary>The days as consecutive runs: "12-03、12-10 至 12-31".</summary>
    public static string Describe(IReadOnlyList<DateOnly> days, string language)
    {
        var runs = new List<string>();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1)) j++;
            var first = days[i].ToString("MM-dd", CultureInfo.InvariantCulture);
            runs.Add(i == j ? first : Texts.Get("DayRun", language, first, days[j].ToString("MM-dd", CultureInfo.InvariantCulture)));
            i = j + 1;
        }
        return string.Join(Texts.Get("NowNameSeparator", language), runs);
    }
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>
/// The duty log's part of the morning digest: yesterday's major events and emergencies, every entry still open,
/// written reports past their deadline, and yesterday's rounds not completed (第2篇 1.3, 1.4, 1.6). Now (今日概况): today's
/// major events and emergencies and whether each is handled, how many other entries are open, reports overdue.
/// </summary>
public sealed class DutyLogDigestSection(IDutyLogStore store, IDirectoryStore directory, ShiftSchedule shifts, DepartmentProfile department) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;

    // A major event's words in the overview: enough to know which it is (值班记录 查看 has the rest).
    private const int MaxWhat = 20;

    public int Order => 20;

    public int NowOrder => 50;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        // Recorded today: last night's shift (dated yesterday) runs into today.
        var major = (await store.EntriesOnAsync(today.AddDays(-1), null, cancellationToken)).Concat(await store.EntriesOnAsync(today, null, cancellationToken))
            .Where(e => DutyLogEntry.NeedsReport(e.Kind) && department.LocalDate(e.RecordedAt) == today)
            .DistinctBy(e => e.Id).ToList();
        var lines = new List<string>();
        if (major.Count > 0)
            lines.Add(Texts.Get("NowMajor", language, major.Count, string.Join(Texts.Get("NowSeparator", language), major.Select(e =>
                Texts.Get("NowMajorLine", language, e.Id, DutyLogTexts.KindName(e.Kind, language), e.What.Length > MaxWhat ? e.What[..MaxWhat] + "…" : e.What,
                    Texts.Get(e.IsOpen ? "NowInProgress" : "NowHandled", language))))));
        var open = (await store.OpenEntriesAsync(cancellationToken)).Count(e => !major.Any(m => m.Id == e.Id));
        if (open > 0) lines.Add(Texts.Get("NowOpenEntries", language, open));
        var reports = (await store.OverdueReportsAsync(cancellationToken)).Count;
        if (reports > 0) lines.Add(Texts.Get("NowReportsMissing", language, reports));
        return lines;
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var yesterday = day.AddDays(-1);
        var lines = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task<string> NameAsync(string id)
        {
            if (!names.TryGetValue(id, out var name)) names[id] = name = (await directory.FindPersonAsync(id, cancellationToken))?.Name ?? id;
            return name;
        }
        string Clock(DateTimeOffset at) => department.ToLocal(at).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

        var major = (await store.EntriesOnAsync(yesterday, null, cancellationToken)).Where(e => DutyLogEntry.NeedsReport(e.Kind)).ToList();
        foreach (var e in major)
            lines.Add(Texts.Get("DigestMajor", language, e.Id, DutyLogTexts.KindName(e.Kind, language), e.What, await NameAsync(e.RecordedById),
                e.IsOpen ? Texts.Get("StillOpen", language) : e.Handling ?? ""));

        var open = (await store.OpenEntriesAsync(cancellationToken)).Where(e => !major.Contains(e)).ToList();
        foreach (var e in open)
            lines.Add(Texts.Get("DigestOpen", language, e.Id, DutyLogTexts.KindName(e.Kind, language), e.What, await NameAsync(e.RecordedById), Clock(e.RecordedAt)));

        foreach (var e in await store.OverdueReportsAsync(cancellationToken))
            lines.Add(Texts.Get("DigestReportMissing", language, e.Id, e.What, await NameAsync(e.RecordedById)));

        foreach (var round in (await store.RoundsOnAsync(yesterday, cancellationToken)).Where(r => !r.IsDone))
            lines.Add(Texts.Get("DigestRoundMissed", language, round.Slot.ToString("HH:mm", CultureInfo.InvariantCulture),
                shifts.Find(round.ShiftCode)?.DisplayName(language) ?? round.ShiftCode));

        return lines.Count == 0 ? null : string.Join("\n", [Texts.Get("DigestTitle", language, yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), .. lines]);
    }
}

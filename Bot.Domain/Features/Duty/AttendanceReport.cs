using System.Globalization;
using System.Text;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>One person's month: rostered shifts and how they went (第7篇: the clerk reports attendance to HR).</summary>
public sealed record AttendanceLine(string PersonId, string Name, int Shifts, int Late, int EarlyLeave, int Absent, int Corrections);

/// <summary>The month's attendance per person, from the roster and the attendance records.</summary>
public sealed class AttendanceReport(IRosterCoverage roster, IAttendanceStore attendance)
{
    public static readonly string[] CsvColumns = ["person", "name", "shifts", "late", "early_leave", "absent", "corrections"];

    /// <param name="through">The last day to count (today, for the month still under way); the month's end when null.</param>
    public async Task<IReadOnlyList<AttendanceLine>> MonthAsync(DateOnly month, CancellationToken cancellationToken, DateOnly? through = null)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (through is { } until && until < last) last = until;
        var assignments = await roster.AssignmentsAsync(first, last, cancellationToken);
        var records = (await attendance.BetweenAsync(first, last, cancellationToken)).ToLookup(r => r.PersonId, StringComparer.Ordinal);
        return [.. assignments.GroupBy(a => a.Assignment.PersonId, StringComparer.Ordinal)
            .Select(g =>
            {
                var mine = records[g.Key].ToList();
                return new AttendanceLine(g.Key, g.First().Name, g.Count(),
                    mine.Count(r => r.CheckIn == AttendanceMark.Late),
                    mine.Count(r => r.CheckOut == AttendanceMark.Early),
                    mine.Count(r => r.CheckIn == AttendanceMark.Absent),
                    mine.Count(r => r.CheckIn == AttendanceMark.Corrected || r.CheckOut == AttendanceMark.Corrected));
            })
            .OrderBy(l => l.PersonId, StringComparer.Ordinal)];
    }

    /// <summary>RFC 4180 CSV with a header row (the same dialect the imports read).</summary>
    public static string ToCsv(IEnumerable<AttendanceLine> lines)
    {
        var csv = new StringBuilder().Append(CsvWriter.Line(CsvColumns));
        foreach (var l in lines)
            csv.Append(CsvWriter.Line([l.PersonId, l.Name, .. new[] { l.Shifts, l.Late, l.EarlyLeave, l.Absent, l.Corrections }
                .Select(n => n.ToString(CultureInfo.InvariantCulture))]));
        return csv.ToString();
    }
}

/// <summary>考勤统计 / attendance summary [yyyy-MM]: the month per person, for the 考勤员 and supervisors.</summary>
public sealed class AttendanceSummaryCommand(AttendanceReport report, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public CommandInfo Info { get; } = new("attendance-summary", ["考勤统计", "考勤汇总"], ["attendance summary", "attendance"], Texts, "AttendanceSummaryDescription",
        Roles: Roles.AttendanceClerk | Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager, HelpOrder: 40);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(turn.Now);
        var month = new DateOnly(today.Year, today.Month, 1);
        if (arguments.Length > 0 && !DutyDates.TryParseMonth(arguments, out month))
        {
            turn.Reply(Texts.Get("MonthRequired", turn.Language, arguments));
            return;
        }
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // The month under way is counted up to today: shifts still to come are neither worked nor missed.
        var underWay = month.Year == today.Year && month.Month == today.Month;
        var lines = await report.MonthAsync(month, cancellationToken, underWay ? today : null);
        var title = underWay
            ? Texts.Get("AttendanceSummaryTitleSoFar", turn.Language, monthText, today.ToString("MM-dd", CultureInfo.InvariantCulture))
            : Texts.Get("AttendanceSummaryTitle", turn.Language, monthText);
        turn.Reply(lines.Count == 0
            ? Texts.Get("AttendanceSummaryEmpty", turn.Language, monthText)
            : string.Join("\n", [title,
                .. lines.Select(l => Texts.Get("AttendanceSummaryLine", turn.Language, l.Name, l.Shifts, l.Late, l.EarlyLeave, l.Absent, l.Corrections))]));
    }
}

/// <summary>The digest's attendance section: yesterday's late arrivals and absences, and what waits for a decision.</summary>
public sealed class AttendanceDigestSection(IRosterCoverage roster, IAttendanceStore attendance, ICorrectionStore corrections, ISwapStore swaps) : IDigestSection
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public int Order => 20;

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var yesterday = day.AddDays(-1);
        var names = (await roster.AssignmentsAsync(yesterday, yesterday, cancellationToken))
            .GroupBy(a => a.Assignment.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var records = await attendance.BetweenAsync(yesterday, yesterday, cancellationToken);
        var separator = language == TextCatalog.English ? ", " : "、";
        string Who(IEnumerable<AttendanceRecord> rs) => string.Join(separator, rs.Select(r => names.GetValueOrDefault(r.PersonId, r.PersonId)).Distinct());

        var late = records.Where(r => r.CheckIn == AttendanceMark.Late).ToList();
        var absent = records.Where(r => r.CheckIn == AttendanceMark.Absent).ToList();
        var pendingCorrections = await corrections.AllPendingAsync(cancellationToken);
        var pendingSwaps = await swaps.AllPendingAsync(cancellationToken);
        if (late.Count + absent.Count + pendingCorrections.Count + pendingSwaps.Count == 0) return null;

        var lines = new List<string> { Texts.Get("DigestTitle", language, yesterday.ToString("MM-dd", CultureInfo.InvariantCulture)) };
        if (late.Count > 0) lines.Add(Texts.Get("DigestLate", language, late.Count, Who(late)));
        if (absent.Count > 0) lines.Add(Texts.Get("DigestAbsent", language, absent.Count, Who(absent)));
        if (pendingCorrections.Count > 0) lines.Add(Texts.Get("DigestCorrections", language, pendingCorrections.Count, string.Join(separator, pendingCorrections.Select(c => $"#{c.Id}"))));
        if (pendingSwaps.Count > 0) lines.Add(Texts.Get("DigestSwaps", language, pendingSwaps.Count, string.Join(separator, pendingSwaps.Select(s => $"#{s.Id}"))));
        return string.Join("\n", lines);
    }
}

using System.Globalization;
using System.Text;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>One person's month: rostered shifts and how they went (第7篇: the clerk reports attendance to HR).</summary>
public sealed record AttendanceLine(string PersonId, string Name, int Shifts, int Late, int EarlyLeave, int Absent, int Corrections);

/// <summary>The month's attendance per person, from the roster and the attendance records.</summary>
public sealed class AttendanceReport(IRosterCoverage roster, IAttendanceStore attendance, ShiftSchedule shifts, DepartmentProfile department)
{
    public static readonly string[] CsvColumns = ["person", "name", "shifts", "late", "early_leave", "absent", "corrections"];

    /// <param name="asOf">For the month still under way, now: only shifts started by then count (tonight's 夜班 is neither
    /// worked nor missed yet). The whole month when null.</param>
    public async Task<IReadOnlyList<AttendanceLine>> MonthAsync(DateOnly month, CancellationToken cancellationToken, DateTimeOffset? asOf = null)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (asOf is { } now && department.LocalDate(now) < last) last = department.LocalDate(now);
        var assignments = (await roster.AssignmentsAsync(first, last, cancellationToken))
            .Where(a => asOf is not { } at || shifts.Find(a.Assignment.ShiftCode) is not { } shift || ShiftTimes.Of(a.Assignment, shift, department).Start <= at)
            .ToList();
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

    /// <summary>Who may see everyone's attendance: the clerk who reports it (第7篇) and those who manage the people in it.</summary>
    public const Roles Viewers = Roles.AttendanceClerk | Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public CommandInfo Info { get; } = new("attendance-summary", ["考勤统计", "考勤汇总", "月度考勤"], ["attendance summary", "attendance month"], Texts, "AttendanceSummaryDescription",
        Roles: Viewers, HelpOrder: 40);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(turn.Now);
        var month = new DateOnly(today.Year, today.Month, 1);
        if (arguments.Length > 0 && !DutyDates.TryParseMonth(arguments, out month) && !DutyDates.TryParseMonthSaid(arguments, today, out month))
        {
            turn.Reply(Texts.Get("MonthRequired", turn.Language, arguments));
            return;
        }
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // The month under way is counted up to today: shifts still to come are neither worked nor missed.
        var underWay = month.Year == today.Year && month.Month == today.Month;
        var lines = await report.MonthAsync(month, cancellationToken, underWay ? turn.Now : null);
        var title = underWay
            ? Texts.Get("AttendanceSummaryTitleSoFar", turn.Language, monthText, today.ToString("MM-dd", CultureInfo.InvariantCulture))
            : Texts.Get("AttendanceSummaryTitle", turn.Language, monthText);
        turn.Reply(lines.Count == 0
            ? Texts.Get("AttendanceSummaryEmpty", turn.Language, monthText)
            : string.Join("\n", [title,
                .. lines.Select(l => Texts.Get("AttendanceSummaryLine", turn.Language, l.Name, l.Shifts, l.Late, l.EarlyLeave, l.Absent, l.Corrections))]));
    }
}

/// <summary>
/// 考勤 / today's attendance (also "今天谁迟到了", "谁没签到", "昨天考勤"): one day's roster, shift by shift, with how each
/// person stands — checked in on time or late and when, not yet, absent, corrected, checked out early — and the day's
/// count of late, early and missing. A month said instead ("这个月考勤") is <see cref="AttendanceSummaryCommand"/>'s.
/// </summary>
public sealed class DayAttendanceCommand(IRosterStore roster, IAttendanceStore attendance, ShiftSchedule shifts, DepartmentProfile department,
    AttendanceSummaryCommand month) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public CommandInfo Info { get; } = new("attendance-day", ["今日考勤", "考勤", "谁迟到", "谁没签到", "谁没来", "谁早退"], ["attendance today", "who is late"],
        Texts, "DayAttendanceDescription", Roles: AttendanceSummaryCommand.Viewers, HelpOrder: 39, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.LocalDate(turn.Now);
        if (!DutyDates.TryFind(arguments, today, out var day))
        {
            if (arguments.Contains('月', StringComparison.Ordinal) || arguments.Contains("month", StringComparison.OrdinalIgnoreCase))
            {
                await month.HandleAsync(turn, arguments, cancellationToken);
                return;
            }
            day = today;
        }
        var records = (await attendance.BetweenAsync(day, day, cancellationToken))
            .ToDictionary(r => (r.PersonId, r.ShiftCode), r => r);
        var rostered = await roster.OnDateAsync(day, cancellationToken);
        if (rostered.Count == 0)
        {
            turn.Reply(Texts.Get("DayAttendanceNoRoster", language, ShiftTimes.Day(day, language)));
            return;
        }
        var separator = Texts.Get("DayAttendanceSeparator", language);
        var (late, early, notIn, absent) = (0, 0, 0, 0);
        var lines = new List<string>();
        foreach (var shift in shifts.Shifts)
        {
            var people = new List<string>();
            foreach (var (assignment, name) in rostered.Where(p => string.Equals(p.Assignment.ShiftCode, shift.Code, StringComparison.OrdinalIgnoreCase)))
            {
                var (start, end) = ShiftTimes.Of(assignment, shift, department);
                var record = records.GetValueOrDefault((assignment.PersonId, assignment.ShiftCode));
                var state = StateOf(record, turn.Now, start, end, language);
                if (record?.CheckIn == AttendanceMark.Late) late++;
                if (record?.CheckOut == AttendanceMark.Early) early++;
                // Said as the lines say it: not checked in while the shift runs, 缺勤 once it is over.
                if (record?.CheckedInAt is null && record?.CheckIn != AttendanceMark.Corrected && turn.Now >= start)
                {
                    if (turn.Now < end) notIn++;
                    else absent++;
                }
                people.Add(Texts.Get("DayAttendancePerson", language, name, state));
            }
            if (people.Count > 0) lines.Add(Texts.Get("ShiftLine", language, ShiftTimes.Describe(shift, language), string.Join(separator, people)));
        }
        turn.Reply(string.Join("\n", [Texts.Get("DayAttendanceTitle", language, ShiftTimes.Day(day, language)), .. lines,
            Texts.Get("DayAttendanceCount", language, late, early, absent, notIn)]));
    }

    /// <summary>How one person stands for one shift, as of now.</summary>
    private string StateOf(AttendanceRecord? record, DateTimeOffset now, DateTimeOffset start, DateTimeOffset end, string language)
    {
        string Clock(DateTimeOffset at) => ShiftTimes.Clock(at, department);
        var parts = new List<string>();
        if (record?.CheckedInAt is { } inAt)
            parts.Add(record.CheckIn == AttendanceMark.Late
                ? Texts.Get("DayAttendanceLate", language, Clock(inAt), ShiftTimes.Between(start, inAt, language))
                : Texts.Get("DayAttendanceIn", language, Clock(inAt)));
        else if (record?.CheckIn == AttendanceMark.Corrected) parts.Add(Texts.Get("DayAttendanceCorrected", language));
        else parts.Add(Texts.Get(now < start ? "DayAttendanceNotYet" : now < end ? "DayAttendanceNotIn" : "DayAttendanceAbsent", language));

        if (record?.CheckedOutAt is { } outAt)
            parts.Add(record.CheckOut == AttendanceMark.Early
                ? Texts.Get("DayAttendanceEarly", language, Clock(outAt), ShiftTimes.Between(outAt, end, language))
                : Texts.Get("DayAttendanceOut", language, Clock(outAt)));
        else if (record?.CheckOut == AttendanceMark.Corrected) parts.Add(Texts.Get("DayAttendanceOutCorrected", language));
        return string.Join(Texts.Get("DayAttendancePartSeparator", language), parts);
    }
}

/// <summary>
/// The digest's attendance section: yesterday's late arrivals and absences, and what waits for a decision. Now (今日概况):
/// who on a shift running now has not checked in, who came late or never came today (第2篇 2.1), who is out on an
/// 外出 (第7篇 1.2.3) — and that nobody is on shift at all, as every post should be manned (第2篇 1.1).
/// </summary>
public sealed class AttendanceDigestSection(IRosterCoverage roster, IAttendanceStore attendance, ICorrectionStore corrections, ISwapStore swaps,
    ILeaveStore leaves, ShiftSchedule shifts, DepartmentProfile department) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    // Names a line spells out; the rest are counted ("等5人").
    private const int MaxNames = 4;

    public int Order => 20;

    public int NowOrder => 10;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        // Yesterday's too: a night shift runs into today.
        var rostered = (await roster.AssignmentsAsync(today.AddDays(-1), today, cancellationToken))
            .Select(a => (a.Assignment, a.Name, Shift: shifts.Find(a.Assignment.ShiftCode)))
            .Where(x => x.Shift is not null)
            .Select(x => (x.Assignment, x.Name, x.Shift, Times: ShiftTimes.Of(x.Assignment, x.Shift!, department)))
            .ToList();
        var records = (await attendance.BetweenAsync(today.AddDays(-1), today, cancellationToken))
            .ToDictionary(r => (r.PersonId, r.Date, r.ShiftCode), r => r);
        AttendanceRecord? RecordOf(RosterAssignment a) => records.GetValueOrDefault((a.PersonId, a.Date, a.ShiftCode));
        static bool In(AttendanceRecord? r) => r?.CheckedInAt is not null || r?.CheckIn == AttendanceMark.Corrected;

        var running = rostered.Where(x => x.Times.Start <= now && now < x.Times.End).OrderBy(x => x.Times.Start).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        // Today's shifts: those running now and those that started today.
        var ofToday = rostered.Where(x => x.Times.Start <= now && (x.Times.End > now || department.LocalDate(x.Times.Start) == today))
            .OrderBy(x => x.Times.Start).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        var lines = new List<string>();
        if (running.Count == 0) lines.Add(Texts.Get("NowNobodyOnShift", language));

        var notIn = running.Where(x => !In(RecordOf(x.Assignment))).ToList();
        if (notIn.Count > 0)
            lines.Add(Texts.Get("NowNotIn", language, running.Count, notIn.Count, Names(notIn.Select(x =>
                Texts.Get("NowNotInPerson", language, x.Name, x.Shift!.DisplayName(language), ShiftTimes.Between(x.Times.Start, now, language))), language)));

        // In the order they came.
        var late = ofToday.Where(x => RecordOf(x.Assignment) is { CheckIn: AttendanceMark.Late, CheckedInAt: { } })
            .OrderBy(x => RecordOf(x.Assignment)!.CheckedInAt).ToList();
        if (late.Count > 0)
            lines.Add(Texts.Get("NowLate", language, late.Count, Names(late.Select(x =>
                Texts.Get("NowLatePerson", language, x.Name, ShiftTimes.Between(x.Times.Start, RecordOf(x.Assignment)!.CheckedInAt!.Value, language))), language)));

        var absent = ofToday.Where(x => x.Times.End <= now && !In(RecordOf(x.Assignment))).ToList();
        if (absent.Count > 0)
            lines.Add(Texts.Get("NowAbsent", language, absent.Count, Names(absent.Select(x => Texts.Get("NowAbsentPerson", language, x.Name, x.Shift!.DisplayName(language))), language)));

        var out_ = await leaves.OutNowAsync(cancellationToken);
        if (out_.Count > 0)
        {
            var names = rostered.GroupBy(x => x.Assignment.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            lines.Add(Texts.Get("NowOut", language, out_.Count, Names(out_.Select(l =>
            {
                var name = names.GetValueOrDefault(l.PersonId, l.PersonId);
                return now > l.ReturnBy
                    ? Texts.Get("NowOutLate", language, name, ShiftTimes.Between(l.ReturnBy, now, language))
                    : Texts.Get("NowOutPerson", language, name, ShiftTimes.Clock(l.ReturnBy, department));
            }), language)));
        }
        return lines;
    }

    private static string Names(IEnumerable<string> people, string language)
    {
        var all = people.ToList();
        var shown = string.Join(Texts.Get("NowNameSeparator", language), all.Take(MaxNames));
        return all.Count > MaxNames ? Texts.Get("NowNamesMore", language, shown, all.Count) : shown;
    }

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

using System.Globalization;
using Bot.Domain.Features.Duty;

namespace Bot.Features.Duty;

/// <summary>Section <c>Duty</c>: the shifts of the three-shift system (第7篇 1.2.1). Times are local, HH:mm.</summary>
public sealed class DutyOptions
{
    public const string Section = "Duty";

    public List<ShiftOption> Shifts { get; set; } = [];

    /// <summary>How long before a shift starts 签到 is accepted.</summary>
    public TimeSpan CheckInOpensBefore { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Checked in later than start + this → 迟到.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a shift ends 签退 is still accepted.</summary>
    public TimeSpan CheckOutClosesAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long before a shift starts the person is reminded to check in.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Not checked in this long after the start → escalated to the shift lead on duty.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An 外出 this long past its return time goes to the shift lead on duty (第7篇 1.2.3); the person is reminded at the return time.</summary>
    public TimeSpan LeaveEscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Next month's roster is due by this day of the month (第7篇 1.1.3–1.1.4).</summary>
    public int RosterDueDay { get; set; } = 25;

    /// <summary>Days of the month on which the 考勤员 is reminded while next month's roster is missing.</summary>
    public List<int> RosterReminderDays { get; set; } = [];

    /// <summary>Holidays with their own roster (元旦, 春节, 五一, 十一; 第7篇 1.1.6), dates yyyy-MM-dd.</summary>
    public List<HolidayOption> Holidays { get; set; } = [];

    /// <summary>A holiday roster is due this many days before the holiday (one week, 第7篇 1.1.6).</summary>
    public int HolidayRosterDueDaysBefore { get; set; } = 7;

    /// <summary>The 考勤员 is reminded this many days before a holiday roster is due.</summary>
    public int HolidayRosterReminderDaysBefore { get; set; } = 3;

    public RosterDeadlinePolicy ToDeadlinePolicy() => new(RosterDueDay, RosterReminderDays.Count > 0 ? RosterReminderDays : [20, 24],
        [.. Holidays.Select(h => new Holiday(h.Name, DateOnly.ParseExact(h.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)))],
        HolidayRosterDueDaysBefore, HolidayRosterReminderDaysBefore);

    public sealed class HolidayOption
    {
        public string Name { get; set; } = "";
        public string Date { get; set; } = "";

        public bool IsValid() => Name.Length > 0 && DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    public AttendanceWatchPolicy ToWatchPolicy() => new(ReminderBefore, EscalateAfter);

    public AttendancePolicy ToAttendancePolicy() => new(CheckInOpensBefore, LateAfter, CheckOutClosesAfter);

    public ShiftSchedule ToSchedule() => new([.. Shifts.Select(s => s.ToDefinition())]);

    public sealed class ShiftOption
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string EnglishName { get; set; } = "";
        public string Start { get; set; } = "";
        public string End { get; set; } = "";

        public ShiftDefinition ToDefinition() => new(Code, Name, EnglishName,
            TimeOnly.ParseExact(Start, "HH:mm", CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(End, "HH:mm", CultureInfo.InvariantCulture));

        public bool IsValid() =>
            Code.Length > 0 && Name.Length > 0
            && TimeOnly.TryParseExact(Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && TimeOnly.TryParseExact(End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }
}

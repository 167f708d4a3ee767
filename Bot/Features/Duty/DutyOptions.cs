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

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Duty;

/// <summary>How a check-in or check-out stands (第2篇 2.1: no lateness, early leave or absence; 第7篇 attendance).</summary>
public enum AttendanceMark
{
    /// <summary>正常</summary>
    OnTime,
    /// <summary>迟到: checked in after start + grace.</summary>
    Late,
    /// <summary>早退: checked out before the shift's end.</summary>
    Early,
    /// <summary>缺勤: no check-in by the end of the shift.</summary>
    Absent,
    /// <summary>补卡: a missed check-in or check-out, corrected with a reason the direct superior approved.</summary>
    Corrected,
}

/// <summary>One person's attendance for one rostered shift: the 考勤 record the clerk reports to HR.</summary>
public sealed class AttendanceRecord
{
    public long Id { get; init; }
    public required string PersonId { get; init; }
    public required DateOnly Date { get; init; }
    public required string ShiftCode { get; init; }
    public DateTimeOffset? CheckedInAt { get; private set; }
    public AttendanceMark? CheckIn { get; private set; }
    public DateTimeOffset? CheckedOutAt { get; private set; }
    public AttendanceMark? CheckOut { get; private set; }

    /// <summary>Where the person said they checked in (a location shared on WeCom), when they shared one.</summary>
    public double? CheckInLatitude { get; private set; }
    public double? CheckInLongitude { get; private set; }
    public string? CheckInPlace { get; private set; }

    public bool HasCheckInLocation => CheckInLatitude is not null;

    public void CheckedInAtLocation(SharedLocation location)
    {
        CheckInLatitude = location.Latitude;
        CheckInLongitude = location.Longitude;
        CheckInPlace = location.Label is { Length: > 200 } label ? label[..200] : location.Label;
    }

    public void CheckedIn(DateTimeOffset at, AttendanceMark mark)
    {
        CheckedInAt = at;
        CheckIn = mark;
    }

    public void CheckedOut(DateTimeOffset at, AttendanceMark mark)
    {
        CheckedOutAt = at;
        CheckOut = mark;
    }

    /// <summary>The shift ended without a check-in (第2篇 2.1: no absence).</summary>
    public static AttendanceRecord Absent(RosterAssignment assignment) =>
        new() { PersonId = assignment.PersonId, Date = assignment.Date, ShiftCode = assignment.ShiftCode, CheckIn = AttendanceMark.Absent };

    /// <summary>Whether something is missing that a 补卡 could correct.</summary>
    public bool IsMissingSomething => (CheckedInAt is null && CheckIn is null or AttendanceMark.Absent) || (CheckedOutAt is null && CheckOut is null);

    /// <summary>An approved 补卡: what was missing is marked corrected, what was recorded stays as it was.</summary>
    public void Corrected()
    {
        if (CheckedInAt is null) CheckIn = AttendanceMark.Corrected;
        if (CheckedOutAt is null) CheckOut = AttendanceMark.Corrected;
    }
}

/// <summary>The check-in and check-out windows (configuration section <c>Duty</c>).</summary>
public sealed record AttendancePolicy(TimeSpan CheckInOpensBefore, TimeSpan LateAfter, TimeSpan CheckOutClosesAfter);

public interface IAttendanceStore
{
    Task<AttendanceRecord?> FindAsync(string personId, DateOnly date, string shiftCode, CancellationToken cancellationToken);

    void Add(AttendanceRecord record);

    /// <summary>Every record of the dates from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    Task<IReadOnlyList<AttendanceRecord>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

/// <summary>
/// Whether a person may leave at check-out. 第2篇 2.4: nobody leaves before the successor has taken over — the
/// handover feature answers that; until it exists, everyone may leave.
/// </summary>
public interface ILeaveGate
{
    /// <returns>Null when the person may leave; otherwise the reason, in their language.</returns>
    Task<string?> WhyNotAsync(string personId, RosterAssignment assignment, string language, CancellationToken cancellationToken);
}

/// <summary>
/// What waits for someone who has just checked in — the handover feature answers with the handover to take over
/// (第14篇 1.2: the successor checks it on arrival) — said under the check-in reply with its button.
/// </summary>
public interface ICheckInFollowUp
{
    /// <returns>Null when nothing waits; otherwise a line in their language and the button that starts it.</returns>
    Task<(string Text, Choice Action)?> AfterCheckInAsync(string personId, string language, CancellationToken cancellationToken);
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>The instants a rostered shift starts and ends (a night shift ends the next morning).</summary>
internal static class ShiftTimes
{
    public static (DateTimeOffset Start, DateTimeOffset End) Of(RosterAssignment assignment, ShiftDefinition shift, DepartmentProfile department) =>
        (department.ToInstant(assignment.Date, shift.Start),
         department.ToInstant(shift.CrossesMidnight ? assignment.Date.AddDays(1) : assignment.Date, shift.End));

    public static string Clock(DateTimeOffset instant, DepartmentProfile department) =>
        department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// From one instant to another as their clock times read, to the minute: checked in at 07:16:40 for 07:00 is 16
    /// minutes late, as the "签到时间 07:16" beside it says (rounding the seconds up had it say 17).
    /// </summary>
    public static string Between(DateTimeOffset from, DateTimeOffset to, string language) =>
        ConversationTexts.Duration(Minute(to) - Minute(from), language);

    private static DateTimeOffset Minute(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMinute));

    /// <summary>"11-29（周日）".</summary>
    public static string Day(DateOnly date, string language) =>
        DutyTexts.Catalog.Get("DateWithWeekday", language, date.ToString("MM-dd", CultureInfo.InvariantCulture),
            DutyTexts.Catalog.Get($"Weekday{date.DayOfWeek}", language));

    public static string Describe(ShiftDefinition shift, string language) =>
        $"{shift.DisplayName(language)} {shift.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{shift.End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// 签到 / check in. Allowed from a configured time before the shift starts until it ends; after start + grace it is
/// recorded as 迟到 (第2篇 2.1, 第7篇 1.2). Not rostered, twice, or outside the window → a reply and no record.
/// </summary>
public sealed class CheckInCommand(IRosterStore roster, IAttendanceStore attendance, ShiftSchedule shifts, AttendancePolicy policy, DepartmentProfile department,
    EscalationService escalations, IDirectoryStore directory, IEnumerable<ICheckInFollowUp> followUps, IEnumerable<ITodos> todos) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    // A location shared on WeCom checks in from there (位置签到), or is kept with the check-in already made.
    public CommandInfo Info { get; } = new("check-in", ["签到", "上班打卡", "到岗"], ["check in", "checkin"], Texts, "CheckInDescription", HelpOrder: 1, TakesLocation: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.LocalDate(turn.Now);
        var shiftsNearNow = (await roster.ForPersonAsync(turn.Sender.Id, today.AddDays(-1), today, cancellationToken))
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode)))
            .Where(x => x.Shift is not null)
            .Select(x => (x.Assignment, Shift: x.Shift!, Times: ShiftTimes.Of(x.Assignment, x.Shift!, department)))
            .OrderBy(x => x.Times.Start)
            .ToList();

        var current = shiftsNearNow.FirstOrDefault(x => turn.Now >= x.Times.Start - policy.CheckInOpensBefore && turn.Now < x.Times.End);
        if (current.Assignment is null)
        {
            var next = shiftsNearNow.FirstOrDefault(x => x.Times.Start - policy.CheckInOpensBefore > turn.Now);
            turn.Reply(next.Assignment is not null
                ? Texts.Get("CheckInTooEarly", language, ShiftTimes.Describe(next.Shift, language), ShiftTimes.Clock(next.Times.Start - policy.CheckInOpensBefore, department))
                : shiftsNearNow.Any(x => x.Assignment.Date == today)
                    ? Texts.Get("CheckInShiftOver", language)
                    : Texts.Get("NotRostered", language));
            return;
        }

        var (assignment, shift, (start, end)) = current;
        var record = await attendance.FindAsync(turn.Sender.Id, assignment.Date, assignment.ShiftCode, cancellationToken);
        var location = turn.Message.Location;
        if (record?.CheckedInAt is { } already)
        {
            if (location is not null && !record.HasCheckInLocation)
            {
                record.CheckedInAtLocation(location);
                turn.Reply(Texts.Get("CheckInLocationKept", language, ShiftTimes.Clock(already, department), location.Label ?? Texts.Get("LocationUnnamed", language)));
                return;
            }
            turn.Reply(Texts.Get("AlreadyCheckedIn", language, ShiftTimes.Clock(already, department)));
            return;
        }
        if (record is null)
        {
            record = new AttendanceRecord { PersonId = turn.Sender.Id, Date = assignment.Date, ShiftCode = assignment.ShiftCode };
            attendance.Add(record);
        }
        var late = turn.Now > start + policy.LateAfter;
        record.CheckedIn(turn.Now, late ? AttendanceMark.Late : AttendanceMark.OnTime);
        if (location is not null) record.CheckedInAtLocation(location);
        var shiftText = ShiftTimes.Describe(shift, language);
        // Reported missing already? The shift lead (and whoever the case reached) hears that the person is here.
        if (late && await directory.FindPersonAsync(turn.Sender.Id, cancellationToken) is { } person)
            await escalations.SettleAsync(AttendanceWatch.MissedCheckInKind, AttendanceWatch.MissedCheckInSubject(person.Name, assignment, shift), person,
                Texts.Get("MissedCheckInSettled", TextCatalog.Chinese, person.Name, ShiftTimes.Clock(turn.Now, department)), turn.Now, cancellationToken);
        var reply = late
            ? Texts.Get("CheckedInLate", language, shiftText, ShiftTimes.Clock(turn.Now, department), ShiftTimes.Between(start, turn.Now, language))
            : Texts.Get("CheckedIn", language, shiftText, ShiftTimes.Clock(turn.Now, department), assignment.Post);
        // A handover waiting for this person is the next thing to do on arrival: said here, with its button.
        var waitingNow = new List<(string Text, Choice Action)>();
        foreach (var followUp in followUps)
            if (await followUp.AfterCheckInAsync(turn.Sender.Id, language, cancellationToken) is { } waiting) waitingNow.Add(waiting);
        // And what else waits from before the shift (keys in my name, approvals, a case to acknowledge): counted, with 待办.
        if (await TodoCommand.WaitingBesidesAsync(todos, new TodoAsked(turn.Sender, turn.Now, language), [.. waitingNow.Select(w => w.Action.Value)], cancellationToken)
            is { } besides) waitingNow.Add(besides);
        turn.Reply(string.Join("\n", [reply, .. waitingNow.Select(w => w.Text)]), waitingNow.Count == 0 ? null : [.. waitingNow.Select(w => w.Action)]);
    }
}

/// <summary>
/// 签退 / check out: only after checking in; before the shift's end it is recorded as 早退. Nobody leaves before the
/// successor has taken over (第2篇 2.4): the <see cref="ILeaveGate"/> may refuse.
/// </summary>
public sealed class CheckOutCommand(IRosterStore roster, IAttendanceStore attendance, ShiftSchedule shifts, AttendancePolicy policy,
    DepartmentProfile department, ILeaveGate leaveGate) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public CommandInfo Info { get; } = new("check-out", ["签退", "下班打卡", "下班了"], ["check out", "checkout"], Texts, "CheckOutDescription", HelpOrder: 2);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.LocalDate(turn.Now);
        var open = new List<(RosterAssignment Assignment, ShiftDefinition Shift, DateTimeOffset End, AttendanceRecord? Record)>();
        foreach (var assignment in await roster.ForPersonAsync(turn.Sender.Id, today.AddDays(-1), today, cancellationToken))
        {
            if (shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var (start, end) = ShiftTimes.Of(assignment, shift, department);
            if (turn.Now < start || turn.Now >= end + policy.CheckOutClosesAfter) continue;
            open.Add((assignment, shift, end, await attendance.FindAsync(turn.Sender.Id, assignment.Date, assignment.ShiftCode, cancellationToken)));
        }

        var current = open.FirstOrDefault(x => x.Record is { CheckedInAt: not null, CheckedOutAt: null });
        if (current.Assignment is null)
        {
            turn.Reply(open.FirstOrDefault(x => x.Record?.CheckedOutAt is not null).Record?.CheckedOutAt is { } left
                ? Texts.Get("AlreadyCheckedOut", language, ShiftTimes.Clock(left, department))
                : open.Count > 0 ? Texts.Get("NotCheckedIn", language) : Texts.Get("NothingToCheckOut", language));
            return;
        }

        if (await leaveGate.WhyNotAsync(turn.Sender.Id, current.Assignment, language, cancellationToken) is { } reason)
        {
            turn.Reply(reason);
            return;
        }
        var early = turn.Now < current.End;
        if (early && !DutyWords.Confirms(arguments, language))
        {
            // 早退 stays on the record (第2篇 2.1): a 签退 pressed from the help's buttons, or typed too soon, is asked about
            // first rather than recorded.
            if (DutyWords.Declines(arguments, language))
            {
                turn.Reply(Texts.Get("CheckOutNotNow", language));
                return;
            }
            var word = Info.WordFor(language);
            turn.Ask(Texts.Get("CheckOutEarlyConfirm", language, ShiftTimes.Clock(current.End, department), ShiftTimes.Between(turn.Now, current.End, language)),
                [new Choice($"{word} {Texts.Get("ConfirmWord", language)}", Texts.Get("CheckOutEarlyYes", language)),
                 new Choice($"{word} {Texts.Get("DeclineWord", language)}", Texts.Get("CheckOutEarlyNo", language))]);
            return;
        }
        current.Record!.CheckedOut(turn.Now, early ? AttendanceMark.Early : AttendanceMark.OnTime);
        var shiftText = ShiftTimes.Describe(current.Shift, language);
        turn.Reply(early
            ? Texts.Get("CheckedOutEarly", language, shiftText, ShiftTimes.Clock(turn.Now, department), ShiftTimes.Between(turn.Now, current.End, language))
            : Texts.Get("CheckedOut", language, shiftText, ShiftTimes.Clock(turn.Now, department)));
    }
}

/// <summary>
/// 我的班次 / my shifts: the next seven days; or one day's, when the question names it ("我的班次 明天", "我周六上什么班",
/// "明天几点上班").
/// </summary>
public sealed class MyShiftsCommand(IRosterStore roster, ShiftSchedule shifts, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    private const int Days = 7;

    public CommandInfo Info { get; } = new("my-shifts", ["我的班次", "我的排班", "上什么班", "什么班", "几点上班", "几点下班"],
        ["my shifts", "my shift"], Texts, "MyShiftsDescription", HelpOrder: 5, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.LocalDate(turn.Now);
        var oneDay = DutyDates.TryFind(arguments, today, out var day);
        var (from, to) = oneDay ? (day, day) : (today, today.AddDays(Days - 1));
        var lines = (await roster.ForPersonAsync(turn.Sender.Id, from, to, cancellationToken))
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode)))
            .OrderBy(x => x.Assignment.Date).ThenBy(x => x.Shift?.Start)
            .Select(x => Texts.Get("MyShiftLine", language,
                x.Assignment.Date.ToString("MM-dd", CultureInfo.InvariantCulture),
                Texts.Get($"Weekday{x.Assignment.Date.DayOfWeek}", language),
                x.Shift is null ? x.Assignment.ShiftCode : ShiftTimes.Describe(x.Shift, language),
                x.Assignment.Post))
            .ToList();
        if (oneDay)
        {
            turn.Reply(lines.Count == 0
                ? Texts.Get("NoShiftOnDay", language, ShiftTimes.Day(day, language))
                : string.Join("\n", [Texts.Get("MyShiftsOnDayTitle", language, ShiftTimes.Day(day, language)), .. lines]));
            return;
        }
        turn.Reply(lines.Count == 0
            ? Texts.Get("NoShiftsAhead", language, Days)
            : string.Join("\n", [Texts.Get("MyShiftsTitle", language, Days), .. lines]));
    }
}

/// <summary>
/// 今天谁值班 / who is on duty: who is on shift now, and today's roster per shift. Another day named ("明天谁值班",
/// "谁值班 周六", "11-30值班表") is that day's roster and duty manager; a day gone by also says who never checked in.
/// </summary>
public sealed class OnDutyCommand(IRosterStore roster, IDutyManagerStore managers, IAttendanceStore attendance, ShiftSchedule shifts,
    DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public CommandInfo Info { get; } = new("on-duty", ["今天谁值班", "谁值班", "值班表", "谁在值班", "谁上班", "谁当班", "谁在岗", "值班经理是谁", "谁是值班经理", "值班经理"], ["who is on duty", "on duty"],
        Texts, "OnDutyDescription", HelpOrder: 6, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.LocalDate(turn.Now);
        var separator = language == TextCatalog.English ? ", " : "、";

        var day = DutyDates.TryFind(arguments, today, out var named) ? named : today;
        var onDay = (await roster.OnDateAsync(day, cancellationToken)).ToList();
        var lines = new List<string>();
        if (day == today)
        {
            // Last night's shift may still be running.
            var now = (await roster.OnDateAsync(day.AddDays(-1), cancellationToken)).Concat(onDay).Where(p => shifts.Find(p.Assignment.ShiftCode) is { } s
                && ShiftTimes.Of(p.Assignment, s, department) is var (start, end) && turn.Now >= start && turn.Now < end).ToList();
            // Who is rostered now is not who is here: one who has not checked in (or has already checked out) says so.
            var present = new List<string>();
            foreach (var (assignment, name) in now) present.Add(await MarkedAsync(assignment, name, language, checkedOut: true, cancellationToken));
            lines.Add(now.Count == 0 ? Texts.Get("NobodyOnDutyNow", language) : Texts.Get("OnDutyNow", language, string.Join(separator, present)));
            lines.Add(Texts.Get("TodayTitle", language, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        else lines.Add(Texts.Get("DayRosterTitle", language, ShiftTimes.Day(day, language)));
        // 第2篇 1.1: a duty manager every day.
        if (await managers.OnAsync(day, cancellationToken) is { } manager)
            lines.Add(Texts.Get(day == today ? "DutyManagerToday" : "DutyManagerOnDay", language, manager.Name));
        // A day the roster does not reach yet is not a day nobody works.
        if (day != today && onDay.Count == 0)
        {
            lines.Add(Texts.Get("DayNotRostered", language));
            turn.Reply(string.Join("\n", lines));
            return;
        }
        foreach (var shift in shifts.Shifts)
        {
            var names = new List<string>();
            foreach (var (assignment, name) in onDay.Where(p => string.Equals(p.Assignment.ShiftCode, shift.Code, StringComparison.OrdinalIgnoreCase)))
                // A day gone by: whoever never checked in is seen at a glance (第2篇 2.1).
                names.Add(day < today ? await MarkedAsync(assignment, name, language, checkedOut: false, cancellationToken) : Texts.Get("PersonAtPost", language, name, assignment.Post));
            lines.Add(Texts.Get("ShiftLine", language, ShiftTimes.Describe(shift, language), names.Count == 0 ? Texts.Get("Nobody", language) : string.Join(separator, names)));
        }
        turn.Reply(string.Join("\n", lines));
    }

    /// <summary>A rostered person, marked 未签到 (and, <paramref name="checkedOut"/>, 已签退) from the attendance record.</summary>
    private async Task<string> MarkedAsync(RosterAssignment assignment, string name, string language, bool checkedOut, CancellationToken cancellationToken)
    {
        var record = await attendance.FindAsync(assignment.PersonId, assignment.Date, assignment.ShiftCode, cancellationToken);
        return Texts.Get(record?.CheckedInAt is null ? "PersonAtPostNotCheckedIn" : checkedOut && record.CheckedOutAt is not null ? "PersonAtPostCheckedOut" : "PersonAtPost",
            language, name, assignment.Post);
    }
}

/// <summary>
/// A word that only points the way: it says how to go about something and offers, as buttons, the commands that do it.
/// 打卡 asks 签到 or 签退 rather than guessing (a wrong guess would record an early leave, or a check-in nobody meant);
/// 请假 — a day off is not taken in chat — points to 调班 (approved in advance, 第2篇 1.8) and 外出 (第7篇 1.2.3).
/// </summary>
public sealed class SignpostCommand(CommandInfo info, string textKey, params string[] wordKeys) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public static SignpostCommand Clock() =>
        new(new("clock", ["打卡"], ["clock", "punch"], Texts, "ClockDescription", HelpOrder: 90), "ClockWhich", "CheckInWord", "CheckOutWord");

    public static SignpostCommand DayOff() =>
        new(new("absence", ["请假"], ["day off", "absence"], Texts, "AbsenceDescription", HelpOrder: 91), "AbsenceHow", "SwapWord", "LeaveWord");

    public CommandInfo Info => info;

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        turn.Ask(Texts.Get(textKey, language), [.. wordKeys.Select(k => Texts.Get(k, language)).Select(word => new Choice(word, word))]);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The words that confirm or decline a step asked about, as typed after the command ("签退 确认").</summary>
internal static class DutyWords
{
    public static bool Confirms(string arguments, string language) => Is(arguments, "ConfirmWords", language);

    public static bool Declines(string arguments, string language) => Is(arguments, "DeclineWords", language);

    private static bool Is(string arguments, string key, string language)
    {
        var said = TextInput.ForMatching(arguments);
        return said.Length > 0 && DutyTexts.Catalog.Get(key, language).Split('|').Concat(DutyTexts.Catalog.Get(key, TextCatalog.Chinese).Split('|'))
            .Any(w => string.Equals(w, said, StringComparison.OrdinalIgnoreCase));
    }
}

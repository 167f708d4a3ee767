using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

/// <summary>
/// 张三在哪 / where is a colleague: on shift now and at which post, checked in or not yet, out on an 外出 and back by when
/// (第7篇 1.2.3), or off and when the next shift is — what the front desk needs when someone asks for a colleague
/// (第2篇 1.1: every post manned). Only duty: no phone (kept for the department's own use) and no 外出 reason (it may be
/// private; the superior who approved it has it).
/// </summary>
public sealed class WhereaboutsCommand(IDirectoryStore directory, IRosterStore roster, IAttendanceStore attendance, ILeaveStore leaves,
    IDutyManagerStore managers, ShiftSchedule shifts, AttendancePolicy policy, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;
    private const int DaysAhead = 7;

    // "张三在哪", "李四在岗吗", "王五在不在": the colleague's name before the word (WordMayClose); "找人 张三" after it.
    public CommandInfo Info { get; } = new("whereabouts", ["在哪", "在哪里", "在哪儿", "在岗", "在不在", "在不在岗", "找人"], ["where is", "find colleague"],
        Texts, "WhereaboutsDescription", HelpOrder: 17, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var about = TextInput.Normalize(arguments);
        if (about.Length == 0)
        {
            turn.Reply(Texts.Get("WhereWhom", language));
            return;
        }
        var named = Named(await directory.ActiveStaffAsync(cancellationToken), about);
        if (named.Count == 0)
        {
            // Typed where a question is open ("请输入您的疑问" at 接班: "备用电池在哪里？"), a where-question about no
            // colleague is the answer to that question, not a search for a colleague called 备用电池.
            turn.PassBack();
            if (turn.PassedBack) return;
            turn.Reply(Texts.Get("WhereNobodyNamed", language, about));
            return;
        }
        var lines = new List<string>();
        foreach (var person in named) lines.AddRange(await DescribeAsync(person, turn.Now, language, cancellationToken));
        turn.Reply(string.Join("\n", lines));
    }

    /// <summary>
    /// The colleagues a message names: by id, or by a name written in it ("请问张三现在在哪"). A name inside a longer one
    /// named too (张三 in 张三丰) is that longer one's; two people sharing a name are both answered for.
    /// </summary>
    private static List<Person> Named(IReadOnlyList<Person> staff, string about)
    {
        var byId = staff.Where(p => string.Equals(p.Id, about, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byId.Count > 0) return byId;
        var found = staff.Where(p => p.Name.Length >= 2 && about.Contains(p.Name, StringComparison.Ordinal)).ToList();
        return [.. found.Where(p => !found.Any(o => o.Name.Length > p.Name.Length && o.Name.Contains(p.Name, StringComparison.Ordinal))).OrderBy(p => about.IndexOf(p.Name, StringComparison.Ordinal))];
    }

    private async Task<List<string>> DescribeAsync(Person person, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var who = Texts.Get("WhereName", language, person.Name, RoleNames.Display(person.Roles, language));
        // Yesterday's too: a night shift runs into today.
        var rostered = (await roster.ForPersonAsync(person.Id, today.AddDays(-1), today.AddDays(DaysAhead), cancellationToken))
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode)))
            .Where(x => x.Shift is not null)
            .Select(x => (x.Assignment, Shift: x.Shift!, Times: ShiftTimes.Of(x.Assignment, x.Shift!, department)))
            .OrderBy(x => x.Times.Start)
            .ToList();
        var lines = new List<string> { await NowAsync(person, who, rostered, now, language, cancellationToken) };
        if (await managers.OnAsync(today, cancellationToken) is { } manager && manager.PersonId == person.Id)
            lines.Add(Texts.Get("WhereDutyManager", language, person.Name));
        return lines;
    }

    private async Task<string> NowAsync(Person person, string who,
        List<(RosterAssignment Assignment, ShiftDefinition Shift, (DateTimeOffset Start, DateTimeOffset End) Times)> rostered,
        DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        // The shift running now (or about to: 签到 is open), else one just over and not yet checked out of.
        foreach (var (assignment, shift, (start, end)) in rostered.Where(x => now >= x.Times.Start - policy.CheckInOpensBefore && now < x.Times.End + policy.CheckOutClosesAfter))
        {
            var record = await attendance.FindAsync(person.Id, assignment.Date, assignment.ShiftCode, cancellationToken);
            var name = ShiftTimes.Describe(shift, language);
            if (now >= end)
            {
                if (record is { CheckedInAt: not null, CheckedOutAt: null })
                    return Texts.Get("WhereShiftOverNotOut", language, who, name, ShiftTimes.Clock(end, department));
                continue;
            }
            if (record?.CheckedInAt is not { } checkedIn)
                return now < start
                    ? Texts.Get("WhereBeforeShift", language, who, name, assignment.Post, ShiftTimes.Clock(start, department))
                    : Texts.Get("WhereNotCheckedIn", language, who, name, assignment.Post, ShiftTimes.Between(start, now, language));
            if (record.CheckedOutAt is { } checkedOut)
                return Texts.Get("WhereCheckedOut", language, who, name, ShiftTimes.Clock(checkedOut, department));
            if (await leaves.OpenForAsync(person.Id, cancellationToken) is { IsOut: true } leave)
                return now > leave.ReturnBy
                    ? Texts.Get("WhereOutLate", language, who, name, assignment.Post, ShiftTimes.Clock(leave.ReturnBy, department), ShiftTimes.Between(leave.ReturnBy, now, language))
                    : Texts.Get("WhereOut", language, who, name, assignment.Post, ShiftTimes.Clock(leave.ReturnBy, department));
            return Texts.Get("WhereOnShift", language, who, name, assignment.Post, ShiftTimes.Clock(checkedIn, department));
        }
        var next = rostered.FirstOrDefault(x => x.Times.Start - policy.CheckInOpensBefore > now);
        return next.Assignment is not null
            ? Texts.Get("WhereOffNext", language, who, ShiftTimes.Day(next.Assignment.Date, language), ShiftTimes.Describe(next.Shift, language), next.Assignment.Post)
            : Texts.Get("WhereOffNone", language, who, DaysAhead);
    }
}

/// <summary>
/// 谁外出了 / who is out: everyone on an approved 外出 now, with when each is due back or how late (第7篇 1.2.3) — so the
/// front desk and the shift lead know who is away from their post without asking for each. No reasons, as for 张三在哪.
/// </summary>
public sealed class WhoIsOutCommand(ILeaveStore leaves, IDirectoryStore directory, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public CommandInfo Info { get; } = new("who-is-out", ["谁外出了", "谁外出", "谁出去了", "谁离岗了", "谁离岗", "外出的人", "外出情况"], ["who is out"],
        Texts, "WhoIsOutDescription", HelpOrder: 18, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var out_ = await leaves.OutNowAsync(cancellationToken);
        if (out_.Count == 0)
        {
            turn.Reply(Texts.Get("WhoIsOutNone", language));
            return;
        }
        var lines = new List<string> { Texts.Get("WhoIsOutTitle", language, out_.Count) };
        foreach (var leave in out_)
        {
            var name = (await directory.FindPersonAsync(leave.PersonId, cancellationToken))?.Name ?? leave.PersonId;
            var back = ShiftTimes.Clock(leave.ReturnBy, department);
            lines.Add(turn.Now > leave.ReturnBy
                ? Texts.Get("WhoIsOutLate", language, name, back, ShiftTimes.Between(leave.ReturnBy, turn.Now, language))
                : Texts.Get("WhoIsOutLine", language, name, back));
        }
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>
/// On shift now or not, as 张三在哪 reads the roster: a shift running (or about to: 签到 is open) is on shift. Someone with
/// nothing on the roster near now (an office worker) is taken as reachable and gets no note.
/// </summary>
public sealed class RosterShiftPresence(IRosterStore roster, ShiftSchedule shifts, AttendancePolicy policy, DepartmentProfile department) : IShiftPresence
{
    private const int DaysAhead = 7;

    public async Task<string?> OffShiftAsync(string personId, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var rostered = (await roster.ForPersonAsync(personId, today.AddDays(-1), today.AddDays(DaysAhead), cancellationToken))
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode)))
            .Where(x => x.Shift is not null)
            .Select(x => (x.Assignment, Shift: x.Shift!, Times: ShiftTimes.Of(x.Assignment, x.Shift!, department)))
            .OrderBy(x => x.Times.Start)
            .ToList();
        if (rostered.Count == 0 || rostered.Any(x => now >= x.Times.Start - policy.CheckInOpensBefore && now < x.Times.End)) return null;
        var next = rostered.FirstOrDefault(x => x.Times.Start > now);
        if (next.Assignment is null) return "";
        var shift = $"{next.Shift.DisplayName(language)} {ShiftTimes.Clock(next.Times.Start, department)}";
        return department.LocalDate(next.Times.Start) == today ? shift : ShiftTimes.Day(next.Assignment.Date, language) + shift;
    }
}

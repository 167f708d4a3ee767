using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Duty;

/// <summary>
/// 待办's duty part: a shift of mine open for check-in and not checked in (pressing once it has started, 第2篇 2.1), or
/// over and not checked out while 签退 is still taken; my 外出 (回来 by its time, 第7篇 1.2.3); and, for a superior, the
/// 外出, 调班 and 补卡 requests waiting for their answer (第2篇 1.8: approved in advance).
/// </summary>
public sealed class DutyTodos(IRosterStore roster, IAttendanceStore attendance, ShiftSchedule shifts, AttendancePolicy policy,
    ILeaveStore leaves, ISwapStore swaps, ICorrectionStore corrections, IDirectoryStore directory, DepartmentProfile department) : ITodos
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public int Order => 1;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, now, language) = (asked.Person.Id, asked.Now, asked.Language);
        var todos = new List<Todo>();
        var today = department.LocalDate(now);

        // Yesterday's too: a night shift runs into today.
        foreach (var assignment in await roster.ForPersonAsync(me, today.AddDays(-1), today, cancellationToken))
        {
            if (shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var (start, end) = ShiftTimes.Of(assignment, shift, department);
            var record = await attendance.FindAsync(me, assignment.Date, assignment.ShiftCode, cancellationToken);
            var name = ShiftTimes.Describe(shift, language);
            if (record?.CheckedInAt is null && now >= start - policy.CheckInOpensBefore && now < end)
            {
                var word = Texts.Get("CheckInWord", language);
                todos.Add(now >= start
                    ? new Todo(Texts.Get("TodoCheckInLate", language, name, ShiftTimes.Between(start, now, language)), new Choice(word, word), Pressing: true)
                    : new Todo(Texts.Get("TodoCheckIn", language, name), new Choice(word, word)));
            }
            else if (record is { CheckedInAt: not null, CheckedOutAt: null } && now >= end && now < end + policy.CheckOutClosesAfter)
            {
                var word = Texts.Get("CheckOutWord", language);
                todos.Add(new Todo(Texts.Get("TodoCheckOut", language, name, ShiftTimes.Clock(end, department)), new Choice(word, word), Pressing: true));
            }
            // Past what 签到 (until the end) or 签退 (a while after) still take, with the record missing: a missed punch is put
            // right by 补卡 (第2篇 2.1), unless one is already asked for.
            // A 补卡 approved marks what was missing corrected: nothing is missing any more.
            else if ((((record is null || (record.CheckedInAt is null && record.IsMissingSomething)) && now >= end)
                    || (record is { CheckedInAt: not null, CheckedOutAt: null, CheckOut: null } && now >= end + policy.CheckOutClosesAfter))
                && await corrections.OpenForAsync(me, assignment.Date, assignment.ShiftCode, cancellationToken) is null)
            {
                var word = Texts.Get("CorrectionWord", language);
                todos.Add(new Todo(Texts.Get(record?.CheckedInAt is null ? "TodoMissedCheckIn" : "TodoMissedCheckOut", language,
                    ShiftTimes.Day(assignment.Date, language), name), new Choice(word, word)));
            }
        }

        if (await leaves.OpenForAsync(me, cancellationToken) is { IsOut: true } leave)
        {
            var back = Texts.Get("BackWord", language);
            var returnBy = ShiftTimes.Clock(leave.ReturnBy, department);
            todos.Add(now > leave.ReturnBy
                ? new Todo(Texts.Get("TodoBackLate", language, returnBy, ConversationTexts.Duration(now - leave.ReturnBy, language)), new Choice(back, back), Pressing: true)
                : new Todo(Texts.Get("TodoBack", language, returnBy), new Choice(back, back)));
        }

        // Someone waits at their post for the answer: pressing.
        foreach (var request in await leaves.PendingForApproverAsync(me, cancellationToken))
            todos.Add(new Todo(Texts.Get("TodoApproveLeave", language, request.Id, await NameAsync(request.PersonId, cancellationToken), request.Reason,
                ShiftTimes.Clock(request.ReturnBy, department)), Button(LeaveCommand.ApproveWord, request.Id), Pressing: true));

        foreach (var swap in await swaps.WaitingForAsync(me, cancellationToken))
        {
            var summary = Texts.Get("SwapSummary", language, ShiftTimes.Day(swap.Date, language),
                await NameAsync(swap.RequesterId, cancellationToken), ShiftName(swap.RequesterShiftCode, language),
                await NameAsync(swap.ColleagueId, cancellationToken), ShiftName(swap.ColleagueShiftCode, language));
            // A swap for today or tomorrow lapses unanswered once either shift starts.
            todos.Add(new Todo(Texts.Get(swap.Status == SwapStatus.AwaitingColleague ? "TodoSwapAgree" : "TodoSwapApprove", language, swap.Id, summary),
                Button(SwapDesk.AcceptWord, swap.Id), Pressing: swap.Date <= today.AddDays(1)));
        }

        foreach (var correction in await corrections.PendingForApproverAsync(me, cancellationToken))
            todos.Add(new Todo(Texts.Get("TodoApproveCorrection", language, correction.Id, await NameAsync(correction.PersonId, cancellationToken),
                ShiftTimes.Day(correction.Date, language), ShiftName(correction.ShiftCode, language), correction.Reason),
                Button(CorrectionAnswers.AcceptWord, correction.Id)));
        return todos;
    }

    private static Choice Button(string word, long id) => new($"{word} {id}", $"{word} #{id}");

    private string ShiftName(string code, string language) => shifts.Find(code) is { } shift ? ShiftTimes.Describe(shift, language) : code;

    private async Task<string> NameAsync(string personId, CancellationToken cancellationToken) =>
        (await directory.FindPersonAsync(personId, cancellationToken))?.Name ?? personId;
}

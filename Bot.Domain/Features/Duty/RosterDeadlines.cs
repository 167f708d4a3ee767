using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Duty;

/// <summary>A holiday that needs its own roster (元旦, 春节, 五一, 十一; 第7篇 1.1.6).</summary>
public sealed record Holiday(string Name, DateOnly Date);

/// <summary>
/// When rosters are due (configuration <c>Duty</c>): next month's by <paramref name="DueDay"/> with reminders on
/// <paramref name="ReminderDays"/> (第7篇 1.1.3–1.1.4); a holiday's <paramref name="HolidayDueDaysBefore"/> days ahead, with a
/// reminder <paramref name="HolidayReminderDaysBefore"/> days before that (1.1.6).
/// </summary>
public sealed record RosterDeadlinePolicy(int DueDay, IReadOnlyList<int> ReminderDays, IReadOnlyList<Holiday> Holidays, int HolidayDueDaysBefore, int HolidayReminderDaysBefore);

public interface IRosterCoverage
{
    /// <summary>Whether any assignment exists from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    Task<bool> AnyAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Every assignment from <paramref name="from"/> to <paramref name="to"/> with the person's name.</summary>
    Task<IReadOnlyList<(RosterAssignment Assignment, string Name)>> AssignmentsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Everyone active with the 考勤员 role.</summary>
    Task<IReadOnlyList<Person>> ClerksAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The daily check of roster deadlines. A roster is missing when no assignment of its month (or holiday) is imported.
/// Reminders to the 考勤员 are keyed by month (or holiday), day and clerk; the escalation joins its open case by subject —
/// so a second run on the same day, or on another instance, changes nothing. While a roster stays missing after its
/// due date, a resolved case is raised again the next day.
/// </summary>
public sealed class RosterDeadlineWatch(IRosterCoverage coverage, RosterDeadlinePolicy policy, DepartmentProfile department, INotifier notifier,
    EscalationService escalations, IEscalationStore units) : IScheduledWork
{
    private static readonly TextCatalog Texts = DutyTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var acted = 0;

        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var monthText = next.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var due = new DateOnly(today.Year, today.Month, Math.Min(policy.DueDay, DateTime.DaysInMonth(today.Year, today.Month)));
        if ((policy.ReminderDays.Contains(today.Day) || today >= due)
            && !await coverage.AnyAsync(next, next.AddMonths(1).AddDays(-1), cancellationToken))
        {
            acted += today < due
                ? await RemindAsync($"roster-due:{monthText}:{today:MM-dd}", "RosterDueReminder", cancellationToken, monthText, DateText(due))
                : await EscalateAsync(Texts.Get("RosterMissingSubject", TextCatalog.Chinese, monthText),
                    Texts.Get("RosterMissingDetails", TextCatalog.Chinese, monthText, DateText(due)), now, cancellationToken);
        }

        foreach (var holiday in policy.Holidays.Where(h => h.Date >= today))
        {
            var holidayDue = holiday.Date.AddDays(-policy.HolidayDueDaysBefore);
            var remindFrom = holidayDue.AddDays(-policy.HolidayReminderDaysBefore);
            if (today < remindFrom || await coverage.AnyAsync(holiday.Date, holiday.Date, cancellationToken)) continue;
            var name = $"{holiday.Name} {DateText(holiday.Date)}";
            acted += today < holidayDue
                ? await RemindAsync($"roster-due:{holiday.Date:yyyy-MM-dd}:holiday", "HolidayRosterDueReminder", cancellationToken, name, DateText(holidayDue))
                : await EscalateAsync(Texts.Get("HolidayRosterMissingSubject", TextCatalog.Chinese, name),
                    Texts.Get("HolidayRosterMissingDetails", TextCatalog.Chinese, name, DateText(holidayDue)), now, cancellationToken);
        }
        return acted;
    }

    private async Task<int> RemindAsync(string key, string textKey, CancellationToken cancellationToken, params object[] args)
    {
        var sent = 0;
        foreach (var clerk in await coverage.ClerksAsync(cancellationToken))
        {
            var language = TextCatalog.NormalizeLanguage(clerk.Language);
            var enqueued = false;
            var won = await units.AtomicallyAsync(async () =>
                enqueued = await notifier.NotifyAsync(clerk.Id, new OutgoingMessage(Texts.Get(textKey, language, [clerk.Name, .. args])), $"{key}:{clerk.Id}", cancellationToken),
                cancellationToken);
            if (won && enqueued) sent++;
        }
        return sent;
    }

    private async Task<int> EscalateAsync(string subject, string details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var raised = false;
        var won = await units.AtomicallyAsync(async () =>
        {
            var escalation = await escalations.RaiseAsync(new EscalationRequest("duty.roster-missing", subject, Severity.Normal, details, null), now, cancellationToken);
            raised = escalation.RaisedAt == now;
        }, cancellationToken);
        return won && raised ? 1 : 0;
    }

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

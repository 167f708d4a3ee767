using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Duty;

/// <summary>What a roster import did, or every error when it did nothing.</summary>
public sealed record RosterImportOutcome(string Month, int Added, int Changed, int Removed, int Unchanged, int SkippedPastDays, int PeopleTold,
    IReadOnlyList<ImportError> Errors, IReadOnlyList<string>? Warnings = null);

/// <summary>
/// Publishes a month's roster (第7篇 1.1.3). The file replaces the month from today on — days already worked stay as
/// they were — and rows that did not change keep their identity (a pending swap still holds them). When the month was
/// published before, everyone whose days changed is told exactly what changed (第7篇 1.1.7), once per import. Validation
/// and writing happen in one transaction under one lock, so two imports cannot interleave.
/// </summary>
internal sealed class RosterImporter(BotDbContext db, ShiftSchedule shifts, DepartmentProfile department, TimeProvider time, INotifier notifier)
{
    /// <param name="language">The administrator's, for the warnings.</param>
    public async Task<RosterImportOutcome> ImportAsync(string csv, string language, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockForTransactionAsync(CriticalSection.RosterImport, cancellationToken);

        var people = await db.Set<Person>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => (p.Name, p.Active, p.Language), StringComparer.Ordinal, cancellationToken);
        var plan = RosterImport.Plan(csv, people.ToDictionary(p => p.Key, p => (p.Value.Name, p.Value.Active), StringComparer.Ordinal), shifts);
        if (!plan.IsValid) return new RosterImportOutcome("", 0, 0, 0, 0, 0, 0, plan.Errors);

        var now = time.GetUtcNow();
        var today = department.LocalDate(now);
        var monthStart = plan.Month;
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var from = today > monthStart ? today : monthStart;
        var published = await db.Set<RosterAssignment>().AnyAsync(a => a.Date >= monthStart && a.Date <= monthEnd, cancellationToken)
                        || await db.Set<DutyManagerAssignment>().AnyAsync(m => m.Date >= monthStart && m.Date <= monthEnd, cancellationToken);

        var existing = await db.Set<RosterAssignment>().Where(a => a.Date >= from && a.Date <= monthEnd).ToListAsync(cancellationToken);
        var existingManagers = await db.Set<DutyManagerAssignment>().Where(m => m.Date >= from && m.Date <= monthEnd).ToListAsync(cancellationToken);
        var rows = plan.Rows.Where(r => r.Date >= from).ToList();
        var managers = plan.Managers.Where(m => m.Date >= from).ToList();
        var skipped = plan.Rows.Count + plan.Managers.Count - rows.Count - managers.Count;

        var before = existing.Select(a => new RosterSlot(a.Date, a.PersonId, a.ShiftCode, a.Post))
            .Concat(existingManagers.Select(m => new RosterSlot(m.Date, m.PersonId, null, ""))).ToList();

        int added = 0, changed = 0, removed = 0, unchanged = 0;
        var wanted = rows.ToDictionary(r => (r.Date, r.PersonId, Shift: r.ShiftCode.ToLowerInvariant()));
        foreach (var assignment in existing)
        {
            if (wanted.Remove((assignment.Date, assignment.PersonId, assignment.ShiftCode.ToLowerInvariant()), out var row))
            {
                if (assignment.Post == row.Post && assignment.ShiftCode == row.ShiftCode) unchanged++;
                else
                {
                    assignment.Post = row.Post;
                    assignment.ShiftCode = row.ShiftCode;
                    changed++;
                }
            }
            else
            {
                db.Remove(assignment);
                removed++;
            }
        }
        foreach (var row in wanted.Values)
        {
            db.Add(new RosterAssignment { Date = row.Date, PersonId = row.PersonId, ShiftCode = row.ShiftCode, Post = row.Post });
            added++;
        }

        var managerByDate = managers.ToDictionary(m => m.Date);
        foreach (var manager in existingManagers)
        {
            if (managerByDate.Remove(manager.Date, out var row))
            {
                if (manager.PersonId == row.PersonId) unchanged++;
                else
                {
                    manager.PersonId = row.PersonId;
                    changed++;
                }
            }
            else
            {
                db.Remove(manager);
                removed++;
            }
        }
        foreach (var row in managerByDate.Values)
        {
            db.Add(new DutyManagerAssignment { Date = row.Date, PersonId = row.PersonId });
            added++;
        }

        var told = 0;
        if (published)
        {
            var after = rows.Select(r => new RosterSlot(r.Date, r.PersonId, r.ShiftCode, r.Post))
                .Concat(managers.Select(m => new RosterSlot(m.Date, m.PersonId, null, "")));
            foreach (var (personId, days) in RosterChanges.Compute(before, after))
            {
                if (!people.TryGetValue(personId, out var person) || !person.Active) continue;
                var personLanguage = TextCatalog.NormalizeLanguage(person.Language);
                var text = RosterChanges.Message(person.Name, monthStart, days, shifts, personLanguage);
                // One message per person and import: the key names the change itself, so a retried request tells nobody twice.
                var key = $"roster:{monthStart:yyyy-MM}:{personId}:{Hash(text)}:{now.ToUnixTimeSeconds()}";
                if (await notifier.NotifyAsync(personId, new OutgoingMessage(text), key, cancellationToken)) told++;
            }
        }

        // 第2篇 1.1: a duty manager every day. Days from today on without one are accepted but named — to the caller and
        // to the 考勤员, who answers for the roster.
        var monthText = monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var gaps = DutyManagerGaps.Find(from, monthEnd, managers.Select(m => m.Date));
        List<string>? warnings = null;
        if (gaps.Count > 0)
        {
            warnings = [DutyTexts.Catalog.Get("RosterNoDutyManager", language, monthText, DutyManagerGaps.Describe(gaps, language))];
            var clerks = await db.Set<Person>().AsNoTracking().Where(p => p.Active && (p.Roles & Roles.AttendanceClerk) != 0).ToListAsync(cancellationToken);
            foreach (var clerk in clerks)
            {
                var clerkLanguage = TextCatalog.NormalizeLanguage(clerk.Language);
                var text = DutyTexts.Catalog.Get("RosterNoDutyManagerToClerk", clerkLanguage, clerk.Name, monthText, DutyManagerGaps.Describe(gaps, clerkLanguage));
                // Once a day for the same gaps: importing the same file again does not repeat it.
                await notifier.NotifyAsync(clerk.Id, new OutgoingMessage(text), $"roster-gaps:{monthText}:{clerk.Id}:{today:yyyy-MM-dd}:{Hash(text)}", cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RosterImportOutcome(monthText, added, changed, removed, unchanged, skipped, told, [], warnings);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}

using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Escalation;

/// <summary>Who stands at each level of the chain, from the directory and today's roster.</summary>
internal sealed class EscalationDirectory(BotDbContext db, ShiftSchedule shifts, DepartmentProfile department) : IEscalationDirectory
{
    private const Roles Supervisors = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public async Task<IReadOnlyList<Person>> PeopleAtAsync(EscalationLevel level, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (level != EscalationLevel.ShiftLead)
        {
            var role = level switch
            {
                EscalationLevel.Supervisor => Roles.Supervisor,
                EscalationLevel.DepartmentManager => Roles.DepartmentManager,
                _ => Roles.GeneralManager,
            };
            return await db.Set<Person>().AsNoTracking()
                .Where(p => p.Active && (p.Roles & role) != 0)
                .OrderBy(p => p.Id)
                .ToListAsync(cancellationToken);
        }

        // The shift lead on duty: a person with the 领班 role whose rostered shift is running now. A night shift
        // that started yesterday evening is still running after midnight.
        var today = department.LocalDate(now);
        var assignments = await db.Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.Date == today || a.Date == today.AddDays(-1))
            .ToListAsync(cancellationToken);
        var onDuty = assignments
            .Where(a => shifts.Find(a.ShiftCode) is { } shift && IsRunning(shift, a.Date, now))
            .Select(a => a.PersonId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (onDuty.Count == 0) return [];
        return await db.Set<Person>().AsNoTracking()
            .Where(p => p.Active && onDuty.Contains(p.Id) && (p.Roles & Roles.ShiftLead) != 0)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
    }

    public Task<Person?> FindPersonAsync(string id, CancellationToken cancellationToken) =>
        db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Owner?> FindOwnerAsync(string id, CancellationToken cancellationToken) =>
        db.Set<Owner>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Person>> SupervisorsAsync(CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking()
            .Where(p => p.Active && (p.Roles & Supervisors) != 0)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);

    public async Task<Person?> FindStaffAsync(string idOrName, CancellationToken cancellationToken)
    {
        var key = idOrName.Trim();
        return await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Active && p.Id == key, cancellationToken)
            ?? (await db.Set<Person>().AsNoTracking().Where(p => p.Active && p.Name == key).Take(2).ToListAsync(cancellationToken)) switch
            {
                [var only] => only,
                _ => null, // no one, or two people with that name: ask for the id rather than guess
            };
    }

    private bool IsRunning(ShiftDefinition shift, DateOnly date, DateTimeOffset now)
    {
        var start = department.ToInstant(date, shift.Start);
        var end = department.ToInstant(shift.CrossesMidnight ? date.AddDays(1) : date, shift.End);
        return start <= now && now < end;
    }
}

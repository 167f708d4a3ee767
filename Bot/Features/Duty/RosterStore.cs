using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Duty;

internal sealed class RosterStore(BotDbContext db) : IRosterStore
{
    public async Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly day, CancellationToken cancellationToken) =>
        await db.Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.PersonId == personId && a.Date == day)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        await db.Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.PersonId == personId && a.Date >= from && a.Date <= to)
            .OrderBy(a => a.Date)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(RosterAssignment Assignment, string Name)>> OnDateAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.Date == day)
            .Join(db.Set<Person>().AsNoTracking(), a => a.PersonId, p => p.Id, (a, p) => new { Assignment = a, p.Name })
            .OrderBy(x => x.Assignment.Post).ThenBy(x => x.Name)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Assignment, r.Name))];
    }
}

internal sealed class AttendanceStore(BotDbContext db) : IAttendanceStore
{
    // A record added in this turn (签到 writing one) is not in the database yet; what runs after it in the turn (待办) sees it.
    public async Task<AttendanceRecord?> FindAsync(string personId, DateOnly date, string shiftCode, CancellationToken cancellationToken) =>
        db.Set<AttendanceRecord>().Local.FirstOrDefault(a => a.PersonId == personId && a.Date == date && a.ShiftCode == shiftCode)
        ?? await db.Set<AttendanceRecord>().SingleOrDefaultAsync(a => a.PersonId == personId && a.Date == date && a.ShiftCode == shiftCode, cancellationToken);

    public void Add(AttendanceRecord record) => db.Add(record);

    public async Task<IReadOnlyList<AttendanceRecord>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        await db.Set<AttendanceRecord>().AsNoTracking().Where(a => a.Date >= from && a.Date <= to).ToListAsync(cancellationToken);
}

internal sealed class DutyManagerStore(BotDbContext db) : IDutyManagerStore
{
    public async Task<(string PersonId, string Name)?> OnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var row = await db.Set<DutyManagerAssignment>().AsNoTracking().Where(m => m.Date == day)
            .Join(db.Set<Person>().AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { m.PersonId, p.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.PersonId, row.Name);
    }
}

internal sealed class RosterCoverage(BotDbContext db) : IRosterCoverage
{
    public Task<bool> AnyAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.Set<RosterAssignment>().AnyAsync(a => a.Date >= from && a.Date <= to, cancellationToken);

    public async Task<IReadOnlyList<(RosterAssignment Assignment, string Name)>> AssignmentsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.Date >= from && a.Date <= to)
            .Join(db.Set<Person>().AsNoTracking(), a => a.PersonId, p => p.Id, (a, p) => new { Assignment = a, p.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Assignment, r.Name))];
    }

    public async Task<IReadOnlyList<Person>> ClerksAsync(CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Active && (p.Roles & Roles.AttendanceClerk) != 0).OrderBy(p => p.Id).ToListAsync(cancellationToken);
}

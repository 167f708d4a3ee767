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
    public Task<AttendanceRecord?> FindAsync(string personId, DateOnly date, string shiftCode, CancellationToken cancellationToken) =>
        db.Set<AttendanceRecord>().SingleOrDefaultAsync(a => a.PersonId == personId && a.Date == date && a.ShiftCode == shiftCode, cancellationToken);

    public void Add(AttendanceRecord record) => db.Add(record);
}

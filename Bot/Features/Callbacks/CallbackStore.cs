using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Callbacks;

internal sealed partial class CallbackStore(BotDbContext db, ILogger<CallbackStore> logger) : ICallbackStore
{
    public Task<CallbackCase?> FindCaseByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        db.Set<CallbackCase>().Include(c => c.Callbacks).SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);

    public Task<CallbackCase?> FindCaseAsync(long id, CancellationToken cancellationToken) =>
        db.Set<CallbackCase>().Include(c => c.Callbacks).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<Callback?> FindAsync(long callbackId, CancellationToken cancellationToken) =>
        db.Set<Callback>().SingleOrDefaultAsync(c => c.Id == callbackId, cancellationToken);

    public async Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        // DateTimeOffset cannot be ordered on SQLite in SQL: filter there, order the (small) due set here.
        var due = await db.Set<Callback>().AsNoTracking().IgnoreAutoIncludes()
            .Where(c => c.NextActionAt != null && c.NextActionAt <= now && c.Status != CallbackStatus.Done)
            .Select(c => new { c.Id, c.NextActionAt })
            .ToListAsync(cancellationToken);
        return [.. due.OrderBy(c => c.NextActionAt).ThenBy(c => c.Id).Take(max).Select(c => c.Id)];
    }

    public async Task<IReadOnlyList<Callback>> PendingForOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        [.. (await db.Set<Callback>().Where(c => c.OwnerId == ownerId && c.Status != CallbackStatus.Done).ToListAsync(cancellationToken))
            .OrderBy(c => c.DueFrom).ThenBy(c => c.Id)];

    public async Task<IReadOnlyList<Callback>> ForStatsAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        await db.Set<Callback>().AsNoTracking()
            .Where(c => c.DueFrom >= from || c.Rectification == RectificationStatus.Open)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Callback>> OpenWorkAsync(CancellationToken cancellationToken) =>
        await db.Set<Callback>().AsNoTracking()
            .Where(c => c.Status == CallbackStatus.StaffTask || c.Rectification == RectificationStatus.Open)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Callback>> AwaitingOwnersAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<Callback>().AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Scheduled || c.Status == CallbackStatus.Invited)
            .ToListAsync(cancellationToken))
            .OrderBy(c => c.DueBy).ThenBy(c => c.Id)];

    public Task<bool> UnitExistsAsync(string unitCode, CancellationToken cancellationToken) =>
        db.Set<Unit>().AnyAsync(u => u.Code == unitCode, cancellationToken);

    public async Task<IReadOnlyList<CallbackCase>> CasesOfUnitAsync(string unitCode, int max, CancellationToken cancellationToken) =>
        await db.Set<CallbackCase>().AsNoTrackingWithIdentityResolution().Include(c => c.Callbacks)
            .Where(c => c.UnitCode == unitCode)
            .OrderByDescending(c => c.Id).Take(max)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Owner>> OwnersOfUnitAsync(string unitCode, CancellationToken cancellationToken) =>
        await db.Set<Owner>().AsNoTracking().Include(o => o.Units)
            .Where(o => o.Units.Any(u => u.UnitCode == unitCode))
            .OrderBy(o => o.Id)
            .ToListAsync(cancellationToken);

    public Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        db.Set<Owner>().AsNoTracking().Include(o => o.Units).SingleOrDefaultAsync(o => o.Id == ownerId, cancellationToken);

    public async Task SetDoNotDisturbAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (await db.Set<Owner>().SingleOrDefaultAsync(o => o.Id == ownerId, cancellationToken) is { } owner) owner.DoNotDisturb = true;
    }

    public Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken) =>
        db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);

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

    public async Task<IReadOnlyList<Person>> PeopleWithAnyRoleAsync(Roles roles, CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking()
            .Where(p => p.Active && (p.Roles & roles) != 0)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);

    public Task<PhoneRequest?> FindPhoneRequestAsync(long id, CancellationToken cancellationToken) =>
        db.Set<PhoneRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<IReadOnlyList<PhoneRequest>> PendingPhoneRequestsAsync(CancellationToken cancellationToken) =>
        await db.Set<PhoneRequest>().AsNoTracking()
            .Where(r => r.Status == PhoneRequestStatus.Pending)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);

    public void Add(CallbackCase callbackCase) => db.Add(callbackCase);

    public void Add(Callback callback) => db.Add(callback);

    public void Add(PhoneRequest request) => db.Add(request);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, logger, "callback", cancellationToken);
}

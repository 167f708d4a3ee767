using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Keys;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Keys;

internal sealed partial class KeyStore(BotDbContext db, ILogger<KeyStore> logger) : IKeyStore
{
    public Task<Key?> FindKeyAsync(string code, CancellationToken cancellationToken) =>
        db.Set<Key>().SingleOrDefaultAsync(k => k.Code == code, cancellationToken);

    public async Task<IReadOnlyList<Key>> AllKeysAsync(CancellationToken cancellationToken) =>
        await db.Set<Key>().OrderBy(k => k.Code).ToListAsync(cancellationToken);

    public Task<KeyLoan?> FindLoanAsync(long id, CancellationToken cancellationToken) =>
        db.Set<KeyLoan>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);

    public Task<KeyLoan?> OpenLoanAsync(string keyCode, CancellationToken cancellationToken) =>
        db.Set<KeyLoan>().SingleOrDefaultAsync(l => l.OpenKeyCode == keyCode, cancellationToken);

    public async Task<IReadOnlyList<KeyLoan>> OpenLoansAsync(CancellationToken cancellationToken) =>
        await db.Set<KeyLoan>().Where(l => l.OpenKeyCode != null).OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<bool> TryOpenLoanAsync(KeyLoan loan, CancellationToken cancellationToken)
    {
        db.Add(loan);
        try
        {
            // Inside a turn's transaction EF saves to a savepoint and rolls back to it on failure, so the turn goes on.
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException conflict) when (DbErrors.IsUniqueViolation(conflict))
        {
            db.Entry(loan).State = EntityState.Detached;
            LogLostRace(loan.KeyCode);
            return false;
        }
    }

    public async Task<IReadOnlyList<KeyEvent>> TrailAsync(string keyCode, int max, CancellationToken cancellationToken)
    {
        var latest = await db.Set<KeyEvent>().AsNoTracking().Where(e => e.KeyCode == keyCode)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(max).ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    public void Record(KeyEvent keyEvent) => db.Add(keyEvent);

    public void Add(KeyIncidentReport report) => db.Add(report);

    public Task<KeyIncidentReport?> LatestIncidentAsync(string keyCode, IncidentKind kind, CancellationToken cancellationToken) =>
        db.Set<KeyIncidentReport>().AsNoTracking().Where(r => r.KeyCode == keyCode && r.Kind == kind)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    public void Add(AreaKeyHandover handover) => db.Add(handover);

    public Task<AreaKeyHandover?> FindHandoverAsync(long id, CancellationToken cancellationToken) =>
        db.Set<AreaKeyHandover>().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);

    public async Task<IReadOnlyList<AreaKeyHandover>> UncountedReturnsAsync(CancellationToken cancellationToken) =>
        await db.Set<AreaKeyHandover>().AsNoTracking()
            .Where(h => h.Kind == AreaHandoverKind.Return && h.ConfirmedAt == null)
            .OrderBy(h => h.Id).ToListAsync(cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<IReadOnlyList<Person>> PeopleWithAsync(Roles roles, CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Active && (p.Roles & roles) != 0).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    public async Task<Person?> FindStaffAsync(string idOrName, CancellationToken cancellationToken)
    {
        var key = idOrName.Trim();
        return await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Active && p.Id == key, cancellationToken)
            ?? (await db.Set<Person>().AsNoTracking().Where(p => p.Active && p.Name == key).Take(2).ToListAsync(cancellationToken)) switch
            {
                [var only] => only,
                _ => null, // nobody, or two people with that name: ask for the id rather than guess
            };
    }

    public async Task<IReadOnlyList<(string PersonId, DateTimeOffset CheckedInAt)>> CheckedInAsync(DateOnly date, string shiftCode, CancellationToken cancellationToken)
    {
        var rows = await db.Set<AttendanceRecord>().AsNoTracking()
            .Where(a => a.Date == date && a.ShiftCode == shiftCode && a.CheckedInAt != null)
            .Select(a => new { a.PersonId, a.CheckedInAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CheckedInAt).Select(r => (r.PersonId, r.CheckedInAt!.Value))];
    }

    public void Claim(string key, DateTimeOffset now) => db.Add(new KeyClaim { Key = key, At = now });

    public Task<bool> IsClaimedAsync(string key, CancellationToken cancellationToken) =>
        db.Set<KeyClaim>().AnyAsync(c => c.Key == key, cancellationToken);

    public Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, logger, "key", cancellationToken);

    public void LogRefused(string participantId, string what) => LogRefusedRequest(participantId, what);

    [LoggerMessage(Level = LogLevel.Information, Message = "A loan of key {KeyCode} lost the race for it: another open loan holds the key")]
    private partial void LogLostRace(string keyCode);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a key request from {ParticipantId}, who is not staff (第4篇 1.2.5): {What}")]
    private partial void LogRefusedRequest(string participantId, string what);
}

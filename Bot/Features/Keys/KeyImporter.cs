using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Keys;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Keys;

/// <summary>
/// Applies a validated key register file: all-or-nothing, upsert by code, never deletes. A key out on a loan keeps its
/// status (only a loan puts a key out or brings it back).
/// </summary>
internal sealed class KeyImporter(BotDbContext db)
{
    public async Task<ImportOutcome> KeysAsync(string csv, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockForTransactionAsync(CriticalSection.KeyImport, cancellationToken);
        var people = await db.Set<Person>().Select(p => p.Id).ToListAsync(cancellationToken);
        var units = await db.Set<Unit>().Select(u => u.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var plan = KeyImport.Keys(csv, people.ToHashSet(StringComparer.Ordinal), units);
        if (!plan.IsValid) return new ImportOutcome(0, 0, plan.Errors);

        var existing = await db.Set<Key>().ToDictionaryAsync(k => k.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var created = 0;
        foreach (var row in plan.Rows)
        {
            if (!existing.TryGetValue(row.Code, out var key))
            {
                db.Add(new Key { Code = row.Code, Kind = row.Kind, Opens = row.Opens, StoragePlace = row.StoragePlace, CustodianId = row.CustodianId, Status = row.Status ?? KeyStatus.In });
                created++;
                continue;
            }
            key.Kind = row.Kind;
            key.Opens = row.Opens;
            key.StoragePlace = row.StoragePlace;
            if (row.CustodianId is not null) key.CustodianId = row.CustodianId;
            if (row.Status is { } status && key.Status != KeyStatus.Out) key.Status = status;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(created, plan.Rows.Count - created, []);
    }
}

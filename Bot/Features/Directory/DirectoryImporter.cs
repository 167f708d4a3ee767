using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Directory;

/// <summary>
/// What an import did: counts when applied, or every error when nothing was applied; <paramref name="Warnings"/>: what
/// the administrator should see to although it was applied (a person retired while still holding keys, files …).
/// </summary>
public sealed record ImportOutcome(int Created, int Updated, IReadOnlyList<ImportError> Errors, IReadOnlyList<string>? Warnings = null);

/// <summary>
/// Applies validated import files to the database. Policy: all-or-nothing and upsert by id — the file is validated
/// against the stored directory inside the same transaction that writes it, so a concurrent change cannot slip
/// between the check and the write; an import creates and updates but never deletes.
/// </summary>
internal sealed class DirectoryImporter(BotDbContext db, IEnumerable<IHoldings> holdings, Colleagues colleagues, TimeProvider time)
{
    public Task<ImportOutcome> UnitsAsync(string csv, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            var existing = await db.Set<Unit>().Select(u => u.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
            var plan = DirectoryImport.Units(csv);
            if (!plan.IsValid) return Invalid(plan.Errors);
            var created = 0;
            foreach (var row in plan.Rows)
            {
                // A unit is only its code and the parts the code spells; an existing one has nothing to change.
                if (existing.Contains(row.Unit.Code)) continue;
                db.Add(row.Unit);
                created++;
            }
            return new ImportOutcome(created, plan.Rows.Count - created, []);
        }, cancellationToken);

    /// <param name="language">The administrator's, for the warnings.</param>
    public Task<ImportOutcome> PeopleAsync(string csv, string language, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            var existing = await db.Set<Person>().ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, cancellationToken);
            var plan = DirectoryImport.People(csv, existing.ToDictionary(p => p.Key, p => p.Value.ReportsToId, StringComparer.Ordinal));
            if (!plan.IsValid) return Invalid(plan.Errors);
            var created = 0;
            var retired = new List<Person>();
            foreach (var row in plan.Rows)
            {
                if (!existing.TryGetValue(row.Id, out var person))
                {
                    person = new Person { Id = row.Id, Name = row.Name };
                    db.Add(person);
                    created++;
                }
                person.Name = row.Name;
                person.Roles = row.Roles;
                // Blank optional cells keep what is stored: a person's own language choice (语言) survives a re-import.
                if (row.ReportsToId is not null) person.ReportsToId = row.ReportsToId;
                if (row.Language is not null) person.Language = row.Language;
                if (row.Phone is not null) person.Phone = row.Phone;
                if (row.Active is false && person.Active) retired.Add(person);
                if (row.Active is { } active) person.Active = active;
            }
            return new ImportOutcome(created, plan.Rows.Count - created, [], await StillHeldAsync(retired, language, cancellationToken));
        }, cancellationToken);

    public Task<ImportOutcome> OwnersAsync(string csv, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            var units = await db.Set<Unit>().Select(u => u.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
            var existing = await db.Set<Owner>().Include(o => o.Units).ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);
            var plan = DirectoryImport.Owners(csv, units);
            if (!plan.IsValid) return Invalid(plan.Errors);
            var created = 0;
            foreach (var row in plan.Rows)
            {
                if (!existing.TryGetValue(row.Id, out var owner))
                {
                    owner = new Owner { Id = row.Id, Name = row.Name, FormOfAddress = row.FormOfAddress };
                    db.Add(owner);
                    created++;
                }
                owner.Name = row.Name;
                owner.FormOfAddress = row.FormOfAddress;
                if (row.Phone is not null) owner.Phone = row.Phone;
                if (row.Language is not null) owner.Language = row.Language;
                if (row.DoNotDisturb is { } doNotDisturb) owner.DoNotDisturb = doNotDisturb;

                // The file's units are the owner's units: links not listed go, the unit records themselves stay.
                foreach (var link in owner.Units.Where(u => !row.UnitCodes.Contains(u.UnitCode)).ToList())
                {
                    owner.Units.Remove(link);
                    db.Remove(link);
                }
                foreach (var code in row.UnitCodes.Where(c => owner.Units.All(u => u.UnitCode != c)))
                    owner.Units.Add(new OwnerUnit { OwnerId = owner.Id, UnitCode = code });
            }
            return new ImportOutcome(created, plan.Rows.Count - created, []);
        }, cancellationToken);

    public Task<ImportOutcome> IdentitiesAsync(string csv, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            var people = await db.Set<Person>().Select(p => p.Id).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
            var owners = await db.Set<Owner>().Select(o => o.Id).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
            var existing = await db.Set<ChannelIdentity>().ToDictionaryAsync(i => (i.Channel, i.ChannelUserId), cancellationToken);
            var plan = DirectoryImport.Identities(csv, people, owners);
            if (!plan.IsValid) return Invalid(plan.Errors);
            var created = 0;
            foreach (var row in plan.Rows)
            {
                if (!existing.TryGetValue((row.Channel, row.ChannelUserId), out var identity))
                {
                    identity = new ChannelIdentity { Channel = row.Channel, ChannelUserId = row.ChannelUserId };
                    db.Add(identity);
                    created++;
                }
                identity.PersonId = row.PersonId;
                identity.OwnerId = row.OwnerId;
                // An administrator re-importing the row has checked it: the channel may reach it again.
                identity.UnreachableSince = null;
            }
            return new ImportOutcome(created, plan.Rows.Count - created, []);
        }, cancellationToken);

    /// <summary>
    /// People retired by this import who still hold keys, files, hazardous materials or takings: a warning for the
    /// administrator, and a message to whom they report (or, with no active superior, the supervisors), who sees to it
    /// that everything comes back before they go (第6篇 1.2.7). The message goes out with the import's commit.
    /// </summary>
    private async Task<IReadOnlyList<string>?> StillHeldAsync(List<Person> retired, string language, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var now = time.GetUtcNow();
        foreach (var person in retired)
        {
            if (await HoldingsAsync(person.Id, language, cancellationToken) is not { Length: > 0 } held) continue;
            warnings.Add(DirectoryTexts.Catalog.Get("RetiredHolding", language, person.Name, person.Id, held));
            var boss = person.ReportsToId is { } bossId && await colleagues.Directory.FindPersonAsync(bossId, cancellationToken) is { Active: true } b
                ? [b]
                : await colleagues.FirstAtAsync([EscalationLevel.Supervisor, EscalationLevel.DepartmentManager, EscalationLevel.GeneralManager], person.Id,
                    now, cancellationToken);
            foreach (var told in boss)
            {
                var lines = await HoldingsAsync(person.Id, TextCatalog.NormalizeLanguage(told.Language), cancellationToken);
                await colleagues.TellAsync(told.Id, $"directory:retired:{person.Id}:{told.Id}:{now.ToUnixTimeSeconds()}",
                    l => new OutgoingMessage(DirectoryTexts.Catalog.Get("RetiredHolding", l, person.Name, person.Id, lines)), cancellationToken);
            }
        }
        return warnings.Count == 0 ? null : warnings;
    }

    private async Task<string> HoldingsAsync(string personId, string language, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var source in holdings) lines.AddRange(await source.OfAsync(personId, language, cancellationToken));
        return string.Join(DirectoryTexts.Catalog.Get("HoldingSeparator", language), lines);
    }

    private static ImportOutcome Invalid(IReadOnlyList<ImportError> errors) => new(0, 0, errors);

    private async Task<ImportOutcome> InTransactionAsync(Func<Task<ImportOutcome>> work, CancellationToken cancellationToken)
    {
        // The directory is read for validation and written in one go: no other import (on any instance) may run in
        // between. SQLite's BEGIN IMMEDIATE holds the write lock already; PostgreSQL takes an advisory lock.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockForTransactionAsync(CriticalSection.DirectoryImport, cancellationToken);
        var outcome = await work();
        if (outcome.Errors.Count > 0) return outcome;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }
}

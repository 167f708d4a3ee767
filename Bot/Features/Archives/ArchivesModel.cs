using Bot.Domain.Features.Archives;
using Bot.Domain.Features.Directory;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Archives;

internal sealed class ArchiveConfiguration : IEntityTypeConfiguration<Archive>
{
    public void Configure(EntityTypeBuilder<Archive> b)
    {
        b.ToTable("Archives");
        b.HasKey(a => a.Code);
        b.Property(a => a.Code).HasMaxLength(Archive.MaxCodeLength);
        b.Property(a => a.Title).HasMaxLength(Archive.MaxTitleLength);
        b.Property(a => a.Place).HasMaxLength(Archive.MaxPlaceLength);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        // Two clerks counting the same file out to two people at once: one wins.
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.ReadOnly);
    }
}

internal sealed class ArchiveLoanConfiguration : IEntityTypeConfiguration<ArchiveLoan>
{
    public void Configure(EntityTypeBuilder<ArchiveLoan> b)
    {
        b.ToTable("ArchiveLoans");
        b.HasKey(l => l.Id);
        b.Property(l => l.ArchiveCode).HasMaxLength(Archive.MaxCodeLength);
        b.Property(l => l.Purpose).HasMaxLength(ArchiveLoan.MaxTextLength);
        b.Property(l => l.Note).HasMaxLength(ArchiveLoan.MaxTextLength);
        b.Property(l => l.Visitor).HasMaxLength(ArchiveLoan.MaxVisitorLength);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        foreach (var person in new[] { "ApprovedById", "LentById", "ClosedById" }) b.Property(person).HasMaxLength(64);
        b.HasOne<Archive>().WithMany().HasForeignKey(l => l.ArchiveCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(l => l.BorrowerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasIndex(l => new { l.Status, l.DueOn });
        b.HasIndex(l => l.RequestedAt);
        b.Ignore(l => l.Open);
    }
}

internal sealed class ArchiveStore(BotDbContext db, ILogger<ArchiveStore> logger) : IArchiveStore
{
    private static readonly ArchiveLoanStatus[] OpenStatuses = [ArchiveLoanStatus.AwaitingApproval, ArchiveLoanStatus.Requested, ArchiveLoanStatus.Out];

    public async Task<Archive?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var key = code.Trim();
        if (key.Length is 0 or > Archive.MaxCodeLength) return null;
        // Codes are matched without regard to case ("yh-3-1-502"); the exact spelling first, for the index.
        return await db.Set<Archive>().SingleOrDefaultAsync(a => a.Code == key, cancellationToken)
            ?? await db.Set<Archive>().FirstOrDefaultAsync(a => a.Code.ToLower() == key.ToLower(), cancellationToken);
    }

    public async Task<IReadOnlyList<Archive>> SearchAsync(string words, int limit, CancellationToken cancellationToken)
    {
        var w = words.Trim().ToLowerInvariant();
        if (w.Length == 0) return [];
        return await db.Set<Archive>().AsNoTracking()
            .Where(a => a.Code.ToLower().Contains(w) || a.Title.ToLower().Contains(w))
            .OrderBy(a => a.Code).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Set<Archive>().CountAsync(cancellationToken);

    public async Task<IReadOnlyList<Archive>> LostAsync(CancellationToken cancellationToken) =>
        await db.Set<Archive>().AsNoTracking().Where(a => a.Status == ArchiveStatus.Lost).OrderBy(a => a.Code).ToListAsync(cancellationToken);

    public void Add(ArchiveLoan loan) => db.Add(loan);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<ArchiveLoan?> FindLoanAsync(long id, CancellationToken cancellationToken) =>
        db.Set<ArchiveLoan>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);

    public async Task<IReadOnlyList<ArchiveLoan>> OpenLoansAsync(CancellationToken cancellationToken) =>
        await db.Set<ArchiveLoan>().Where(l => OpenStatuses.Contains(l.Status)).OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ArchiveLoan>> SinceOrOpenAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        await db.Set<ArchiveLoan>().AsNoTracking()
            .Where(l => l.RequestedAt >= from || OpenStatuses.Contains(l.Status))
            .OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ArchiveLoan>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await db.Set<ArchiveLoan>().AsNoTracking()
            .Where(l => l.RequestedAt >= from && l.RequestedAt < to)
            .OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ArchiveLoan>> OverdueAsync(DateOnly today, CancellationToken cancellationToken) =>
        await db.Set<ArchiveLoan>().AsNoTracking()
            .Where(l => l.Status == ArchiveLoanStatus.Out && l.RemindedAt == null && l.DueOn < today)
            .OrderBy(l => l.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Person>> KeepersAsync(CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Active && (p.Roles & Roles.Clerk) != 0).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    public Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, logger, "archive", cancellationToken);
}

/// <summary>
/// Applies a validated catalogue file: all-or-nothing, upsert by code, never deletes. Whether a file is in, out or lost
/// is the loans' business, not the file's.
/// </summary>
internal sealed class ArchiveImporter(BotDbContext db)
{
    public async Task<ImportOutcome> ArchivesAsync(string csv, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockForTransactionAsync(CriticalSection.ArchiveImport, cancellationToken);
        var plan = ArchiveImport.Archives(csv);
        if (!plan.IsValid) return new ImportOutcome(0, 0, plan.Errors);

        var existing = await db.Set<Archive>().ToDictionaryAsync(a => a.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var created = 0;
        foreach (var row in plan.Rows)
        {
            if (!existing.TryGetValue(row.Code, out var archive))
            {
                db.Add(new Archive { Code = row.Code, Kind = row.Kind, Title = row.Title, Place = row.Place, Secret = row.Secret ?? false });
                created++;
                continue;
            }
            archive.Kind = row.Kind;
            archive.Title = row.Title;
            archive.Place = row.Place;
            if (row.Secret is { } secret) archive.Secret = secret;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(created, plan.Rows.Count - created, []);
    }
}

using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Duty;

internal sealed class AttendanceCorrectionConfiguration : IEntityTypeConfiguration<AttendanceCorrection>
{
    public void Configure(EntityTypeBuilder<AttendanceCorrection> b)
    {
        b.ToTable("AttendanceCorrections");
        b.HasKey(c => c.Id);
        b.Property(c => c.ShiftCode).HasMaxLength(32);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Property(c => c.ApproverId).HasMaxLength(64);
        b.Property(c => c.OpenKey).HasMaxLength(128);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        // One open 补卡 per person and shift, even when two are asked at once.
        b.HasIndex(c => c.OpenKey).IsUnique();
        b.HasIndex(c => new { c.Status, c.ApproverId });
    }
}

internal sealed class CorrectionStore(BotDbContext db) : ICorrectionStore
{
    public Task<AttendanceCorrection?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<AttendanceCorrection>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<AttendanceCorrection?> OpenForAsync(string personId, DateOnly date, string shiftCode, CancellationToken cancellationToken)
    {
        var key = AttendanceCorrection.KeyOf(personId, date, shiftCode);
        return db.Set<AttendanceCorrection>().SingleOrDefaultAsync(c => c.OpenKey == key, cancellationToken);
    }

    public async Task<IReadOnlyList<AttendanceCorrection>> PendingForApproverAsync(string approverId, CancellationToken cancellationToken) =>
        await db.Set<AttendanceCorrection>().Where(c => c.Status == CorrectionStatus.Pending && c.ApproverId == approverId)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AttendanceCorrection>> AllPendingAsync(CancellationToken cancellationToken) =>
        await db.Set<AttendanceCorrection>().AsNoTracking().Where(c => c.Status == CorrectionStatus.Pending)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task AddAsync(AttendanceCorrection correction, CancellationToken cancellationToken)
    {
        db.Add(correction);
        await db.SaveChangesAsync(cancellationToken);
    }
}

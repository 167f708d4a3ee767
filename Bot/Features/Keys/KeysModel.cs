using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Keys;

internal sealed class KeyConfiguration : IEntityTypeConfiguration<Key>
{
    public void Configure(EntityTypeBuilder<Key> b)
    {
        b.ToTable("Keys");
        b.HasKey(k => k.Code);
        b.Property(k => k.Code).HasMaxLength(32);
        b.Property(k => k.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(k => k.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(k => k.Opens).HasMaxLength(64);
        b.Property(k => k.StoragePlace).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(k => k.CustodianId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class KeyLoanConfiguration : IEntityTypeConfiguration<KeyLoan>
{
    public void Configure(EntityTypeBuilder<KeyLoan> b)
    {
        b.ToTable("KeyLoans");
        b.HasKey(l => l.Id);
        b.Property(l => l.KeyCode).HasMaxLength(32);
        b.Property(l => l.OpenKeyCode).HasMaxLength(32);
        b.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(l => l.ContractorName).HasMaxLength(50);
        b.Property(l => l.ContractorCompany).HasMaxLength(100);
        b.Property(l => l.ReturnProblem).HasMaxLength(100);
        b.Property(l => l.Reason).HasMaxLength(200);
        foreach (var person in new[] { "BorrowerId", "HolderId", "ApprovedById", "HandedOutById", "ReturnedById", "ReceivedById", "TransferToId" })
            b.Property(person).HasMaxLength(64);
        b.HasOne<Key>().WithMany().HasForeignKey(l => l.KeyCode).OnDelete(DeleteBehavior.Cascade);
        // One open loan per key (第4篇 1.2.2): the code is set while the loan is open and cleared when it closes, so two
        // borrow requests racing for one key cannot both be written, on SQLite or PostgreSQL.
        b.HasIndex(l => l.OpenKeyCode).IsUnique();
        b.HasIndex(l => l.HolderId);
        // Two custodians pressing at once, or a job fired twice, change a loan once.
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Ignore(l => l.IsOpen);
        b.Ignore(l => l.IsOut);
        b.Ignore(l => l.LacksReason);
    }
}

internal sealed class KeyEventConfiguration : IEntityTypeConfiguration<KeyEvent>
{
    public void Configure(EntityTypeBuilder<KeyEvent> b)
    {
        b.ToTable("KeyEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.KeyCode).HasMaxLength(32);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.Note).HasMaxLength(300);
        b.HasOne<Key>().WithMany().HasForeignKey(e => e.KeyCode).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.KeyCode, e.At });
    }
}

internal sealed class KeyIncidentReportConfiguration : IEntityTypeConfiguration<KeyIncidentReport>
{
    public void Configure(EntityTypeBuilder<KeyIncidentReport> b)
    {
        b.ToTable("KeyIncidentReports");
        b.HasKey(r => r.Id);
        b.Property(r => r.KeyCode).HasMaxLength(32);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.ReporterId).HasMaxLength(64);
        foreach (var text in new[] { "What", "When", "Where", "How" }) b.Property(text).HasMaxLength(500);
        b.HasOne<Key>().WithMany().HasForeignKey(r => r.KeyCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AreaKeyHandoverConfiguration : IEntityTypeConfiguration<AreaKeyHandover>
{
    public void Configure(EntityTypeBuilder<AreaKeyHandover> b)
    {
        b.ToTable("AreaKeyHandovers");
        b.HasKey(h => h.Id);
        b.Property(h => h.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.PersonId).HasMaxLength(64);
        b.Property(h => h.ReceiverId).HasMaxLength(64);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.Ignore(h => h.CountIsRight);
    }
}

internal sealed class KeyClaimConfiguration : IEntityTypeConfiguration<KeyClaim>
{
    public void Configure(EntityTypeBuilder<KeyClaim> b)
    {
        b.ToTable("KeyClaims");
        // The primary key is the claim: a prompt claimed twice (two instances, a double fire) fails the second insert.
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(120);
    }
}

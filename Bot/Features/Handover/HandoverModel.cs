using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Handover;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Handover;

internal sealed class HandoverRecordConfiguration : IEntityTypeConfiguration<HandoverRecord>
{
    public void Configure(EntityTypeBuilder<HandoverRecord> b)
    {
        b.ToTable("Handovers");
        b.HasKey(r => r.Id);
        b.Property(r => r.Post).HasMaxLength(64);
        b.Property(r => r.ShiftCode).HasMaxLength(32);
        b.Property(r => r.OutgoingId).HasMaxLength(64);
        b.Property(r => r.SuccessorId).HasMaxLength(64);
        b.Property(r => r.AcceptedById).HasMaxLength(64);
        b.Property(r => r.RefusedById).HasMaxLength(64);
        b.Property(r => r.ReopenedById).HasMaxLength(64);
        b.Property(r => r.ReviewedById).HasMaxLength(64);
        b.Property(r => r.Progress).HasMaxLength(32);
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.Property(r => r.RefusalReason).HasMaxLength(1000);
        b.Property(r => r.ReopenReason).HasMaxLength(1000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.OutgoingId).OnDelete(DeleteBehavior.Restrict);
        // Optimistic version: a successor's signature and the shift lead's re-open cannot both win.
        b.Property(r => r.Version).IsConcurrencyToken();
        // One handover per post, date and shift: the scheduled prompt and 交班 find the same record, and a prompt fired
        // on two instances creates it once.
        b.HasIndex(r => new { r.Post, r.Date, r.ShiftCode }).IsUnique();
        b.HasIndex(r => new { r.SuccessorId, r.Status });
        b.HasIndex(r => new { r.Status, r.Date });
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Items).AutoInclude();
        b.Ignore(r => r.InOrder);
    }
}

internal sealed class HandoverItemConfiguration : IEntityTypeConfiguration<HandoverItem>
{
    public void Configure(EntityTypeBuilder<HandoverItem> b)
    {
        b.ToTable("HandoverItems");
        b.HasKey(i => i.Id);
        b.Property(i => i.Section).HasConversion<string>().HasMaxLength(24);
        b.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Text).HasMaxLength(1000);
        b.Property(i => i.Cause).HasMaxLength(1000);
        b.Property(i => i.Course).HasMaxLength(1000);
        b.Property(i => i.Result).HasMaxLength(1000);
        b.Property(i => i.Note).HasMaxLength(1000);
        b.Property(i => i.Question).HasMaxLength(1000);
        b.Property(i => i.Answer).HasMaxLength(1000);
        b.Property(i => i.AddedById).HasMaxLength(64);
        b.HasIndex(i => new { i.RecordId, i.Number }).IsUnique();
    }
}

internal sealed class SecurityHandoverEntryConfiguration : IEntityTypeConfiguration<SecurityHandoverEntry>
{
    public void Configure(EntityTypeBuilder<SecurityHandoverEntry> b)
    {
        b.ToTable("SecurityHandoverEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Text).HasMaxLength(1000);
        b.Property(e => e.RecordedById).HasMaxLength(64);
        b.Property(e => e.HandedById).HasMaxLength(64);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.Status);
    }
}

internal sealed class SecurityHandoverRoundConfiguration : IEntityTypeConfiguration<SecurityHandoverRound>
{
    public void Configure(EntityTypeBuilder<SecurityHandoverRound> b)
    {
        b.ToTable("SecurityHandoverRounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Slot).HasConversion<string>().HasMaxLength(16);
        // One prompt per working day and slot: the claim of a job fired twice.
        b.HasIndex(r => new { r.Date, r.Slot }).IsUnique();
    }
}

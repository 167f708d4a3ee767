using Bot.Domain.Features.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Escalation;

internal sealed class EscalationCaseConfiguration : IEntityTypeConfiguration<EscalationCase>
{
    public void Configure(EntityTypeBuilder<EscalationCase> b)
    {
        b.ToTable("Escalations");
        b.HasKey(c => c.Id);
        b.Property(c => c.Kind).HasMaxLength(64);
        b.Property(c => c.Subject).HasMaxLength(200);
        b.Property(c => c.Details).HasMaxLength(EscalationCase.MaxDetails);
        b.Property(c => c.RaisedById).HasMaxLength(64);
        b.Property(c => c.AboutId).HasMaxLength(64);
        b.Property(c => c.AssigneeId).HasMaxLength(64);
        b.Property(c => c.AcknowledgedById).HasMaxLength(64);
        b.Property(c => c.ResolvedById).HasMaxLength(64);
        b.Property(c => c.ResolutionNote).HasMaxLength(2000);
        b.Property(c => c.OpenKey).HasMaxLength(280);
        b.Property(c => c.Severity).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.StartAt).HasConversion<string>().HasMaxLength(24);
        // Optimistic version: two instances acting on one case change it once (the loser's unit rolls back).
        b.Property(c => c.Version).IsConcurrencyToken();
        // One open case per kind and subject: a repeated trigger joins it, even when two instances raise at once.
        b.HasIndex(c => c.OpenKey).IsUnique();
        b.HasIndex(c => new { c.Status, c.NextActionAt });
        b.HasMany(c => c.Notices).WithOne().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Notices).AutoInclude();
    }
}

internal sealed class EscalationNoticeConfiguration : IEntityTypeConfiguration<EscalationNotice>
{
    public void Configure(EntityTypeBuilder<EscalationNotice> b)
    {
        b.ToTable("EscalationNotices");
        b.HasKey(n => n.Id);
        b.Property(n => n.PersonId).HasMaxLength(64);
        b.HasIndex(n => n.PersonId);
    }
}

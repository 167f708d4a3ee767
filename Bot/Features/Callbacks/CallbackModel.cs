using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Callbacks;

internal sealed class CallbackCaseConfiguration : IEntityTypeConfiguration<CallbackCase>
{
    public void Configure(EntityTypeBuilder<CallbackCase> b)
    {
        b.ToTable("CallbackCases");
        b.HasKey(c => c.Id);
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.Property(c => c.Type).HasConversion<string>().HasMaxLength(24);
        b.Property(c => c.UnitCode).HasMaxLength(32);
        b.Property(c => c.Summary).HasMaxLength(500);
        b.Property(c => c.OwnerIds).HasMaxLength(2000);
        b.Property(c => c.ResponsibleIds).HasMaxLength(500);
        b.Property(c => c.RegisteredById).HasMaxLength(64);
        b.Ignore(c => c.Owners);
        b.Ignore(c => c.Responsible);
        // Idempotent registration: the 报事报修 system may send the same case twice, or two instances at once.
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitCode).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Callbacks).WithOne(c => c.Case).HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> b)
    {
        b.ToTable("Callbacks");
        b.HasKey(c => c.Id);
        b.Property(c => c.OwnerId).HasMaxLength(64);
        b.Property(c => c.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Quality).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Effect).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Overall).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Rectification).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Shortcomings).HasMaxLength(500);
        b.Property(c => c.Suggestions).HasMaxLength(500);
        b.Property(c => c.RecordedById).HasMaxLength(64);
        b.Property(c => c.RectifiedById).HasMaxLength(64);
        b.Ignore(c => c.IsDone);
        b.Ignore(c => c.OnTime);
        // Optimistic version: the job fired on two instances, or an answer racing the reminder, changes a callback once.
        b.Property(c => c.Version).IsConcurrencyToken();
        // One callback per owner, stage and round of a case: a rectification marked done twice schedules one new round.
        b.HasIndex(c => new { c.CaseId, c.OwnerId, c.Stage, c.Round }).IsUnique();
        b.HasIndex(c => c.NextActionAt);
        b.HasIndex(c => new { c.OwnerId, c.Status });
        b.HasOne<Owner>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.Case).AutoInclude();
    }
}

internal sealed class PhoneRequestConfiguration : IEntityTypeConfiguration<PhoneRequest>
{
    public void Configure(EntityTypeBuilder<PhoneRequest> b)
    {
        b.ToTable("OwnerPhoneRequests");
        b.HasKey(r => r.Id);
        b.Property(r => r.RequesterId).HasMaxLength(64);
        b.Property(r => r.UnitCode).HasMaxLength(32);
        b.Property(r => r.DecidedById).HasMaxLength(64);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        // Two supervisors pressing 批准 / 拒绝 at once: one decision wins.
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Duty;

internal sealed class DutyLogEntryConfiguration : IEntityTypeConfiguration<DutyLogEntry>
{
    public void Configure(EntityTypeBuilder<DutyLogEntry> b)
    {
        b.ToTable("DutyLog");
        b.HasKey(e => e.Id);
        b.Property(e => e.ShiftCode).HasMaxLength(32);
        b.Property(e => e.Post).HasMaxLength(64);
        b.Property(e => e.RecordedById).HasMaxLength(64);
        b.Property(e => e.ClosedById).HasMaxLength(64);
        b.Property(e => e.What).HasMaxLength(600);
        b.Property(e => e.Area).HasMaxLength(64);
        b.Property(e => e.Handling).HasMaxLength(600);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Report).HasConversion<string>().HasMaxLength(16);
        b.Ignore(e => e.IsOpen);
        // Two people closing one entry at once, or a job settling it while someone closes it: one wins.
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Date, e.Post });
        b.HasIndex(e => new { e.Status, e.Kind });
        b.HasIndex(e => new { e.Report, e.ReportRemindAt });
    }
}

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<IncidentReport>
{
    public void Configure(EntityTypeBuilder<IncidentReport> b)
    {
        b.ToTable("IncidentReports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Course).HasMaxLength(2000);
        b.Property(r => r.Cause).HasMaxLength(2000);
        b.Property(r => r.Handling).HasMaxLength(2000);
        b.Property(r => r.Loss).HasMaxLength(2000);
        b.Property(r => r.Improvement).HasMaxLength(2000);
        b.Property(r => r.WrittenById).HasMaxLength(64);
        b.HasOne<DutyLogEntry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Cascade);
        // One report per event: two people finishing the flow at once write it once.
        b.HasIndex(r => r.EntryId).IsUnique();
    }
}

internal sealed class InspectionRoundConfiguration : IEntityTypeConfiguration<InspectionRound>
{
    public void Configure(EntityTypeBuilder<InspectionRound> b)
    {
        b.ToTable("InspectionRounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.ShiftCode).HasMaxLength(32);
        b.Property(r => r.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.CompletedById).HasMaxLength(64);
        b.Property(r => r.Findings).HasMaxLength(4000);
        b.Ignore(r => r.IsDone);
        b.Property(r => r.Version).IsConcurrencyToken();
        // One round per shift and time: the job creating it on two instances prompts once.
        b.HasIndex(r => new { r.Date, r.ShiftCode, r.Slot }).IsUnique();
        b.HasIndex(r => new { r.Stage, r.Date });
    }
}

internal sealed class LightingSwitchConfiguration : IEntityTypeConfiguration<LightingSwitch>
{
    public void Configure(EntityTypeBuilder<LightingSwitch> b)
    {
        b.ToTable("LightingSwitches");
        b.HasKey(s => s.Id);
        b.Property(s => s.Action).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.ConfirmedById).HasMaxLength(64);
        b.Ignore(s => s.IsConfirmed);
        b.Property(s => s.Version).IsConcurrencyToken();
        // One switching per date and action: a double-fired job reminds once.
        b.HasIndex(s => new { s.Date, s.Action }).IsUnique();
        b.HasIndex(s => new { s.Stage, s.DueAt });
    }
}

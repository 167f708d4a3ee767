using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Duty;

internal sealed class RosterAssignmentConfiguration : IEntityTypeConfiguration<RosterAssignment>
{
    public void Configure(EntityTypeBuilder<RosterAssignment> b)
    {
        b.ToTable("RosterAssignments");
        b.HasKey(a => a.Id);
        b.Property(a => a.ShiftCode).HasMaxLength(32);
        b.Property(a => a.Post).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        // One person holds one post per shift per day.
        b.HasIndex(a => new { a.Date, a.ShiftCode, a.PersonId }).IsUnique();
    }
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.ToTable("Attendance");
        b.HasKey(a => a.Id);
        b.Property(a => a.ShiftCode).HasMaxLength(32);
        b.Property(a => a.CheckIn).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.CheckOut).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.CheckInPlace).HasMaxLength(200);
        b.Ignore(a => a.HasCheckInLocation);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        // One record per person and rostered shift: a second 签到 finds it instead of adding another.
        b.HasIndex(a => new { a.PersonId, a.Date, a.ShiftCode }).IsUnique();
    }
}

internal sealed class DutyManagerConfiguration : IEntityTypeConfiguration<DutyManagerAssignment>
{
    public void Configure(EntityTypeBuilder<DutyManagerAssignment> b)
    {
        b.ToTable("DutyManagers");
        // One duty manager per day (第2篇 1.1).
        b.HasKey(m => m.Date);
        b.Property(m => m.PersonId).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

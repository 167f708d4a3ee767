using Bot.Domain.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Directory;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Language).HasMaxLength(10);
        b.Property(p => p.Phone).HasMaxLength(32);
        b.Property(p => p.ReportsToId).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.ReportsToId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> b)
    {
        b.ToTable("Owners");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasMaxLength(64);
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.FormOfAddress).HasMaxLength(50);
        b.Property(o => o.Phone).HasMaxLength(32);
        b.Property(o => o.Language).HasMaxLength(10);
        b.HasMany(o => o.Units).WithOne().HasForeignKey(u => u.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OwnerUnitConfiguration : IEntityTypeConfiguration<OwnerUnit>
{
    public void Configure(EntityTypeBuilder<OwnerUnit> b)
    {
        b.ToTable("OwnerUnits");
        b.HasKey(u => new { u.OwnerId, u.UnitCode });
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("Units");
        b.HasKey(u => u.Code);
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Building).HasMaxLength(10);
        b.Property(u => u.Entrance).HasMaxLength(10);
        b.Property(u => u.Room).HasMaxLength(10);
    }
}

internal sealed class ChannelIdentityConfiguration : IEntityTypeConfiguration<ChannelIdentity>
{
    public void Configure(EntityTypeBuilder<ChannelIdentity> b)
    {
        b.ToTable("ChannelIdentities");
        b.HasKey(i => new { i.Channel, i.ChannelUserId });
        b.Property(i => i.Channel).HasMaxLength(32);
        b.Property(i => i.ChannelUserId).HasMaxLength(128);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Owner>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_ChannelIdentities_OnePartner", "(PersonId IS NULL) <> (OwnerId IS NULL)"));
    }
}

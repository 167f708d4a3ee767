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

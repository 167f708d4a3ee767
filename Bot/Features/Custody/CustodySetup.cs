using Bot.Domain.Conversations;
using Bot.Domain.Features.Custody;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Custody;

internal sealed class HeldItemConfiguration : IEntityTypeConfiguration<HeldItem>
{
    public void Configure(EntityTypeBuilder<HeldItem> b)
    {
        b.ToTable("HeldItems");
        b.HasKey(i => i.Id);
        b.Property(i => i.What).HasMaxLength(HeldItem.MaxWhatLength);
        b.Property(i => i.ForWhom).HasMaxLength(HeldItem.MaxForLength);
        b.Property(i => i.CollectedBy).HasMaxLength(HeldItem.MaxForLength);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        foreach (var person in new[] { "DecidedById", "HandedOutById" }) b.Property(person).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.RequestedById).OnDelete(DeleteBehavior.Cascade);
        // Two supervisors deciding one request at once, or 取走 pressed twice: one wins.
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.Status);
    }
}

internal sealed class HeldItemStore(BotDbContext db) : IHeldItemStore
{
    public void Add(HeldItem item) => db.Add(item);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<HeldItem?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<HeldItem>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<IReadOnlyList<HeldItem>> OpenAsync(CancellationToken cancellationToken) =>
        await db.Set<HeldItem>()
            .Where(i => i.Status == HeldItemStatus.Requested || i.Status == HeldItemStatus.Held)
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
}

/// <summary>Front-desk custody (第11篇 4, 9): items kept or passed on for people, only with a supervisor's approval.</summary>
public static class CustodySetup
{
    public static WebApplicationBuilder AddCustody(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IHeldItemStore, HeldItemStore>();
        services.AddScoped<IHeldItems, HeldItemsList>();
        services.AddScoped<ITodos, CustodyTodos>();
        services.AddScoped<CustodyDesk>();
        foreach (var kind in new[] { HeldItemKind.Store, HeldItemKind.Pass })
            services.AddScoped<IBotCommand>(sp => new HoldItemCommand(sp.GetRequiredService<CustodyDesk>(), kind));
        foreach (var approve in new[] { true, false })
            services.AddScoped<IBotCommand>(sp => new DecideItemCommand(sp.GetRequiredService<CustodyDesk>(), approve));
        services.AddScoped<IBotCommand, CollectItemCommand>();
        services.AddScoped<IBotCommand, HeldItemsCommand>();
        services.AddScoped<IDigestSection, CustodyDigestSection>();
        return builder;
    }
}

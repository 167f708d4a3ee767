using Bot.Domain.Conversations;
using Bot.Domain.Features.Calls;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Features.Calls;

internal sealed class PhoneCallConfiguration : IEntityTypeConfiguration<PhoneCall>
{
    public void Configure(EntityTypeBuilder<PhoneCall> b)
    {
        b.ToTable("PhoneCalls");
        b.HasKey(c => c.Id);
        b.Property(c => c.Matter).HasMaxLength(PhoneCall.MaxMatterLength);
        b.Property(c => c.UnitCode).HasMaxLength(32);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.PassedToId).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.TakenById).OnDelete(DeleteBehavior.Cascade);
        // Two people pressing a call's outcome at once: one wins.
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.TakenAt);
        b.HasIndex(c => c.Outcome);
        b.HasIndex(c => c.PassedToId);
    }
}

internal sealed class PhoneLog(BotDbContext db) : IPhoneLog
{
    public void Add(PhoneCall call) => db.Add(call);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<PhoneCall?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<PhoneCall>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<IReadOnlyList<PhoneCall>> OpenAsync(CancellationToken cancellationToken) =>
        await db.Set<PhoneCall>().AsNoTracking().Where(c => c.Outcome == CallOutcome.Open).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PhoneCall>> PassedOnToAsync(string personId, CancellationToken cancellationToken) =>
        await db.Set<PhoneCall>().AsNoTracking()
            .Where(c => c.Outcome == CallOutcome.PassedOn && c.PassedToId == personId && c.DoneAt == null)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PhoneCall>> SinceOrOpenAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        await db.Set<PhoneCall>().AsNoTracking()
            .Where(c => c.TakenAt >= from || c.Outcome == CallOutcome.Open)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
}

/// <summary>The phone log (电话记录, 第10篇 一.3): calls written down in chat, and what became of each.</summary>
public static class CallsSetup
{
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IUnitFacts, CallUnitFacts>();
        services.AddScoped<ITodos, CallTodos>();
        services.AddScoped<IPhoneLog, PhoneLog>();
        services.AddScoped<CallDesk>();
        services.AddScoped<IBotCommand, LogCallCommand>();
        services.AddScoped<CallOutcomeCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<CallOutcomeCommand>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<CallOutcomeCommand>());
        services.AddScoped<IBotCommand, CallLogCommand>();
        services.AddScoped<CalledBackCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<CalledBackCommand>());
        services.AddScoped<IResolvedElsewhere>(sp => sp.GetRequiredService<CalledBackCommand>());
        return builder;
    }
}

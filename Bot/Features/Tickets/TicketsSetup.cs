using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Tickets;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Bot.Features.Tickets;

internal sealed class TicketTitleConfiguration : IEntityTypeConfiguration<TicketTitle>
{
    public void Configure(EntityTypeBuilder<TicketTitle> b)
    {
        b.ToTable("TicketTitles");
        b.HasKey(t => t.Title);
        b.Property(t => t.Title).HasMaxLength(TicketTitle.MaxTitleLength);
        b.Property(t => t.Price).HasPrecision(10, 2);
        // Two sales of the last tickets at once: one wins, the other is retried and finds them gone.
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class TicketTillConfiguration : IEntityTypeConfiguration<TicketTill>
{
    public void Configure(EntityTypeBuilder<TicketTill> b)
    {
        b.ToTable("TicketTills");
        b.HasKey(t => t.PersonId);
        b.Property(t => t.PersonId).HasMaxLength(64);
        b.Property(t => t.Amount).HasPrecision(12, 2);
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class TicketEntryConfiguration : IEntityTypeConfiguration<TicketEntry>
{
    public void Configure(EntityTypeBuilder<TicketEntry> b)
    {
        b.ToTable("TicketEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.PassStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Title).HasMaxLength(TicketTitle.MaxTitleLength);
        b.Property(e => e.Price).HasPrecision(10, 2);
        b.Property(e => e.Amount).HasPrecision(12, 2);
        b.Property(e => e.Counted).HasPrecision(12, 2);
        b.Property(e => e.Note).HasMaxLength(TicketEntry.MaxNoteLength);
        b.Property(e => e.ToId).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.ById).OnDelete(DeleteBehavior.Cascade);
        // A sale is taken back once: a second 撤销 (or a double press) fails on this index.
        b.HasIndex(e => e.SaleId).IsUnique();
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.PassStatus);
        // The receiver pressing 收下 and 不收 at once: one wins.
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.Difference);
    }
}

internal sealed class TicketStore(BotDbContext db, ILogger<TicketStore> logger) : ITicketStore
{
    public void Add(TicketEntry entry) => db.Add(entry);

    public void Add(TicketTitle title) => db.Add(title);

    public void Add(TicketTill till) => db.Add(till);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<IReadOnlyList<TicketTitle>> TitlesAsync(CancellationToken cancellationToken) =>
        await db.Set<TicketTitle>().OrderByDescending(t => t.Current).ThenBy(t => t.Title).ToListAsync(cancellationToken);

    public Task<TicketTitle?> TitleAsync(string title, CancellationToken cancellationToken) =>
        db.Set<TicketTitle>().SingleOrDefaultAsync(t => t.Title == title, cancellationToken);

    public async Task<TicketTill?> TillAsync(string personId, CancellationToken cancellationToken) =>
        db.Set<TicketTill>().Local.FirstOrDefault(t => t.PersonId == personId)
        ?? await db.Set<TicketTill>().SingleOrDefaultAsync(t => t.PersonId == personId, cancellationToken);

    public async Task<IReadOnlyList<TicketTill>> HeldAsync(CancellationToken cancellationToken) =>
        // Few rows (one per person who ever took ticket money); filtered and ordered here, as SQLite compares neither
        // decimals nor DateTimeOffsets in SQL.
        [.. (await db.Set<TicketTill>().AsNoTracking().ToListAsync(cancellationToken)).Where(t => t.Amount > 0).OrderBy(t => t.Since)];

    public Task<TicketEntry?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<TicketEntry>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    public Task<bool> VoidedAsync(long saleId, CancellationToken cancellationToken) =>
        db.Set<TicketEntry>().AnyAsync(e => e.SaleId == saleId, cancellationToken);

    public async Task<IReadOnlyList<TicketEntry>> PendingPassesAsync(CancellationToken cancellationToken) =>
        await db.Set<TicketEntry>().Where(e => e.PassStatus == TicketPassStatus.Pending).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TicketEntry>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await db.Set<TicketEntry>().AsNoTracking().Where(e => e.At >= from && e.At < to).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Person>> ReceptionistsAsync(CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Active && (p.Roles & Roles.FrontDesk) != 0).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    public Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, logger, "tickets", cancellationToken);
}

/// <summary>Section <c>Tickets</c>: when a film counts as running short (第12篇 4).</summary>
public sealed class TicketsOptions
{
    public const string Section = "Tickets";

    /// <summary>A film down to this many tickets: the seller is told to ask the cinema for more, and the digest lists it.</summary>
    public int LowStock { get; set; } = 5;

    /// <summary>Takings still held this long before the holder's shift ends: a reminder to hand them in (第12篇 3).</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>From this local time (HH:mm) anyone still holding takings is reminded, on a shift or not (the finance cashier's day ends).</summary>
    public string RemindAt { get; set; } = "16:30";

    /// <summary>On the month's last day, from this local time (HH:mm) the front desk is reminded of next month's posters (第12篇 5).</summary>
    public string PostersAt { get; set; } = "10:00";

    public IEnumerable<string> Problems()
    {
        if (LowStock is < 0 or > 1000) yield return "Tickets:LowStock must be between 0 and 1000.";
        if (RemindBefore <= TimeSpan.Zero || RemindBefore > TimeSpan.FromHours(4)) yield return "Tickets:RemindBefore must be positive and at most four hours.";
        if (Configuration.TimeOfDay(RemindAt) is null) yield return $"Tickets:RemindAt '{RemindAt}' is not HH:mm.";
        if (Configuration.TimeOfDay(PostersAt) is null) yield return $"Tickets:PostersAt '{PostersAt}' is not HH:mm.";
    }

    public TicketPolicy ToPolicy() => new(LowStock, RemindBefore, Configuration.TimeOfDay(RemindAt)!.Value, Configuration.TimeOfDay(PostersAt)!.Value);
}

/// <summary>Cinema tickets sold at the front desk on the cinema's behalf (第12篇 代售电影票).</summary>
public static class TicketsSetup
{
    public static WebApplicationBuilder AddTickets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IHoldings, TicketHoldings>();
        services.AddScoped<ITodos, TicketTodos>();
        services.AddOptions<TicketsOptions>()
            .Bind(builder.Configuration.GetSection(TicketsOptions.Section))
            .Validate(o => !o.Problems().Any(), "Tickets:LowStock must be 0 to 1000, Tickets:RemindBefore positive (at most four hours), Tickets:RemindAt and PostersAt HH:mm.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TicketsOptions>>().Value.ToPolicy());
        services.AddScoped<ITicketStore, TicketStore>();
        services.AddScoped<ITicketsOnHand, TicketsOnHandList>();
        services.AddScoped<TicketDesk>();
        services.AddScoped<TicketWatch>();
        services.AddScoped<IDigestSection, TicketDigestSection>();
        services.AddScoped<IBotCommand, TicketBookCommand>();
        services.AddScoped<IBotCommand, SellTicketsCommand>();
        // One instance: the command and the flow that asks a new film's price.
        services.AddScoped<ReceiveTicketsCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<ReceiveTicketsCommand>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<ReceiveTicketsCommand>());
        services.AddScoped<IBotCommand, VoidSaleCommand>();
        services.AddScoped<IBotCommand, CountTicketsCommand>();
        services.AddScoped<IBotCommand, ReturnTicketsCommand>();
        services.AddScoped<IBotCommand, HandInTakingsCommand>();
        services.AddScoped<IBotCommand, PassTakingsCommand>();
        foreach (var take in new[] { true, false })
            services.AddScoped<IBotCommand>(sp => new TakeTakingsCommand(sp.GetRequiredService<TicketDesk>(), take));
        return builder;
    }

    /// <summary>The month's sales record as CSV, behind the same X-Api-Key as the directory's.</summary>
    public static WebApplication MapTickets(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/tickets").WithTags("Cinema tickets admin").AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/register.csv", RegisterCsvAsync).WithName("TicketRegisterCsv")
            .WithSummary("The cinema-ticket sales record (电影票销售记录表) of a month (?month=yyyy-MM), as CSV")
            .WithDescription("Columns: " + string.Join(", ", TicketRegister.CsvColumns) + ". Times are the department's local time (第12篇 2, 3).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RegisterCsvAsync(HttpRequest request, string? month, ITicketStore store,
        DepartmentProfile department, BotDbContext db, CancellationToken cancellationToken)
    {
        if (!DutyDates.TryParseMonth(month, out var first))
            return DirectoryAdmin.Problem(StatusCodes.Status400BadRequest, DutyTexts.Catalog.Get("MonthRequired", DirectoryAdmin.LanguageOf(request), month ?? ""));
        var entries = await store.BetweenAsync(department.ToInstant(first, TimeOnly.MinValue), department.ToInstant(first.AddMonths(1), TimeOnly.MinValue), cancellationToken);
        var names = await db.Set<Person>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
        return DirectoryAdmin.CsvFile(TicketRegister.ToCsv(entries, names, department), "tickets-" + first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + ".csv");
    }
}

using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Archives;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Features.Archives;

/// <summary>Section <c>Archives</c>: how long a file may be out (第6篇 1.1.5: returned within the set time).</summary>
public sealed class ArchivesOptions
{
    public const string Section = "Archives";

    /// <summary>The return date when the borrower names none: this many days after the loan.</summary>
    public int LoanDays { get; set; } = 3;

    /// <summary>The latest return date a borrower may name.</summary>
    public int MaxLoanDays { get; set; } = 14;

    public IEnumerable<string> Problems()
    {
        if (LoanDays is < 0 or > 90) yield return "Archives:LoanDays must be between 0 and 90.";
        if (MaxLoanDays < LoanDays || MaxLoanDays > 366) yield return "Archives:MaxLoanDays must be at least LoanDays and at most 366.";
    }

    public ArchivePolicy ToPolicy() => new(LoanDays, MaxLoanDays);
}

public static class ArchivesSetup
{
    /// <summary>A file as the admin API shows it.</summary>
    public sealed record ArchiveView(string Code, string Kind, string Title, string Place, bool Secret, string Status);

    public static WebApplicationBuilder AddArchives(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IUnitFacts, ArchiveUnitFacts>();
        services.AddScoped<IHoldings, ArchiveHoldings>();
        services.AddScoped<ITodos, ArchiveTodos>();
        services.AddOptions<ArchivesOptions>()
            .Bind(builder.Configuration.GetSection(ArchivesOptions.Section))
            .Validate(o => !o.Problems().Any(), "Archives:LoanDays must be 0 to 90 and Archives:MaxLoanDays at least LoanDays and at most 366.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ArchivesOptions>>().Value.ToPolicy());
        services.AddScoped<IArchiveStore, ArchiveStore>();
        services.AddScoped<ArchiveDesk>();
        services.AddScoped<ArchiveWatch>();
        services.AddScoped<ArchiveMonthEnd>();
        services.AddScoped<ArchiveImporter>();
        services.AddScoped<IDigestSection, ArchiveDigestSection>();
        foreach (var readOnly in new[] { false, true })
        {
            // Two instances (借档案, 查阅档案), each its own command and its own purpose question.
            services.AddKeyedScoped<BorrowArchiveCommand>(readOnly, (sp, _) => new BorrowArchiveCommand(sp.GetRequiredService<ArchiveDesk>(), readOnly));
            services.AddScoped<IBotCommand>(sp => sp.GetRequiredKeyedService<BorrowArchiveCommand>(readOnly));
            services.AddScoped<IConversationFlow>(sp => sp.GetRequiredKeyedService<BorrowArchiveCommand>(readOnly));
        }
        services.AddScoped<IBotCommand, ApproveArchiveCommand>();
        services.AddScoped<IBotCommand, WithdrawArchiveCommand>();
        services.AddScoped<IBotCommand, LendArchiveCommand>();
        services.AddScoped<IBotCommand, RefuseArchiveCommand>();
        services.AddScoped<IBotCommand, ReturnArchiveCommand>();
        services.AddScoped<IBotCommand, ReceiveArchiveCommand>();
        services.AddScoped<IBotCommand, ArchiveRecordCommand>();
        services.AddScoped<IBotCommand, FindArchiveCommand>();
        services.AddScoped<IBotCommand, ArchiveFoundCommand>();
        services.AddScoped<IBotCommand, VisitorReadingCommand>();
        foreach (var lost in new[] { true, false })
            services.AddScoped<IBotCommand>(sp => new ArchiveIncidentCommand(sp.GetRequiredService<ArchiveDesk>(), sp.GetRequiredService<EscalationService>(), lost));
        return builder;
    }

    /// <summary>The catalogue (docs/archives-csv.md) and the month's loan register, behind the same X-Api-Key as the directory's.</summary>
    public static WebApplication MapArchives(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/archives").WithTags("Archives admin").AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", (HttpRequest request, ArchiveImporter importer, IOptionsMonitor<AdminOptions> options, CancellationToken cancellationToken) =>
                DirectoryAdmin.ImportAsync(request, options.CurrentValue, importer.ArchivesAsync, cancellationToken))
            .WithName("ImportArchives")
            .WithSummary("Import the archive catalogue (档案总目录)")
            .WithDescription("Columns: code, kind (owner, document, technical, record, staff, other), title, place; optional secret (true/false). All-or-nothing, upsert by code, nothing deleted. See docs/archives-csv.md.")
            .WithMetadata(new DirectoryAdmin.CsvBodyMetadata())
            .Produces<DirectoryAdmin.ImportProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/", ListAsync).WithName("ListArchives").WithSummary("List the archive catalogue (档案总目录)");
        api.MapGet("/register.csv", RegisterCsvAsync).WithName("ArchiveRegisterCsv")
            .WithSummary("The archive loan register (借阅登记) of a month (?month=yyyy-MM), as CSV")
            .WithDescription("Columns: " + string.Join(", ", ArchiveRegister.CsvColumns) + ". Times are the department's local time (第5篇 1.3, 第6篇 1.1.5).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<List<ArchiveView>>> ListAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var archives = await db.Set<Archive>().AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(archives.Select(a => new ArchiveView(a.Code, ArchiveImport.KindName(a.Kind, english: true), a.Title, a.Place, a.Secret,
            a.Status.ToString().ToLowerInvariant())).ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RegisterCsvAsync(HttpRequest request, string? month, IArchiveStore store,
        DepartmentProfile department, BotDbContext db, CancellationToken cancellationToken)
    {
        if (!DutyDates.TryParseMonth(month, out var first))
            return DirectoryAdmin.Problem(StatusCodes.Status400BadRequest, DutyTexts.Catalog.Get("MonthRequired", DirectoryAdmin.LanguageOf(request), month ?? ""));
        var loans = await store.BetweenAsync(department.ToInstant(first, TimeOnly.MinValue), department.ToInstant(first.AddMonths(1), TimeOnly.MinValue), cancellationToken);
        var names = await db.Set<Person>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
        var titles = await db.Set<Archive>().AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Title, StringComparer.Ordinal, cancellationToken);
        return DirectoryAdmin.CsvFile(ArchiveRegister.ToCsv(loans, names, titles, department), "archives-" + first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + ".csv");
    }
}

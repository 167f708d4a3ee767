using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Hazards;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Features.Hazards;

/// <summary>Section <c>Hazards</c>: the materials under control (第13篇 1.0) and when one not returned is chased.</summary>
public sealed class HazardsOptions
{
    public const string Section = "Hazards";

    public List<string> Materials { get; set; } = [];

    /// <summary>Issued this long ago and not returned → the holder is reminded and the issuer told.</summary>
    public TimeSpan ReturnWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>第13篇 1.0, when the configuration names none.</summary>
    public IReadOnlyList<string> EffectiveMaterials => Materials.Count > 0 ? Materials : ["鼠药", "敌敌畏", "灭螂药", "酒精", "稀料"];

    public IEnumerable<string> Problems()
    {
        if (ReturnWithin <= TimeSpan.Zero || ReturnWithin > TimeSpan.FromDays(2)) yield return "Hazards:ReturnWithin must be positive and at most two days.";
        if (Materials.Any(m => string.IsNullOrWhiteSpace(m) || m.Trim().Length > 32)) yield return "Hazards:Materials must be names of 1 to 32 characters.";
    }

    public HazardPolicy ToPolicy() => new([.. EffectiveMaterials.Select(m => m.Trim())], ReturnWithin);
}

public static class HazardsSetup
{
    public static WebApplicationBuilder AddHazards(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IHoldings, HazardHoldings>();
        services.AddScoped<ITodos, HazardTodos>();
        services.AddOptions<HazardsOptions>()
            .Bind(builder.Configuration.GetSection(HazardsOptions.Section))
            .Validate(o => !o.Problems().Any(), "Hazards:ReturnWithin must be positive (at most two days) and Hazards:Materials names of 1 to 32 characters.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HazardsOptions>>().Value.ToPolicy());
        services.AddScoped<IHazardStore, HazardStore>();
        services.AddScoped<HazardDesk>();
        services.AddScoped<HazardWatch>();
        services.AddScoped<IDigestSection, HazardDigestSection>();
        services.AddScoped<IBotCommand, DrawHazardCommand>();
        services.AddScoped<IBotCommand, IssueHazardCommand>();
        services.AddScoped<IBotCommand, RefuseHazardCommand>();
        services.AddScoped<IBotCommand, ReturnHazardCommand>();
        services.AddScoped<IBotCommand, HazardRecordCommand>();
        services.AddScoped<IBotCommand, HazardAnomalyCommand>();
        return builder;
    }

    /// <summary>The register of a month as CSV, behind the same X-Api-Key as the directory's.</summary>
    public static WebApplication MapHazards(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/hazards").WithTags("Hazardous materials admin").AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/register.csv", RegisterCsvAsync).WithName("HazardRegisterCsv")
            .WithSummary("The hazardous materials register (危险品使用登记表) of a month (?month=yyyy-MM), as CSV")
            .WithDescription("Columns: " + string.Join(", ", HazardRegister.CsvColumns) + ". Times are the department's local time (第13篇 2.0, 4.0).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RegisterCsvAsync(HttpRequest request, string? month, IHazardStore store,
        DepartmentProfile department, BotDbContext db, CancellationToken cancellationToken)
    {
        if (!DutyDates.TryParseMonth(month, out var first))
            return DirectoryAdmin.Problem(StatusCodes.Status400BadRequest, DutyTexts.Catalog.Get("MonthRequired", DirectoryAdmin.LanguageOf(request), month ?? ""));
        var uses = await store.BetweenAsync(department.ToInstant(first, TimeOnly.MinValue), department.ToInstant(first.AddMonths(1), TimeOnly.MinValue), cancellationToken);
        var names = await db.Set<Person>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
        return DirectoryAdmin.CsvFile(HazardRegister.ToCsv(uses, names, department), "hazards-" + first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + ".csv");
    }
}

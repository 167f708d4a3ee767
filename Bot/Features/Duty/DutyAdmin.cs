using System.Globalization;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Features.Duty;

/// <summary>
/// The duty admin API, behind the same X-Api-Key as the directory's: the clerk imports a month's roster by CSV
/// (docs/roster-csv.md) and reads it back.
/// </summary>
public static class DutyAdmin
{
    private const string Tag = "Duty admin";

    /// <summary>The import's answer.</summary>
    /// <param name="Warnings">Imported, but to be seen to (days without a duty manager, 第2篇 1.1); absent when none.</param>
    public sealed record RosterImportCounts(string Month, int Added, int Changed, int Removed, int Unchanged, int SkippedPastDays, int PeopleTold,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

    /// <summary>One row of the roster as stored (shift "duty_manager" for the day's 值班经理).</summary>
    public sealed record RosterLine(string Date, string Person, string Name, string Shift, string Post);

    public static WebApplication MapDuty(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/duty").WithTags(Tag).AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/roster", ImportRosterAsync).WithName("ImportRoster")
            .WithSummary("Import a month's roster (排班表)")
            .WithDescription("Columns: date (yyyy-MM-dd), person (id or unique name), shift (a configured shift code, or duty_manager / 值班经理), post. All dates in one month. All-or-nothing: unknown people or shifts, bad dates and overlapping shifts are listed with their line numbers and nothing is imported. The month is replaced from today on; people whose days changed in an already published month are told what changed. See docs/roster-csv.md.")
            .WithMetadata(new DirectoryAdmin.CsvBodyMetadata())
            .Produces<DirectoryAdmin.ImportProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/roster", ListRosterAsync).WithName("ListRoster")
            .WithSummary("The stored roster of a month (?month=yyyy-MM)");

        api.MapGet("/attendance", AttendanceCsvAsync).WithName("AttendanceReport")
            .WithSummary("Attendance per person for a month (?month=yyyy-MM), as CSV")
            .WithDescription("Columns: person, name, shifts, late, early_leave, absent, corrections (第7篇: the 考勤员 reports attendance to HR).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        return app;
    }

    private static async Task<Results<Ok<RosterImportCounts>, ProblemHttpResult>> ImportRosterAsync(HttpRequest request, RosterImporter importer,
        IOptionsMonitor<AdminOptions> options, CancellationToken cancellationToken)
    {
        var (csv, problem) = await DirectoryAdmin.ReadCsvAsync(request, options.CurrentValue, cancellationToken);
        if (problem is not null) return problem;
        var outcome = await importer.ImportAsync(csv!, DirectoryAdmin.LanguageOf(request), cancellationToken);
        if (outcome.Errors.Count > 0) return DirectoryAdmin.Invalid(request, outcome.Errors);
        return TypedResults.Ok(new RosterImportCounts(outcome.Month, outcome.Added, outcome.Changed, outcome.Removed, outcome.Unchanged,
            outcome.SkippedPastDays, outcome.PeopleTold, outcome.Warnings));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AttendanceCsvAsync(HttpRequest request, string? month, AttendanceReport report, CancellationToken cancellationToken)
    {
        if (!DutyDates.TryParseMonth(month, out var first))
            return DirectoryAdmin.Problem(StatusCodes.Status400BadRequest, DutyTexts.Catalog.Get("MonthRequired", DirectoryAdmin.LanguageOf(request), month ?? ""));
        var lines = await report.MonthAsync(first, cancellationToken);
        return DirectoryAdmin.CsvFile(AttendanceReport.ToCsv(lines), "attendance-" + first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + ".csv");
    }

    private static async Task<Results<Ok<List<RosterLine>>, ProblemHttpResult>> ListRosterAsync(HttpRequest request, string? month, BotDbContext db, CancellationToken cancellationToken)
    {
        if (!DutyDates.TryParseMonth(month, out var first))
            return DirectoryAdmin.Problem(StatusCodes.Status400BadRequest, DutyTexts.Catalog.Get("MonthRequired", DirectoryAdmin.LanguageOf(request), month ?? ""));
        var last = first.AddMonths(1).AddDays(-1);
        var names = await db.Set<Person>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
        var shifts = await db.Set<RosterAssignment>().AsNoTracking().Where(a => a.Date >= first && a.Date <= last).ToListAsync(cancellationToken);
        var managers = await db.Set<DutyManagerAssignment>().AsNoTracking().Where(m => m.Date >= first && m.Date <= last).ToListAsync(cancellationToken);
        string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return TypedResults.Ok(shifts.Select(a => new RosterLine(Date(a.Date), a.PersonId, names.GetValueOrDefault(a.PersonId, a.PersonId), a.ShiftCode, a.Post))
            .Concat(managers.Select(m => new RosterLine(Date(m.Date), m.PersonId, names.GetValueOrDefault(m.PersonId, m.PersonId), RosterImport.ManagerWords[0], "")))
            .OrderBy(l => l.Date, StringComparer.Ordinal).ThenBy(l => l.Shift, StringComparer.Ordinal).ThenBy(l => l.Person, StringComparer.Ordinal)
            .ToList());
    }
}

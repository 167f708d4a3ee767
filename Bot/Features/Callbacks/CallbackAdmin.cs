using System.Globalization;
using System.Text;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Features.Directory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Features.Callbacks;

/// <summary>
/// The callback admin API: the company's 报事报修 system registers completed work (idempotent by its case id), and the
/// rates come out as CSV. Same X-Api-Key as the directory admin API. Owners appear by id only, never with a phone (第11篇 3).
/// </summary>
public static class CallbackAdmin
{
    private const string Tag = "Callbacks admin";
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    /// <summary>A completed case to call back. Type: complaint, minor_repair, repair_project, special_service, activity, other.</summary>
    /// <param name="Owners">Owner ids; empty = every owner of the unit. An activity lists its participants.</param>
    /// <param name="Responsible">Staff ids or names who answer for the callback.</param>
    /// <param name="CompletedAt">When the work was completed; default now. Not used for a special service (its period end is).</param>
    public sealed record CaseRequest(string? ExternalId, string? Type, string? Unit, IReadOnlyList<string>? Owners, string? Summary,
        IReadOnlyList<string>? Responsible, DateTimeOffset? CompletedAt = null, DateTimeOffset? PeriodStart = null, DateTimeOffset? PeriodEnd = null);

    public sealed record CallbackView(long Id, string Owner, int Round, string Stage, DateTimeOffset DueFrom, DateTimeOffset DueBy, string Status,
        DateTimeOffset? CompletedAt, string? Overall, bool? OnTime, string Rectification, bool RecordedByStaff);

    public sealed record CaseView(long Id, string? ExternalId, string Type, string Unit, IReadOnlyList<string> Owners, string Summary,
        IReadOnlyList<string> Responsible, DateTimeOffset CompletedAt, IReadOnlyList<CallbackView> Callbacks);

    public static WebApplication MapCallbacks(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/callbacks").WithTags(Tag).AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/cases", RegisterAsync).WithName("RegisterCallbackCase")
            .WithSummary("Register a completed case to call back (回访), idempotent by externalId")
            .WithDescription("A new case answers 201 with its callbacks; a known externalId answers 200 with the existing case, unchanged. An unknown unit, owner or member of staff answers 400 with the reason (Chinese unless Accept-Language starts with en).");
        api.MapGet("/cases/{id:long}", GetAsync).WithName("GetCallbackCase")
            .WithSummary("A case with its callback history (rounds, answers, rectifications)");
        api.MapGet("/stats.csv", StatsCsvAsync).WithName("CallbackStatsCsv")
            .WithSummary("Callback rates per case type against the targets (第9篇 二), as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        return app;
    }

    private static async Task<Results<Created<CaseView>, Ok<CaseView>, ProblemHttpResult>> RegisterAsync(CaseRequest body, HttpRequest request,
        CallbackService callbacks, ICallbackStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var language = DirectoryAdmin.LanguageOf(request);
        if (CallbackTexts.ParseType(body.Type ?? "") is not { } type)
            return Invalid(language, Texts.Get("UnknownType", language, body.Type ?? "", string.Join(", ", Enum.GetValues<CaseType>().Select(CallbackTexts.Code))));

        var registration = new CaseRegistration(body.ExternalId, type, body.Unit ?? "", body.Owners ?? [], body.Summary ?? "", body.Responsible ?? [],
            body.CompletedAt, body.PeriodStart, body.PeriodEnd);
        var now = time.GetUtcNow();
        RegistrationResult? result = null;
        var won = await store.AtomicallyAsync(async () => result = await callbacks.RegisterAsync(registration, null, now, cancellationToken), cancellationToken);
        if (!won && body.ExternalId is { Length: > 0 } externalId
            && await store.FindCaseByExternalIdAsync(externalId.Trim(), cancellationToken) is { } raced)
            return TypedResults.Ok(View(raced)); // registered by a concurrent call with the same id
        if (result?.Case is not { } registered) return Invalid(language, result?.Error(language) ?? "");
        return result.Existing
            ? TypedResults.Ok(View(registered))
            : TypedResults.Created($"/api/admin/callbacks/cases/{registered.Id}", View(registered));
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> GetAsync(long id, ICallbackStore store, CancellationToken cancellationToken) =>
        await store.FindCaseAsync(id, cancellationToken) is { } found ? TypedResults.Ok(View(found)) : TypedResults.NotFound();

    private static async Task<FileContentHttpResult> StatsCsvAsync(CallbackStats stats, TimeProvider time, CancellationToken cancellationToken)
    {
        var rates = await stats.ComputeAsync(time.GetUtcNow(), cancellationToken);
        var csv = new StringBuilder("type,type_zh,due,done,callback_rate,target,meets_target,on_time_rate,satisfaction_rate\n");
        foreach (var t in rates.Types)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{CallbackTexts.Code(t.Type)},{CallbackTexts.TypeName(t.Type, TextCatalog.Chinese)},{t.Due},{t.Done},")
               .Append(CultureInfo.InvariantCulture, $"{Number(t.Rate)},{(t.TargetPercent is { } p ? p.ToString(CultureInfo.InvariantCulture) : "")},")
               .Append(CultureInfo.InvariantCulture, $"{(t.MeetsTarget is { } met ? (met ? "yes" : "no") : "")},{Number(t.OnTimeRate)},{Number(t.SatisfactionRate)}\n");
        }
        csv.Append(CultureInfo.InvariantCulture, $"open_rectifications,,{rates.OpenRectifications},,,,,,\n");
        return DirectoryAdmin.CsvFile(csv.ToString(), "callback-stats.csv");
    }

    private static string Number(double? value) => value is { } v ? Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture) : "";

    private static ProblemHttpResult Invalid(string language, string detail) =>
        TypedResults.Problem(title: Texts.Get("RegisterInvalidTitle", language), detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static CaseView View(CallbackCase c) => new(c.Id, c.ExternalId, CallbackTexts.Code(c.Type), c.UnitCode, c.Owners, c.Summary, c.Responsible, c.CompletedAt,
        [.. c.Callbacks.OrderBy(b => b.Id).Select(b => new CallbackView(b.Id, b.OwnerId, b.Round, b.Stage.ToString().ToLowerInvariant(), b.DueFrom, b.DueBy,
            b.Status.ToString(), b.CompletedAt, b.Overall?.ToString(), b.IsDone ? b.OnTime : null, b.Rectification.ToString(), b.RecordedById is not null))]);
}

using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Bot.Features.Directory;

/// <summary>Section <c>Admin</c>: the admin API. An empty <see cref="ApiKey"/> switches it off.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Sent by callers as the X-Api-Key header. Empty = the admin API is disabled (403).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Largest CSV body accepted, in bytes (5 MiB by default).</summary>
    public long MaxCsvBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>
/// The directory import admin API (docs/directory-csv.md): POST a CSV of units, people, owners or channel identities;
/// GET people and owners to check an import. Owners are listed without phone numbers (第11篇 3), people too.
/// </summary>
public static partial class DirectoryAdmin
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string Tag = "Directory admin";
    private const string SecuritySchemeName = "AdminApiKey";
    private const string AdminPathPrefix = "/api/admin/";
    private static readonly string[] CsvMediaTypes = ["text/csv", "text/plain", "application/octet-stream"];
    private static readonly TextCatalog Texts = DirectoryTexts.Catalog;

    /// <summary>The import's answer.</summary>
    /// <param name="Warnings">Applied, but to be seen to (a person retired while still holding keys or files); absent when none.</param>
    public sealed record ImportCounts(int Created, int Updated,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

    /// <summary>One bad line of an import file. Column is null when the whole line is wrong.</summary>
    public sealed record ImportErrorItem(int Line, string? Column, string Message);

    /// <summary>The shape of the 400 answer (RFC 7807 problem details with the list of errors), for the OpenAPI document.</summary>
    public sealed record ImportProblem(string? Type, string Title, int Status, string? Detail, IReadOnlyList<ImportErrorItem> Errors);

    /// <summary>A person as the admin API shows them: no phone number.</summary>
    public sealed record PersonView(string Id, string Name, IReadOnlyList<string> Roles, string? ReportsTo, string Language, bool Active);

    /// <summary>An owner as the admin API shows them: never the phone number (第11篇 3), only whether one is on file.</summary>
    public sealed record OwnerView(string Id, string Name, string FormOfAddress, IReadOnlyList<string> Units, string Language, bool DoNotDisturb, bool HasPhone);

    public static WebApplicationBuilder AddDirectoryAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .Bind(builder.Configuration.GetSection(AdminOptions.Section))
            .Validate(o => o.MaxCsvBytes > 0, "Admin:MaxCsvBytes must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<DirectoryImporter>();
        builder.Services.Configure<OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                DocumentApiKey(document);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CsvBodyMetadata>().Any()) DocumentCsvBody(operation);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapDirectoryAdmin(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/directory").WithTags(Tag).AddEndpointFilter<AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        MapImport(api, "/units", "Import units (房屋)", "Columns: code (building-entrance-room, e.g. 3-1-502); optional building, entrance, room.",
            (importer, csv, _, ct) => importer.UnitsAsync(csv, ct));
        MapImport(api, "/people", "Import people (员工)", "Columns: id, name, roles (; separated); optional reports_to, language, phone, active.",
            (importer, csv, language, ct) => importer.PeopleAsync(csv, language, ct));
        MapImport(api, "/owners", "Import owners (业主)", "Columns: id, name, form_of_address, units (; separated, already imported); optional phone (confidential), language, do_not_disturb.",
            (importer, csv, _, ct) => importer.OwnersAsync(csv, ct));
        MapImport(api, "/identities", "Import channel identities (渠道账号)", "Columns: channel, channel_user_id, and exactly one of person_id, owner_id (already imported).",
            (importer, csv, _, ct) => importer.IdentitiesAsync(csv, ct));

        api.MapGet("/people", ListPeopleAsync).WithName("ListDirectoryPeople")
            .WithSummary("List people (员工), without phone numbers");
        api.MapGet("/owners", ListOwnersAsync).WithName("ListDirectoryOwners")
            .WithSummary("List owners (业主), without phone numbers (第11篇 3)");
        return app;
    }

    private static void MapImport(RouteGroupBuilder api, string path, string summary, string description,
        Func<DirectoryImporter, string, string, CancellationToken, Task<ImportOutcome>> import)
    {
        api.MapPost(path, (HttpRequest request, DirectoryImporter importer, IOptionsMonitor<AdminOptions> options, CancellationToken cancellationToken) =>
                ImportAsync(request, options.CurrentValue, (csv, ct) => import(importer, csv, LanguageOf(request), ct), cancellationToken))
            .WithName("ImportDirectory" + char.ToUpperInvariant(path[1]) + path[2..])
            .WithSummary(summary)
            .WithDescription(description + " All-or-nothing: every row is checked and, if any is wrong, nothing is imported and every error is listed. Rows are upserted by id; nothing is deleted. Messages are Chinese unless Accept-Language starts with en. See docs/directory-csv.md.")
            // Not .Accepts(): its content-type matching would answer a bare 415 before the key check and without the hint.
            .WithMetadata(new CsvBodyMetadata())
            .Produces<ImportProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>Reads and checks a CSV body and runs the import; shared with the key register import (Features/Keys).</summary>
    internal static async Task<Results<Ok<ImportCounts>, ProblemHttpResult>> ImportAsync(HttpRequest request, AdminOptions options,
        Func<string, CancellationToken, Task<ImportOutcome>> import, CancellationToken cancellationToken)
    {
        var (csv, problem) = await ReadCsvAsync(request, options, cancellationToken);
        if (problem is not null) return problem;
        var outcome = await import(csv!, cancellationToken);
        return outcome.Errors.Count == 0 ? TypedResults.Ok(new ImportCounts(outcome.Created, outcome.Updated, outcome.Warnings)) : Invalid(request, outcome.Errors);
    }

    /// <summary>The request's CSV text, or the problem to answer with (wrong content type, too large, empty, not UTF-8).</summary>
    internal static async Task<(string? Csv, ProblemHttpResult? Problem)> ReadCsvAsync(HttpRequest request, AdminOptions options, CancellationToken cancellationToken)
    {
        var language = LanguageOf(request);
        // No content type is taken as CSV; a wrong one (curl's default form encoding, say) is refused with a hint.
        if (request.ContentType is { Length: > 0 } contentType
            && !(MediaTypeHeaderValue.TryParse(contentType, out var media) && CsvMediaTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase)))
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, Texts.Get("ImportUnsupportedMediaType", language, contentType)));

        var body = await ReadBodyAsync(request, options.MaxCsvBytes, cancellationToken);
        if (body is null)
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, Texts.Get("ImportTooLarge", language, options.MaxCsvBytes)));
        if (body.Length == 0)
            return (null, Problem(StatusCodes.Status400BadRequest, Texts.Get("ImportEmptyBody", language)));

        try
        {
            return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body), null);
        }
        catch (DecoderFallbackException)
        {
            // A Chinese Excel saves "CSV" as GBK unless told otherwise; guessing the encoding would garble names.
            return (null, Problem(StatusCodes.Status400BadRequest, Texts.Get("ImportNotUtf8", language)));
        }
    }

    /// <summary>The 400 answer listing every error of an all-or-nothing import (<see cref="ImportProblem"/>).</summary>
    internal static ProblemHttpResult Invalid(HttpRequest request, IReadOnlyList<ImportError> importErrors)
    {
        var language = LanguageOf(request);
        var errors = importErrors.Select(e => new ImportErrorItem(e.Line, e.Column, e.Message(language))).ToList();
        return TypedResults.Problem(
            title: Texts.Get("ImportInvalidTitle", language),
            detail: Texts.Get("ImportInvalidDetail", language, errors.Count),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>The body, or null when it is over <paramref name="maxBytes"/> (read no further than one byte past the limit).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        // Let Kestrel's own limit (30 MB) not undercut a larger configured one.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && limit.MaxRequestBodySize < maxBytes + 1)
            limit.MaxRequestBodySize = maxBytes + 1;

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return null;
        }
        return buffer.ToArray();
    }

    private static async Task<Ok<List<PersonView>>> ListPeopleAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var people = await db.Set<Person>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(people.Select(p => new PersonView(p.Id, p.Name, RoleNames.Codes(p.Roles), p.ReportsToId, p.Language, p.Active)).ToList());
    }

    private static async Task<Ok<List<OwnerView>>> ListOwnersAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var owners = await db.Set<Owner>().AsNoTracking().Include(o => o.Units).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(owners.Select(o => new OwnerView(o.Id, o.Name, o.FormOfAddress,
            o.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal).ToList(), o.Language, o.DoNotDisturb, !string.IsNullOrEmpty(o.Phone))).ToList());
    }

    /// <summary>Chinese by default (the department's language); English when Accept-Language starts with "en".</summary>
    internal static string LanguageOf(HttpRequest request) => TextCatalog.NormalizeLanguage(request.Headers.AcceptLanguage.ToString().TrimStart());

    internal static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>
    /// A CSV register as a download the office opens in Excel: with a UTF-8 BOM, as Excel on a Chinese Windows reads a
    /// file without one as GBK and garbles every name; and with a file name, so a browser saves it as the month's file.
    /// </summary>
    internal static FileContentHttpResult CsvFile(string csv, string fileName) =>
        TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", fileName);

    /// <summary>Marks the import endpoints, whose body is a CSV file read by hand (see <see cref="DocumentCsvBody"/>).</summary>
    internal sealed record CsvBodyMetadata;

    private static void DocumentCsvBody(OpenApiOperation operation) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The CSV file, UTF-8, header row first (docs/directory-csv.md).",
            Content = CsvMediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
        };

    /// <summary>Declares the X-Api-Key header as a security scheme and requires it on every admin operation.</summary>
    private static void DocumentApiKey(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader,
            Description = "The value of the Admin:ApiKey setting. When the setting is empty the admin API answers 403.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(AdminPathPrefix, StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] });
            }
        }
    }

    /// <summary>
    /// The admin API key check. Both sides are hashed first so that FixedTimeEquals compares equal lengths: comparing the
    /// raw strings would return early on a length mismatch and tell an attacker how long the key is.
    /// </summary>
    internal sealed partial class AdminKeyFilter(IOptionsMonitor<AdminOptions> options, ILogger<AdminKeyFilter> logger) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var request = context.HttpContext.Request;
            var language = LanguageOf(request);
            var configured = options.CurrentValue.ApiKey;
            if (string.IsNullOrEmpty(configured))
                return Problem(StatusCodes.Status403Forbidden, Texts.Get("AdminDisabled", language));

            var sent = request.Headers[ApiKeyHeader].ToString();
            if (!Matches(sent, configured))
            {
                // The key itself is never logged, right or wrong.
                LogRejected(logger, request.Method, request.Path, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", sent.Length > 0);
                return Problem(StatusCodes.Status401Unauthorized, Texts.Get("AdminUnauthorized", language));
            }
            return await next(context);
        }

        private static bool Matches(string sent, string configured) =>
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

        [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API request {Method} {Path} from {RemoteAddress} rejected: API key {KeyState}")]
        private static partial void LogRejectedCore(ILogger logger, string method, string path, string remoteAddress, string keyState);

        private static void LogRejected(ILogger logger, string method, PathString path, string remoteAddress, bool keySent) =>
            LogRejectedCore(logger, method, path.Value ?? "", remoteAddress, keySent ? "wrong" : "missing");
    }
}

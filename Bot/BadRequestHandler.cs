using System.Text.Json;
using Bot.Domain.Features.Directory;
using Bot.Features.Directory;
using Microsoft.AspNetCore.Diagnostics;

namespace Bot;

/// <summary>
/// A body the endpoint cannot read (not JSON, a date as "2026/11/27") is the caller's mistake: it answers 400 saying which
/// field could not be read, in the caller's language, instead of a bare 500 (Development) or an empty 400 (Production).
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var language = DirectoryAdmin.LanguageOf(httpContext.Request);
        var field = FindJsonError(bad)?.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = DirectoryTexts.Catalog.Get("AdminBadRequestTitle", language),
                Detail = field is null
                    ? DirectoryTexts.Catalog.Get("AdminBadRequest", language)
                    : DirectoryTexts.Catalog.Get("AdminBadRequestField", language, field),
            },
        });
    }

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is JsonException json) return json;
        return null;
    }
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using Bot.Channels.LocalChat;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bot;

public static partial class Startup
{
    /// <summary>Problem details for every error, the OpenAPI document, and JSON that keeps Chinese readable.</summary>
    public static WebApplicationBuilder AddHttpApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = LocalizeAdminTitle);
        // An unreadable body throws in every environment, so BadRequestHandler can say what was wrong (not an empty 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddOpenApi();
        // Chinese stays Chinese in JSON answers (names, messages); HTML-sensitive characters are still escaped.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        // A date alone is the department's day, from its local midnight.
        builder.Services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<Bot.Domain.Conversations.DepartmentProfile>((o, department) => o.SerializerOptions.Converters.Add(new DepartmentDateConverter(department)));
        return builder;
    }

    /// <summary>
    /// A 400 of the admin API with no title of its own (its detail in the caller's language) would carry ASP.NET's
    /// English "Bad Request" above a Chinese detail: it gets the admin API's title, in the caller's language.
    /// </summary>
    private static void LocalizeAdminTitle(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        if (context.ProblemDetails.Status != StatusCodes.Status400BadRequest
            || !request.Path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase)
            || context.ProblemDetails.Title is { } title && title != ReasonPhrases.GetReasonPhrase(StatusCodes.Status400BadRequest))
            return;
        context.ProblemDetails.Title = Bot.Domain.Features.Directory.DirectoryTexts.Catalog.Get("AdminBadRequestTitle", Bot.Features.Directory.DirectoryAdmin.LanguageOf(request));
    }

    /// <summary>Once listening, says where a person can chat with the bot.</summary>
    public static void AnnounceWhereToChat(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var localChat = app.Services.GetRequiredService<IOptions<LocalChatOptions>>().Value.Enabled == true;
            foreach (var address in addresses)
            {
                if (localChat) LogChatPage(app.Logger, address.TrimEnd('/') + "/chat");
                LogMessagesEndpoint(app.Logger, address.TrimEnd('/') + "/api/messages");
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat with the bot at {Url} (pick who you are)")]
    private static partial void LogChatPage(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework endpoint (emulator / Direct Line clients): {Url}")]
    private static partial void LogMessagesEndpoint(ILogger logger, string url);
}

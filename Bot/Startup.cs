using System.Text.Encodings.Web;
using System.Text.Unicode;
using Bot.Channels.LocalChat;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bot;

public static partial class Startup
{
    /// <summary>Problem details for every error, the OpenAPI document, and JSON that keeps Chinese readable.</summary>
    public static WebApplicationBuilder AddHttpApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // An unreadable body throws in every environment, so BadRequestHandler can say what was wrong (not an empty 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddOpenApi();
        // Chinese stays Chinese in JSON answers (names, messages); HTML-sensitive characters are still escaped.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        return builder;
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

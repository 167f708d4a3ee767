using Bot.Conversations;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

public static partial class TeamsSetup
{
    /// <summary>The Bot Framework channel: options, the authenticator for the current mode, and the outbound sender.</summary>
    public static WebApplicationBuilder AddTeamsChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TeamsOptions>()
            .Bind(builder.Configuration.GetSection(TeamsOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0, "Teams:MaxBodyBytes must be positive.")
            .Validate(o => o.SendTimeout > TimeSpan.Zero, "Teams:SendTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<TeamsChannelMode>();
        services.AddSingleton<IActivityAuthenticator>(sp => sp.GetRequiredService<TeamsChannelMode>().Emulator
            ? new EmulatorAuthenticator()
            : new NotImplementedAuthenticator());
        services.AddScoped<TeamsMessagesEndpoint>();

        services.AddHttpClient(BotFrameworkSender.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<TeamsOptions>>().Value.SendTimeout)
            // A redirect is not followed: once tokens are attached they must reach the serviceUrl's host only (§4.6).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<BotFrameworkSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<BotFrameworkSender>());
        return builder;
    }

    public static WebApplication MapTeamsChannel(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsSetup).FullName!);
        if (app.Services.GetRequiredService<TeamsChannelMode>().Emulator) LogEmulatorMode(logger);
        else LogAuthenticationRequired(logger);

        // POST only: any other method gets 405 from routing (botframework.md §2.4).
        app.MapPost("/api/messages", (HttpContext context, TeamsMessagesEndpoint endpoint) => endpoint.HandleAsync(context))
            .WithTags("Bot Framework")
            .ExcludeFromDescription();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! Bot Framework EMULATOR MODE: /api/messages accepts UNAUTHENTICATED requests, trusts from.id as a local user id, and replies without a token. Never expose this host. Set Teams:AppId to turn it off. !!!")]
    private static partial void LogEmulatorMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework authentication is required (Teams:AppId set, or not Development) but not implemented yet: /api/messages answers every request with 401")]
    private static partial void LogAuthenticationRequired(ILogger logger);
}

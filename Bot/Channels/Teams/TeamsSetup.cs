using Bot.Conversations;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

public static partial class TeamsSetup
{
    /// <summary>The Bot Framework channel: options, the authenticator for the current mode, and the outbound sender.</summary>
    public static WebApplicationBuilder AddTeamsChannel(this WebApplicationBuilder builder)
    {
        RefuseSecretInFiles(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<TeamsOptions>()
            .Bind(builder.Configuration.GetSection(TeamsOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0, "Teams:MaxBodyBytes must be positive.")
            .Validate(o => o.SendTimeout > TimeSpan.Zero, "Teams:SendTimeout must be positive.")
            .Validate(o => !o.Authenticated || Guid.TryParse(o.AppId, out _), "Teams:AppId must be the bot registration's app id (a GUID).")
            .Validate(o => !o.Authenticated || Guid.TryParse(o.TenantId, out _), "Teams:TenantId (a GUID) is required with Teams:AppId: the bot is single-tenant.")
            .Validate(o => !o.Authenticated || !string.IsNullOrWhiteSpace(o.AppPassword), "Teams:AppPassword is required with Teams:AppId; set it in the environment (Teams__AppPassword).")
            .Validate(o => !o.Authenticated || IsHttps(o.OpenIdMetadataUrl), "Teams:OpenIdMetadataUrl must be an https URL.")
            .Validate(o => !o.Authenticated || IsHttps(o.TokenAuthority), "Teams:TokenAuthority must be an https URL (MSAL requires it).")
            .Validate(o => !o.Authenticated || o.AllowedServiceUrlHosts.Any(h => !string.IsNullOrWhiteSpace(h)), "Teams:AllowedServiceUrlHosts must list at least one host.")
            .Validate(o => !o.Authenticated || new ServiceUrlTrust(Options.Create(o)).IsTrusted(o.DefaultServiceUrl), "Teams:DefaultServiceUrl must be an https URL on Teams:AllowedServiceUrlHosts.")
            .ValidateOnStart();
        services.AddSingleton<TeamsChannelMode>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<BotFrameworkJwtAuthenticator>();
        services.AddSingleton<IActivityAuthenticator>(sp => sp.GetRequiredService<TeamsChannelMode>() switch
        {
            { Authenticated: true } => sp.GetRequiredService<BotFrameworkJwtAuthenticator>(),
            { Emulator: true } => new EmulatorAuthenticator(),
            _ => new RefuseAllAuthenticator(),
        });
        services.AddScoped<TeamsMessagesEndpoint>();

        services.AddHttpClient(BotFrameworkSender.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<TeamsOptions>>().Value.SendTimeout)
            // A redirect is not followed: tokens must reach the serviceUrl's host only (§4.6).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient(BotTokenProvider.HttpClientName);
        services.AddHttpClient(BotFrameworkJwtAuthenticator.HttpClientName);
        services.AddSingleton<TeamsReach>();
        services.AddSingleton<BotFrameworkSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<BotFrameworkSender>());
        services.AddSingleton<IProactiveChannel, TeamsProactiveChannel>();
        return builder;
    }

    public static WebApplication MapTeamsChannel(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsSetup).FullName!);
        var mode = app.Services.GetRequiredService<TeamsChannelMode>();
        if (mode.Emulator) LogEmulatorMode(logger);
        else if (mode.Authenticated) LogAuthenticated(logger, app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.AppId);
        else LogRefusingAll(logger);

        // POST only: any other method gets 405 from routing (botframework.md §2.4).
        app.MapPost("/api/messages", (HttpContext context, TeamsMessagesEndpoint endpoint) => endpoint.HandleAsync(context))
            .WithTags("Bot Framework")
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsHttps(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>
    /// The app secret comes from the environment (or a vault feeding it), never from appsettings*.json: those files are
    /// in the repository and in every deployment package. Refusing to start says so before the secret spreads further.
    /// </summary>
    internal static void RefuseSecretInFiles(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root) return;
        foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
        {
            if (Path.GetFileName(provider.Source.Path ?? "").StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && provider.TryGet("Teams:AppPassword", out var secret) && !string.IsNullOrEmpty(secret))
                throw new InvalidOperationException(
                    $"Teams:AppPassword is set in {provider.Source.Path}. Secrets belong in the environment (Teams__AppPassword), not in a file; remove it there.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! Bot Framework EMULATOR MODE: /api/messages accepts UNAUTHENTICATED requests, trusts from.id as a local user id, and replies without a token. Never expose this host. Set Teams:AppId to turn it off. !!!")]
    private static partial void LogEmulatorMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework channel on: /api/messages validates the Bot Connector's tokens for app {AppId}")]
    private static partial void LogAuthenticated(ILogger logger, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework channel off: no Teams:AppId outside Development, so /api/messages answers every request with 401")]
    private static partial void LogRefusingAll(ILogger logger);
}

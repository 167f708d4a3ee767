using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.RegularExpressions;
using Bot.Conversations;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

public static partial class WeComSetup
{
    /// <summary>The WeCom self-built app channel: options, callback crypto, API client, sender, proactive reach, health.</summary>
    public static WebApplicationBuilder AddWeComChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WeComOptions>()
            .Bind(builder.Configuration.GetSection(WeComOptions.Section))
            .Validate(o => !o.IsAnySet || o.IsConfigured,
                "WeCom is partly configured: CorpId, AgentId, Secret, Token and EncodingAesKey are all needed (or none).")
            .Validate(o => !o.IsConfigured || WeComCrypto.IsValidAesKey(o.EncodingAesKey),
                "WeCom:EncodingAesKey must be 43 characters from [A-Za-z0-9].")
            .Validate(o => !o.IsConfigured || TokenShape().IsMatch(o.Token), "WeCom:Token must be 1-32 letters or digits.")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "WeCom:ApiBaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.TimestampWindow > TimeSpan.Zero && o.MaxBodyBytes > 0 && o.SendTimeout > TimeSpan.Zero,
                "WeCom: TimestampWindow, MaxBodyBytes and SendTimeout must be positive.")
            .Validate(o => o.DuplicateCheckInterval > TimeSpan.Zero && o.DuplicateCheckInterval <= TimeSpan.FromHours(4),
                "WeCom:DuplicateCheckInterval must be between 1 second and 4 hours.")
            .Validate(o => o.TextFormat is "text" or "markdown", "WeCom:TextFormat must be text or markdown.")
            .Validate(o => string.IsNullOrWhiteSpace(o.KfOpenKfId) || o.KfCaseTokenKey.Length >= 16,
                "WeCom:KfCaseTokenKey (at least 16 characters, from the environment) is needed when WeCom:KfOpenKfId is set.")
            .ValidateOnStart();

        services.AddSingleton<WeComChannel>();
        services.AddSingleton<WeComHealth>();
        // Singleton: all it needs is; a scoped one was resolved afresh on every callback.
        services.AddSingleton<WeComCallbackEndpoint>();
        services.AddHttpClient(WeComApiClient.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<WeComOptions>>().Value.SendTimeout)
            // The access_token is in the query string: a redirect must not carry it to another host.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<WeComApiClient>();
        services.AddSingleton<WeComSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WeComSender>());
        services.AddSingleton<IProactiveChannel, WeComProactiveChannel>();

        // 微信客服: owners. No proactive channel: an owner can only be answered after writing (wecom.md §9.3).
        services.AddSingleton<WeComKfSync>();
        if (builder.Configuration.GetValue("Conversations:RunWorkers", true))
            services.AddHostedService(sp => sp.GetRequiredService<WeComKfSync>());
        services.AddSingleton<WeComKfSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WeComKfSender>());
        services.AddHealthChecks().AddCheck<WeComHealth>("wecom");
        return builder;
    }

    public static WebApplication MapWeComChannel(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WeComSetup).FullName!);
        var options = app.Services.GetRequiredService<IOptions<WeComOptions>>().Value;
        if (options.IsConfigured) LogConfigured(logger, options.CorpId, options.AgentId);
        else LogNotConfigured(logger);

        var group = app.MapGroup("/api/wecom").WithTags("WeCom").ExcludeFromDescription();
        // The endpoint is a singleton, taken here once: as a handler parameter it was resolved from the request's
        // services, which made each callback create and dispose a DI scope it never used.
        var endpoint = app.Services.GetRequiredService<WeComCallbackEndpoint>();
        Func<HttpContext, IResult> verify = endpoint.Verify;
        Func<HttpContext, Task<IResult>> receive = endpoint.ReceiveAsync;
        group.MapGet("/callback", verify);
        group.MapPost("/callback", receive);

        // The per-case 微信客服 links staff send an owner when a case closes (wecom.md §9.1 step 1): opening one binds
        // the owner's WeChat and starts that case's survey.
        app.MapGet("/api/admin/callbacks/cases/{id:long}/kf-links", KfLinksAsync)
            .WithTags("Callbacks (回访)").WithName("CallbackCaseKfLinks")
            .WithSummary("The 微信客服 link for each owner of a case, to send when the case closes")
            .AddEndpointFilter<Bot.Features.Directory.DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public sealed record KfLink(string Owner, string Link);

    private static async Task<Results<Ok<IReadOnlyList<KfLink>>, NotFound, ProblemHttpResult>> KfLinksAsync(long id,
        Bot.Domain.Features.Callbacks.ICallbackStore store, IOptions<WeComOptions> options, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.KfContactUrl) || string.IsNullOrWhiteSpace(o.KfCaseTokenKey))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "WeChat Customer Service is not configured",
                detail: "Set WeCom:KfContactUrl and WeCom:KfCaseTokenKey (environment) to make case links.");
        if (await store.FindCaseAsync(id, cancellationToken) is not { } found) return TypedResults.NotFound();
        var caseId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<KfLink> links = [.. found.Owners.Select(owner => new KfLink(owner, KfCaseToken.Link(o.KfContactUrl, o.KfCaseTokenKey, owner, caseId)))];
        return TypedResults.Ok(links);
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex TokenShape();

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom channel on: corp {CorpId}, app {AgentId}, callbacks at /api/wecom/callback")]
    private static partial void LogConfigured(ILogger logger, string corpId, int agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom not configured (section WeCom: CorpId, AgentId, Secret, Token, EncodingAesKey): the WeCom channel is off")]
    private static partial void LogNotConfigured(ILogger logger);
}

using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Bot.Channels.Teams;

/// <summary>
/// The bot's own bearer token for Connector calls: client credentials from the single-tenant authority
/// (botframework.md §4.1). One MSAL app for the process, whose in-memory app-token cache hands out the same token until
/// it nears expiry, so there is no second cache here.
/// </summary>
internal sealed class BotTokenProvider
{
    /// <summary>The named HttpClient MSAL talks to the authority with.</summary>
    public const string HttpClientName = "botframework-login";

    /// <summary>The Bot Connector's scope (§4.1).</summary>
    public const string Scope = "https://api.botframework.com/.default";

    private readonly Lazy<IConfidentialClientApplication> _app;

    public BotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        var o = options.Value;
        _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword)
            // {authority}/{tenant}: single-tenant, so never the botframework.com tenant of the legacy multi-tenant bots.
            .WithAuthority(o.TokenAuthority.TrimEnd('/') + "/" + o.TenantId)
            // The authority is configured explicitly per cloud; MSAL need not ask the public cloud's discovery endpoint.
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new NamedHttpClientFactory(httpClients))
            .Build());
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.Value.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    /// <summary>MSAL's HTTP through IHttpClientFactory: one place to configure (proxy, certificates) like every other client.</summary>
    private sealed class NamedHttpClientFactory(IHttpClientFactory httpClients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => httpClients.CreateClient(HttpClientName);
    }
}

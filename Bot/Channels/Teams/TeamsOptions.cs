namespace Bot.Channels.Teams;

/// <summary>Section <c>Teams</c>: the Bot Framework endpoint <c>POST /api/messages</c> and its outbound client.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The public cloud's Bot Connector OpenID metadata (botframework.md §3.1).</summary>
    public const string PublicCloudOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The public cloud's Entra authority, without the tenant (botframework.md §4.1).</summary>
    public const string PublicCloudTokenAuthority = "https://login.microsoftonline.com/";

    /// <summary>Where a 1:1 conversation is created for someone the bot never talked to (botframework.md §4.5).</summary>
    public const string PublicCloudServiceUrl = "https://smba.trafficmanager.net/teams/";

    /// <summary>The Azure Bot registration's app id. Empty = no Bot Framework authentication (emulator mode, where allowed).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app registration's client secret. A secret: from the environment (<c>Teams__AppPassword</c>), never from a file in the repository.</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>
    /// The Entra tenant of the single-tenant bot registration (botframework.md §3.3): the outbound token comes from
    /// this tenant's authority, and inbound Teams activities must belong to it (§2.2).
    /// </summary>
    public string TenantId { get; set; } = "";

    /// <summary>The OpenID metadata document whose keys sign the Bot Connector's tokens (§3.1, §3.2 step 2).</summary>
    public string OpenIdMetadataUrl { get; set; } = PublicCloudOpenIdMetadataUrl;

    /// <summary>The Entra authority host for the bot token; the tenant id is appended (§4.1). MSAL requires https.</summary>
    public string TokenAuthority { get; set; } = PublicCloudTokenAuthority;

    /// <summary>
    /// Hosts a bot token may be sent to (§4.6), https only. An entry matches the host exactly; an entry starting with
    /// <c>*.</c> matches any subdomain. An activity whose serviceUrl is not covered is refused.
    /// </summary>
    public string[] AllowedServiceUrlHosts { get; set; } = [];

    /// <summary>The serviceUrl for creating a conversation with someone who has no stored reference (§4.5).</summary>
    public string DefaultServiceUrl { get; set; } = PublicCloudServiceUrl;

    /// <summary>
    /// Accept unauthenticated requests outside Development (AppId must still be empty). null or false = only in Development.
    /// botframework.md §8 warns that a no-auth mode must never be deployable: set this only on an isolated test host.
    /// </summary>
    public bool? AllowUnauthenticated { get; set; }

    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 262144;

    /// <summary>Timeout of one outbound call to the Bot Connector; a timeout is retried by the outbox.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Authenticated => !string.IsNullOrWhiteSpace(AppId);
}

/// <summary>Whether the channel runs without authentication (the SDK's "empty app id disables auth", botframework.md §8).</summary>
public sealed class TeamsChannelMode(Microsoft.Extensions.Options.IOptions<TeamsOptions> options, IHostEnvironment environment)
{
    /// <summary>No app id, and Development or an explicit opt-in: inbound needs no token, outbound sends none.</summary>
    public bool Emulator { get; } = string.IsNullOrWhiteSpace(options.Value.AppId)
                                   && (environment.IsDevelopment() || options.Value.AllowUnauthenticated == true);

    /// <summary>An app id is set: inbound JWTs are validated and outbound calls carry the bot token.</summary>
    public bool Authenticated { get; } = options.Value.Authenticated;
}

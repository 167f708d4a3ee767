using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Channels.Teams;

/// <summary>
/// Validates the Bot Connector's bearer token on an inbound activity (botframework.md §3.2, all steps mandatory) and
/// the activity's tenant (§2.2) and serviceUrl (§4.6). Only channel tokens are accepted: Emulator / Entra-issued
/// tokens (§3.2 step 9) are not, since the archived Emulator cannot talk to a single-tenant bot anyway (§0).
/// </summary>
internal sealed class BotFrameworkJwtAuthenticator : IActivityAuthenticator
{
    /// <summary>The issuer of channel tokens in the public cloud (§3.1).</summary>
    public const string ChannelIssuer = "https://api.botframework.com";

    /// <summary>The named HttpClient that fetches the OpenID metadata and its keys.</summary>
    public const string HttpClientName = "botframework-openid";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5); // §3.2 step 6

    private readonly TeamsOptions _options;
    private readonly ServiceUrlTrust _trust;
    private readonly TimeProvider _time;
    private readonly HttpDocumentRetriever _documents;
    private ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private long _lastForcedRefreshTicks = long.MinValue;
    private readonly JsonWebTokenHandler _handler = new();

    public BotFrameworkJwtAuthenticator(IOptions<TeamsOptions> options, ServiceUrlTrust trust, IHttpClientFactory httpClients,
        TimeProvider time)
    {
        _options = options.Value;
        _trust = trust;
        _time = time;
        _documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = true };
        _metadata = NewManager();
    }

    /// <summary>
    /// One manager for the metadata URL: it caches the keys and refreshes them every 12 hours (§3.2 asks for at least
    /// every 24 h).
    /// </summary>
    private ConfigurationManager<OpenIdConnectConfiguration> NewManager() => new(
        _options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), _documents)
    {
        AutomaticRefreshInterval = TimeSpan.FromHours(12),
    };

    public async ValueTask<ActivityAuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        // §3.2 step 1: the scheme compared exactly, one space, then the token.
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.Ordinal) || authorization.Length == scheme.Length)
            return ActivityAuthResult.Refused("no bearer token");
        var token = authorization[scheme.Length..];

        // §3.2 step 2: pick the metadata by the unverified issuer; only the Bot Connector's is accepted.
        if (!_handler.CanReadToken(token)) return ActivityAuthResult.Refused("the bearer token is not a JWT");
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (SecurityTokenMalformedException)
        {
            return ActivityAuthResult.Refused("the bearer token is not a JWT");
        }
        if (!string.Equals(unverified.Issuer, ChannelIssuer, StringComparison.Ordinal))
            return ActivityAuthResult.Refused("the token's issuer is not the Bot Connector");

        var configuration = await Volatile.Read(ref _metadata).GetConfigurationAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && MayForceRefresh())
        {
            // The keys may have rolled over since the last fetch (§3.2 key caching): fetch them again and retry once.
            // A fresh manager fetches before it answers; RequestRefresh() on IdentityModel 8's manager refreshes in
            // the background and would answer this request with the old keys.
            var fresh = NewManager();
            configuration = await fresh.GetConfigurationAsync(cancellationToken);
            Volatile.Write(ref _metadata, fresh);
            result = await _handler.ValidateTokenAsync(token, Parameters(configuration));
        }
        // Steps 3–6. The exception's type says which check failed; its message is not logged (it may quote the token).
        if (!result.IsValid) return ActivityAuthResult.Refused("token validation failed: " + (result.Exception?.GetType().Name ?? "invalid"));
        var validated = (JsonWebToken)result.SecurityToken;

        // Step 8: the signing key must vouch for the activity's channel.
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, validated.Kid, StringComparison.Ordinal));
        if (key is null || !Endorsements(key).Contains(activity.ChannelId ?? "", StringComparer.Ordinal))
            return ActivityAuthResult.Refused($"the signing key does not endorse channel '{activity.ChannelId}'");

        // Step 7: the serviceurl claim equals the activity's serviceUrl, ordinal (SDK behaviour).
        if (!validated.TryGetPayloadValue<string>("serviceurl", out var serviceUrlClaim)
            || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.Ordinal))
            return ActivityAuthResult.Refused("the token's serviceurl claim does not match the activity's serviceUrl");

        // §2.2: single-tenant, so every activity must come from the configured tenant, in both places it may be given.
        var tenants = TenantIds(activity);
        if (tenants.Count == 0 || tenants.Any(t => !string.Equals(t, _options.TenantId, StringComparison.OrdinalIgnoreCase)))
            return ActivityAuthResult.Refused("the activity's tenant is not Teams:TenantId");

        // §4.6: a serviceUrl the bot would never send its token to is not one it will store or answer.
        if (!_trust.IsTrusted(activity.ServiceUrl))
            return ActivityAuthResult.Refused($"the serviceUrl host is not on Teams:AllowedServiceUrlHosts ({HostOf(activity.ServiceUrl)})");

        return ActivityAuthResult.Anonymous;
    }

    /// <summary>
    /// At most one forced fetch every 5 minutes: tokens with made-up kids must not make the bot hammer the metadata
    /// endpoint (the JS SDK waits an hour; keys roll over rarely).
    /// </summary>
    private bool MayForceRefresh()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastForcedRefreshTicks);
        if (last != long.MinValue && now - last < ForcedRefreshInterval.Ticks) return false;
        return Interlocked.CompareExchange(ref _lastForcedRefreshTicks, now, last) == last;
    }

    private static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = ChannelIssuer,                 // step 4
        ValidAudience = _options.AppId,              // step 5
        IssuerSigningKeys = configuration.SigningKeys, // step 3: the key whose kid matches
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        // Step 6 on the app's clock (TimeProvider), with the 5 minutes' skew both SDKs use.
        LifetimeValidator = ValidateLifetime,
        TryAllIssuerSigningKeys = false,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null) return false;
        if (notBefore is { } nbf && nbf > now + ClockSkew) return false;
        return expires.Value >= now - ClockSkew;
    }

    /// <summary>The key's non-standard <c>endorsements</c> array (§3.2 step 8), as IdentityModel keeps unknown JWK members.</summary>
    internal static IReadOnlyList<string> Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null) return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            string single => [single],
            IEnumerable<object> items => [.. items.OfType<string>()],
            _ => [],
        };
    }

    /// <summary>conversation.tenantId and channelData.tenant.id, whichever are present (§2.2).</summary>
    internal static IReadOnlyList<string> TenantIds(Activity activity)
    {
        var tenants = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(activity.Conversation?.TenantId)) tenants.Add(activity.Conversation.TenantId);
        if (activity.ChannelData is JsonObject channelData
            && channelData["tenant"] is JsonObject tenant
            && tenant["id"] is JsonValue id && id.TryGetValue<string>(out var tenantId) && tenantId.Length > 0)
            tenants.Add(tenantId);
        return tenants;
    }

    private static string HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Scheme + "://" + uri.Authority : "not a URL";
}

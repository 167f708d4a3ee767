using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Tests.Support;

/// <summary>
/// The Microsoft side of the Bot Framework on loopback https: the Bot Connector's OpenID metadata and signing keys
/// (with endorsements, botframework.md §3.1–3.2) and an Entra token endpoint for client credentials (§4.1).
/// Keys are made here with RSA.Create; <see cref="CreateToken"/> signs channel tokens with them.
/// </summary>
public sealed class FakeMicrosoftCloud : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly List<SigningKey> _keys = [];
    private readonly ConcurrentQueue<RecordedRequest> _tokenRequests = new();
    private int _tokens;

    private FakeMicrosoftCloud(WebApplication app) => _app = app;

    /// <summary>https://127.0.0.1:port (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public string OpenIdMetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    /// <summary>The token authority without the tenant, as Teams:TokenAuthority takes it.</summary>
    public string TokenAuthority => BaseUrl + "/";

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. _tokenRequests];

    /// <summary>Every access token this authority handed out.</summary>
    public string TokenNumber(int n) => $"fake-bot-token-{n}";

    public int MetadataFetches { get; private set; }

    public static async Task<FakeMicrosoftCloud> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var cloud = new FakeMicrosoftCloud(app);
        app.Run(cloud.HandleAsync);
        await app.StartAsync();
        cloud.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return cloud;
    }

    /// <summary>Publishes a signing key in the JWKS, endorsed for <paramref name="endorsements"/>. The caller owns <paramref name="rsa"/>.</summary>
    public SigningKey AddKey(string kid, RSA rsa, params string[] endorsements)
    {
        var key = new SigningKey(kid, rsa, endorsements);
        _keys.Add(key);
        return key;
    }

    /// <summary>A key that is not published: tokens signed with it must be refused.</summary>
    public static SigningKey UnpublishedKey(string kid, RSA rsa) => new(kid, rsa, []);

    /// <summary>A channel token as the Bot Connector makes it (§3.2): iss, aud, nbf/exp, serviceurl.</summary>
    /// <param name="serviceUrl">The serviceurl claim; null leaves it out.</param>
    public static string CreateToken(SigningKey key, string audience, string? serviceUrl, DateTimeOffset notBefore, DateTimeOffset expires,
        string issuer = Issuer)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore.UtcDateTime,
            IssuedAt = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = serviceUrl is null ? null : new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/v1/.well-known/openidconfiguration")
        {
            MetadataFetches++;
            await Json(context, new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = BaseUrl + "/v1/authorize",
                ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
            return;
        }
        if (path == "/v1/.well-known/keys")
        {
            await Json(context, new JsonObject { ["keys"] = new JsonArray([.. _keys.Select(k => (JsonNode)k.Jwk())]) });
            return;
        }
        if (context.Request.Method == "POST" && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _tokenRequests.Enqueue(new RecordedRequest("POST", path, body,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await Json(context, new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = TokenNumber(Interlocked.Increment(ref _tokens)),
            });
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static Task Json(HttpContext context, JsonObject json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record SigningKey(string Kid, RSA Rsa, string[] Endorsements)
    {
        /// <summary>The JWK with the Bot Connector's non-standard endorsements member (§3.2 step 8).</summary>
        public JsonObject Jwk()
        {
            var parameters = Rsa.ExportParameters(includePrivateParameters: false);
            return new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = Kid,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode)JsonValue.Create(e))]),
            };
        }
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

/// <summary>
/// WeCom's server API with the access_token handled (wecom.md §8.1): cached per app until shortly before it expires,
/// fetched by one caller at a time, and on 40014 / 42001 / 42009 dropped (only if it is still the one that failed),
/// fetched again and the call retried once. The token travels in the query string only and is never logged.
/// </summary>
public sealed partial class WeComApiClient(
    IHttpClientFactory httpClients,
    IOptions<WeComOptions> options,
    TimeProvider time,
    WeComHealth health,
    ILogger<WeComApiClient> logger)
{
    public const string HttpClientName = "wecom";

    /// <summary>Refresh this long before WeCom's expires_in runs out, so a token never expires in flight.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fetch = new(1, 1);

    internal Task<WeComApiResponse> SendMessageAsync(WeComSendRequest request, CancellationToken cancellationToken) =>
        PostAsync<WeComSendRequest, WeComApiResponse>("/cgi-bin/message/send", request, f => f, cancellationToken);

    internal Task<WeComApiResponse> UpdateTemplateCardAsync(WeComUpdateCardRequest request, CancellationToken cancellationToken) =>
        PostAsync<WeComUpdateCardRequest, WeComApiResponse>("/cgi-bin/message/update_template_card", request, f => f, cancellationToken);

    internal Task<KfSyncResponse> KfSyncAsync(KfSyncRequest request, CancellationToken cancellationToken) =>
        PostAsync<KfSyncRequest, KfSyncResponse>("/cgi-bin/kf/sync_msg", request,
            f => new KfSyncResponse { ErrCode = f.ErrCode, ErrMsg = f.ErrMsg }, cancellationToken);

    internal Task<WeComApiResponse> KfSendAsync(KfSendRequest request, CancellationToken cancellationToken) =>
        PostAsync<KfSendRequest, WeComApiResponse>("/cgi-bin/kf/send_msg", request, f => f, cancellationToken);

    internal Task<WeComApiResponse> KfSendOnEventAsync(KfSendOnEventRequest request, CancellationToken cancellationToken) =>
        PostAsync<KfSendOnEventRequest, WeComApiResponse>("/cgi-bin/kf/send_msg_on_event", request, f => f, cancellationToken);

    /// <param name="fromTokenFailure">The call's answer when no token could be had (gettoken's errcode stands for it).</param>
    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, Func<WeComApiResponse, TResponse> fromTokenFailure,
        CancellationToken cancellationToken) where TResponse : IWeComResult
    {
        var (token, failure) = await TokenAsync(stale: null, cancellationToken);
        if (failure is not null) return Record(fromTokenFailure(failure));

        var response = await PostOnceAsync<TRequest, TResponse>(path, token!, body, cancellationToken);
        if (WeComErrors.IsTokenRejected(response.ErrCode))
        {
            LogTokenRejected(response.ErrCode, path);
            (token, failure) = await TokenAsync(stale: token, cancellationToken);
            if (failure is not null) return Record(fromTokenFailure(failure));
            response = await PostOnceAsync<TRequest, TResponse>(path, token!, body, cancellationToken);
        }
        return Record(response);
    }

    private async Task<TResponse> PostOnceAsync<TRequest, TResponse>(string path, string token, TRequest body, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(Url(path, "access_token=" + Uri.EscapeDataString(token)), body, WeComJson.Options, cancellationToken);
        return await ReadAsync<TResponse>(response, cancellationToken);
    }

    /// <summary>The cached token, or a new one. <paramref name="stale"/>: the token WeCom just refused.</summary>
    private async Task<(string? Token, WeComApiResponse? Failure)> TokenAsync(string? stale, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var key = o.CorpId + "/" + o.AgentId;
        if (Fresh(key, stale) is { } cached) return (cached, null);

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched it while this one waited (single flight).
            if (Fresh(key, stale) is { } fetched) return (fetched, null);

            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(
                Url("/cgi-bin/gettoken", "corpid=" + Uri.EscapeDataString(o.CorpId) + "&corpsecret=" + Uri.EscapeDataString(o.Secret)),
                cancellationToken);
            var answer = await ReadAsync<WeComApiResponse>(response, cancellationToken);
            if (!answer.Ok || string.IsNullOrEmpty(answer.AccessToken))
            {
                LogTokenFailed(answer.ErrCode, answer.ErrMsg);
                return (null, answer.Ok ? answer with { ErrCode = WeComErrors.SystemBusy, ErrMsg = "gettoken returned no token" } : answer);
            }
            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn > 0 ? answer.ExpiresIn : 7200);
            var margin = lifetime > ExpiryMargin * 2 ? ExpiryMargin : lifetime / 2;
            _tokens[key] = new CachedToken(answer.AccessToken, time.GetUtcNow() + lifetime - margin);
            LogTokenFetched(lifetime);
            return (answer.AccessToken, null);
        }
        finally
        {
            _fetch.Release();
        }
    }

    private string? Fresh(string key, string? stale) =>
        _tokens.TryGetValue(key, out var cached) && cached.Token != stale && cached.ExpiresAt > time.GetUtcNow() ? cached.Token : null;

    private Uri Url(string path, string query) => new(options.Value.ApiBaseUrl.TrimEnd('/') + path + "?" + query, UriKind.Absolute);

    /// <summary>WeCom answers 200 with errcode; anything else (a proxy's 502) is an HTTP failure the outbox retries.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(WeComJson.Options, cancellationToken)
                   ?? throw new HttpRequestException("WeCom answered an empty body.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new HttpRequestException("WeCom answered something that is not JSON.", ex);
        }
    }

    private T Record<T>(T response) where T : IWeComResult
    {
        if (response.ErrCode == 0) health.RecordSuccess();
        else if (WeComErrors.IsConfiguration(response.ErrCode))
        {
            health.RecordConfigurationError(response.ErrCode, time.GetUtcNow());
            if (response.ErrCode == WeComErrors.IpNotTrusted) LogIpNotTrusted();
            else LogConfigurationError(response.ErrCode, response.ErrMsg);
        }
        return response;
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom access_token fetched (valid {Lifetime})")]
    private partial void LogTokenFetched(TimeSpan lifetime);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom gettoken failed with errcode {ErrCode}: {ErrMsg}")]
    private partial void LogTokenFailed(int errCode, string? errMsg);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom refused the cached access_token ({ErrCode}) on {Path}; fetching a new one and retrying once")]
    private partial void LogTokenRejected(int errCode, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom errcode 60020: this server's public IP is not in the app's 企业可信IP list. An administrator must add it (WeCom admin console → the app → 企业可信IP); sends are retried meanwhile. See deploymentTemplates/wecom/README.md")]
    private partial void LogIpNotTrusted();

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom configuration error {ErrCode}: {ErrMsg} (check WeCom:CorpId, WeCom:AgentId, WeCom:Secret and the app's API permissions)")]
    private partial void LogConfigurationError(int errCode, string? errMsg);
}

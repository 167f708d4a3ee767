using System.Net;
using System.Text;
using Bot.Channels.WeCom;
using Bot.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Tests.Channels.WeCom;

/// <summary>Shared set-up: /api/wecom/callback end to end, WeCom played by an independent peer and a fake API on loopback (wecom.md §2, §3, §8).</summary>
public abstract class WeComChannelTestBase : IAsyncLifetime
{
    protected static readonly WeComVector A = WeComVectors.Get("A-post");

    protected FakeWeComApi _api = null!;
    protected BotFactory _bot = null!;
    protected readonly WeComPeer _peer = new(A.Token, A.EncodingAesKey, A.ReceiveId);
    private int _msgIds = 1000;

    public async Task InitializeAsync()
    {
        _api = await FakeWeComApi.StartAsync();
        var settings = Settings(_api.BaseUrl);
        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        _bot = new BotFactory(settings: settings);
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _api.DisposeAsync();
    }

    /// <summary>More configuration for a derived class's tests (the kf keys).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    internal static Dictionary<string, string?> Settings(string apiBaseUrl, WeComVector? v = null) => new()
    {
        ["WeCom:CorpId"] = (v ?? A).ReceiveId,
        ["WeCom:AgentId"] = "1000002",
        ["WeCom:Secret"] = "test-secret",
        ["WeCom:Token"] = (v ?? A).Token,
        ["WeCom:EncodingAesKey"] = (v ?? A).EncodingAesKey,
        ["WeCom:ApiBaseUrl"] = apiBaseUrl,
    };

    protected long Now => _bot.Time.GetUtcNow().ToUnixTimeSeconds();

    protected Task<HttpResponseMessage> PostAsync((string Url, string Body) callback) =>
        _bot.CreateClient().PostAsync(callback.Url, new StringContent(callback.Body, Encoding.UTF8, "text/xml"));

    protected Task<HttpResponseMessage> SendTextAsync(string from, string text, string? msgId = null) =>
        PostAsync(_peer.Callback(WeComPeer.Text(from, text, msgId ?? (++_msgIds).ToString(System.Globalization.CultureInfo.InvariantCulture), Now), Now));

    protected async Task<HealthReportEntry> WeComHealthAsync() =>
        (await _bot.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "wecom")).Entries["wecom"];

    protected Task<List<OutboxMessage>> OutboxAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    protected Task<int> InboxCountAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().CountAsync());
}

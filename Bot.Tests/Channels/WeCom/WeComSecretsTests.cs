using System.Net;
using System.Text;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Channels.WeCom;

/// <summary>wecom.md §10: Token, EncodingAESKey, Secret and access_token never reach the log, refused or not.</summary>
public sealed class WeComSecretsTests
{
    [Fact]
    public async Task Logs_RefusalsSendsAndTokenRefresh_ContainNoSecret()
    {
        var v = WeComVectors.Get("A-post");
        var logs = new CapturedLogs();
        await using var api = await FakeWeComApi.StartAsync();
        using var bot = new BotFactory(settings: WeComChannelTestBase.Settings(api.BaseUrl),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        var peer = new WeComPeer(v.Token, v.EncodingAesKey, v.ReceiveId);
        var now = bot.Time.GetUtcNow().ToUnixTimeSeconds();
        var client = bot.CreateClient();
        api.RespondNext(FakeWeComApi.Send, """{"errcode":42001,"errmsg":"access_token expired"}""");
        api.RespondNext(FakeWeComApi.Send, """{"errcode":60020,"errmsg":"not allow to access from your ip"}""");

        var good = peer.Callback(WeComPeer.Text("zhangsan", "帮助", "9001", now), now);
        var badSignature = (good.Url.Replace("msg_signature=", "msg_signature=ff", StringComparison.Ordinal), good.Body);
        var wrongCorp = peer.Callback(WeComPeer.Text("zhangsan", "帮助", "9002", now), now, receiveId: "wwOther");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(badSignature.Item1, new StringContent(badSignature.Body, Encoding.UTF8))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(wrongCorp.Url, new StringContent(wrongCorp.Body, Encoding.UTF8))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(good.Url, new StringContent(good.Body, Encoding.UTF8))).StatusCode);
        await bot.RunTurnsAsync();

        Assert.Equal(2, api.CallsTo(FakeWeComApi.GetToken).Count);
        var all = string.Join("\n", logs.Lines);
        Assert.Contains("60020", all);
        Assert.Contains("Refused a WeCom callback with 401", all);
        foreach (var secret in new[] { v.Token, v.EncodingAesKey, "test-secret", "tok-1", "tok-2", v.MsgSignature })
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
    }
}

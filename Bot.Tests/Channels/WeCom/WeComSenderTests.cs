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

/// <summary>Outbound through the fake WeCom API: token cache and refresh, errcodes, proactive reach (wecom.md §8).</summary>
public sealed class WeComSenderTests : WeComChannelTestBase
{
    [Fact]
    public async Task Send_TokenExpired42001_RefreshesOnceAndRetriesTheCall()
    {
        _api.RespondNext(FakeWeComApi.Send, """{"errcode":42001,"errmsg":"access_token expired"}""");

        (await SendTextAsync("zhangsan", "我是谁")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        Assert.Equal(2, _api.CallsTo(FakeWeComApi.GetToken).Count);
        Assert.Equal(["tok-1", "tok-2"], _api.CallsTo(FakeWeComApi.Send).Select(c => c.Query["access_token"]));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync()).Status);
    }

    [Fact]
    public async Task Send_TokenCached_SecondSendFetchesNoNewToken()
    {
        (await SendTextAsync("zhangsan", "我是谁")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        (await SendTextAsync("zhangsan", "帮助")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        Assert.Single(_api.CallsTo(FakeWeComApi.GetToken));
        Assert.Equal(2, _api.CallsTo(FakeWeComApi.Send).Count);
    }

    [Fact]
    public async Task Send_SystemBusy_RetriedAfterBackoff()
    {
        _api.RespondNext(FakeWeComApi.Send, """{"errcode":-1,"errmsg":"system busy"}""");
        (await SendTextAsync("zhangsan", "我是谁")).EnsureSuccessStatusCode();

        await _bot.RunTurnsAsync();
        await _bot.DispatchAsync();
        Assert.Single(_api.CallsTo(FakeWeComApi.Send));
        Assert.Equal(OutboxStatus.Pending, Assert.Single(await OutboxAsync()).Status);

        _bot.Time.Advance(TimeSpan.FromSeconds(3)); // first retry delay 2 s ± 20 %
        await _bot.DispatchAsync();

        Assert.Equal(2, _api.CallsTo(FakeWeComApi.Send).Count);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync()).Status);
    }

    [Theory]
    [InlineData(45009)]
    [InlineData(45033)]
    public async Task Send_FrequencyLimited_WaitsTheLongerBackoff(int errcode)
    {
        _api.RespondNext(FakeWeComApi.Send, $$"""{"errcode":{{errcode}},"errmsg":"api freq out of limit"}""");
        (await SendTextAsync("zhangsan", "我是谁")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        _bot.Time.Advance(TimeSpan.FromSeconds(30));
        await _bot.DispatchAsync();
        Assert.Single(_api.CallsTo(FakeWeComApi.Send));

        _bot.Time.Advance(TimeSpan.FromSeconds(31));
        await _bot.DispatchAsync();
        Assert.Equal(2, _api.CallsTo(FakeWeComApi.Send).Count);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync()).Status);
    }

    [Fact]
    public async Task Send_IpNotTrusted60020_HealthDegradedUntilASendSucceeds()
    {
        _api.RespondNext(FakeWeComApi.Send, """{"errcode":60020,"errmsg":"not allow to access from your ip"}""");
        Assert.Equal(HealthStatus.Healthy, (await WeComHealthAsync()).Status);

        (await SendTextAsync("zhangsan", "我是谁")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var degraded = await WeComHealthAsync();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("60020", degraded.Description);
        Assert.Equal(OutboxStatus.Pending, Assert.Single(await OutboxAsync()).Status);

        _bot.Time.Advance(TimeSpan.FromMinutes(5.1));
        await _bot.DispatchAsync();
        Assert.Equal(HealthStatus.Healthy, (await WeComHealthAsync()).Status);
    }

    [Fact]
    public async Task Send_UserGone81013_FailsMarksIdentityAndTellsTheSupervisor()
    {
        _api.RespondNext(FakeWeComApi.Send, """{"errcode":81013,"errmsg":"user & party & tag all invalid"}""");

        (await SendTextAsync("zhangsan", "我是谁")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        await _bot.DispatchAsync();

        var identity = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ChannelIdentity>()
            .SingleAsync(i => i.Channel == "wecom" && i.ChannelUserId == "zhangsan"));
        Assert.NotNull(identity.UnreachableSince);
        var rows = await OutboxAsync();
        Assert.Equal(OutboxStatus.Dead, rows[0].Status);
        var notice = Assert.Single(rows, r => r.RecipientId == "zhaoliu");
        Assert.Equal(OutboxStatus.Sent, notice.Status);
        var sent = _api.CallsTo(FakeWeComApi.Send).Last().Json;
        Assert.Equal("zhaoliu", sent.GetProperty("touser").GetString());
        Assert.Contains("zhangsan（张三）", sent.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Notifier_PersonWhoNeverWroteOnWeCom_IsReachedByUserid()
    {
        var enqueued = await _bot.InScopeAsync(async sp =>
        {
            var ok = await sp.GetRequiredService<Bot.Domain.Conversations.INotifier>()
                .NotifyAsync("wangwu", new Bot.Domain.Conversations.OutgoingMessage("您好，请审核今日交接记录。"), "test-proactive", CancellationToken.None);
            await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
            return ok;
        });
        await _bot.DispatchAsync();

        Assert.True(enqueued);
        var send = Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json;
        Assert.Equal("wangwu", send.GetProperty("touser").GetString());
        Assert.Equal("您好，请审核今日交接记录。", send.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public void BuildRequest_MarkdownConfigured_SendsMarkdownWithNumberedChoicesOverSixButtons()
    {
        var options = new Bot.Channels.WeCom.WeComOptions { CorpId = "ww1", AgentId = 7, TextFormat = "markdown" };
        var choices = Enumerable.Range(1, 7).Select(i => new Bot.Domain.Conversations.Choice($"v{i}", $"选项{i}")).ToList();

        var request = Bot.Channels.WeCom.WeComSender.BuildRequest(options, "lisi", 5, new Bot.Domain.Conversations.OutgoingMessage("请选择：", choices));

        // More than six choices do not fit a card's buttons: the numbered text carries them all.
        Assert.Equal("markdown", request.MsgType);
        Assert.Null(request.TemplateCard);
        Assert.Contains("7. 选项7", request.Markdown!.Content);
        Assert.Equal(1, request.EnableDuplicateCheck);
    }

    [Fact]
    public async Task Callback_UnregisteredUserid_GetsOnlyNotRegisteredByText()
    {
        (await SendTextAsync("stranger", "帮助")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var send = Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json;
        Assert.Equal("stranger", send.GetProperty("touser").GetString());
        Assert.Contains("您尚未登记", send.GetProperty("text").GetProperty("content").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using Bot.Domain.Features.Handover;
using Bot.Features.Handover;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Handover;

/// <summary>The handover's clock (第1篇 2.2, 第2篇 2.4, 第14篇 2.3), run directly with the fake clock; each effect once.</summary>
public sealed class HandoverWatchTests : HandoverTestBase
{
    [Fact]
    public async Task BeforeTheShiftEnds_EachHandoverPostIsPromptedOnce_第1篇_2_2()
    {
        await WatchAsync(26, 14, 20);
        Assert.Empty(await InboxAsync("zhangsan"));

        Assert.Equal(2, await WatchAsync(26, 14, 31));
        Assert.Equal(0, await WatchAsync(26, 14, 32));

        var prompt = Assert.Single(await InboxAsync("zhangsan"));
        Assert.StartsWith("您好，本班将于 15:00 结束，请开始准备交接 #", prompt.Text);
        Assert.Equal("交班", prompt.Choices.Single().Value);
        Assert.Single(await InboxAsync("zhengshi"));
        Assert.Empty(await InboxAsync("wangwu")); // 领班 is not a handover post
        Assert.Equal(2, (await RecordsAsync()).Count);
        // The prompt's record is the one 交班 fills in.
        Assert.Contains("【未完成的工作】", await PressAsync("zhangsan", "交班"));
        Assert.Equal(2, (await RecordsAsync()).Count);
    }

    [Fact]
    public async Task NotAcceptedInTime_EscalatesOnce_第2篇_2_4()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();

        Assert.Equal(0, await WatchAsync(26, 15, 29));
        Assert.Equal(1, await WatchAsync(26, 15, 31));
        Assert.Equal(0, await WatchAsync(26, 15, 32));

        var escalation = Assert.Single(await EscalationsAsync(), e => e.Kind == "handover.not-accepted");
        Assert.Contains("下班已 31 分钟仍未完成接班", escalation.Details);
        Assert.Contains(await InboxAsync("wangwu"), l => l.Text.Contains("下班已 31 分钟仍未完成接班", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accepted_IsNotEscalated()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        await SayAsync("lisi", "签到");
        await SayAsync("lisi", "接班");
        for (var i = 0; i < 8; i++) await PressAsync("lisi", "confirm");
        await PressAsync("lisi", "sign");

        await WatchAsync(26, 16, 0);

        Assert.DoesNotContain(await EscalationsAsync(), e => e.Kind == "handover.not-accepted");
    }

    [Fact]
    public async Task UnsignedByTheNextMorning_TheShiftLeadsAreRemindedOnce_第14篇_2_3()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        await SayAsync("lisi", "签到");
        await SayAsync("lisi", "接班");
        for (var i = 0; i < 8; i++) await PressAsync("lisi", "confirm");
        await PressAsync("lisi", "sign");
        await InboxAsync("wangwu");

        await WatchAsync(27, 8, 59);
        Assert.DoesNotContain(await InboxAsync("wangwu"), l => l.Text.Contains("还未审阅签字", StringComparison.Ordinal));

        await WatchAsync(27, 9, 0);
        await WatchAsync(27, 9, 1);
        var reminder = Assert.Single(await InboxAsync("wangwu"), l => l.Text.Contains("还未审阅签字", StringComparison.Ordinal));
        Assert.StartsWith("王五您好，11-26的1份交接记录还未审阅签字", reminder.Text);
        Assert.Equal("审阅交接 11-26", reminder.Choices.Single().Value);

        Assert.StartsWith("已审阅签字1份交接记录", await PressAsync("wangwu", "审阅交接 11-26"));
    }

    [Theory]
    [InlineData("Handover:ReviewReminderAt", "25:00")]
    [InlineData("Handover:AcceptWithin", "-00:10:00")]
    [InlineData("Handover:Posts:0:Post", "")]
    public void BadSetting_RefusesToStart_NamingTheKey(string key, string value)
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => bot.Services.GetRequiredService<HandoverPolicy>());

        Assert.Contains(key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_GivesTheFullRecordWithItsHash_OnlyWithTheKey()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(26, 14, 0).ToUniversalTime()),
            settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = "test-key" });
        var client = bot.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/handovers")).StatusCode);

        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        await SayAsync("lisi", "签到");
        await SayAsync("lisi", "接班");
        for (var i = 0; i < 8; i++) await PressAsync("lisi", "confirm");
        await PressAsync("lisi", "sign");
        var id = (await RecordAsync()).Id;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/handovers/{id}");
        request.Headers.Add("X-Api-Key", "test-key");
        var admin = Bot.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(request)).StatusCode); // this host has no key: the admin API is off

        using var keyed = new BotFactory(time: Bot.Time, dataDirectory: Bot.DataDirectory,
            settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = "test-key" });
        var http = keyed.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", "test-key");
        var view = await http.GetFromJsonAsync<HandoverAdmin.HandoverView>($"/api/admin/handovers/{id}");
        var list = await http.GetFromJsonAsync<List<HandoverAdmin.HandoverSummary>>("/api/admin/handovers?from=2026-11-26&to=2026-11-26");

        Assert.NotNull(view);
        Assert.Equal("Accepted", view.Summary.Status);
        Assert.True(view.Intact);
        Assert.Equal(64, view.ContentHash!.Length);
        Assert.Equal(8, view.Items.Count);
        Assert.Equal(id, Assert.Single(list!).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/admin/handovers/999")).StatusCode);
    }
}

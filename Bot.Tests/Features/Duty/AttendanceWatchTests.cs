using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// Reminders before and after the start of a shift, and the escalation of a missing check-in to the shift lead on
/// duty (第2篇 2.1); emergencies to the department manager at once (第2篇 1.6). Early shift 07:00–15:00 (Shanghai):
/// 张三, 郑十 and the shift lead 王五.
/// </summary>
public sealed class AttendanceWatchTests
{
    private static DateTimeOffset Shanghai(int hour, int minute) => new(2026, 11, 26, hour, minute, 0, TimeSpan.FromHours(8));

    private static async Task<int> WatchAsync(BotFactory bot, DateTimeOffset at)
    {
        bot.Time.SetUtcNow(at.ToUniversalTime());
        var acted = await bot.InScopeAsync(sp => sp.GetRequiredService<AttendanceWatch>().ProcessAsync(at, CancellationToken.None));
        await bot.DispatchAsync();
        return acted;
    }

    private readonly Dictionary<(BotFactory, string), LocalChatClient> _chats = [];

    private LocalChatClient Chat(BotFactory bot, string who) =>
        _chats.TryGetValue((bot, who), out var chat) ? chat : _chats[(bot, who)] = new LocalChatClient(bot, who);

    /// <summary>What the bot sent this person since the last look.</summary>
    private async Task<List<string>> InboxAsync(BotFactory bot, string who) =>
        [.. (await Chat(bot, who).NewBotLinesAsync()).Select(l => l.Text)];

    [Fact]
    public async Task BeforeTheShift_EachPersonIsRemindedOnce_第2篇_2_1()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(6, 40).ToUniversalTime()));

        await WatchAsync(bot, Shanghai(6, 45));
        await WatchAsync(bot, Shanghai(6, 46));

        var reminder = Assert.Single(await InboxAsync(bot, "zhangsan"));
        Assert.Equal("张三您好，您的班次（早班 07:00–15:00）将于 07:00 开始，请按时签到。", reminder);
        Assert.Single(await InboxAsync(bot, "zhengshi"));
        Assert.Empty(await InboxAsync(bot, "lisi")); // middle shift, hours away
    }

    [Fact]
    public async Task Late_OnlyThoseNotCheckedInAreReminded_第2篇_2_1()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(6, 50).ToUniversalTime()));
        await Chat(bot, "zhangsan").SayAsync("签到");
        await InboxAsync(bot, "zhangsan");

        await WatchAsync(bot, Shanghai(7, 6));

        Assert.Empty(await InboxAsync(bot, "zhangsan"));
        var reminder = Assert.Single(await InboxAsync(bot, "zhengshi"));
        Assert.StartsWith("郑十您好，您的班次（早班 07:00–15:00）已于 07:00 开始，您还没有签到。", reminder);
        // Who to tell is their own superior, by name: the shift lead is not sent to "the shift lead".
        Assert.EndsWith("如有特殊情况请联系王五。", reminder);
        Assert.EndsWith("如有特殊情况请联系赵六。", Assert.Single(await InboxAsync(bot, "wangwu")));
    }

    [Fact]
    public async Task StillMissing_EscalatesToTheShiftLeadOnDutyOnce_第2篇_2_1()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(6, 50).ToUniversalTime()));
        await Chat(bot, "wangwu").SayAsync("签到");
        await Chat(bot, "zhengshi").SayAsync("签到");
        await InboxAsync(bot, "wangwu");

        await WatchAsync(bot, Shanghai(7, 31));
        await WatchAsync(bot, Shanghai(7, 32));

        var alert = Assert.Single(await InboxAsync(bot, "wangwu"));
        Assert.Contains("张三 11-26 早班未签到", alert);
        Assert.Contains("第1级负责人（当班领班）", alert);
        var cases = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().ToListAsync());
        Assert.Equal("duty.missed-check-in", Assert.Single(cases).Kind);
    }

    [Fact]
    public async Task TheShiftLeadMissing_IsNotAskedToFindCoverForHimself_TheCaseGoesToThe客服主任_第2篇_2_1_第3篇_1_3()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(6, 50).ToUniversalTime()));
        await Chat(bot, "zhangsan").SayAsync("签到");
        await Chat(bot, "zhengshi").SayAsync("签到");
        await InboxAsync(bot, "wangwu");

        await WatchAsync(bot, Shanghai(7, 31));

        Assert.DoesNotContain(await InboxAsync(bot, "wangwu"), m => m.Contains("升级事项", StringComparison.Ordinal));
        var alert = Assert.Single(await InboxAsync(bot, "zhaoliu"));
        Assert.Contains("王五 11-26 早班未签到", alert);
        Assert.Contains("第2级负责人（客服主任）", alert);

        // Unanswered, it climbs and comes round again (the chain loops), still past 王五.
        for (var minutes = 40; minutes <= 240; minutes += 5)
        {
            bot.Time.SetUtcNow(Shanghai(7, 0).AddMinutes(minutes).ToUniversalTime());
            await bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(bot.Time.GetUtcNow(), CancellationToken.None));
        }
        await bot.DispatchAsync();
        Assert.DoesNotContain(await InboxAsync(bot, "wangwu"), m => m.Contains("升级事项", StringComparison.Ordinal));
        Assert.NotEmpty(await InboxAsync(bot, "sunqi"));
        var escalation = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync());
        Assert.DoesNotContain(escalation.Notices, n => n.PersonId == "wangwu");
        Assert.True(escalation.Loop > 0);
    }

    [Fact]
    public async Task ReportedMissing_ThenChecksIn_TheLeadIsToldAndTheCaseStopsClimbing_第2篇_2_1()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(6, 50).ToUniversalTime()));
        await Chat(bot, "wangwu").SayAsync("签到");
        await Chat(bot, "zhengshi").SayAsync("签到");
        await WatchAsync(bot, Shanghai(7, 31));
        await InboxAsync(bot, "wangwu");

        bot.Time.SetUtcNow(Shanghai(7, 40).ToUniversalTime());
        Assert.StartsWith("签到成功：早班 07:00–15:00，签到时间 07:40。您迟到了 40 分钟", Assert.Single(await Chat(bot, "zhangsan").SayAsync("签到")).Text);
        await bot.DispatchAsync();

        var told = Assert.Single(await InboxAsync(bot, "wangwu"));
        Assert.Matches(@"^升级事项 #\d+（张三 11-26 早班未签到）已解除：张三已于 07:40 签到，无需再安排顶岗$", told);
        var escalation = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync());
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        // Nobody further up the chain hears of it later.
        bot.Time.SetUtcNow(Shanghai(9, 0).ToUniversalTime());
        await bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(Shanghai(9, 0), CancellationToken.None));
        await bot.DispatchAsync();
        Assert.Empty(await InboxAsync(bot, "zhaoliu"));
    }

    [Fact]
    public async Task Emergency_ReachesTheDepartmentManagerAtOnce_第2篇_1_6()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(9, 30).ToUniversalTime()));

        var reply = await Chat(bot, "zhangsan").SayAsync("紧急 3号楼电梯困人，已通知电梯公司");

        Assert.Matches(@"^已立即通报：孙七、赵六（紧急事项 #\d+）", reply.Single().Text);
        var alert = Assert.Single(await InboxAsync(bot, "sunqi"));
        Assert.Contains("【紧急】", alert);
        // Kept as written, full-width comma and all: this is what the manager reads and the duty log keeps.
        Assert.Contains("3号楼电梯困人，已通知电梯公司", alert);
        Assert.Empty(await InboxAsync(bot, "wangwu"));
    }

    [Fact]
    public async Task Emergency_TypedInTheMiddleOfAnotherQuestion_IsRaisedAtOnce_AndTheQuestionWaits_第2篇_1_6()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(9, 30).ToUniversalTime()));
        var chat = Chat(bot, "zhangsan");
        await chat.SayAsync("签到");
        Assert.StartsWith("请说明回来的时间和外出原因", (await chat.SayAsync("外出")).Single().Text);

        var reply = await chat.SayAsync("紧急 3号楼电梯困人");

        Assert.Matches(@"^已立即通报：孙七、赵六（紧急事项 #\d+）", reply[0].Text);
        // The waiting question is said again, not only that there is one.
        Assert.StartsWith("您刚才的问题还在等待您的回答：“请说明回来的时间和外出原因，", reply[^1].Text);
        Assert.Contains("3号楼电梯困人", Assert.Single(await InboxAsync(bot, "sunqi")));
        // The 外出 question is still open: the next answer goes to it.
        Assert.StartsWith("已提交外出申请", (await chat.SayAsync("30分钟 去银行")).Single().Text);

        // In a flow of several steps (交班), 紧急 alone asks what happened, and the answer raises it.
        Assert.Contains("【未完成的工作】", string.Join("\n", (await chat.SayAsync("交班")).Select(l => l.Text)));
        Assert.StartsWith("请简要说明发生了什么紧急情况", (await chat.SayAsync("紧急")).Single().Text);
        Assert.StartsWith("已立即通报：孙七", (await chat.SayAsync("会所燃气报警")).Single().Text);
        Assert.Contains("会所燃气报警", Assert.Single(await InboxAsync(bot, "sunqi")));
    }

    [Fact]
    public async Task Emergency_WithoutDetails_AsksWhatHappened()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(9, 30).ToUniversalTime()));
        var chat = Chat(bot, "zhangsan");

        var asked = await chat.SayAsync("紧急");
        var raised = await chat.SayAsync("地下车库起火，已报119");

        Assert.StartsWith("请简要说明发生了什么紧急情况", asked.Single().Text);
        Assert.StartsWith("已立即通报：孙七", raised.Single().Text);
        Assert.Contains("地下车库起火，已报119", Assert.Single(await InboxAsync(bot, "sunqi")));
    }
}

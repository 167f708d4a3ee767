using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 外出 during a shift (第7篇 1.2.3): the direct superior approves with a return time; 回来 ends it; overdue → a reminder
/// to the person, then (Duty:LeaveEscalateAfter, 15 minutes) an escalation to the shift lead on duty. 张三 works the
/// early shift 07:00–15:00 and reports to 王五, who leads the same shift.
/// </summary>
public sealed class LeaveTests : IDisposable
{
    private readonly BotFactory _bot = new(time: new FakeTimeProvider(Shanghai(6, 50).ToUniversalTime()));
    private readonly Dictionary<string, LocalChatClient> _chats = [];

    private static DateTimeOffset Shanghai(int hour, int minute) => new(2026, 11, 26, hour, minute, 0, TimeSpan.FromHours(8));

    public void Dispose() => _bot.Dispose();

    private LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var chat) ? chat : _chats[who] = new LocalChatClient(_bot, who);

    private async Task<string> SayAsync(string who, string text, DateTimeOffset? at = null)
    {
        if (at is { } when) _bot.Time.SetUtcNow(when.ToUniversalTime());
        await Chat(who).NewBotLinesAsync();
        return string.Join("\n", (await Chat(who).SayAsync(text)).Select(l => l.Text));
    }

    private async Task<List<string>> InboxAsync(string who) => [.. (await Chat(who).NewBotLinesAsync()).Select(l => l.Text)];

    private async Task WatchAsync(DateTimeOffset at)
    {
        _bot.Time.SetUtcNow(at.ToUniversalTime());
        await _bot.InScopeAsync(sp => sp.GetRequiredService<LeaveWatch>().ProcessAsync(at, CancellationToken.None));
        await _bot.DispatchAsync();
    }

    /// <summary>张三 checked in and, at 09:30, was allowed out for 30 minutes.</summary>
    private async Task OutUntilTenAsync()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去管理处送文件", Shanghai(9, 30));
        await SayAsync("wangwu", "同意外出 1");
    }

    [Fact]
    public async Task Leave_AloneAsksForTimeAndReason_AndTakesTheNextMessageAsTheAnswer_第7篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");

        Assert.Equal("请说明回来的时间和外出原因，例如：外出 30分钟 去管理处送文件，或：外出 10:30 陪业主看房。", await SayAsync("zhangsan", "外出", Shanghai(9, 30)));
        Assert.StartsWith("对不起，没有看懂。请回复回来的时间和外出原因", await SayAsync("zhangsan", "去银行办事"));
        Assert.Equal("已提交外出申请 #1，请等待王五批准后再离岗。", await SayAsync("zhangsan", "30分钟 去银行办事，马上回来"));

        var leave = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ShiftLeave>().AsNoTracking().SingleAsync());
        // The reason as typed, full-width comma kept.
        Assert.Equal(("去银行办事，马上回来", Shanghai(10, 0)), (leave.Reason, leave.ReturnBy));
    }

    [Fact]
    public async Task TwoLeavesWaiting_TheSuperiorIsOfferedEachWithWhoAndWhy_第7篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhengshi", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去管理处送文件", Shanghai(9, 30));
        await SayAsync("zhengshi", "外出 20分钟 取快递");
        var superiors = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ShiftLeave>().AsNoTracking().Select(l => l.ApproverId).Distinct().ToListAsync());
        Assert.Equal(["wangwu"], superiors);
        await InboxAsync("wangwu");

        var offered = (await Chat("wangwu").SayAsync("同意外出")).Single();

        Assert.Equal("有多个外出申请等待您审批，请选择：", offered.Text);
        Assert.Equal(["同意外出 1", "同意外出 2"], offered.Choices.Select(c => c.Value));
        Assert.Equal(["#1 张三：去管理处送文件", "#2 郑十：取快递"], offered.Choices.Select(c => c.Label));
        Assert.StartsWith("已批准外出申请 #2（郑十", await SayAsync("wangwu", "2"));
    }

    [Theory]
    [InlineData("驳回外出 1 现在前台没人，请稍后再去")]
    [InlineData("驳回外出 现在前台没人，请稍后再去")]
    [InlineData("拒绝外出 #1 现在前台没人，请稍后再去")]
    public async Task Leave_RejectedWithAReason_TheRequesterHearsTheReason_第7篇_1_2_3(string typed)
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去银行", Shanghai(9, 30));
        await InboxAsync("wangwu");

        Assert.Equal("已驳回外出申请 #1（张三），已通知本人。", await SayAsync("wangwu", typed));

        Assert.Equal("您的外出申请 #1 未获王五批准，请留在岗位上。原因：现在前台没人，请稍后再去", Assert.Single(await InboxAsync("zhangsan")));
        var leave = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ShiftLeave>().AsNoTracking().SingleAsync());
        Assert.Equal(LeaveStatus.Rejected, leave.Status);
    }

    [Fact]
    public async Task Leave_RejectedWithoutAReason_SaysNoReason()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去银行", Shanghai(9, 30));

        await SayAsync("wangwu", "驳回外出 1");

        Assert.Equal("您的外出申请 #1 未获王五批准，请留在岗位上。", Assert.Single(await InboxAsync("zhangsan")));
    }

    [Fact]
    public async Task TwoLeavesWaiting_AReasonTypedBeforeChoosing_ReachesTheOneChosen()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhengshi", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去管理处送文件", Shanghai(9, 30));
        await SayAsync("zhengshi", "外出 20分钟 取快递");
        await InboxAsync("wangwu");

        var offered = (await Chat("wangwu").SayAsync("驳回外出 现在前台没人")).Single();
        Assert.Equal(["驳回外出 1 现在前台没人", "驳回外出 2 现在前台没人"], offered.Choices.Select(c => c.Value));
        await Chat("wangwu").PressAsync(offered.Choices[1].Value);

        Assert.Equal("您的外出申请 #2 未获王五批准，请留在岗位上。原因：现在前台没人", Assert.Single(await InboxAsync("zhengshi")));
    }

    [Fact]
    public async Task Leave_SuperiorApprovesAndBackEndsIt_第7篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");
        await InboxAsync("wangwu");

        var asked = await SayAsync("zhangsan", "外出 30分钟 去管理处送文件", Shanghai(9, 30));

        Assert.Equal("已提交外出申请 #1，请等待王五批准后再离岗。", asked);
        var ask = (await Chat("wangwu").NewBotLinesAsync()).Single();
        Assert.Equal("王五您好，张三申请当班外出：去管理处送文件，预计 10:00 回来。请审批（外出申请 #1）。", ask.Text);
        Assert.Equal("已批准外出申请 #1（张三），已通知本人。", string.Join("\n", (await Chat("wangwu").PressAsync(ask.Choices[0].Value)).Select(l => l.Text)));
        Assert.Equal("您的外出申请 #1 已由王五批准，请于 10:00 前回来，回来后请回复“回来”。", Assert.Single(await InboxAsync("zhangsan")));

        Assert.Equal("欢迎回来，已于 09:55 回岗。", await SayAsync("zhangsan", "回来", Shanghai(9, 55)));
        await WatchAsync(Shanghai(10, 30));
        Assert.Empty(await InboxAsync("zhangsan"));
        Assert.Equal("您好，您目前没有外出记录。", await SayAsync("zhangsan", "回来"));
    }

    [Fact]
    public async Task Leave_Overdue_RemindsThePersonThenEscalatesToTheShiftLeadOnce_第7篇_1_2_3()
    {
        await OutUntilTenAsync();
        await InboxAsync("zhangsan");
        await InboxAsync("wangwu");

        await WatchAsync(Shanghai(10, 1));
        await WatchAsync(Shanghai(10, 2));
        Assert.Equal("张三您好，您外出约定 10:00 回来，现在已超时。回来后请回复“回来”；如有特殊情况请联系王五。", Assert.Single(await InboxAsync("zhangsan")));
        Assert.Empty(await InboxAsync("wangwu"));

        await WatchAsync(Shanghai(10, 15));
        await WatchAsync(Shanghai(10, 16));

        Assert.Contains("张三外出超时未回（外出 #1）", Assert.Single(await InboxAsync("wangwu")));
        var cases = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().ToListAsync());
        Assert.Equal("duty.leave-overdue", Assert.Single(cases).Kind);
    }

    [Fact]
    public async Task Leave_Rejected_PersonIsToldToStay_第7篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 10:30 陪业主看房", Shanghai(9, 30));

        await SayAsync("wangwu", "驳回外出");

        Assert.Equal("您的外出申请 #1 未获王五批准，请留在岗位上。", Assert.Single(await InboxAsync("zhangsan")));
        await WatchAsync(Shanghai(11, 0));
        Assert.Empty(await InboxAsync("zhangsan"));
    }

    [Fact]
    public async Task Leave_NotCheckedIn_IsRefused_第7篇_1_2_3()
    {
        Assert.Equal("您现在不在当班（或还没有签到），外出无需申请。", await SayAsync("zhangsan", "外出 30分钟 买文具", Shanghai(9, 30)));
    }

    [Theory]
    [InlineData("2点半", "14:30")] // said at 13:00: this afternoon
    [InlineData("下午两点", "14:00")]
    [InlineData("14点15分", "14:15")]
    public async Task Leave_ReturnTimeInWords_IsUnderstood(string typed, string returnBy)
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", $"外出 {typed} 去银行", Shanghai(13, 0));

        Assert.Contains($"预计 {returnBy} 回来", Assert.Single(await InboxAsync("wangwu")));
    }

    [Theory]
    [InlineData("外出 半小时 去银行", "13:30")]
    [InlineData("外出 一个小时 去银行", "14:00")]
    [InlineData("外出 1个半小时 去银行", "14:30")]
    [InlineData("外出 1.5小时 去银行", "14:30")]
    [InlineData("外出 二十分钟 去银行", "13:20")]
    [InlineData("外出 1小时20分 去银行", "14:20")]
    [InlineData("外出 半小时去银行", "13:30")]       // run together with the reason
    [InlineData("外出 2点半去银行", "14:30")]
    [InlineData("外出 40分钟，去银行", "13:40")]
    [InlineData("外出 去银行 30分钟", "13:30")]      // the reason first, as often said
    [InlineData("外出 去银行半小时", "13:30")]
    [InlineData("外出 去银行，2点半回来", "14:30")]
    [InlineData("外出 去银行 40分钟左右", "13:40")]
    public async Task Leave_HowLongInWords_OrRunTogetherWithTheReason_IsUnderstood_第7篇_1_2_3(string typed, string returnBy)
    {
        await SayAsync("zhangsan", "签到");
        Assert.Equal("已提交外出申请 #1，请等待王五批准后再离岗。", await SayAsync("zhangsan", typed, Shanghai(13, 0)));

        var ask = Assert.Single(await InboxAsync("wangwu"));
        Assert.Contains($"张三申请当班外出：去银行，预计 {returnBy} 回来", ask);
    }

    [Fact]
    public async Task Leave_WithoutReturnTimeOrPastTheShiftEnd_IsRefused()
    {
        await SayAsync("zhangsan", "签到");

        Assert.StartsWith("请说明回来的时间和外出原因", await SayAsync("zhangsan", "外出 买文具", Shanghai(9, 30)));
        // A reason that ends in a number is not a time.
        Assert.Contains("回来的时间和外出原因", await SayAsync("zhangsan", "外出 送文件到3-1-502"));
        Assert.Equal("回来的时间晚于您的下班时间 15:00。提前离岗属于早退，请与上级沟通。", await SayAsync("zhangsan", "外出 16:00 买文具"));
        Assert.Empty(await InboxAsync("wangwu"));
    }
}

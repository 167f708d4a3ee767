using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Hazards;

/// <summary>
/// 待办 as hazardous materials fill it (第13篇), on the demo department from Thursday 2026-11-26 09:30: 张三 (staff, early
/// shift to 15:00) asks, 王五 the early shift's lead approves and hands out, 赵六 客服主任 is asked when no shift lead is on
/// duty; what is out longer than Hazards:ReturnWithin (4 hours) is pressing.
/// </summary>
public sealed partial class HazardTodoTests : DemoChatTests
{

    private static List<string> About(IEnumerable<string> lines, string about) => [.. lines.Where(l => l.Contains(about, StringComparison.Ordinal))];

    [Fact]
    public async Task ARequest_WaitsOnTheShiftLeadOnDuty_ThenWhatIsOutOnItsUser_UntilReturned_第13篇_3_0_4_0()
    {
        await SayAsync("zhangsan", "领用危险品 鼠药 2包 地下室灭鼠");

        var (lines, choices) = await TodoAsync("wangwu");
        Assert.Equal(["张三 申请领用危险品 #1 鼠药 2包（地下室灭鼠），待您批准并亲自发放（第13篇 3.0）"], About(lines, "鼠药"));
        Assert.Contains(new Choice("发放危险品 1", "发放危险品 1"), choices);
        // The shift lead on duty is asked, not the supervisor above; the one asking waits for the answer.
        foreach (var other in new[] { "zhaoliu", "zhangsan", "lisi" })
            Assert.Empty(About((await TodoAsync(other)).Lines, "鼠药"));

        Assert.Equal("已发放 #1 鼠药 2包（地下室灭鼠） 给 张三，已登记《危险品使用登记表》。", Assert.Single(await Chat("wangwu").PressAsync("发放危险品 1")).Text);
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "鼠药"));

        Bot.Time.Advance(TimeSpan.FromHours(1));
        (lines, choices) = await TodoAsync("zhangsan");
        Assert.Equal(["危险品 #1 鼠药 2包（地下室灭鼠），09:30 领用，用后请退回剩余并登记"], About(lines, "鼠药"));
        Assert.Contains(new Choice("退回危险品 1", "退回危险品 1"), choices);

        // The button asks how much is left, in the unit drawn (第13篇 4.0).
        Assert.StartsWith("请说明 #1 鼠药 2包（地下室灭鼠） 用后还剩多少（单位：包）", Assert.Single(await Chat("zhangsan").PressAsync("退回危险品 1")).Text);
        Assert.StartsWith("已登记退回 #1 鼠药 2包（地下室灭鼠）：用去 1.5包，剩余 0.5包", await TextAsync("zhangsan", "0.5"));
        Assert.Empty(About((await TodoAsync("zhangsan")).Lines, "鼠药"));
    }

    [Fact]
    public async Task OutLongerThanReturnWithin_IsPressingForTheUserAndTheIssuer_AheadOfAKeyNotYetDue_第13篇_4_0()
    {
        // A key out till the end of the shift (keys come before hazards unless something is pressing).
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        await SayAsync("zhouba", "确认交出 1");
        await SayAsync("zhangsan", "领用危险品 灭螂药 3支 员工餐厅");
        await SayAsync("wangwu", "发放危险品 1");

        Bot.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(59));
        var lines = (await TodoAsync("zhangsan")).Lines;
        var key = lines.IndexOf("钥匙 U-3-1-502（3-1-502） 已借出 3 小时 59 分钟，请于 15:00 前归还");
        Assert.True(key >= 0 && lines.IndexOf("危险品 #1 灭螂药 3支（员工餐厅），09:30 领用，用后请退回剩余并登记") > key, string.Join("\n", lines));
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "灭螂药"));

        Bot.Time.Advance(TimeSpan.FromMinutes(11));
        lines = (await TodoAsync("zhangsan")).Lines;
        var overdue = lines.IndexOf("危险品 #1 灭螂药 3支（员工餐厅），09:30 领用，已领出 4 小时 10 分钟，请尽快退回剩余并登记（第13篇 4.0）");
        Assert.True(overdue >= 0 && lines.IndexOf("钥匙 U-3-1-502（3-1-502） 已借出 4 小时 10 分钟，请于 15:00 前归还") > overdue, string.Join("\n", lines));
        // The one who handed it out follows it up, as the reminder asks; only the user can say what is left, so no button.
        var (issuer, choices) = await TodoAsync("wangwu");
        Assert.Equal(["您发放给 张三 的危险品 #1 灭螂药 3支（员工餐厅）（09:30 领用）已领出 4 小时 10 分钟 未退回，请跟进（第13篇 4.0）"], About(issuer, "灭螂药"));
        Assert.DoesNotContain(choices, c => c.Value.Contains("危险品", StringComparison.Ordinal));
        Assert.Empty(About((await TodoAsync("zhaoliu")).Lines, "灭螂药"));

        await SayAsync("zhangsan", "退回危险品 用完");
        Assert.Empty(About((await TodoAsync("zhangsan")).Lines, "灭螂药"));
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "灭螂药"));
    }

    [Fact]
    public async Task AfterTheShiftLeadsShift_ARequestWaitsOnTheSupervisor_AndAShiftLeadsOwnDrawIsTheirsToReturn_第13篇_2_0_3_0()
    {
        await SayAsync("wangwu", "领用危险品 酒精 1瓶 前台消毒");
        Assert.Equal(["危险品 #1 酒精 1瓶（前台消毒），09:30 领用，用后请退回剩余并登记"], About((await TodoAsync("wangwu")).Lines, "酒精"));
        Assert.Empty(About((await TodoAsync("zhaoliu")).Lines, "酒精"));

        // 16:00: 王五's early shift is over and no shift lead is on duty, so 李四's request goes to the supervisor.
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        Assert.Contains("已通知 赵六", await TextAsync("lisi", "领用危险品 稀料 1瓶 清除涂鸦"));
        var (lines, choices) = await TodoAsync("zhaoliu");
        Assert.Equal(["李四 申请领用危险品 #2 稀料 1瓶（清除涂鸦），待您批准并亲自发放（第13篇 3.0）"], About(lines, "稀料"));
        Assert.Contains(new Choice("发放危险品 2", "发放危险品 2"), choices);
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "稀料"));
        // 王五's own, out since 09:30, is now late.
        Assert.Equal(["危险品 #1 酒精 1瓶（前台消毒），09:30 领用，已领出 6 小时 30 分钟，请尽快退回剩余并登记（第13篇 4.0）"],
            About((await TodoAsync("wangwu")).Lines, "酒精"));
    }
}

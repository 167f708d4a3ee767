using Bot.Tests.Support;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// An owner (陈先生, 3-1-502) writing at night, while the front desk holds what it tells owners until quiet hours end
/// (22:00–07:00): nothing held may silence the bot's answers meanwhile, and an urgent matter is answered at once.
/// No shift lead is on at night, so the 客服主任 (赵六) hears of the owner's messages. Demo: Thursday 2026-11-26.
/// </summary>
public sealed class OwnerMessageNightTests : DemoChatTests
{
    private const string Owner = "chen-3-1-502";

    private void At(int day, int hour, int minute) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    /// <summary>The case number on the alert the person just got (its 收到 button).</summary>
    private async Task<string> AlertedCaseAsync(string who)
    {
        var alert = Assert.Single(await InboxAsync(who), l => l.Choices.Any(c => c.Value.StartsWith("收到 ", StringComparison.Ordinal)));
        return alert.Choices.First(c => c.Value.StartsWith("收到 ", StringComparison.Ordinal)).Value["收到 ".Length..];
    }

    [Fact]
    public async Task AMessageTakenUpAtNight_WaitsForTheMorning_ButTheOwnersNextWordsAreStillAnswered()
    {
        At(26, 21, 50);
        await SayAsync(Owner, "楼道灯不亮了，麻烦派人看看");
        var id = await AlertedCaseAsync("zhaoliu");

        // Taken up at 22:10: the owner hears of it at 07:00, as the front desk does not write to owners at night.
        At(26, 22, 10);
        await Chat("zhaoliu").PressAsync($"收到 {id}");
        await Bot.DispatchAsync();
        Assert.Empty(await InboxAsync(Owner));

        // The owner writes again: the answer comes now, not behind the notice held for the morning.
        At(26, 22, 15);
        var reply = await TextAsync(Owner, "什么时候能来修？");
        Assert.StartsWith("陈先生您好，您补充的内容已记入您刚才的留言", reply);

        At(27, 7, 0);
        await Bot.DispatchAsync();
        Assert.Contains("已有工作人员受理", Assert.Single(await InboxAsync(Owner)).Text);
    }

    [Fact]
    public async Task AnOwnersEmergencyAtNight_IsTakenUpAndAnsweredAtOnce_NotInTheMorning_第2篇_1_6()
    {
        At(26, 23, 40);
        await SayAsync(Owner, "紧急 家里水管爆了 水漫到客厅了 快来人");
        var id = await AlertedCaseAsync("zhaoliu");

        await Chat("zhaoliu").PressAsync($"收到 {id}");
        await Bot.DispatchAsync();
        Assert.Contains("已有工作人员受理", Assert.Single(await InboxAsync(Owner)).Text);

        var answered = await TextAsync("zhaoliu", $"答复业主 {id} 维修师傅10分钟内到，请先关闭总阀");
        Assert.DoesNotContain("早上", answered);
        await Bot.DispatchAsync();
        Assert.Contains("维修师傅10分钟内到，请先关闭总阀", Assert.Single(await InboxAsync(Owner)).Text);

        // Still waiting, the owner is not told the staff will see to it in the morning.
        var more = await TextAsync(Owner, "什么时候能来？");
        Assert.Equal("陈先生您好，您补充的内容已转给正在跟进您留言的示例花园客服中心值班人员，我们会一并处理。谢谢！", more);
    }

    [Fact]
    public async Task AnOwnersEmergencyAtNight_ReachesTheNightStaffOnDuty_NotOnlyTheSupervisorAtHome_第2篇_1_6()
    {
        At(26, 23, 40);
        var told = await TextAsync(Owner, "紧急 家里水管爆了 水漫到客厅了 快来人");
        Assert.Contains("已立即通知示例花园客服中心值班人员", told);

        // 吴九 is on the night shift at 客服中心, the one on site; 赵六 (客服主任) hears of it as the chain's first level.
        var id = await AlertedCaseAsync("zhaoliu");
        var alert = Assert.Single(await InboxAsync("wujiu"), l => l.Text.Contains("水管爆了"));
        Assert.Contains("您是当班值班人员", alert.Text);
        Assert.Contains($"收到 {id}", alert.Choices.Select(c => c.Value));

        await Chat("wujiu").PressAsync($"收到 {id}");
        await Bot.DispatchAsync();
        Assert.Contains("已由吴九收到", Assert.Single(await InboxAsync("zhaoliu")).Text);
    }
}

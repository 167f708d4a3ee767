using Bot.Domain.Features.Escalation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 紧急 typed in the evening: the chain starts at 客服部经理 (孙七) and climbs to 总经理 (钱一); the day's duty manager
/// (值班经理 赵六, 第2篇 1.1) hears of it at once too (第14篇 3.3), and so does the colleague still on duty at the same
/// post (李四, middle shift at 客服中心 until 23:00). Demo: Thursday 2026-11-26.
/// </summary>
public sealed class EmergencyNightTests : DemoChatTests
{
    private void At(int day, int hour, int minute) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    [Fact]
    public async Task EmergencyAtNight_ReachesTheDutyManagerAndTheColleagueAtThePost_AsWellAsTheChain_第14篇_3_3()
    {
        At(26, 22, 2);
        var reply = await TextAsync("wujiu", "紧急 3号楼电梯困人，已通知电梯公司");

        Assert.StartsWith("已立即通报：孙七、赵六、李四（紧急事项 #", reply);
        Assert.Contains("3号楼电梯困人", Assert.Single(await InboxAsync("sunqi")).Text);
        var manager = Assert.Single(await InboxAsync("zhaoliu"));
        Assert.Contains("3号楼电梯困人", manager.Text);
        Assert.Contains("您是今日值班经理", manager.Text);
        Assert.Contains(manager.Choices, c => c.Value.StartsWith("收到 ", StringComparison.Ordinal));
        Assert.Contains("您是当班值班人员", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Empty(await InboxAsync("wujiu"));

        // Nobody says 收到: it climbs to 钱一; those already told are not told the same alert again.
        At(26, 22, 8);
        await Bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Contains("3号楼电梯困人", Assert.Single(await InboxAsync("qianyi")).Text);
        Assert.Empty(await InboxAsync("zhaoliu"));
        Assert.Empty(await InboxAsync("lisi"));
    }

    [Fact]
    public async Task EmergencyAfterMidnight_ReachesTheDutyManagerOfTheNightsShiftDay_NotTomorrowMornings_第2篇_1_1()
    {
        // The 27th has another duty manager (王五); the night shift that began on the 26th is still 赵六's.
        await Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Bot.Persistence.BotDbContext>();
            foreach (var day in db.Set<Bot.Domain.Features.Duty.DutyManagerAssignment>().Where(d => d.Date == new DateOnly(2026, 11, 27)))
                day.PersonId = "wangwu";
            return await db.SaveChangesAsync();
        });
        At(27, 1, 10);

        await TextAsync("wujiu", "紧急 B2车库冒烟");

        Assert.Contains("您是今日值班经理", Assert.Single(await InboxAsync("zhaoliu")).Text);
        Assert.Empty(await InboxAsync("wangwu"));
    }

    [Fact]
    public async Task EmergencyByDay_TellsTheDutyManager_WhoIsNotOnTheChain_第14篇_3_3()
    {
        At(26, 9, 30);
        var reply = await TextAsync("zhangsan", "紧急 会所燃气报警");

        // Nobody else is on duty at 客服中心 in the morning but 张三.
        Assert.StartsWith("已立即通报：孙七、赵六（紧急事项 #", reply);
        Assert.Contains("您是今日值班经理", Assert.Single(await InboxAsync("zhaoliu")).Text);
    }
}

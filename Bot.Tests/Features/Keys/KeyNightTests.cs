using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Keys;

/// <summary>
/// 借钥匙 at night: the unit keys' custodian (周八) works days only and is not on the roster; no shift lead is on at night.
/// Nobody at work may hand a unit key out (第4篇 1.2.1), so the borrower is told at once, not sent to the cabinet. Demo: 2026-11-26.
/// </summary>
public sealed class KeyNightTests : DemoChatTests
{
    private void At(int day, int hour, int minute) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    [Fact]
    public async Task BorrowAtNight_NobodyAtWorkMayHandItOut_TheBorrowerIsToldWhenAndWhomToCall_第4篇_1_2_1()
    {
        At(26, 22, 3);
        var reply = await TextAsync("lisi", "借钥匙 3-1-502");

        Assert.Contains("钥匙保管人周八目前不在岗，现在无人可以交出钥匙，借用请于 11-27 07:00 以后再申请", reply);
        Assert.Contains("请电话联系今日值班经理赵六", reply);
        Assert.DoesNotContain("当面领取", reply);
        Assert.Empty(await InboxAsync("zhouba"));

        // In the morning the custodian is at work again and is asked as usual.
        At(27, 9, 0);
        Assert.DoesNotContain("不在岗", await TextAsync("lisi", "借钥匙 3-1-502"));
    }

    [Fact]
    public async Task BorrowAtNight_TheCustodianRosteredWithNoShiftAhead_IsSaidSo_NotWithABlankTime_第4篇_1_2_1()
    {
        // 周八 on the roster yesterday and not again this week (on leave).
        await Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            db.Add(new RosterAssignment { Date = new DateOnly(2026, 11, 25), PersonId = "zhouba", ShiftCode = "early", Post = "中控室" });
            return await db.SaveChangesAsync();
        });
        At(26, 22, 3);

        var reply = await TextAsync("lisi", "借钥匙 3-1-502");

        Assert.Contains("钥匙保管人周八目前不在岗，近期也没有排班，现在无人可以交出钥匙，请与领班联系安排。", reply);
        Assert.DoesNotContain("请于  以后", reply);
        Assert.Contains("请电话联系今日值班经理赵六", reply);
    }
}

using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Keys;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Keys;

/// <summary>Curfews, the custodian's daily list, the area key set and the digest, with the fake clock (第4篇 1.1, 1.2.4).</summary>
public sealed class KeyWatchTests : KeysTestBase
{
    [Fact]
    public async Task Curfew_RemindsTheHolderOnce_ThenEscalatesToTheShiftLeadOnDuty_第4篇_1_2_4()
    {
        var loanId = await BorrowAndHandOutAsync(due: "2h"); // due back 11:30
        await InboxAsync("wangwu");

        At(11, 29);
        Assert.Equal(0, await WatchAsync());
        At(11, 30);
        Assert.Equal(1, await WatchAsync());
        Assert.Equal(0, await WatchAsync());
        var reminder = Assert.Single(await InboxAsync("zhangsan"));
        Assert.Equal("您好，钥匙 U-3-1-502（3-1-502） 已到约定归还时间 11:30，请尽快归还；如需延长，请联系钥匙保管人。", reminder.Text);
        Assert.Equal("还钥匙 U-3-1-502", reminder.Choices.Single().Value);

        At(11, 59);
        await WatchAsync();
        Assert.Empty(await InboxAsync("wangwu"));
        At(12, 0);
        Assert.Equal(1, await WatchAsync());
        At(12, 1);
        Assert.Equal(0, await WatchAsync());

        var alert = Assert.Single(await InboxAsync("wangwu"));
        Assert.Contains("钥匙 U-3-1-502 逾期未还（张三）", alert.Text);
        Assert.Contains("已超时 30 分钟", alert.Text);
        Assert.Empty(await InboxAsync("zhangsan"));
        var escalation = Assert.Single(await DbAsync(db => db.Set<EscalationCase>().AsNoTracking().ToListAsync()));
        Assert.Equal("keys.overdue", escalation.Kind);

        At(12, 5);
        Assert.Contains("已超时 35 分钟", await TextAsync("zhangsan", "钥匙 3-1-502 在哪"));
        var trail = await TextAsync("zhouba", "钥匙记录 3-1-502");
        Assert.Contains($"11-26 11:30 系统 到期提醒归还［借用单 #{loanId}］", trail);
        Assert.Contains($"11-26 12:00 系统 逾期上报（已通知 王五）［借用单 #{loanId}］", trail);
    }

    [Fact]
    public async Task Curfew_NoShiftLeadRosteredThatDay_TheSupervisorIsAlertedAtOnce_第3篇_1_3()
    {
        // A weekend with no 领班 on the roster: the first rung is nobody, so the 客服主任 hears of it at the escalation
        // time itself, not after a 30-minute wait on an empty rung.
        await DbAsync(async db =>
        {
            db.RemoveRange(db.Set<RosterAssignment>().Where(a => a.PersonId == "wangwu"));
            return await db.SaveChangesAsync();
        });
        await BorrowAndHandOutAsync(due: "2h"); // due back 11:30
        At(11, 30);
        await WatchAsync();
        await InboxAsync("zhaoliu");

        At(12, 0);
        Assert.Equal(1, await WatchAsync());

        var alert = Assert.Single(await InboxAsync("zhaoliu"));
        Assert.Contains("钥匙 U-3-1-502 逾期未还（张三）", alert.Text);
        Assert.Contains("第2级负责人（客服主任）", alert.Text);
        Assert.Empty(await InboxAsync("wangwu"));
        // The trail says who was told, not a 领班 who was not there.
        Assert.Contains("11-26 12:00 系统 逾期上报（已通知 赵六）", await TextAsync("zhouba", "钥匙记录 3-1-502"));
    }

    [Fact]
    public async Task Curfew_OnTheMiddleShiftWithoutALead_TheSupervisorIsAlertedAtOnce_第3篇_1_3()
    {
        At(15, 30);
        await BorrowAndHandOutAsync(who: "lisi", due: "1h"); // due back 16:30; the middle shift has no 领班
        At(16, 30);
        await WatchAsync();
        await InboxAsync("zhaoliu");

        At(17, 0);
        Assert.Equal(1, await WatchAsync());

        var alert = Assert.Single(await InboxAsync("zhaoliu"));
        Assert.Contains("钥匙 U-3-1-502 逾期未还（李四）", alert.Text);
        Assert.Contains("第2级负责人（客服主任）", alert.Text);
        Assert.Empty(await InboxAsync("wangwu"));
    }

    [Fact]
    public async Task Curfew_KeyBackInTime_NothingHappens()
    {
        await BorrowAndHandOutAsync(due: "1h");
        await SayAsync("zhangsan", "还钥匙");
        foreach (var _ in Enumerable.Range(0, 3)) await Chat("zhangsan").PressAsync("yes");

        At(12, 0);
        Assert.Equal(0, await WatchAsync());
        Assert.Empty(await DbAsync(db => db.Set<EscalationCase>().AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task Curfew_TwoInstancesAtOnce_RemindAndEscalateOnce()
    {
        await BorrowAndHandOutAsync(due: "1h");
        At(11, 5);

        var both = await Task.WhenAll(WatchAsync(), WatchAsync());

        Assert.Equal(2, both.Sum());
        Assert.Single(await InboxAsync("zhangsan"));
        Assert.Single(await DbAsync(db => db.Set<EscalationCase>().AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task DailyList_NamesEveryKeyOut_OncePerDay_AndTheReasonIsRecorded_第4篇_1_2_4()
    {
        var loanId = await BorrowAndHandOutAsync(due: "2h");
        await InboxAsync("zhouba");
        At(18, 0);
        Assert.Contains("未登记原因 0 把", await DigestAsync());

        Assert.Equal(1, await DailyAsync());
        Assert.Equal(0, await DailyAsync());
        Assert.Contains("未登记原因 1 把", await DigestAsync());

        var list = Assert.Single(await InboxAsync("zhouba"));
        Assert.StartsWith("2026-11-26 钥匙检查：还有 1 把钥匙未归还（第4篇 1.2.4）：", list.Text);
        Assert.Contains($"· U-3-1-502（3-1-502）：张三，已借出 8 小时 30 分钟，应还 11-26 11:30，用途：查看房间（借用单 #{loanId}）", list.Text);
        Assert.Equal($"未还原因 {loanId}", list.Choices.Single().Value);

        var ask = await Chat("zhouba").PressAsync(list.Choices.Single().Value);
        Assert.StartsWith("请说明钥匙 U-3-1-502（3-1-502）（张三 名下）未归还的原因", ask.Single().Text);
        var recorded = await Chat("zhouba").SayAsync("业主明早才能到场验房");
        Assert.Equal("已登记钥匙 U-3-1-502 未还原因：业主明早才能到场验房。", recorded.Single().Text);

        var digest = await DigestAsync();
        Assert.Contains("钥匙：借出 1 把，逾期 1 把，丢失/损坏 0 把，未登记原因 0 把", digest);
        Assert.Contains("原因：业主明早才能到场验房", digest);
    }

    [Fact]
    public async Task DailyList_NothingOut_SaysAllIn()
    {
        At(18, 0);
        await DailyAsync();

        Assert.Equal("2026-11-26 钥匙检查：所有钥匙均已归还，谢谢。", Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Null(await DigestAsync());
    }

    [Fact]
    public async Task KeysOut_ListsTheKeysHeldForTheHandover()
    {
        await BorrowAndHandOutAsync(due: "2h");

        var (mine, all, others) = await Bot.InScopeAsync(async sp =>
        {
            var keys = sp.GetRequiredService<IKeysOut>();
            return (await keys.HeldByAsync("zhangsan", CancellationToken.None), await keys.AllOutAsync(CancellationToken.None),
                await keys.HeldByAsync("lisi", CancellationToken.None));
        });

        var held = Assert.Single(mine);
        Assert.Equal(new KeyOut("U-3-1-502", "3-1-502", "zhangsan", "张三", Shanghai(9, 30), Shanghai(11, 30)), held);
        Assert.Equal(held, Assert.Single(all));
        Assert.Empty(others);
    }

    private Task<int> DailyAsync() =>
        Bot.InScopeAsync(async sp =>
        {
            var sent = await sp.GetRequiredService<KeyDailyCheck>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None);
            await Bot.DispatchAsync();
            return sent;
        });

    private Task<string?> DigestAsync() =>
        Bot.InScopeAsync(async sp =>
        {
            var section = sp.GetServices<IDigestSection>().OfType<KeysDigestSection>().Single();
            var manager = await sp.GetRequiredService<BotDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.Id == "sunqi");
            return await section.BuildAsync(manager, new DateOnly(2026, 11, 26), "zh-CN", CancellationToken.None);
        });
}

/// <summary>Requests that never went out, and the refusals and answers a person would notice.</summary>
public sealed class KeyRequestTests : KeysTestBase
{
    [Fact]
    public async Task Request_NotHandedOutByItsDueTime_LapsesAndFreesTheKey()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        await Chat("zhangsan").PressAsync("1h");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");

        At(10, 30);
        Assert.Equal(1, await WatchAsync());
        Assert.Equal(0, await WatchAsync());

        Assert.Equal(LoanStatus.Declined, Assert.Single(await LoansAsync()).Status);
        Assert.Contains("已自动取消", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.StartsWith("好的，借用钥匙 U-3-1-502", await TextAsync("lisi", "借钥匙 3-1-502"));
    }

    [Fact]
    public async Task Trail_AskedByStaffWithoutTheRole_IsRefused()
    {
        var reply = await TextAsync("zhangsan", "钥匙记录 A-01");

        // The trail is for the custodian and supervisors: 张三 hears it is outside her rights, and gets no trail.
        Assert.StartsWith("对不起，“钥匙记录”不在您的权限范围内。", reply);
        Assert.DoesNotContain("的记录（当前", reply);
    }

    [Fact]
    public async Task WhereIsKey_InEnglish_SaysHolderAndHowLong()
    {
        await BorrowAndHandOutAsync();
        await SayAsync("lisi", "language English");
        At(12, 0);

        var reply = await TextAsync("lisi", "where is key U-3-1-502");

        Assert.Equal("Key U-3-1-502（3-1-502）: out with 张三 for 2 h 30 min (since 09:30, due back 15:00).", reply);
    }
}

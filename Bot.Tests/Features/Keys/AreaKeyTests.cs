using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Keys;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Features.Keys;

/// <summary>The area key set and its 钥匙交接单 (第4篇 1.1.1–1.1.2), starting before the early shift.</summary>
public sealed class AreaKeyTests() : KeysTestBase(6, 40)
{
    [Fact]
    public async Task AreaKeys_EarlyShiftIsPromptedOnceAfterCheckIn_AndConfirmsTheCount_第4篇_1_1_1()
    {
        At(6, 50);
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhengshi", "签到");
        await InboxAsync("zhangsan");

        At(6, 51);
        Assert.Equal(1, await WatchAsync());
        At(6, 52);
        Assert.Equal(0, await WatchAsync());

        var prompt = Assert.Single(await InboxAsync("zhangsan"));
        Assert.StartsWith("您好，签到成功后请到中控室领取管理区域钥匙（共 2 组：A-01、A-02）", prompt.Text);
        Assert.Empty(await InboxAsync("zhengshi")); // front desk post: not the area key collector

        var ask = await Chat("zhangsan").PressAsync(prompt.Choices.Single().Value);
        Assert.StartsWith("请在中控室清点管理区域钥匙，应有 2 组", ask.Single().Text);
        var done = await Chat("zhangsan").PressAsync("2");
        Assert.Matches(@"^已登记钥匙交接单 #\d+：领取管理区域钥匙 2 组，数量无误。钥匙随班交接，由中班在 23:00 下班时交回中控室（第4篇 1.1.2）。", done.Single().Text);
        Assert.Equal(KeyStatus.Out, (await KeyAsync("A-01")).Status);
        Assert.All(await LoansAsync(), l => Assert.Equal((LoanPurpose.AreaSet, "zhangsan"), (l.Purpose, l.HolderId)));
        Assert.Contains("钥匙 A-01（管理区域钥匙组（公共区域））：张三 借出中", await TextAsync("lisi", "钥匙 A-01 在哪"));
        Assert.Empty(await DbAsync(db => db.Set<EscalationCase>().AsNoTracking().ToListAsync()));

        // Collected: the next check-in is not prompted again.
        At(7, 10);
        await SayAsync("wangwu", "签到");
        Assert.Equal(0, await WatchAsync());
    }

    [Fact]
    public async Task AreaKeys_WrongCount_EscalatesToTheShiftLead_第4篇_1_1_1()
    {
        At(7, 30);
        await SayAsync("wangwu", "签到");
        await InboxAsync("wangwu");

        await SayAsync("zhangsan", "领取区域钥匙");
        var reply = await Chat("zhangsan").SayAsync("1");

        Assert.Contains("清点 1 组，应有 2 组，数量不符，已上报当班领班", reply.Single().Text);
        var alert = Assert.Single(await InboxAsync("wangwu"));
        Assert.Contains("区域钥匙数量不符", alert.Text);
        Assert.Contains("张三 领取管理区域钥匙时清点 1 组，应有 2 组", alert.Text);
    }

    [Fact]
    public async Task AreaKeys_MiddleShiftIsPromptedAtItsEnd_AndTheReceiverCountsThemBack_第4篇_1_1_2()
    {
        At(7, 30);
        await SayAsync("zhangsan", "领取区域钥匙");
        await Chat("zhangsan").PressAsync("2");
        At(14, 50);
        await SayAsync("lisi", "签到");
        await InboxAsync("lisi");

        At(22, 59);
        Assert.Equal(0, await WatchAsync());
        At(23, 0);
        Assert.Equal(1, await WatchAsync());
        var prompt = Assert.Single(await InboxAsync("lisi"));
        Assert.StartsWith("您好，中班已结束，请将管理区域钥匙（2 组）交回中控室", prompt.Text);

        await Chat("lisi").PressAsync(prompt.Choices.Single().Value);
        var returned = await Chat("lisi").PressAsync("2");
        Assert.Matches(@"^已登记钥匙交接单 #\d+：交回管理区域钥匙 2 组，等待中控室清点确认。", returned.Single().Text);

        var request = Assert.Single(await InboxAsync("zhouba"));
        await Chat("zhouba").PressAsync(request.Choices.Single().Value);
        var received = await Chat("zhouba").PressAsync("2");
        Assert.Matches(@"^已确认收回钥匙交接单 #\d+ 的管理区域钥匙 2 组，数量无误。", received.Single().Text);
        Assert.Equal(KeyStatus.In, (await KeyAsync("A-01")).Status);
        Assert.All(await LoansAsync(), l => Assert.Equal(LoanStatus.Returned, l.Status));
        var handovers = await DbAsync(db => db.Set<AreaKeyHandover>().AsNoTracking().OrderBy(h => h.Id).ToListAsync());
        Assert.Equal([AreaHandoverKind.Collect, AreaHandoverKind.Return], handovers.Select(h => h.Kind));
        Assert.Equal(("zhouba", 2), (handovers[1].ReceiverId, handovers[1].ReceiverCount));
    }

}

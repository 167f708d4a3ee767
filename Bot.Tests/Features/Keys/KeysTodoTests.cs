using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Keys;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Keys;

/// <summary>
/// 待办 as the keys feature fills it, on the demo department (Thursday 2026-11-26, 09:30 Shanghai): 张三 borrows on the
/// early shift (ends 15:00), 周八 is the 钥匙专人 who hands out and takes back, 王五 is 张三's shift lead and approves a key
/// leaving the office, 李四 receives a transfer and brings back the area key set. Each thing is seen by the one it waits
/// on, not by the others, and is gone once dealt with — through the very button 待办 offers.
/// </summary>
public sealed partial class KeysTodoTests : DemoChatTests
{
    private void At(int hour, int minute, int day = 26) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    /// <summary>The lines about one thing (a key, the area set), whatever else other features list.</summary>
    private static List<string> About(IEnumerable<string> lines, string about) => [.. lines.Where(l => l.Contains(about, StringComparison.Ordinal))];

    /// <summary>The person borrows a unit key for a viewing (due "shift", "1h" or "2h"), optionally to take it out of the office.</summary>
    private async Task BorrowAsync(string who, string unit, string due = "shift", bool offSite = false)
    {
        await SayAsync(who, "借钥匙 " + unit);
        await Chat(who).PressAsync("Viewing");
        await Chat(who).PressAsync(due);
        await Chat(who).PressAsync("no");
        await Chat(who).PressAsync(offSite ? "yes" : "no");
    }

    private async Task BorrowAndHandOutAsync(string who, string unit, long loan, string due = "shift")
    {
        await BorrowAsync(who, unit, due);
        Assert.StartsWith("已登记交出", await TextAsync("zhouba", $"确认交出 {loan}"));
    }

    [Fact]
    public async Task KeysOutInMyName_AreMineToReturn_TheOverdueFirstWithHowLate_AndGoOnceReturnedAndReceived_第4篇_1_2_3()
    {
        await BorrowAndHandOutAsync("zhangsan", "3-1-501", 1, due: "2h");
        await BorrowAndHandOutAsync("zhangsan", "3-1-502", 2, due: "1h");
        At(9, 50);

        var (lines, choices) = await TodoAsync("zhangsan");
        Assert.Equal(["钥匙 U-3-1-501（3-1-501） 已借出 20 分钟，请于 11:30 前归还", "钥匙 U-3-1-502（3-1-502） 已借出 20 分钟，请于 10:30 前归还"],
            About(lines, "U-3-1-50"));
        Assert.Contains(new Choice("还钥匙 U-3-1-502", "还钥匙 U-3-1-502"), choices);
        Assert.Contains(new Choice("还钥匙 U-3-1-501", "还钥匙 U-3-1-501"), choices);
        // The custodian and a colleague have nothing to do about keys that are out and not yet due.
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-50"));
        Assert.Empty(About((await TodoAsync("lisi")).Lines, "U-3-1-50"));

        // Past its curfew, the later loan is pressing and leads, with how late.
        At(11, 10);
        lines = (await TodoAsync("zhangsan")).Lines;
        var overdue = lines.IndexOf("钥匙 U-3-1-502（3-1-502） 借出已超时 40 分钟（应于 10:30 归还），请尽快归还");
        var notYet = lines.IndexOf("钥匙 U-3-1-501（3-1-501） 已借出 1 小时 40 分钟，请于 11:30 前归还");
        Assert.True(overdue >= 0 && notYet > overdue, string.Join("\n", lines));

        // The button starts the return checklist; once returned it waits on the custodian to take it back.
        Assert.StartsWith("归还钥匙 U-3-1-502（3-1-502） 前，请逐项确认", Assert.Single(await Chat("zhangsan").PressAsync("还钥匙 U-3-1-502")).Text);
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhangsan").PressAsync("yes");
        Assert.StartsWith("谢谢，已登记归还钥匙 U-3-1-502", Assert.Single(await Chat("zhangsan").PressAsync("yes")).Text);
        lines = (await TodoAsync("zhangsan")).Lines;
        Assert.Empty(About(lines, "U-3-1-502"));
        Assert.Contains("钥匙 U-3-1-501（3-1-501） 已借出 1 小时 40 分钟，请于 11:30 前归还", lines);

        (lines, choices) = await TodoAsync("zhouba");
        Assert.Equal(["张三 已归还钥匙 U-3-1-502（3-1-502），请核对后确认收回（借用单 #2）"], About(lines, "U-3-1-50"));
        Assert.Contains(new Choice("确认收回 2", "确认收回 2"), choices);
        // The shift lead could take it back too, but the key has its custodian, who was asked.
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "U-3-1-502"));

        Assert.Equal("已确认收回：钥匙 U-3-1-502（3-1-502） 已放回 客服中心钥匙柜 2 号格。", Assert.Single(await Chat("zhouba").PressAsync("确认收回 2")).Text);
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));
    }

    [Fact]
    public async Task AHandOut_WaitsOnTheCustodianNotTheBorrower_UntilHandedOut_AndSaysSoInEnglish_第4篇_1_2_2()
    {
        await BorrowAsync("zhangsan", "3-1-502");

        var (lines, choices) = await TodoAsync("zhouba");
        Assert.Equal(["张三 申请借用钥匙 U-3-1-502（3-1-502），请当面核对后确认交出（借用单 #1）"], About(lines, "U-3-1-502"));
        Assert.Contains(new Choice("确认交出 1", "确认交出 1"), choices);
        foreach (var other in new[] { "zhangsan", "wangwu", "lisi" })
            Assert.Empty(About((await TodoAsync(other)).Lines, "U-3-1-502"));

        Assert.Equal("已登记交出：钥匙 U-3-1-502（3-1-502） 交给 张三，预计 15:00 归还。", Assert.Single(await Chat("zhouba").PressAsync("确认交出 1")).Text);
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));

        Bot.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains("钥匙 U-3-1-502（3-1-502） 已借出 5 分钟，请于 15:00 前归还", (await TodoAsync("zhangsan")).Lines);
        await SayAsync("zhangsan", "语言 English");
        var english = Assert.Single(await SayAsync("zhangsan", "to do"));
        Assert.Contains("key U-3-1-502（3-1-502） out for 5 min; please bring it back by 15:00", english.Text);
        Assert.Contains(new Choice("return key U-3-1-502", "return key U-3-1-502"), english.Choices);
    }

    [Fact]
    public async Task ARequestNotHandedOutByItsCurfew_LapsesAndWaitsOnNobody()
    {
        await BorrowAsync("zhangsan", "3-1-502", due: "1h");
        At(10, 29);
        Assert.Equal(["张三 申请借用钥匙 U-3-1-502（3-1-502），请当面核对后确认交出（借用单 #1）"], About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));
        At(10, 30);
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));
    }

    [Fact]
    public async Task ATransfer_WaitsOnTheReceiver_AndOnceAcceptedTheKeyIsTheirsToReturn()
    {
        await BorrowAndHandOutAsync("zhangsan", "3-1-502", 1);
        Bot.Time.Advance(TimeSpan.FromMinutes(10));
        await SayAsync("zhangsan", "转交钥匙 3-1-502 李四");

        var (lines, choices) = await TodoAsync("lisi");
        Assert.Equal(["张三 要把钥匙 U-3-1-502（3-1-502） 转交给您，请当面确认接收（借用单 #1）"], About(lines, "U-3-1-502"));
        Assert.Contains(new Choice("接收钥匙 1", "接收钥匙 1"), choices);
        // Until then it is still in 张三's name.
        Assert.Contains("钥匙 U-3-1-502（3-1-502） 已借出 10 分钟，请于 15:00 前归还", (await TodoAsync("zhangsan")).Lines);

        Assert.StartsWith("已确认接收 张三 转交的钥匙 U-3-1-502", Assert.Single(await Chat("lisi").PressAsync("接收钥匙 1")).Text);
        Assert.Equal(["钥匙 U-3-1-502（3-1-502） 已借出 10 分钟，请于 15:00 前归还"], About((await TodoAsync("lisi")).Lines, "U-3-1-502"));
        Assert.Empty(About((await TodoAsync("zhangsan")).Lines, "U-3-1-502"));
    }

    [Fact]
    public async Task TakingAKeyOutOfTheOffice_WaitsOnTheBorrowersSuperior_ThenOnTheCustodian_第4篇_1_2_5()
    {
        await BorrowAsync("zhangsan", "3-1-502", offSite: true);

        var (lines, choices) = await TodoAsync("wangwu");
        Assert.Equal(["张三 申请将钥匙 U-3-1-502（3-1-502） 带出办公室，请审批（借用单 #1，第4篇 1.2.5）"], About(lines, "U-3-1-502"));
        Assert.Contains(new Choice("批准带出 1", "批准带出 1"), choices);
        // 王五 is 张三's superior, so the supervisor is not asked; nor is the custodian until it is approved.
        Assert.Empty(About((await TodoAsync("zhaoliu")).Lines, "U-3-1-502"));
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));

        Assert.StartsWith("已批准 张三 将钥匙 U-3-1-502（3-1-502） 带出办公室", Assert.Single(await Chat("wangwu").PressAsync("批准带出 1")).Text);
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "U-3-1-502"));
        Assert.Equal(["张三 申请借用钥匙 U-3-1-502（3-1-502），请当面核对后确认交出（借用单 #1）"], About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));
    }

    [Fact]
    public async Task AKeyOnTheDailyList_WaitsOnTheCustodianForItsReason_UntilRecorded_第4篇_1_2_4()
    {
        await BorrowAndHandOutAsync("zhangsan", "3-1-502", 1);
        At(17, 59);
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));
        Assert.Equal(["钥匙 U-3-1-502（3-1-502） 借出已超时 2 小时 59 分钟（应于 15:00 归还），请尽快归还"], About((await TodoAsync("zhangsan")).Lines, "U-3-1-502"));

        At(18, 0);
        await Bot.InScopeAsync(sp => sp.GetRequiredService<KeyDailyCheck>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        var (lines, choices) = await TodoAsync("zhouba");
        Assert.Equal(["钥匙 U-3-1-502（3-1-502） 仍在 张三 处未还，请登记未还原因（借用单 #1，第4篇 1.2.4）"], About(lines, "U-3-1-502"));
        // The daily list's own button.
        Assert.Contains(new Choice("未还原因 1", "登记 U-3-1-502 原因"), choices);
        Assert.Empty(About((await TodoAsync("wangwu")).Lines, "U-3-1-502"));

        Assert.Equal("请说明钥匙 U-3-1-502（3-1-502）（张三 名下）未归还的原因：", Assert.Single(await Chat("zhouba").PressAsync("未还原因 1")).Text);
        Assert.Equal("已登记钥匙 U-3-1-502 未还原因：业主委托维修，师傅明早完工。", await TextAsync("zhouba", "业主委托维修，师傅明早完工"));
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "U-3-1-502"));
    }

    [Fact]
    public async Task TheAreaKeySet_IsNotTheCollectorsToReturn_AndOnceHandedBackWaitsOnTheControlRoomsCount_第4篇_1_1_2()
    {
        await SayAsync("zhangsan", "领取区域钥匙");
        Assert.StartsWith("已登记钥匙交接单 #1：领取管理区域钥匙 2 组", Assert.Single(await Chat("zhangsan").PressAsync("2")).Text);
        // It goes back with the middle shift (归还区域钥匙), not by 还钥匙.
        Assert.Empty(About((await TodoAsync("zhangsan")).Lines, "A-0"));

        At(23, 5);
        await SayAsync("lisi", "归还区域钥匙");
        Assert.Equal("已登记钥匙交接单 #2：交回管理区域钥匙 2 组，等待中控室清点确认。", Assert.Single(await Chat("lisi").PressAsync("2")).Text);
        var (lines, choices) = await TodoAsync("zhouba");
        // Counted in as a set, not key by key with 确认收回.
        Assert.Equal(["李四 交回管理区域钥匙 2 组，请清点后确认（钥匙交接单 #2）"], About(lines, "钥匙"));
        Assert.Contains(new Choice("清点区域钥匙 2", "清点区域钥匙 2"), choices);
        Assert.DoesNotContain(choices, c => c.Value.StartsWith("确认收回", StringComparison.Ordinal));
        Assert.Empty(About((await TodoAsync("lisi")).Lines, "区域钥匙"));

        Assert.StartsWith("请清点钥匙交接单 #2 交回的管理区域钥匙（应有 2 组）", Assert.Single(await Chat("zhouba").PressAsync("清点区域钥匙 2")).Text);
        Assert.Equal("已确认收回钥匙交接单 #2 的管理区域钥匙 2 组，数量无误。", Assert.Single(await Chat("zhouba").PressAsync("2")).Text);
        Assert.Empty(About((await TodoAsync("zhouba")).Lines, "区域钥匙"));
    }
}

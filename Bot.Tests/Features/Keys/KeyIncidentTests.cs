using Bot.Domain.Features.Keys;

namespace Bot.Tests.Features.Keys;

/// <summary>钥匙损坏 / 钥匙丢失 while a key is out (第4篇 1.2.3, 1.2.7): a damaged key still comes back; a lost one cannot.</summary>
public sealed class KeyIncidentTests : KeysTestBase
{
    [Fact]
    public async Task DamagedWhileOut_TheLoanStaysOpenUntilReturnedWithTheChecksAndReceivedAsDamaged_第4篇_1_2_7()
    {
        var loanId = await BorrowAndHandOutAsync("lisi", due: "2h");
        await InboxAsync("zhouba");

        await SayAsync("lisi", "钥匙损坏 3-1-502 钥匙齿断了一截");
        await Chat("lisi").SayAsync("今天上午9点半");
        await Chat("lisi").SayAsync("3-1-502门口");
        var filed = Assert.Single(await Chat("lisi").SayAsync("开门时用力过猛，已用备用方式开门"));

        Assert.Contains("已登记为损坏", filed.Text);
        Assert.EndsWith("损坏的钥匙仍需交回钥匙保管人：请发送“还钥匙”，逐项确认单元情况后交回。", filed.Text);
        Assert.Equal("还钥匙 U-3-1-502", Assert.Single(filed.Choices).Value);
        Assert.Equal($"李四 报告钥匙 U-3-1-502（3-1-502） 损坏，钥匙目前在 李四 处（借用单 #{loanId}），归还时请收回并核对。",
            Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Equal((LoanStatus.Out, KeyStatus.Damaged), (Assert.Single(await LoansAsync()).Status, (await KeyAsync("U-3-1-502")).Status));
        Assert.Contains("U-3-1-502（3-1-502）（已报损坏）：已借出", await TextAsync("lisi", "我的钥匙"));
        Assert.Contains("U-3-1-502（3-1-502）（已报损坏）：李四", await TextAsync("zhouba", "借出钥匙"));

        // Returned the usual way: the unit is still checked, and the custodian takes it in knowing it is damaged.
        Assert.Contains("（1/3）电源已切断？", await TextAsync("lisi", "还钥匙"));
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("yes");
        Assert.StartsWith("谢谢，已登记归还钥匙", Assert.Single(await Chat("lisi").PressAsync("yes")).Text);
        Assert.StartsWith("李四 已归还钥匙 U-3-1-502（3-1-502）（已报损坏）", Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Equal("已确认收回：钥匙 U-3-1-502（3-1-502）（已报损坏）已收回，请放回 客服中心钥匙柜 2 号格 并安排修配，修好前不能借出；修好后请发送“钥匙修好 U-3-1-502”，配了新钥匙请发送“已配新钥匙 U-3-1-502”。",
            await TextAsync("zhouba", $"确认收回 {loanId}"));
        Assert.Equal((LoanStatus.Returned, KeyStatus.Damaged), (Assert.Single(await LoansAsync()).Status, (await KeyAsync("U-3-1-502")).Status));
    }

    [Fact]
    public async Task LostWhileOut_TheLoanCloses_AndADamagedKeyMayStillBeReportedLost_第4篇_1_2_7()
    {
        await BorrowAndHandOutAsync("lisi", due: "2h");
        await SayAsync("lisi", "钥匙损坏 3-1-502 钥匙齿断了一截");
        await Chat("lisi").SayAsync("上午");
        await Chat("lisi").SayAsync("门口");
        await Chat("lisi").SayAsync("用力过猛");

        // Damaged, then lost before it came back: the loss is still reported, and the loan closes.
        await SayAsync("lisi", "钥匙丢失 3-1-502 断掉的钥匙找不到了");
        await Chat("lisi").SayAsync("中午");
        await Chat("lisi").SayAsync("小区里");
        Assert.Contains("已登记为丢失", Assert.Single(await Chat("lisi").SayAsync("不清楚，已沿路寻找")).Text);

        Assert.Equal((LoanStatus.Lost, KeyStatus.Lost), (Assert.Single(await LoansAsync()).Status, (await KeyAsync("U-3-1-502")).Status));
        Assert.Equal("您名下目前没有钥匙。", await TextAsync("lisi", "我的钥匙"));
    }

    [Fact]
    public async Task DamagedBeforeItWasHandedOut_TheRequestIsDeclinedAndTheBorrowerTold()
    {
        await SayAsync("lisi", "借钥匙 3-1-502");
        await Chat("lisi").PressAsync("Viewing");
        await Chat("lisi").PressAsync("2h");
        await Chat("lisi").PressAsync("no");
        await Chat("lisi").PressAsync("no");
        await InboxAsync("lisi");

        await SayAsync("zhouba", "钥匙损坏 3-1-502 钥匙齿断了");
        await Chat("zhouba").SayAsync("刚才");
        await Chat("zhouba").SayAsync("钥匙柜");
        await Chat("zhouba").SayAsync("取钥匙时发现");

        Assert.Equal(LoanStatus.Declined, Assert.Single(await LoansAsync()).Status);
        Assert.StartsWith("钥匙 U-3-1-502（3-1-502） 已损坏，不能借出", Assert.Single(await InboxAsync("lisi")).Text);
    }
}

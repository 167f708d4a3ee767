using Bot.Domain.Features.Keys;

namespace Bot.Tests.Features.Keys;

/// <summary>
/// The custodian's and borrowers' everyday words after 钥匙: what they ask to do is offered as the command that does it,
/// not looked up as a key called "收到了".
/// </summary>
public sealed class KeyWordsTests : KeysTestBase
{
    [Fact]
    public async Task KeyReceived_SaidByTheCustodianWithAReturnWaiting_OffersThatReceipt()
    {
        var loanId = await BorrowAndHandOutAsync("lisi", due: "2h");
        await SayAsync("lisi", "还钥匙");
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("yes");
        await InboxAsync("zhouba");

        var offered = Assert.Single(await SayAsync("zhouba", "钥匙收到了"));

        Assert.Equal("您好，请问您是要办理：", offered.Text);
        Assert.Equal([$"确认收回 {loanId}"], offered.Choices.Select(c => c.Value));
        Assert.StartsWith("已确认收回", Assert.Single(await Chat("zhouba").PressAsync(offered.Choices[0].Value)).Text);
        Assert.Equal(LoanStatus.Returned, Assert.Single(await LoansAsync()).Status);
    }

    [Fact]
    public async Task KeyReceived_SaidByTheCustodianWithNothingWaiting_SaysSo()
    {
        Assert.Equal("您好，目前没有等您“确认收回”的借用单。", await TextAsync("zhouba", "钥匙收到了"));
    }

    [Fact]
    public async Task KeyReturned_WithMoreWordsAfterIt_OffersReturnKey()
    {
        await BorrowAndHandOutAsync("lisi", due: "2h");

        var offered = Assert.Single(await SayAsync("lisi", "钥匙还了 门开好了 业主进去了"));

        Assert.Equal(["还钥匙"], offered.Choices.Select(c => c.Value));
        Assert.Contains("（1/3）电源已切断？", Assert.Single(await Chat("lisi").PressAsync("还钥匙")).Text);
    }

    [Theory]
    [InlineData("钥匙柜2号格的钥匙不见了", "钥匙丢失")]
    [InlineData("钥匙找不到了", "钥匙丢失")]
    [InlineData("钥匙齿断了一截", "钥匙损坏")]
    [InlineData("钥匙 3-1-502 坏了", "钥匙损坏 U-3-1-502")]
    public async Task KeyLostOrDamaged_InEverydayWords_OffersTheReport(string said, string command)
    {
        var offered = Assert.Single(await SayAsync("lisi", said));

        Assert.Equal("您好，请问您是要办理：", offered.Text);
        Assert.Equal([command], offered.Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task AKeyNamedAlone_IsStillLookedUp_AndUnknownWordsStillSaySo()
    {
        Assert.StartsWith("钥匙 U-3-1-502（3-1-502）", await TextAsync("lisi", "钥匙 3-1-502"));
        Assert.StartsWith("对不起，没有找到钥匙“天台”", await TextAsync("lisi", "钥匙 天台"));
    }
}

using Bot.Domain.Features.Keys;

namespace Bot.Tests.Features.Keys;

/// <summary>The custodian's words after a loan number: the reason a key is not back (第4篇 1.2.4), and why one is not handed out.</summary>
public sealed class KeyCustodianWordsTests : KeysTestBase
{
    [Fact]
    public async Task ReasonWithTheNumberAndWords_IsRecordedAtOnce_第4篇_1_2_4()
    {
        var loanId = await BorrowAndHandOutAsync("lisi", due: "2h");

        var reply = await TextAsync("zhouba", $"未还原因 {loanId} 业主还没回来 师傅在等");

        Assert.Equal("已登记钥匙 U-3-1-502 未还原因：业主还没回来 师傅在等。", reply);
        Assert.Equal("业主还没回来 师傅在等", Assert.Single(await LoansAsync()).Reason);
    }

    [Fact]
    public async Task ReasonWithWordsButNoNumber_GoesOnTheOneKeyOut_OrEachChoiceCarriesTheWords_第4篇_1_2_4()
    {
        await BorrowAndHandOutAsync("lisi", due: "2h");
        Assert.Equal("已登记钥匙 U-3-1-502 未还原因：业主还没回来。", await TextAsync("zhouba", "未还原因 业主还没回来"));

        var second = await BorrowAndHandOutAsync("zhangsan", "3-1-501");
        var offered = Assert.Single(await SayAsync("zhouba", "未还原因 师傅在等"));
        Assert.Equal($"未还原因 {second} 师傅在等", offered.Choices[1].Value);
        Assert.Equal("已登记钥匙 U-3-1-501 未还原因：师傅在等。", Assert.Single(await Chat("zhouba").PressAsync(offered.Choices[1].Value)).Text);
    }

    [Fact]
    public async Task RefuseHandOut_WithAReasonAfterTheNumber_TellsTheBorrowerWhy()
    {
        var loanId = await AskAsync();

        var reply = await TextAsync("zhouba", $"拒绝交出 {loanId} 钥匙不在柜内，已在查找");

        Assert.Equal($"已登记：钥匙 U-3-1-502（3-1-502） 不予交出（借用单 #{loanId} 已关闭），原因已转告 李四。", reply);
        Assert.Equal("周八 未同意交出钥匙 U-3-1-502（3-1-502），原因：钥匙不在柜内，已在查找。如有疑问请与其联系。", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Equal(LoanStatus.Declined, Assert.Single(await LoansAsync()).Status);
        Assert.Contains("钥匙不在柜内，已在查找", await TextAsync("zhouba", "钥匙记录 3-1-502"));
    }

    [Fact]
    public async Task RefuseHandOut_PressedOnTheRequest_AsksWhyAndPassesItOn()
    {
        await AskAsync();
        var request = Assert.Single(await InboxAsync("zhouba"));

        var asked = Assert.Single(await Chat("zhouba").PressAsync(request.Choices[1].Value));
        Assert.Equal("请简要说明不交出钥匙 U-3-1-502（3-1-502） 的原因（会转告 李四）：", asked.Text);
        Assert.Equal(LoanStatus.AwaitingHandOut, Assert.Single(await LoansAsync()).Status);

        await Chat("zhouba").SayAsync("用途不符，请先找领班确认");

        Assert.Equal("周八 未同意交出钥匙 U-3-1-502（3-1-502），原因：用途不符，请先找领班确认。如有疑问请与其联系。", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Equal(LoanStatus.Declined, Assert.Single(await LoansAsync()).Status);
    }

    [Fact]
    public async Task RefuseHandOut_WithoutAReason_WhenTheCustodianChoosesNotToSay()
    {
        await AskAsync();
        var request = Assert.Single(await InboxAsync("zhouba"));
        await Chat("zhouba").PressAsync(request.Choices[1].Value);

        await Chat("zhouba").PressAsync("none");

        Assert.Equal("周八 未同意交出钥匙 U-3-1-502（3-1-502），如有疑问请与其联系。", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Equal(LoanStatus.Declined, Assert.Single(await LoansAsync()).Status);
    }

    private async Task<long> AskAsync()
    {
        await SayAsync("lisi", "借钥匙 3-1-502");
        await Chat("lisi").PressAsync("Viewing");
        await Chat("lisi").PressAsync("2h");
        await Chat("lisi").PressAsync("no");
        await Chat("lisi").PressAsync("no");
        await InboxAsync("lisi");
        return Assert.Single(await LoansAsync()).Id;
    }
}

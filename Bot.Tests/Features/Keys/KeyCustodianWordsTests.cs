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

using Bot.Domain.Features.Keys;

namespace Bot.Tests.Features.Keys;

/// <summary>转交钥匙: once the receiver accepts, the key is theirs alone wherever keys are listed.</summary>
public sealed class KeyTransferTests : KeysTestBase
{
    [Fact]
    public async Task AcceptedTransfer_OnlyTheReceiverHoldsTheKey_InMyKeysKeysOutAndTheCurfewReminder()
    {
        var loanId = await BorrowAndHandOutAsync("lisi", "S-01", due: "2h");
        Assert.StartsWith("已通知 吴九", await TextAsync("lisi", "转交钥匙 S-01 给吴九"));
        await Chat("wujiu").PressAsync($"接收钥匙 {loanId}");
        await InboxAsync("lisi");

        Assert.Equal("您名下目前没有钥匙。", await TextAsync("lisi", "我的钥匙"));
        Assert.Contains("S-01（样板房 8-2-1203）：已借出", await TextAsync("wujiu", "我的钥匙"));
        var out_ = await TextAsync("zhouba", "借出钥匙");
        Assert.Contains("S-01（样板房 8-2-1203）：吴九", out_);
        Assert.DoesNotContain("李四", out_);

        // At the curfew the one who holds it is reminded, not the one who handed it on.
        At(11, 31);
        await WatchAsync();
        Assert.Contains("S-01", Assert.Single(await InboxAsync("wujiu")).Text);
        Assert.Empty(await InboxAsync("lisi"));
        Assert.Equal(("wujiu", "lisi"), (Assert.Single(await LoansAsync()).HolderId, Assert.Single(await LoansAsync()).BorrowerId));
    }
}

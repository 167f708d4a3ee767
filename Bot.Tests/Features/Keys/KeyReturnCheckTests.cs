using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Keys;

/// <summary>The return checklist (第4篇 1.2.3): a failed check, its alert, and what happens once the unit is put right.</summary>
public sealed class KeyReturnCheckTests : KeysTestBase
{
    [Fact]
    public async Task FailedCheck_ThenReturnedWithEveryCheckConfirmed_SettlesTheAlertOnceAndItStopsClimbing_第4篇_1_2_3()
    {
        var loanId = await BorrowAndHandOutAsync("lisi", due: "2h");
        await InboxAsync("wangwu");
        await SayAsync("lisi", "还钥匙");
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("no");
        Assert.Contains("归还检查未通过：门窗未关闭", Assert.Single(await InboxAsync("wangwu")).Text);
        await InboxAsync("zhouba");

        At(9, 50);
        var first = Assert.Single(await SayAsync("lisi", "还钥匙 3-1-502 窗户修好了"));
        Assert.StartsWith("已记下您的说明：窗户修好了", first.Text);
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("yes");
        Assert.StartsWith("谢谢，已登记归还钥匙", Assert.Single(await Chat("lisi").PressAsync("yes")).Text);

        // The shift lead who was alerted hears it is over, once.
        var settled = Assert.Single(await InboxAsync("wangwu"));
        Assert.Equal("升级事项 #1（3-1-502 归还检查未通过：门窗未关闭）已解除：李四 于 09:50 再次归还钥匙 U-3-1-502（3-1-502），电源、门窗、门锁均已确认",
            settled.Text.Replace(CaseNumber(settled.Text), "#1", StringComparison.Ordinal));
        var escalation = await DbAsync(db => db.Set<EscalationCase>().AsNoTracking().SingleAsync(c => c.Kind == "keys.checklist"));
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);

        await Chat("zhouba").PressAsync($"确认收回 {loanId}");
        // Hours later nobody up the chain is alerted about a unit that was put right.
        foreach (var _ in Enumerable.Range(0, 6)) await TickEscalationsAsync(TimeSpan.FromMinutes(30));
        Assert.Empty(await InboxAsync("zhaoliu"));
        Assert.Empty(await InboxAsync("sunqi"));
        Assert.Empty(await InboxAsync("qianyi"));
        Assert.Empty(await InboxAsync("wangwu"));
    }

    [Theory]
    [InlineData("阳台窗户关不上")]
    [InlineData("业主在家呢 窗户他自己开着")]
    public async Task CheckAnsweredInWords_SayingItIsNotDone_IsANoWithThoseWordsInTheAlert_第4篇_1_2_3(string said)
    {
        await BorrowAndHandOutAsync("lisi", due: "2h");
        await InboxAsync("wangwu");
        await SayAsync("lisi", "还钥匙");
        await Chat("lisi").PressAsync("yes");

        var reply = Assert.Single(await Chat("lisi").SayAsync(said));

        Assert.Equal($"已记录：门窗未关闭（{said}）。钥匙仍登记在您名下，请回到 3-1-502 处理好后再办理归还；已通知 周八、王五。", reply.Text);
        Assert.Contains($"门窗未关闭（{said}）", Assert.Single(await InboxAsync("wangwu")).Text);
        Assert.Contains($"门窗未关闭（{said}）", Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Equal(LoanStatus.Out, Assert.Single(await LoansAsync()).Status);
    }

    [Theory]
    [InlineData("窗户关好了，业主在家")]
    [InlineData("没事，业主说他自己会关")]
    public async Task CheckAnsweredInWords_ThatNeitherConfirmNorDeny_AreKeptAndTheItemIsAskedAgain_第4篇_1_2_3(string said)
    {
        var loanId = await BorrowAndHandOutAsync("lisi", due: "2h");
        await SayAsync("lisi", "还钥匙");
        await Chat("lisi").PressAsync("yes");

        var again = Assert.Single(await Chat("lisi").SayAsync(said));

        Assert.Equal($"已记下：{said}。这一项请按“是”或“否”确认：（2/3）门窗已关闭？", again.Text);
        Assert.Equal(["是", "否"], again.Choices.Select(c => c.Label));
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("yes");
        Assert.EndsWith($"归还人说明：{said}", Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Equal(LoanStatus.AwaitingReceipt, Assert.Single(await LoansAsync()).Status);
        Assert.Equal(loanId, Assert.Single(await LoansAsync()).Id);
    }

    private static string CaseNumber(string text) => System.Text.RegularExpressions.Regex.Match(text, @"#\d+").Value;

    private async Task TickEscalationsAsync(TimeSpan advance)
    {
        Bot.Time.Advance(advance);
        await Bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
    }
}

using Bot.Domain.Features.Keys;

namespace Bot.Tests.Features.Keys;

/// <summary>
/// 钥匙修好 / 已配新钥匙: a key reported damaged (第4篇 1.2.7) is recorded as repaired or replaced by the custodian; the
/// damage mark is cleared, the step is on the key's trail with who and when, and whoever reported it is told.
/// </summary>
public sealed class KeyRepairTests : KeysTestBase
{
    /// <summary>李四 reports the key of 3-1-502 damaged while he has it out.</summary>
    private async Task<long> DamagedWhileOutAsync()
    {
        var loanId = await BorrowAndHandOutAsync("lisi", due: "2h");
        await SayAsync("lisi", "钥匙损坏 3-1-502 钥匙齿断了一截");
        await Chat("lisi").SayAsync("今天上午");
        await Chat("lisi").SayAsync("3-1-502门口");
        await Chat("lisi").SayAsync("开门时用力过猛");
        await InboxAsync("zhouba");
        return loanId;
    }

    [Fact]
    public async Task Repaired_AfterItCameBack_ClearsTheMark_IsOnTheTrail_TellsTheReporter_AndItMayBeLentAgain_第4篇_1_2_7()
    {
        var loanId = await DamagedWhileOutAsync();
        await SayAsync("lisi", "还钥匙");
        foreach (var _ in Enumerable.Range(0, 3)) await Chat("lisi").PressAsync("yes");
        await InboxAsync("zhouba");
        Assert.EndsWith("修好后请发送“钥匙修好 U-3-1-502”，配了新钥匙请发送“已配新钥匙 U-3-1-502”。", await TextAsync("zhouba", $"确认收回 {loanId}"));
        await InboxAsync("lisi");

        var reply = await TextAsync("zhouba", "钥匙修好 3-1-502");

        Assert.StartsWith("已登记：钥匙 U-3-1-502（3-1-502） 已修好（09:30），损坏标记已清除，请放回 客服中心钥匙柜 2 号格，可以正常借用了。已告知报告人 李四。", reply);
        // The case the damage raised with the department manager (第4篇 1.2.7) ends with it: it no longer climbs.
        Assert.Matches(@"\n升级事项 #\d+ 已一并结束，已告知 孙七。$", reply);
        Assert.Contains(await InboxAsync("sunqi"), l => l.Text.EndsWith("已由周八处理完毕：钥匙 U-3-1-502（3-1-502） 已修好，损坏标记已清除，可以正常借用"));
        Assert.Contains("您目前没有待处理的升级事项", await TextAsync("sunqi", "升级事项"));
        Assert.Equal(KeyStatus.In, (await KeyAsync("U-3-1-502")).Status);
        // The reporter hears it once, in the keys' words, not a second time as the case's notice.
        var told = Assert.Single(await InboxAsync("lisi"));
        Assert.StartsWith("您好，您报告损坏的钥匙 U-3-1-502（3-1-502）（书面报告 #", told.Text);
        Assert.EndsWith("已由 周八 登记已修好（09:30），可以正常使用了，谢谢。", told.Text);
        Assert.Contains("11-26 09:30 周八 登记已修好", await TextAsync("zhouba", "钥匙记录 3-1-502"));
        Assert.DoesNotContain("已报损坏", await TextAsync("zhouba", "钥匙 3-1-502 在哪"));
        Assert.StartsWith("好的，借用钥匙 U-3-1-502", await TextAsync("zhangsan", "借钥匙 3-1-502"));
    }

    [Fact]
    public async Task Replaced_WhileStillOut_ClearsTheMark_TheLoanGoesOn_AndWhatWasDoneIsOnTheTrail()
    {
        var loanId = await DamagedWhileOutAsync();
        await InboxAsync("lisi");

        var reply = await TextAsync("zhouba", "已配新钥匙 3-1-502 按原锁芯配了一把");

        Assert.StartsWith($"已登记：钥匙 U-3-1-502（3-1-502） 已配新钥匙（09:30），损坏标记已清除。钥匙仍在 李四 处（借用单 #{loanId}），请按时归还。已告知报告人 李四。\n升级事项 #", reply);
        Assert.Equal(KeyStatus.Out, (await KeyAsync("U-3-1-502")).Status);
        Assert.Equal(LoanStatus.Out, Assert.Single(await LoansAsync()).Status);
        Assert.Contains("已由 周八 登记已配新钥匙", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Contains($"11-26 09:30 周八 登记已配新钥匙（按原锁芯配了一把）［借用单 #{loanId}］", await TextAsync("zhouba", "钥匙记录 3-1-502"));
        Assert.DoesNotContain("已报损坏", await TextAsync("lisi", "我的钥匙"));
    }

    [Fact]
    public async Task ADamagedKey_WaitsInTheCustodiansTodo_UntilRecordedRepaired_第4篇_1_2_7()
    {
        await DamagedWhileOutAsync();

        var todo = Assert.Single(await Chat("zhouba").SayAsync("待办"));
        Assert.Contains("钥匙 U-3-1-502（3-1-502） 已报损坏，待修配；修好或配了新钥匙后请登记", todo.Text);
        var repair = Assert.Single(todo.Choices, b => b.Value == "钥匙修好 U-3-1-502");

        Assert.StartsWith("已登记：钥匙 U-3-1-502（3-1-502） 已修好", (await Chat("zhouba").PressAsync(repair.Value))[0].Text);
        Assert.DoesNotContain("已报损坏", await TextAsync("zhouba", "待办"));
        // Not the borrower's to mend.
        Assert.DoesNotContain("待修配", await TextAsync("lisi", "待办"));
    }

    [Fact]
    public async Task Repaired_AKeyNotMarkedDamaged_IsRefused_AndNothingIsRecorded()
    {
        Assert.Equal("钥匙 U-3-1-502（3-1-502） 没有登记损坏（目前：在柜），无需登记修复。", await TextAsync("zhouba", "钥匙已修复 3-1-502"));

        Assert.Equal(KeyStatus.In, (await KeyAsync("U-3-1-502")).Status);
        Assert.DoesNotContain("登记已修好", await TextAsync("zhouba", "钥匙记录 3-1-502"));
    }

    [Fact]
    public async Task Repaired_AnUnknownKey_IsRefused()
    {
        Assert.Contains("没有找到钥匙“9-9-999”", await TextAsync("zhouba", "钥匙修好 9-9-999"));
    }

    [Fact]
    public async Task Repaired_WithoutAKey_AsksWhich()
    {
        Assert.Equal("请写明是哪把钥匙，例如：钥匙修好 U-3-1-502。", await TextAsync("zhouba", "钥匙修好"));
    }

    [Fact]
    public async Task Repaired_SaidByStaffWithoutTheRole_IsRefused_AndTheKeyStaysMarked()
    {
        await DamagedWhileOutAsync();

        Assert.StartsWith("对不起，“钥匙修好”不在您的权限范围内。", await TextAsync("lisi", "钥匙修好 3-1-502"));
        Assert.Equal(KeyStatus.Damaged, (await KeyAsync("U-3-1-502")).Status);
    }
}

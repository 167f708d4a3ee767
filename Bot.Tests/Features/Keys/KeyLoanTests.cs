using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Keys;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Features.Keys;

/// <summary>Borrowing and returning a unit key on the local chat with the demo data (第4篇 1.2).</summary>
public sealed class KeyLoanTests : KeysTestBase
{
    [Fact]
    public async Task KeyHandedOut_IsListedForTheHoldersHandoverUntilReturned_第1篇_1_5()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        // Asked for, not yet handed out: nothing is out.
        Assert.Empty(await HeldByAsync("zhangsan"));

        At(9, 35);
        var request = Assert.Single(await InboxAsync("zhouba"));
        await Chat("zhouba").PressAsync(request.Choices[0].Value);

        // What the handover asks (the keys still out at a shift's end), answered by the keys feature itself.
        var held = Assert.Single(await HeldByAsync("zhangsan"));
        Assert.Equal(("U-3-1-502", "3-1-502", "张三"), (held.Code, held.Opens, held.HolderName));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.FromHours(8)), held.DueBack);
        Assert.Empty(await HeldByAsync("lisi"));

        await SayAsync("zhangsan", "还钥匙");
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhouba").PressAsync(Assert.Single(await InboxAsync("zhouba")).Choices.Single().Value);
        Assert.Empty(await HeldByAsync("zhangsan"));
    }

    [Fact]
    public async Task HandOut_WithoutANumber_TakesTheOneLoanWaitingOrOffersTheWaitingOnes_第4篇_1_2_2()
    {
        // Nothing waiting: said so, nothing changes.
        Assert.Equal("您好，目前没有等您“确认交出”的借用单。", await TextAsync("zhouba", "确认交出"));

        await AskToBorrowAsync("zhangsan", "3-1-502");
        await AskToBorrowAsync("zhengshi", "3-1-501");
        await InboxAsync("zhouba");
        var offered = Assert.Single(await SayAsync("zhouba", "确认交出"));
        Assert.Equal("有 2 张借用单在等您处理，请选择：", offered.Text);
        var loans = await LoansAsync();
        Assert.Equal([$"确认交出 {loans[0].Id}", $"确认交出 {loans[1].Id}"], offered.Choices.Select(c => c.Value));
        Assert.Equal([$"#{loans[0].Id} U-3-1-502（3-1-502）", $"#{loans[1].Id} U-3-1-501（3-1-501）"], offered.Choices.Select(c => c.Label));
        Assert.All(await LoansAsync(), l => Assert.Equal(LoanStatus.AwaitingHandOut, l.Status));

        await Chat("zhouba").PressAsync(offered.Choices[1].Value);
        // One left waiting: the bare word is enough.
        Assert.Equal("已登记交出：钥匙 U-3-1-502（3-1-502） 交给 张三，预计 15:00 归还。", await TextAsync("zhouba", "确认交出"));
        Assert.All(await LoansAsync(), l => Assert.Equal(LoanStatus.Out, l.Status));
    }

    [Fact]
    public async Task HandOutButtonPressed_WhileInTheMiddleOfSomethingElse_HandsOutAndTheOpenQuestionWaits()
    {
        Assert.StartsWith("请简要说明发生了什么", await TextAsync("zhouba", "值班记录"));
        await AskToBorrowAsync("zhangsan", "3-1-502");
        var request = Assert.Single(await InboxAsync("zhouba"));

        var handed = await Chat("zhouba").PressAsync(request.Choices[0].Value);

        Assert.Equal("已登记交出：钥匙 U-3-1-502（3-1-502） 交给 张三，预计 15:00 归还。", handed.Single().Text);
        Assert.Equal(LoanStatus.Out, Assert.Single(await LoansAsync()).Status);
        // The duty-log question is still open: the next message answers it.
        Assert.StartsWith("请选择类别", await TextAsync("zhouba", "A区巡查正常"));
    }

    [Fact]
    public async Task HandOut_NotANumber_AsksForTheLoanNumber()
    {
        await AskToBorrowAsync("zhangsan", "3-1-502");
        Assert.Equal("请在后面加上借用单号，例如：确认交出 12。", await TextAsync("zhouba", "确认交出 张三"));
        Assert.Equal(LoanStatus.AwaitingHandOut, Assert.Single(await LoansAsync()).Status);
    }

    private async Task AskToBorrowAsync(string who, string unit)
    {
        await SayAsync(who, "借钥匙 " + unit);
        await Chat(who).PressAsync("Viewing");
        await Chat(who).PressAsync("shift");
        await Chat(who).PressAsync("no");
        await Chat(who).PressAsync("no");
    }

    private Task<IReadOnlyList<KeyOut>> HeldByAsync(string personId) =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<IKeysOut>().HeldByAsync(personId, CancellationToken.None));

    [Fact]
    public async Task Borrow_KeyAndPurposeInOneMessage_GoesStraightToWhenItComesBack_第4篇_1_2_2()
    {
        // "借钥匙 3-1-502 业主委托查看漏水" was taken whole as the key, and no key is called that.
        var asked = (await SayAsync("zhangsan", "借钥匙 3-1-502 业主委托查看漏水")).Single().Text;
        Assert.StartsWith("好的，借用钥匙 U-3-1-502（3-1-502），用途：业主委托，查看漏水。请问预计什么时候归还", asked);
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal(("U-3-1-502", LoanPurpose.OwnerRequest), (loan.KeyCode, loan.Purpose));
        // What for goes on the register and to the custodian who hands it out (钥匙借用登记表).
        Assert.Contains("用途：业主委托，查看漏水", Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Contains("张三 申请借用（业主委托，查看漏水）", await TextAsync("zhaoliu", "钥匙记录 3-1-502"));

        // What follows the key that names no purpose: the purpose is asked, for the key found.
        Assert.StartsWith("好的，借用钥匙 U-5-1-101（5-1-101）。请问用途是", (await SayAsync("zhangsan", "借钥匙 5-1-101 明天还")).Single().Text);
    }

    [Fact]
    public async Task Borrow_PurposeSaidWithWhatFor_AndTheCustodianAnswersInPlainWords_第4篇_1_2_2()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        // The purpose as one would say it: the option, and what for.
        Assert.Contains("请问预计什么时候归还", (await SayAsync("zhangsan", "业主委托看一下漏水")).Single().Text);
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        Assert.Equal(LoanPurpose.OwnerRequest, Assert.Single(await LoansAsync()).Purpose);

        // 周八 answers the hand-out request with 好的 rather than its button.
        Assert.Single(await InboxAsync("zhouba"));
        Assert.StartsWith("已登记交出：钥匙 U-3-1-502（3-1-502） 交给 张三", await TextAsync("zhouba", "好的"));
        Assert.Equal(KeyStatus.Out, (await KeyAsync("U-3-1-502")).Status);
    }

    [Fact]
    public async Task DoneWhen_BorrowHandOutReturnReceive_TheTrailShowsEveryStepWithTimes()
    {
        var asked = await SayAsync("zhangsan", "借钥匙 3-1-502");
        Assert.StartsWith("好的，借用钥匙 U-3-1-502（3-1-502）。请问用途是？", asked.Single().Text);
        Assert.Equal(["查看房间", "维修", "业主委托", "其他"], asked.Single().Choices.Select(c => c.Label));

        var due = await Chat("zhangsan").PressAsync("Viewing");
        Assert.Contains("默认为您本班结束时间 15:00", due.Single().Text);
        Assert.Equal("本班结束 15:00", due.Single().Choices[0].Label);
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        var filed = await Chat("zhangsan").PressAsync("no");
        Assert.Matches(@"^已登记借用（借用单 #\d+）：钥匙 U-3-1-502（3-1-502），预计 15:00 归还。已通知钥匙保管人 周八", filed.Single().Text);
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal(LoanStatus.AwaitingHandOut, loan.Status);
        Assert.Equal(KeyStatus.In, (await KeyAsync("U-3-1-502")).Status);

        At(9, 35);
        var request = Assert.Single(await InboxAsync("zhouba"));
        Assert.StartsWith("张三 申请借用钥匙 U-3-1-502（3-1-502），用途：查看房间，预计 15:00 归还", request.Text);
        Assert.Equal($"确认交出 {loan.Id}", request.Choices[0].Value);
        var handed = await Chat("zhouba").PressAsync(request.Choices[0].Value);
        Assert.Equal("已登记交出：钥匙 U-3-1-502（3-1-502） 交给 张三，预计 15:00 归还。", handed.Single().Text);
        Assert.StartsWith("周八 已交出钥匙 U-3-1-502（3-1-502）。请于 15:00 前归还", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal(KeyStatus.Out, (await KeyAsync("U-3-1-502")).Status);
        Assert.Contains("· U-3-1-502（3-1-502）：已借出 不到 1 分钟，应于 15:00 归还", await TextAsync("zhangsan", "我的钥匙"));

        At(11, 35);
        var where = await TextAsync("lisi", "钥匙 3-1-502 在哪");
        Assert.Equal("钥匙 U-3-1-502（3-1-502）：张三 借出中，已借出 2 小时（09:35 借出，应于 15:00 归还）。", where);

        At(11, 40);
        var first = await SayAsync("zhangsan", "还钥匙");
        Assert.Contains("（1/3）电源已切断？", first.Single().Text);
        Assert.Contains("（2/3）门窗已关闭？", (await Chat("zhangsan").PressAsync("yes")).Single().Text);
        Assert.Contains("（3/3）单元已锁好？", (await Chat("zhangsan").SayAsync("关好了")).Single().Text);
        var returned = await Chat("zhangsan").SayAsync("已锁好");
        Assert.Equal("谢谢，已登记归还钥匙 U-3-1-502（3-1-502）。请把钥匙交给 周八，由其确认收回。", returned.Single().Text);

        // Returned, not yet received: the trail says so beside 已借出.
        Assert.StartsWith("钥匙 U-3-1-502（3-1-502） 的记录（当前：已借出，待保管人确认收回）：", await TextAsync("zhaoliu", "钥匙记录 3-1-502"));

        At(11, 42);
        var receipt = Assert.Single(await InboxAsync("zhouba"));
        Assert.Equal($"确认收回 {loan.Id}", receipt.Choices.Single().Value);
        var received = await Chat("zhouba").PressAsync(receipt.Choices.Single().Value);
        Assert.Equal("已确认收回：钥匙 U-3-1-502（3-1-502） 已放回 客服中心钥匙柜 2 号格。", received.Single().Text);
        Assert.Equal(KeyStatus.In, (await KeyAsync("U-3-1-502")).Status);
        Assert.Equal(LoanStatus.Returned, Assert.Single(await LoansAsync()).Status);

        var trail = await TextAsync("zhouba", "钥匙记录 3-1-502");
        Assert.Equal(string.Join("\n",
            "钥匙 U-3-1-502（3-1-502） 的记录（当前：在柜）：",
            $"11-26 09:30 张三 申请借用（查看房间）［借用单 #{loan.Id}］",
            $"11-26 09:35 周八 确认交出［借用单 #{loan.Id}］",
            $"11-26 11:40 张三 登记归还［借用单 #{loan.Id}］",
            $"11-26 11:42 周八 确认收回［借用单 #{loan.Id}］"), trail);
    }

    [Fact]
    public async Task Return_ChecklistSaysNo_AtNightWithNoShiftLeadOnDuty_NamesWhoWasToldInstead_第4篇_1_2_3()
    {
        await BorrowAndHandOutAsync();
        At(23, 30);

        await SayAsync("zhangsan", "还钥匙");
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhangsan").PressAsync("yes");
        var reply = await Chat("zhangsan").PressAsync("no");

        // The early shift's lead is off duty: the chain starts at the 客服主任, and the reply says so.
        Assert.EndsWith("已通知 周八、赵六。", reply.Single().Text);
        Assert.Contains("归还检查未通过：单元未锁好", Assert.Single(await InboxAsync("zhaoliu")).Text);
    }

    [Fact]
    public async Task Return_ChecklistSaysNo_KeepsTheLoanOpenAndAlertsCustodianAndShiftLead_第4篇_1_2_3()
    {
        var loanId = await BorrowAndHandOutAsync();
        await InboxAsync("wangwu");

        await SayAsync("zhangsan", "还钥匙");
        await Chat("zhangsan").PressAsync("yes");
        var reply = await Chat("zhangsan").PressAsync("no");

        Assert.Equal("已记录：门窗未关闭。钥匙仍登记在您名下，请回到 3-1-502 处理好后再办理归还；已通知 周八、王五。", reply.Single().Text);
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal(LoanStatus.Out, loan.Status);
        Assert.Equal("门窗未关闭", loan.ReturnProblem);
        Assert.Contains("门窗未关闭", Assert.Single(await InboxAsync("zhouba")).Text);
        var alert = Assert.Single(await InboxAsync("wangwu"));
        Assert.Contains("3-1-502 归还检查未通过：门窗未关闭", alert.Text);
        Assert.Equal(loanId, loan.Id);

        // After putting it right, the same person returns it with every item confirmed.
        await SayAsync("zhangsan", "还钥匙");
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhangsan").PressAsync("yes");
        var done = await Chat("zhangsan").PressAsync("yes");
        Assert.StartsWith("谢谢，已登记归还钥匙", done.Single().Text);
        Assert.Equal(LoanStatus.AwaitingReceipt, Assert.Single(await LoansAsync()).Status);
    }

    [Fact]
    public async Task Return_BySomeoneElse_IsRecordedAsSuch_第4篇_1_2_3()
    {
        var loanId = await BorrowAndHandOutAsync();

        await SayAsync("lisi", "还钥匙 3-1-502");
        await Chat("lisi").PressAsync("yes");
        await Chat("lisi").PressAsync("yes");
        var reply = await Chat("lisi").PressAsync("yes");

        Assert.Equal("谢谢，已登记您代 张三 归还钥匙 U-3-1-502（3-1-502）。请把钥匙交给 周八，由其确认收回。", reply.Single().Text);
        Assert.StartsWith("李四 代 张三 归还钥匙", Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.StartsWith("李四 已代您归还钥匙", Assert.Single(await InboxAsync("zhangsan")).Text);
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal("lisi", loan.ReturnedById);
        var trail = await TextAsync("zhouba", "钥匙记录 U-3-1-502");
        Assert.Contains($"李四 代为归还（代 张三 归还）［借用单 #{loanId}］", trail);
    }

    [Fact]
    public async Task Return_WithARemarkAfterTheKey_KeepsItForTheCustodianAndStillAsksEachCheck_第4篇_1_2_3()
    {
        var loanId = await BorrowAndHandOutAsync();

        var first = Assert.Single(await SayAsync("zhangsan", "还钥匙 3-1-502 钥匙环断了，已用扎带固定"));
        // The remark is no answer to the checks: each is still confirmed by button.
        Assert.StartsWith("已记下您的说明：钥匙环断了，已用扎带固定（会转告钥匙保管人）。\n归还钥匙 U-3-1-502（3-1-502） 前，请逐项确认", first.Text);
        Assert.Contains("（1/3）电源已切断？", first.Text);
        Assert.Equal(LoanStatus.Out, Assert.Single(await LoansAsync()).Status);
        await Chat("zhangsan").PressAsync("yes");
        await Chat("zhangsan").PressAsync("yes");
        Assert.StartsWith("谢谢，已登记归还钥匙", Assert.Single(await Chat("zhangsan").PressAsync("yes")).Text);

        Assert.Equal(
            $"张三 已归还钥匙 U-3-1-502（3-1-502）（电源、门窗、门锁均已确认），请核对后确认收回（借用单 #{loanId}）。\n归还人说明：钥匙环断了，已用扎带固定",
            Assert.Single(await InboxAsync("zhouba")).Text);
        Assert.Contains($"11-26 09:30 张三 登记归还（说明：钥匙环断了，已用扎带固定）［借用单 #{loanId}］",
            await TextAsync("zhouba", "钥匙记录 3-1-502"));
    }

    [Fact]
    public async Task Return_OfAKeyWithoutTheUnitChecklist_DoesNotTellTheCustodianItWasChecked_第4篇_1_2_3()
    {
        await DbAsync(db =>
        {
            db.Add(new Key { Code = "K-01", Kind = KeyKind.Sealed, Opens = "1号配电房", StoragePlace = "客服中心钥匙柜 5 号格", CustodianId = "zhouba" });
            return db.SaveChangesAsync();
        });
        var loanId = await BorrowAndHandOutAsync(key: "K-01");

        var reply = Assert.Single(await SayAsync("zhangsan", "还钥匙"));

        Assert.StartsWith("谢谢，已登记归还钥匙 K-01（1号配电房）", reply.Text);
        // Power, windows and lock are asked for a unit left behind only; a 配电房 key was not asked them.
        Assert.Equal($"张三 已归还钥匙 K-01（1号配电房），请核对后确认收回（借用单 #{loanId}）。", Assert.Single(await InboxAsync("zhouba")).Text);
    }

    [Fact]
    public async Task Borrow_AKeyThatIsOut_SaysWhoHasIt()
    {
        await BorrowAndHandOutAsync();

        var reply = await TextAsync("lisi", "借钥匙 U-3-1-502");

        Assert.Equal("对不起，该钥匙已由 张三 借出（11-26 09:30 起）。钥匙 U-3-1-502 归还后才能再借。", reply);
        Assert.Single(await LoansAsync());
    }

    [Fact]
    public async Task Borrow_UnknownKey_ListsCloseMatchesAndChangesNothing()
    {
        var reply = await TextAsync("zhangsan", "借钥匙 3-1-520");

        Assert.StartsWith("对不起，没有找到钥匙“3-1-520”。您要找的是不是：", reply);
        Assert.Contains("U-3-1-502（3-1-502）", reply);
        Assert.Empty(await LoansAsync());
    }

    [Fact]
    public async Task Borrow_UnknownKey_TheCloseMatchesAreButtons_AndOneOfThemIsTaken()
    {
        var asked = (await SayAsync("zhangsan", "借钥匙 3-1-520")).Last();
        Assert.Contains("U-3-1-502", asked.Choices.Select(c => c.Value));

        var taken = await Chat("zhangsan").PressAsync("U-3-1-502");

        Assert.StartsWith("好的，借用钥匙 U-3-1-502（3-1-502）。", string.Join("\n", taken.Select(l => l.Text)));
    }

    [Fact]
    public async Task Borrow_OneCloseMatch_AnsweredYes_IsThatKey()
    {
        // Asked "您要找的是不是：S-01（样板房 8-2-1203）？", 是 is an answer, not a key named 是.
        Assert.StartsWith("请问您要借哪把钥匙", await TextAsync("zhangsan", "借钥匙"));
        var asked = (await SayAsync("zhangsan", "样板房")).Last();
        Assert.StartsWith("对不起，没有找到钥匙“样板房”。您要找的是不是：S-01（样板房 8-2-1203）？", asked.Text);
        Assert.Equal(["是，借 S-01"], asked.Choices.Select(c => c.Label));

        Assert.StartsWith("好的，借用钥匙 S-01（样板房 8-2-1203）。", await TextAsync("zhangsan", "是"));
        Assert.Empty(await LoansAsync());
    }

    [Fact]
    public async Task Borrow_ByAnOwner_IsRefusedPolitelyAndLogged_第4篇_1_2_5()
    {
        var logs = new CapturedLogs();
        using var bot = new BotFactory(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var owner = new LocalChatClient(bot, "chen-3-1-502");

        var reply = await owner.SayAsync("借钥匙 3-1-502");

        Assert.StartsWith("您好，按物业规定，钥匙只借给本公司员工（第4篇 1.2.5）", reply.Single().Text);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Refused a key request from chen-3-1-502", StringComparison.Ordinal));
        Assert.Empty(await bot.InScopeAsync(sp => sp.GetRequiredService<Bot.Persistence.BotDbContext>().Set<KeyLoan>().AsNoTracking().ToListAsync()));
        // Help does not offer owners the key commands.
        Assert.DoesNotContain("借钥匙", string.Join("\n", (await owner.SayAsync("帮助")).Select(l => l.Text)));
    }

    [Fact]
    public async Task Borrow_ForAContractor_RecordsNameAndCompanyAndTheStaffMemberStaysAccountable_第4篇_1_2_6()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Repair");
        await Chat("zhangsan").PressAsync("2h");
        var askName = await Chat("zhangsan").PressAsync("yes");
        Assert.StartsWith("请输入施工人员姓名和所属单位", askName.Single().Text);
        var again = await Chat("zhangsan").SayAsync("刘师傅");
        Assert.StartsWith("对不起，请同时写明施工人员姓名和所属单位", again.Single().Text);
        await Chat("zhangsan").SayAsync("刘师傅 鑫达水电");
        await Chat("zhangsan").PressAsync("no");

        var loan = Assert.Single(await LoansAsync());
        Assert.Equal(("刘师傅", "鑫达水电", "zhangsan"), (loan.ContractorName, loan.ContractorCompany, loan.BorrowerId));
        Assert.Equal(Shanghai(11, 30), loan.DueBack);
        Assert.Contains("维修，代施工人员 刘师傅（鑫达水电）借用", Assert.Single(await InboxAsync("zhouba")).Text);
    }

    [Fact]
    public async Task Borrow_OutOfTheOffice_NeedsTheSupervisorsApprovalRecordedOnTheLoan_第4篇_1_2_5()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("OwnerRequest");
        await Chat("zhangsan").SayAsync("12:30");
        await Chat("zhangsan").PressAsync("no");
        var filed = await Chat("zhangsan").PressAsync("yes");

        Assert.Contains("已通知 王五", filed.Single().Text);
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal(LoanStatus.AwaitingApproval, loan.Status);
        Assert.Empty(await InboxAsync("zhouba"));
        var early = await TextAsync("zhouba", $"确认交出 {loan.Id}");
        Assert.Contains("还在等待主管批准带出", early);

        var request = Assert.Single(await InboxAsync("wangwu"));
        Assert.Equal([$"批准带出 {loan.Id}", $"不批准带出 {loan.Id}"], request.Choices.Select(c => c.Value));
        await Chat("wangwu").PressAsync(request.Choices[0].Value);

        loan = Assert.Single(await LoansAsync());
        Assert.Equal((LoanStatus.AwaitingHandOut, "wangwu"), (loan.Status, loan.ApprovedById));
        Assert.NotNull(loan.ApprovedAt);
        Assert.Contains("王五 已批准带出", Assert.Single(await InboxAsync("zhouba")).Text);
    }

    [Fact]
    public async Task HandOut_ByTheBorrowerThemselves_IsRefused_TwoPeople_第4篇_1_2_2()
    {
        await SayAsync("zhouba", "借钥匙 5-1-101");
        await Chat("zhouba").PressAsync("Viewing");
        await Chat("zhouba").PressAsync("1h");
        await Chat("zhouba").PressAsync("no");
        await Chat("zhouba").PressAsync("no");
        var loan = Assert.Single(await LoansAsync());

        var reply = await TextAsync("zhouba", $"确认交出 {loan.Id}");

        Assert.StartsWith("借还钥匙须由两人确认", reply);
        Assert.Equal(LoanStatus.AwaitingHandOut, Assert.Single(await LoansAsync()).Status);
        // With the custodian borrowing, the shift lead is asked to hand it out.
        Assert.Contains($"确认交出 {loan.Id}", Assert.Single(await InboxAsync("wangwu")).Choices.Select(c => c.Value));
    }

    [Theory]
    [InlineData("下午4点半", 16, 30)]
    [InlineData("３点", 15, 0)] // an hour without 上午/下午 that has passed today: this afternoon
    [InlineData("14：45", 14, 45)]
    public async Task Borrow_ReturnTimeTypedAsPeopleSayIt_IsUnderstood(string typed, int hour, int minute)
    {
        At(13, 0);
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        var next = await Chat("zhangsan").SayAsync(typed);
        Assert.StartsWith("是否代外来施工人员借用", next.Single().Text);
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");

        Assert.Equal(Shanghai(hour, minute), Assert.Single(await LoansAsync()).DueBack);
    }

    [Fact]
    public async Task Borrow_YesNoQuestions_AnsweredInOneWord()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        await Chat("zhangsan").SayAsync("12:30");
        Assert.StartsWith("是否需要把钥匙带出办公室", (await Chat("zhangsan").SayAsync("否")).Single().Text);
        await Chat("zhangsan").SayAsync("不用");

        var loan = Assert.Single(await LoansAsync());
        Assert.Equal((LoanStatus.AwaitingHandOut, (string?)null, false), (loan.Status, loan.ContractorName, loan.OffSite));
    }

    [Fact]
    public async Task Borrow_OnTheNightShift_ReturnAfterMidnight_IsDueTomorrow()
    {
        // 周八 on the night at 中控室 this time: a custodian at work, so a key may be lent at night.
        await DbAsync(async db =>
        {
            db.Add(new Bot.Domain.Features.Duty.RosterAssignment { Date = new DateOnly(2026, 11, 26), PersonId = "zhouba", ShiftCode = "night", Post = "中控室" });
            return await db.SaveChangesAsync();
        });
        At(23, 40);
        await SayAsync("wujiu", "借钥匙 3-1-502");
        await Chat("wujiu").PressAsync("Repair");
        await Chat("wujiu").SayAsync("01:30");
        await Chat("wujiu").PressAsync("no");
        await Chat("wujiu").PressAsync("no");

        Assert.Equal(Shanghai(1, 30, day: 27), Assert.Single(await LoansAsync()).DueBack);
        Assert.Contains("申请借用钥匙 U-3-1-502", Assert.Single(await InboxAsync("zhouba")).Text);
    }

    [Fact]
    public async Task Borrow_PurposeOutsideTheList_IsOtherWithItsWords_AndOtherAloneAsksWhatFor_第4篇_1_2_2()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        Assert.Contains("请问预计什么时候归还", (await Chat("zhangsan").SayAsync("开窗通风")).Single().Text);
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        Assert.Equal(LoanPurpose.Other, Assert.Single(await LoansAsync()).Purpose);
        Assert.Contains("用途：其他，开窗通风", Assert.Single(await InboxAsync("zhouba")).Text);

        // 其他 pressed: what for is asked, as 其他 alone tells the register nothing.
        await SayAsync("zhangsan", "借钥匙 5-1-101");
        Assert.Equal("请简要说明借用用途（会登记在钥匙借用登记表上）：", (await Chat("zhangsan").PressAsync("Other")).Single().Text);
        Assert.Contains("请问预计什么时候归还", (await Chat("zhangsan").SayAsync("陪同燃气公司抄表")).Single().Text);
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        Assert.Contains("用途：其他，陪同燃气公司抄表", Assert.Single(await InboxAsync("zhouba")).Text);
    }

    [Theory]
    [InlineData("借出钥匙")]
    [InlineData("钥匙都在吗")]
    [InlineData("今天借出的钥匙")]
    [InlineData("有哪些钥匙没还？")]
    public async Task KeysOut_ListsEveryKeyNotInTheCabinet_LateOnesFirst_第4篇_1_2_3(string asked)
    {
        Assert.Equal("钥匙都在柜内，目前没有借出未还的钥匙。", await TextAsync("zhouba", asked));
        await BorrowAndHandOutAsync("zhangsan", "3-1-502", "10:00");
        await BorrowAndHandOutAsync("wangwu", "5-1-101", "shift");
        At(10, 40);

        Assert.Equal("目前借出未还的钥匙（2 把）：\n"
            + "· U-3-1-502（3-1-502）：张三，已借出 1 小时 10 分钟，应于 10:00 归还，已超时 40 分钟\n"
            + "· U-5-1-101（5-1-101）：王五，已借出 1 小时 10 分钟，应于 15:00 归还", await TextAsync("zhouba", asked));
    }

    [Fact]
    public async Task Borrow_APurposeTypedWithTheKey_OutsideTheList_IsOtherWithItsWords_第4篇_1_2_2()
    {
        var reply = Assert.Single(await SayAsync("zhangsan", "借钥匙 3-1-502 查看漏水")).Text;
        Assert.StartsWith("好的，借用钥匙 U-3-1-502（3-1-502），用途：其他，查看漏水。", reply);
        Assert.Contains("请问预计什么时候归还", reply);
    }

    [Fact]
    public async Task Borrow_ACommandTypedWhereThePurposeIsAsked_IsHeldBackOnce_NotWrittenInAsThePurpose()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        var held = Assert.Single(await Chat("zhangsan").SayAsync("卖票 2张")).Text;
        Assert.StartsWith("您正在回答：“", held);
        Assert.Contains("如要改为“卖电影票”，请先发送“取消”", held);
        // Still asking what for; said again, it is the answer after all.
        Assert.Contains("请问预计什么时候归还", Assert.Single(await Chat("zhangsan").SayAsync("卖票 2张")).Text);
    }

    [Theory]
    [InlineData("下班前", 15, 0)]
    [InlineData("一个小时后", 10, 30)]
    [InlineData("半小时", 10, 0)]
    [InlineData("下午两点", 14, 0)]
    public async Task Borrow_WhenItComesBack_SaidInWords_第4篇_1_2_2(string said, int hour, int minute)
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502 查看房间");
        Assert.StartsWith("是否代外来施工人员借用", (await Chat("zhangsan").SayAsync(said)).Single().Text);
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        Assert.Equal(Shanghai(hour, minute), Assert.Single(await LoansAsync()).DueBack);
    }

    [Fact]
    public async Task Borrow_BadAnswers_GetPoliteRepliesAndRecordNothing()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        var purpose = await Chat("zhangsan").SayAsync("嗯？");
        Assert.StartsWith("对不起，请您从选项中选择。", purpose.Single().Text);
        await Chat("zhangsan").PressAsync("Viewing");
        var due = await Chat("zhangsan").SayAsync("08:00");
        Assert.StartsWith("对不起，请选择一个选项，或输入晚于现在的时间", due.Single().Text);
        var cancelled = await Chat("zhangsan").SayAsync("取消");

        Assert.NotEmpty(cancelled);
        Assert.Empty(await LoansAsync());
    }

    [Fact]
    public async Task AreaKeys_AreNotLentLikeUnitKeys_第4篇_1_1_1()
    {
        var reply = await TextAsync("zhangsan", "借钥匙 A-01");

        Assert.StartsWith("A-01 是管理区域钥匙，由早班到中控室领取", reply);
        Assert.Empty(await LoansAsync());
    }

    [Fact]
    public async Task Transfer_BothConfirm_TheKeyMovesToTheReceiver()
    {
        var loanId = await BorrowAndHandOutAsync();

        await SayAsync("zhangsan", "转交钥匙");
        var offered = await Chat("zhangsan").SayAsync("李四");
        Assert.StartsWith("已通知 李四", offered.Single().Text);
        Assert.Equal("zhangsan", Assert.Single(await LoansAsync()).HolderId);

        var offer = Assert.Single(await InboxAsync("lisi"));
        var accepted = await Chat("lisi").PressAsync(offer.Choices[0].Value);

        Assert.StartsWith("已确认接收 张三 转交的钥匙", accepted.Single().Text);
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal(("lisi", "zhangsan"), (loan.HolderId, loan.BorrowerId));
        Assert.StartsWith("李四 已确认接收钥匙", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Contains("钥匙 U-3-1-502（3-1-502）：李四 借出中", await TextAsync("zhangsan", "钥匙 U-3-1-502 在哪"));
        Assert.Contains("U-3-1-502", await TextAsync("lisi", "我的钥匙"));
        Assert.Equal(loanId, loan.Id);
    }

    [Fact]
    public async Task Transfer_KeyAndReceiverInOneMessage_IsOfferedAtOnce()
    {
        await BorrowAndHandOutAsync();

        // Someone who is not staff: told so, and asked to whom, for the key named.
        var unknown = await TextAsync("zhangsan", "转交钥匙 3-1-502 老刘");
        Assert.Contains("老刘", unknown);
        Assert.Null(Assert.Single(await LoansAsync()).TransferToId);
        // "转交钥匙 3-1-502 给李四" was "no key called 3-1-502 给李四".
        Assert.StartsWith("已通知 李四", await TextAsync("zhangsan", "转交钥匙 3-1-502 给李四"));
        Assert.Equal("lisi", Assert.Single(await LoansAsync()).TransferToId);
        Assert.Single(await InboxAsync("lisi"));
    }

    [Fact]
    public async Task UnknownKey_InAnyKeyCommand_TheCloseMatchesAreButtons()
    {
        // 钥匙丢失 with a key it cannot find: the report waits for the key, and a suggestion pressed starts it.
        var lost = (await SayAsync("zhangsan", "钥匙丢失 502")).Single();
        Assert.StartsWith("对不起，没有找到钥匙“502”。您要找的是不是：", lost.Text);
        Assert.Contains("U-3-1-502", lost.Choices.Select(c => c.Value));
        Assert.Contains("（1/4）请说明发生了什么", (await Chat("zhangsan").PressAsync("U-3-1-502")).Single().Text);
        await SayAsync("zhangsan", "取消");

        // 钥匙 … 在哪: pressing a suggestion asks again with that key.
        var where = (await SayAsync("zhangsan", "钥匙 3-1-520 在哪")).Single();
        var suggested = Assert.Single(where.Choices, c => c.Label == "U-3-1-502（3-1-502）");
        Assert.Equal("钥匙 U-3-1-502", suggested.Value);
        Assert.Contains("U-3-1-502", (await Chat("zhangsan").PressAsync(suggested.Value)).Single().Text);
    }

    [Fact]
    public async Task ACommandTyped_WhereTheReportAsksForText_IsNotTakenAsTheAnswerUnlessSentAgain()
    {
        await SayAsync("zhangsan", "钥匙丢失 3-1-502");

        // Most likely meant as the command: held back, with the question it would have answered.
        var held = (await SayAsync("zhangsan", "业主电话 3-1-502")).Single().Text;
        Assert.StartsWith("您正在回答：“（1/4）请说明发生了什么”\n这条消息还没有作为回答记录。如要改为“业主电话”", held);
        Assert.Empty(await DbAsync(db => db.Set<PhoneRequest>().AsNoTracking().ToListAsync()));
        // Sent again, it is the answer after all; anything else is answered as usual.
        Assert.Contains("（2/4）", (await SayAsync("zhangsan", "业主电话 3-1-502")).Single().Text);
        Assert.Contains("（3/4）", (await SayAsync("zhangsan", "今天上午")).Single().Text);
    }

    [Fact]
    public async Task LostKey_WithoutAKey_OffersTheKeysInMyName_第4篇_1_2_7()
    {
        await BorrowAndHandOutAsync();

        var asked = Assert.Single(await SayAsync("zhangsan", "钥匙丢失"));
        Assert.Equal("请问是哪把钥匙丢失？请输入钥匙编号或房号。", asked.Text);
        Assert.Equal(["U-3-1-502"], asked.Choices.Select(c => c.Value));
        Assert.Contains("（1/4）请说明发生了什么", Assert.Single(await Chat("zhangsan").PressAsync("U-3-1-502")).Text);

        // Someone with no key out is asked as before, without buttons; any key may be typed.
        await SayAsync("zhangsan", "取消");
        Assert.Empty(Assert.Single(await SayAsync("lisi", "钥匙损坏")).Choices);
    }

    [Fact]
    public async Task LostKey_WhatHappenedSaidWithTheKey_IsTheFirstAnswer_第4篇_1_2_7()
    {
        await BorrowAndHandOutAsync();

        var asked = (await SayAsync("zhangsan", "钥匙丢失 3-1-502 带看后钥匙找不到了")).Single().Text;
        Assert.StartsWith("钥匙 U-3-1-502（3-1-502） 丢失书面报告", asked);
        Assert.EndsWith("（2/4）什么时间发生或发现的：", asked);
        await Chat("zhangsan").SayAsync("今天 10:00 左右");
        await Chat("zhangsan").SayAsync("3号楼电梯厅");
        await Chat("zhangsan").SayAsync("已联系保安查看监控");

        var report = Assert.Single(await DbAsync(db => db.Set<KeyIncidentReport>().AsNoTracking().ToListAsync()));
        Assert.Equal(("带看后钥匙找不到了", "今天 10:00 左右"), (report.What, report.When));
    }

    [Fact]
    public async Task LostKey_WrittenReport_ReachesTheDepartmentManagerAtOnce_第4篇_1_2_7()
    {
        await BorrowAndHandOutAsync();

        var intro = await SayAsync("zhangsan", "钥匙丢失 3-1-502");
        Assert.Contains("（1/4）请说明发生了什么", intro.Single().Text);
        await Chat("zhangsan").SayAsync("带看后钥匙找不到了");
        await Chat("zhangsan").SayAsync("今天 10:00 左右");
        await Chat("zhangsan").SayAsync("3号楼电梯厅");
        var filed = await Chat("zhangsan").SayAsync("可能掉在电梯里，已联系保安查看监控");

        Assert.Matches(@"^已提交钥匙丢失书面报告 #\d+：U-3-1-502（3-1-502） 已登记为丢失，并已立即通报：孙七。", filed.Single().Text);
        Assert.Equal(KeyStatus.Lost, (await KeyAsync("U-3-1-502")).Status);
        Assert.Equal(LoanStatus.Lost, Assert.Single(await LoansAsync()).Status);
        var report = Assert.Single(await DbAsync(db => db.Set<KeyIncidentReport>().AsNoTracking().ToListAsync()));
        Assert.Equal(("带看后钥匙找不到了", "3号楼电梯厅"), (report.What, report.Where));
        var alert = Assert.Single(await InboxAsync("sunqi"));
        Assert.Contains("【紧急】", alert.Text);
        Assert.Contains("钥匙 U-3-1-502（3-1-502） 丢失", alert.Text);
        var escalation = Assert.Single(await DbAsync(db => db.Set<EscalationCase>().AsNoTracking().ToListAsync()));
        Assert.Equal((EscalationLevel.DepartmentManager, report.EscalationId), (escalation.StartAt, (long?)escalation.Id));

        // A lost key cannot be lent.
        Assert.StartsWith("对不起，钥匙 U-3-1-502 目前已丢失", await TextAsync("lisi", "借钥匙 3-1-502"));
    }
}

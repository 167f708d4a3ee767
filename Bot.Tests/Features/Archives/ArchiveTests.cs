using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bot.Domain.Features.Archives;
using Bot.Domain.Features.Escalation;
using Bot.Features.Archives;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Archives;

/// <summary>
/// Archive loans (第5篇 1.3–1.5, 第6篇 1.1.5, 1.2, 1.3.5) on the demo department, Thursday 2026-11-26 09:30 in Shanghai:
/// 郑十 is the clerk who keeps the archive, 张三 and 李四 staff, 钱一 the general manager, 孙七 the department manager.
/// </summary>
public sealed class ArchiveTests : DemoChatTests
{
    private Task<List<ArchiveLoan>> LoansAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ArchiveLoan>().AsNoTracking().OrderBy(l => l.Id).ToListAsync());

    private Task<Archive> ArchiveAsync(string code) =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Archive>().AsNoTracking().SingleAsync(a => a.Code == code));

    private async Task<int> WatchAsync()
    {
        var acted = await Bot.InScopeAsync(sp => sp.GetRequiredService<ArchiveWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        return acted;
    }

    [Fact]
    public async Task Borrow_TheClerkCountsItOutAndBackIn_FaceToFace_第5篇_1_3_第6篇_1_2_5()
    {
        await InboxAsync("zhengshi");
        Assert.Equal("已登记借阅申请 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》，11-30 前归还，已通知文员 郑十。请到档案室（档案柜 A-1）由文员当面清点借出（第6篇 1.2.5）。",
            await TextAsync("zhangsan", "借档案 YH-3-1-502 核对收楼资料 归还 11-30"));
        var asked = Assert.Single(await LoansAsync());
        Assert.Equal((ArchiveLoanStatus.Requested, "核对收楼资料", new DateOnly(2026, 11, 30), false), (asked.Status, asked.Purpose, asked.DueOn, asked.ReadOnly));

        var ask = Assert.Single(await InboxAsync("zhengshi"));
        Assert.Equal("【档案借阅申请】张三 申请借阅 YH-3-1-502《3-1-502 业户档案（陈建国）》，用途：核对收楼资料，11-30 前归还。存放：档案柜 A-1。请当面清点借出并请借阅人签名（第6篇 1.2.5）。", ask.Text);
        Assert.Equal([("借出档案 1", "清点借出"), ("不借出档案 1", "不借出")], ask.Choices.Select(c => (c.Value, c.Label)));
        Assert.Equal("已借出 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》 给 张三，11-30 前归还，已记入借阅登记。",
            Assert.Single(await Chat("zhengshi").PressAsync(ask.Choices[0].Value)).Text);
        Assert.StartsWith("郑十 已当面清点借出 YH-3-1-502《3-1-502 业户档案（陈建国）》，请于 11-30 前归还，还时回复“还档案 1”。", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal(ArchiveStatus.Out, (await ArchiveAsync("YH-3-1-502")).Status);
        // Someone else asking now hears who has it.
        Assert.Equal("YH-3-1-502《3-1-502 业户档案（陈建国）》 现在不在库：已由 张三 借出，11-30 前归还。请等归还后再借。",
            await TextAsync("lisi", "借档案 YH-3-1-502 查看装修资料"));

        // 还档案 alone is not a return: the clerk counts it in with the borrower.
        Bot.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal("好的，请把 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》 交给文员 郑十 当面清点，文员收回后归还才算完成（第6篇 1.2.5）。",
            await TextAsync("zhangsan", "还档案"));
        Assert.Equal(ArchiveLoanStatus.Out, Assert.Single(await LoansAsync()).Status);
        var returning = Assert.Single(await InboxAsync("zhengshi"));
        Assert.Equal("【档案归还】张三 要归还 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》，请当面清点无误后收回，放回 档案柜 A-1（第6篇 1.2.5）。", returning.Text);
        Assert.Equal([("收回档案 1", "清点收回")], returning.Choices.Select(c => (c.Value, c.Label)));
        Assert.Equal("已收回借阅登记 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》（借阅人：张三），请放回 档案柜 A-1。",
            Assert.Single(await Chat("zhengshi").PressAsync(returning.Choices[0].Value)).Text);
        Assert.Equal("郑十 已清点收回 YH-3-1-502《3-1-502 业户档案（陈建国）》，谢谢！", Assert.Single(await InboxAsync("zhangsan")).Text);
        var returned = Assert.Single(await LoansAsync());
        Assert.Equal((ArchiveLoanStatus.Returned, "zhengshi", "zhengshi"), (returned.Status, returned.LentById, returned.ClosedById));
        Assert.Equal(ArchiveStatus.In, (await ArchiveAsync("YH-3-1-502")).Status);

        // The register: date, purpose, who handled it and when it came back (第5篇 1.3).
        Assert.Equal("档案借阅登记：今天的借阅及未归还的（1条）：\n#1 YH-3-1-502《3-1-502 业户档案（陈建国）》 借阅人：张三，用途：核对收楼资料 — 11-26 09:30 借出，11-26 11:30 由郑十收回",
            await TextAsync("zhaoliu", "档案借阅记录"));
        Assert.DoesNotContain("档案借阅登记", await TextAsync("lisi", "档案借阅记录"));
    }

    [Fact]
    public async Task ThePurposeIsAsked_AndTheReturnDateRead_BadDatesChangeNothing_第5篇_1_3()
    {
        // No purpose: asked for, and the answer may carry the date.
        Assert.StartsWith("请问借阅 YH-3-1-501《3-1-501 业户档案》 的用途是什么？", await TextAsync("lisi", "借档案 YH-3-1-501"));
        Assert.Empty(await LoansAsync());
        Assert.StartsWith("已登记借阅申请 #1 YH-3-1-501《3-1-501 业户档案》，11-27 前归还", await TextAsync("lisi", "核对业主信息，明天还"));

        // The code typed straight before the purpose, as phones do.
        Assert.StartsWith("已登记借阅申请 #2 YH-3-1-502《", await TextAsync("wujiu", "借档案 YH-3-1-502核对业主信息"));
        Assert.Equal("核对业主信息", (await LoansAsync())[1].Purpose);
        await SayAsync("wujiu", "取消借阅 2");
        // Found by the unit: one match is that file; without a date, due in Archives:LoanDays (3).
        Assert.StartsWith("已登记借阅申请 #3 YH-5-1-101《5-1-101 业户档案》，11-29 前归还", await TextAsync("zhangsan", "借档案 5-1-101 办理过户"));
        // Several matches: a button each, the purpose kept.
        var which = Assert.Single(await SayAsync("wujiu", "借档案 业户档案 核对"));
        Assert.Equal("“业户档案”对应多份档案，请问是哪一份？", which.Text);
        Assert.Contains(which.Choices, c => c.Value == "借档案 YH-3-1-502 核对");

        Assert.Equal("归还日期 11-25 已经过去了，请重新填写。", await TextAsync("wujiu", "借档案 YH-3-1-502 核对 归还 昨天"));
        Assert.Equal("归还日期 12-31 太远了，借阅期限最长 14 天，请按期归还（第6篇 1.1.5）。", await TextAsync("wujiu", "借档案 YH-3-1-502 核对 归还 12-31"));
        Assert.Equal("对不起，归还日期“下辈子”没看明白，请写成 明天、11-30、周五 或 3天。", await TextAsync("wujiu", "借档案 YH-3-1-502 核对 归还 下辈子"));
        Assert.Equal("没有找到档案“ZZ-9”。可以先“查档案 关键词”查一下编号。", await TextAsync("wujiu", "借档案 ZZ-9 核对"));
        Assert.Equal(3, (await LoansAsync()).Count);
        // Asking twice for one file is not a second request.
        Assert.Equal("YH-5-1-101《5-1-101 业户档案》 您已经登记过了（借阅登记 #3），无需重复申请。", await TextAsync("zhangsan", "借档案 YH-5-1-101 办理过户"));
    }

    [Fact]
    public async Task ADocument_IsReadInTheOffice_AndBackTheSameDay_第6篇_1_2_2()
    {
        Assert.Equal("已登记查阅申请 #1 WS-2026-01《2026年公司发文汇编》：只能在办公室查阅，当天（11-26）归还（第6篇 1.2.2）。已通知文员 郑十，请到档案室（档案柜 B-1）当面清点领取。",
            await TextAsync("zhangsan", "借档案 WS-2026-01 查收费通知 归还 11-30"));
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal((true, new DateOnly(2026, 11, 26)), (loan.ReadOnly, loan.DueOn));
        Assert.Equal("已交付 #1 WS-2026-01《2026年公司发文汇编》 给 张三 在办公室查阅，当天（11-26）归还，已记入借阅登记。", await TextAsync("zhengshi", "借出档案 1"));
        Assert.StartsWith("郑十 已当面交付 WS-2026-01《2026年公司发文汇编》 供您查阅：请在办公室查阅，不得复印、带离", Assert.Single(await InboxAsync("zhangsan")).Text);
    }

    [Fact]
    public async Task ASecretFile_NeedsTheGeneralManager_ThenTheClerk_第5篇_1_4()
    {
        await InboxAsync("qianyi");
        await InboxAsync("zhengshi");
        Assert.Equal("已提交查阅申请 #1 HT-2026-03《2026年保洁外包合同》，这是保密档案，须经总经理批准（第5篇 1.4），已请示 钱一，批准后请到档案室由文员当面清点。",
            await TextAsync("zhangsan", "借档案 HT-2026-03 核对合同条款"));
        var ask = Assert.Single(await InboxAsync("qianyi"));
        Assert.StartsWith("【保密档案查阅申请】张三 申请查阅 HT-2026-03《2026年保洁外包合同》，用途：核对合同条款。", ask.Text);
        Assert.Equal(["批准借阅档案 1", "不借出档案 1"], ask.Choices.Select(c => c.Value));
        Assert.Empty(await InboxAsync("zhengshi"));

        // The clerk can neither lend it nor turn it down before the general manager decides.
        Assert.Equal("借阅登记 #1 是保密档案，总经理还未批准，暂不能借出（第5篇 1.4）。", await TextAsync("zhengshi", "借出档案 1"));
        Assert.Equal("借阅登记 #1 是保密档案的查阅申请，须由总经理决定（第5篇 1.4）。", await TextAsync("zhengshi", "不借出档案 1"));
        Assert.Equal(ArchiveLoanStatus.AwaitingApproval, Assert.Single(await LoansAsync()).Status);

        Assert.Equal("已批准借阅登记 #1 HT-2026-03《2026年保洁外包合同》，已通知文员当面交付张三。", Assert.Single(await Chat("qianyi").PressAsync(ask.Choices[0].Value)).Text);
        Assert.StartsWith("钱一 已批准您查阅 HT-2026-03《2026年保洁外包合同》。请到档案室由文员 郑十 当面清点交付", Assert.Single(await InboxAsync("zhangsan")).Text);
        var toClerk = Assert.Single(await InboxAsync("zhengshi"));
        Assert.StartsWith("【档案查阅申请】张三 申请在办公室查阅 HT-2026-03《2026年保洁外包合同》", toClerk.Text);
        await Chat("zhengshi").PressAsync(toClerk.Choices[0].Value);
        var lent = Assert.Single(await LoansAsync());
        Assert.Equal((ArchiveLoanStatus.Out, "qianyi", "zhengshi", true), (lent.Status, lent.ApprovedById, lent.LentById, lent.ReadOnly));
    }

    [Fact]
    public async Task TheClerksOwnSecretRequest_OnceApproved_IsRegisteredAtOnce_第5篇_1_4()
    {
        await SayAsync("zhengshi", "借档案 HT-2026-03 归档前核对");
        Assert.Equal(ArchiveLoanStatus.AwaitingApproval, Assert.Single(await LoansAsync()).Status);
        Assert.Equal("已批准借阅登记 #1 HT-2026-03《2026年保洁外包合同》，郑十 是文员，已直接登记查阅。", await TextAsync("qianyi", "批准借阅档案 1"));
        Assert.StartsWith("钱一 已批准您查阅 HT-2026-03《2026年保洁外包合同》，已登记", Assert.Single(await InboxAsync("zhengshi")).Text);
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal((ArchiveLoanStatus.Out, "zhengshi"), (loan.Status, loan.LentById));
    }

    [Fact]
    public async Task TheClerk_NamesAFileToCountIn_WithANote_第6篇_1_2_5()
    {
        await SayAsync("zhangsan", "借档案 YH-3-1-502 核对");
        await SayAsync("zhengshi", "借出档案 1");
        Assert.Equal("YH-3-1-501《3-1-501 业户档案》 没有待您处理的借阅。", await TextAsync("zhengshi", "收回档案 YH-3-1-501"));
        Assert.Equal("已收回借阅登记 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》（借阅人：张三），请放回 档案柜 A-1。已记录：封皮有折痕",
            await TextAsync("zhengshi", "收回档案 YH-3-1-502 封皮有折痕"));
        var loan = Assert.Single(await LoansAsync());
        Assert.Equal((ArchiveLoanStatus.Returned, "封皮有折痕"), (loan.Status, loan.Note));
    }

    [Fact]
    public async Task AFileBackShort_IsOfferedForTheWrittenReport_第6篇_1_2_6()
    {
        await SayAsync("zhangsan", "借档案 YH-3-1-502 核对");
        await SayAsync("zhengshi", "借出档案 1");
        var back = Assert.Single(await SayAsync("zhengshi", "收回档案 1 少了一页装修申请表"));
        Assert.Contains("已记录：少了一页装修申请表", back.Text);
        var report = Assert.Single(back.Choices);
        Assert.Equal(("档案损坏 YH-3-1-502 少了一页装修申请表", "档案损坏"), (report.Value, report.Label));
        await Chat("zhengshi").PressAsync(report.Value);
        await Bot.DispatchAsync();
        Assert.Contains(await InboxAsync("sunqi"), l => l.Text.Contains("少了一页装修申请表", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARequest_TakenBackBeforeItIsCountedOut_TheClerkHears()
    {
        await SayAsync("lisi", "借档案 JS-3-01 查看管线");
        await InboxAsync("zhengshi");
        Assert.Equal("好的，已撤回借阅申请 #1 JS-3-01《3号楼给排水竣工图》。", await TextAsync("lisi", "取消借阅"));
        Assert.Equal("李四 已撤回借阅申请 #1 JS-3-01《3号楼给排水竣工图》，无需处理。", Assert.Single(await InboxAsync("zhengshi")).Text);
        Assert.Equal(ArchiveLoanStatus.Withdrawn, Assert.Single(await LoansAsync()).Status);
        Assert.Equal("借阅登记 #1 已经处理过了。", await TextAsync("zhengshi", "借出档案 1"));
        Assert.Equal("您没有可以撤回的借阅申请。", await TextAsync("lisi", "取消借阅"));
        // Once counted out, it is returned, not taken back.
        await SayAsync("lisi", "借档案 JS-3-01 查看管线");
        await SayAsync("zhengshi", "借出档案 2");
        Assert.Equal("借阅登记 #2 已经借出了，请用“还档案”归还。", await TextAsync("lisi", "取消借阅 2"));
    }

    [Fact]
    public async Task AnOutsideReader_IsRegisteredByTheClerk_ApprovedByALeader_ReadInTheOffice_第6篇_1_2_8()
    {
        await InboxAsync("qianyi");
        Assert.Equal("已登记外单位查阅申请 #1：某律师事务所 王律师 查阅 YH-3-1-502《3-1-502 业户档案（陈建国）》，已请示 钱一，批准后请陪同在办公室查阅（第6篇 1.2.8）。",
            await TextAsync("zhengshi", "外单位查阅 YH-3-1-502 某律师事务所 王律师 用途 核对产权资料"));
        var ask = Assert.Single(await InboxAsync("qianyi"));
        Assert.StartsWith("【外单位查阅申请】郑十 登记：某律师事务所 王律师（已核验单位介绍信和本人证件）申请查阅 YH-3-1-502", ask.Text);
        Assert.Equal(["批准借阅档案 1", "不借出档案 1"], ask.Choices.Select(c => c.Value));
        var asked = Assert.Single(await LoansAsync());
        Assert.Equal((ArchiveLoanStatus.AwaitingApproval, "zhengshi", "某律师事务所 王律师", "核对产权资料", true),
            (asked.Status, asked.BorrowerId, asked.Visitor, asked.Purpose, asked.ReadOnly));

        await Chat("qianyi").PressAsync(ask.Choices[0].Value);
        Assert.StartsWith("钱一 已批准 某律师事务所 王律师 查阅 YH-3-1-502《3-1-502 业户档案（陈建国）》，已登记。请陪同在办公室查阅", Assert.Single(await InboxAsync("zhengshi")).Text);
        Assert.Equal(ArchiveLoanStatus.Out, Assert.Single(await LoansAsync()).Status);
        Assert.Contains("#1 YH-3-1-502《3-1-502 业户档案（陈建国）》 查阅人：某律师事务所 王律师（外单位，郑十 经手），用途：核对产权资料 — 11-26 09:30 由郑十交付查阅，当天（11-26）归还",
            await TextAsync("zhaoliu", "档案借阅记录"));

        // Not a secret file, not without who and what for, and only the clerk registers it.
        Assert.Equal("HT-2026-03《2026年保洁外包合同》 是保密档案，不供外单位查阅（第6篇 1.2.4）。", await TextAsync("zhengshi", "外单位查阅 HT-2026-03 某公司 李某 用途 看合同"));
        Assert.StartsWith("请写明档案编号、外单位及姓名和用途", await TextAsync("zhengshi", "外单位查阅 JS-3-01 某设计院"));
        await SayAsync("zhengshi", "取消");
        Assert.DoesNotContain("已登记", await TextAsync("zhangsan", "外单位查阅 JS-3-01 某设计院 刘工 用途 看图纸"));
        Assert.Single(await LoansAsync());
    }

    [Fact]
    public async Task AStaffPersonalFile_IsNeverLent_NorListedForOthers_第5篇_1_5()
    {
        Assert.Equal("RS-zhangsan 是员工个人档案，属秘密材料，任何人无权翻阅，不能借阅（第5篇 1.5）。", await TextAsync("lisi", "借档案 RS-zhangsan 看看"));
        Assert.Equal("RS-zhangsan 是员工个人档案，属秘密材料，任何人无权翻阅，不能借阅（第5篇 1.5）。", await TextAsync("zhengshi", "借档案 RS-zhangsan 整理"));
        // Its title names a colleague: a search by words does not show it to staff.
        Assert.Equal("没有找到与“员工个人档案”相关的档案，请换个关键词再试。", await TextAsync("lisi", "查档案 员工个人档案"));
        Assert.Contains("RS-zhangsan", await TextAsync("zhengshi", "查档案 员工个人档案"));
        Assert.Empty(await LoansAsync());
    }

    [Fact]
    public async Task Refused_ThePersonHearsWhy()
    {
        await SayAsync("lisi", "借档案 JS-3-01 查看管线走向");
        Assert.Equal("已不借出借阅登记 #1，已告知李四。", await TextAsync("zhengshi", "不借出档案 1 图纸正在复印存档，明天再借"));
        Assert.Equal("郑十 未借出 #1 JS-3-01《3号楼给排水竣工图》。原因：图纸正在复印存档，明天再借", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Equal(ArchiveLoanStatus.Refused, Assert.Single(await LoansAsync()).Status);
        Assert.Equal("您名下没有借出未还的档案。", await TextAsync("lisi", "还档案"));
        // Staff do not lend files.
        await SayAsync("lisi", "借档案 JS-3-01 查看管线走向");
        Assert.DoesNotContain("已借出", await TextAsync("zhangsan", "借出档案 2"));
        Assert.Equal(ArchiveLoanStatus.Requested, (await LoansAsync())[1].Status);
    }

    [Fact]
    public async Task NotBackByItsDate_TheBorrowerIsRemindedAndTheClerkTold_Once_第6篇_1_3_5()
    {
        await SayAsync("zhangsan", "借档案 JL-2026-11 整理值班记录 归还 明天");
        await SayAsync("zhengshi", "借出档案 1");
        await InboxAsync("zhangsan");
        await InboxAsync("zhengshi");

        // Due on the 27th: still in time that day.
        Bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await WatchAsync());

        Bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await WatchAsync());
        Assert.Equal(0, await WatchAsync()); // fired twice: acts once
        var reminder = Assert.Single(await InboxAsync("zhangsan"));
        Assert.Equal("您好，#1 JL-2026-11《2026年11月值班记录》 应于 11-27 归还，至今未还。请尽快交文员当面清点收回，还时回复“还档案 1”（第6篇 1.3.5）。", reminder.Text);
        Assert.Equal(["还档案 1"], reminder.Choices.Select(c => c.Value));
        Assert.Equal("提醒：#1 JL-2026-11《2026年11月值班记录》 由 张三 借阅，应于 11-27 归还，至今未还，请催还（第6篇 1.3.5）。", Assert.Single(await InboxAsync("zhengshi")).Text);

        // The supervisors' digest lists it too.
        await Bot.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Contains("【档案借阅：逾期未还、待处理及须清理的（1条）】\n#1 JL-2026-11《2026年11月值班记录》 借阅人：张三，用途：整理值班记录 — 11-26 09:30 由郑十借出，应于 11-27 归还，已逾期",
            (await InboxAsync("zhaoliu")).Last().Text);
    }

    [Fact]
    public async Task OnTheMonthsLastDay_TheClerkGetsTheFiguresToCheck_Once_第6篇_1_1_3()
    {
        await SayAsync("zhangsan", "借档案 YH-3-1-502 核对 归还 11-30");
        await SayAsync("zhengshi", "借出档案 1");
        await SayAsync("zhengshi", "档案丢失 JS-3-01 整理时找不到");
        await InboxAsync("zhengshi");
        async Task<int> MonthEndAsync()
        {
            var told = await Bot.InScopeAsync(sp => sp.GetRequiredService<ArchiveMonthEnd>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
            await Bot.DispatchAsync();
            return told;
        }

        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        Assert.Equal(0, await MonthEndAsync());
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        Assert.Equal(1, await MonthEndAsync());
        await MonthEndAsync(); // fired twice: sent once
        var check = Assert.Single(await InboxAsync("zhengshi"));
        Assert.Equal("【月底档案清理核对】今天是月底，请清点库藏档案，核对帐物相符，破损的及时修补（第6篇 1.1.3）。目录共 8 份：在库 6，借出 1，报丢失 1。\n"
            + "#1 YH-3-1-502《3-1-502 业户档案（陈建国）》 借阅人：张三，用途：核对 — 11-26 09:30 由郑十借出，11-30 前归还\n"
            + "JS-3-01《3号楼给排水竣工图》 — 已报丢失\n发现不符的，请用“档案丢失”或“档案损坏”上报。", check.Text);
        Assert.Equal(["档案借阅记录"], check.Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task SomeoneLeaving_WithAFileOut_IsInTheDigest_WhateverItsDate_第6篇_1_2_7()
    {
        await SayAsync("lisi", "借档案 JS-3-01 查看管线 归还 11-30");
        await SayAsync("zhengshi", "借出档案 1");
        await Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            (await db.Set<Bot.Domain.Features.Directory.Person>().SingleAsync(p => p.Id == "lisi")).Active = false;
            await db.SaveChangesAsync();
        });
        await InboxAsync("zhaoliu");
        await Bot.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Contains("#1 JS-3-01《3号楼给排水竣工图》 借阅人：李四，用途：查看管线 — 11-26 09:30 由郑十借出，11-30 前归还（借阅人已离职或调离，须清理移交、归还档案，第6篇 1.2.7）",
            (await InboxAsync("zhaoliu")).Last().Text);
    }

    [Fact]
    public async Task Lost_IsAnUrgentCaseToTheDepartmentManager_AndWaitingRequestsEnd_第6篇_1_2_6()
    {
        await SayAsync("zhangsan", "借档案 JS-3-01 查看管线");
        await SayAsync("zhengshi", "借出档案 1");
        await SayAsync("lisi", "借档案 WS-2026-01 查通知");
        await InboxAsync("sunqi");
        await InboxAsync("lisi");

        // Alone, it asks which file and what happened.
        Assert.StartsWith("请说明哪份档案丢失和情况", await TextAsync("wujiu", "档案丢失"));
        await SayAsync("wujiu", "取消");
        // The one file out in one's name needs no code.
        Assert.Equal("已作为紧急事项上报（升级事项 #1），已通知 孙七。请今天内写出书面报告交客服部经理（第6篇 1.2.6）。",
            await TextAsync("zhangsan", "档案丢失 在地下室查看时遗失"));
        var alert = Assert.Single(await InboxAsync("sunqi"));
        Assert.Contains("档案丢失：JS-3-01《3号楼给排水竣工图》（张三 报告）", alert.Text);
        Assert.Contains("在地下室查看时遗失", alert.Text);
        Assert.Equal((ArchiveLoanStatus.Lost, ArchiveStatus.Lost), ((await LoansAsync())[0].Status, (await ArchiveAsync("JS-3-01")).Status));
        var escalation = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync());
        Assert.Equal(Severity.Urgent, escalation.Severity);

        // Reported again: not a second case.
        Assert.Equal("JS-3-01《3号楼给排水竣工图》 已经报过丢失了，无需重复上报；找回后请文员发送“档案找回”。", await TextAsync("wujiu", "档案丢失 JS-3-01 找不到"));
        Assert.Single(await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().ToListAsync()));
        // A file reported lost with a request waiting for it: the request ends and its person hears why.
        await TextAsync("zhengshi", "档案丢失 WS-2026-01 整理时找不到");
        Assert.Equal("郑十 未借出 #2 WS-2026-01《2026年公司发文汇编》。原因：档案已报丢失", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Equal(ArchiveLoanStatus.Refused, (await LoansAsync())[1].Status);
        Assert.Equal("WS-2026-01《2026年公司发文汇编》 已报丢失，暂时不能借阅。", await TextAsync("lisi", "借档案 WS-2026-01 查通知"));

        // Found again: the clerk says so and it can be borrowed.
        var found = Assert.Single(await SayAsync("zhengshi", "档案找回"));
        Assert.Equal(["档案找回 JS-3-01", "档案找回 WS-2026-01"], found.Choices.Select(c => c.Value));
        Assert.Equal("已登记 WS-2026-01《2026年公司发文汇编》 找回，在库（档案柜 B-1）。请一并告知客服部经理。", await TextAsync("zhengshi", "档案找回 WS-2026-01"));
        Assert.StartsWith("已登记查阅申请 #3", await TextAsync("lisi", "借档案 WS-2026-01 查通知"));
    }

    [Fact]
    public async Task Find_ShowsWhereEachFileIs_WithButtonsForThoseIn_第6篇_1_3_3()
    {
        await SayAsync("zhangsan", "借档案 YH-3-1-502 核对");
        await SayAsync("zhengshi", "借出档案 1");
        var found = Assert.Single(await SayAsync("lisi", "查档案 3-1-50"));
        Assert.Equal("找到 2 份档案：\nYH-3-1-501《3-1-501 业户档案》［业户档案］在库（档案柜 A-1）\nYH-3-1-502《3-1-502 业户档案（陈建国）》［业户档案］已由 张三 借出，11-29 前归还", found.Text);
        Assert.Equal(["借档案 YH-3-1-501"], found.Choices.Select(c => c.Value));
        Assert.Contains("HT-2026-03《2026年保洁外包合同》［其他·保密］在库", await TextAsync("lisi", "查档案 合同"));
        // Asked the way people ask.
        Assert.Contains("YH-3-1-502《3-1-502 业户档案（陈建国）》［业户档案］已由 张三 借出", await TextAsync("wujiu", "档案 YH-3-1-502 在谁那"));
        Assert.StartsWith("请输入档案编号、房号或名称中的关键词", await TextAsync("wujiu", "档案"));
    }

    [Fact]
    public async Task English_TheSameRegister()
    {
        await SayAsync("lisi", "language en");
        Assert.Equal("Loan request #1 for JS-3-01 \"3号楼给排水竣工图\" is registered, due back 11-28; clerk 郑十 has been told. Please collect it in the archive room (图纸柜 1), where the clerk counts it out to you (第6篇 1.2.5).",
            await TextAsync("lisi", "borrow archive JS-3-01 check the pipes due in 2 days"));
        Assert.Equal("check the pipes", Assert.Single(await LoansAsync()).Purpose);
    }

    [Fact]
    public async Task CatalogueImport_AllOrNothing_AndTheMonthsRegister_OnlyWithTheKey()
    {
        var client = Bot.CreateClient();
        var csv = "code,kind,title,place,secret\nYH-8-2-1203,业户档案,8-2-1203 业户档案,档案柜 A-3,\nWS-2026-01,document,2026年公司发文汇编（上）,档案柜 B-2,no\n";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/admin/archives", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);

        var bad = await client.PostAsync("/api/admin/archives", new StringContent(
            "code,kind,title,place\nYH 9,owner,x,柜\nA-1,卷宗,x,柜\nA-2,owner,x,柜\nA-2,owner,y,柜\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("档案编号“YH 9”不能含空格", problem);
        Assert.Contains("档案类别“卷宗”无效", problem);
        Assert.Contains("“A-2”在第 4 行已经出现过", problem);
        Assert.DoesNotContain(await client.GetFromJsonAsync<List<ArchivesSetup.ArchiveView>>("/api/admin/archives") ?? [], a => a.Code == "A-2");

        Assert.True((await client.PostAsync("/api/admin/archives", new StringContent(csv, Encoding.UTF8, "text/csv"))).IsSuccessStatusCode);
        var list = await client.GetFromJsonAsync<List<ArchivesSetup.ArchiveView>>("/api/admin/archives") ?? [];
        Assert.Contains(new ArchivesSetup.ArchiveView("YH-8-2-1203", "owner", "8-2-1203 业户档案", "档案柜 A-3", false, "in"), list);
        Assert.Contains(new ArchivesSetup.ArchiveView("WS-2026-01", "document", "2026年公司发文汇编（上）", "档案柜 B-2", false, "in"), list);

        await SayAsync("zhangsan", "借档案 YH-8-2-1203 =1+1,核对");
        await SayAsync("zhengshi", "借出档案 1");
        var lines = (await client.GetStringAsync("/api/admin/archives/register.csv?month=2026-11")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,archive,title,borrower,borrower_name,purpose,read_only,status,requested_at,approved_by,lent_at,lent_by,due_on,returned_at,closed_by,note,visitor", lines[0]);
        Assert.Equal("1,YH-8-2-1203,8-2-1203 业户档案,zhangsan,张三,\"'=1+1,核对\",no,out,2026-11-26 09:30,,2026-11-26 09:30,zhengshi,2026-11-29,,,,", lines[1]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/admin/archives/register.csv?month=11月")).StatusCode);
    }

    [Fact]
    public async Task TheDocumentedExampleFile_Imports()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(Architecture.ArchitectureTests.RepositoryRoot(), "docs", "examples", "archives.csv"));
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var response = await client.PostAsync("/api/admin/archives", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await client.GetFromJsonAsync<List<ArchivesSetup.ArchiveView>>("/api/admin/archives") ?? [];
        Assert.Contains(new ArchivesSetup.ArchiveView("HT-2026-03", "other", "2026年保洁外包合同", "带锁文件柜", true, "in"), list);
    }

    [Fact]
    public async Task Help_HasTheArchiveTopic_TheClerksCommandsForTheClerk()
    {
        var help = await TextAsync("zhangsan", "帮助 档案");
        Assert.Contains("借档案", help);
        Assert.Contains("还档案", help);
        Assert.DoesNotContain("收回档案", help);
        Assert.Contains("收回档案", await TextAsync("zhengshi", "帮助 档案"));
    }
}

using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Archives;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Archives;

/// <summary>
/// 待办's archive lines (第5篇 1.3–1.4, 第6篇 1.2.5, 1.2.8, 1.3.5) on the demo department, Thursday 2026-11-26 09:30: files out in
/// my name (due today or late first, with 还档案), and what I am asked to decide — 钱一 a secret file or an outside reader,
/// 郑十 (the clerk) a request to count out and a file brought back to count in. Only this feature's lines are looked at:
/// other features may have their own for the same person.
/// </summary>
public sealed partial class ArchiveTodoTests : DemoChatTests
{
    private const string Contract = "HT-2026-03《2026年保洁外包合同》";
    private const string Owner502 = "YH-3-1-502《3-1-502 业户档案（陈建国）》";
    private const string Owner501 = "YH-3-1-501《3-1-501 业户档案》";

    /// <summary>The archive's lines, in the order shown: those naming one of the demo's files.</summary>
    private async Task<List<string>> ArchiveLinesAsync(string who) => [.. (await TodoAsync(who)).Lines.Where(l => FileCode().IsMatch(l))];

    [GeneratedRegex(@"\b(?:YH|HT|WS|JS|JL|RS)-")]
    private static partial Regex FileCode();

    [Fact]
    public async Task AFileOut_WaitsOnItsBorrower_TheLateOneLeads_AndItGoesOnceCountedIn_第6篇_1_2_5_1_3_5()
    {
        await SayAsync("zhangsan", "借档案 YH-3-1-502 核对收楼资料 归还 11-30");
        // Asked for, it waits on the clerk, not on the one who asked.
        Assert.Empty(await ArchiveLinesAsync("zhangsan"));
        var (clerk, lend) = await TodoAsync("zhengshi");
        Assert.Contains($"借阅申请 #1 {Owner502}：张三，用途：核对收楼资料，11-30 前归还，请当面清点借出（第6篇 1.2.5）", clerk);
        Assert.Equal("已借出 #1 YH-3-1-502《3-1-502 业户档案（陈建国）》 给 张三，11-30 前归还，已记入借阅登记。",
            Assert.Single(await Chat("zhengshi").PressAsync(Assert.Single(lend, c => c.Value == "借出档案 1").Value)).Text);
        Assert.Empty(await ArchiveLinesAsync("zhengshi"));

        var (lines, buttons) = await TodoAsync("zhangsan");
        Assert.Contains($"档案 #1 {Owner502} 在您处，11-30 前归还", lines);
        Assert.Contains(buttons, c => (c.Value, c.Label) == ("还档案 1", "还档案 1"));
        Assert.Empty(await ArchiveLinesAsync("lisi"));

        await SayAsync("zhangsan", "借档案 YH-3-1-501 核对业主信息 归还 明天");
        await SayAsync("zhengshi", "借出档案 2");
        Bot.Time.Advance(TimeSpan.FromDays(2)); // Saturday 11-28: #2 was due on 11-27

        // Late first, whatever its number: 按期归还 (第6篇 1.3.5).
        Assert.Equal([$"档案 #2 {Owner501} 应于 11-27 归还，已逾期，请尽快交文员当面清点收回（第6篇 1.3.5）", $"档案 #1 {Owner502} 在您处，11-30 前归还"],
            await ArchiveLinesAsync("zhangsan"));
        Assert.Equal(["还档案 2", "还档案 1"], (await TodoAsync("zhangsan")).Buttons.Select(c => c.Value).Where(v => v.StartsWith("还档案", StringComparison.Ordinal)));

        // 还档案 pressed: still in my name until the clerk counts it in, but nothing left to press; the clerk now has it to count.
        Assert.StartsWith("好的，请把 #2 YH-3-1-501《3-1-501 业户档案》 交给文员 郑十 当面清点",
            Assert.Single(await Chat("zhangsan").PressAsync("还档案 2")).Text);
        (lines, buttons) = await TodoAsync("zhangsan");
        Assert.Contains($"档案 #2 {Owner501} 您已说归还，请当面交文员清点收回（应于 11-27 归还）", lines);
        Assert.DoesNotContain(buttons, c => c.Value == "还档案 2");
        (clerk, lend) = await TodoAsync("zhengshi");
        Assert.Contains($"档案归还 #2 {Owner501}：张三 要归还，请当面清点收回（第6篇 1.2.5）", clerk);
        Assert.StartsWith("已收回借阅登记 #2 YH-3-1-501《3-1-501 业户档案》（借阅人：张三）",
            Assert.Single(await Chat("zhengshi").PressAsync(Assert.Single(lend, c => c.Value == "收回档案 2").Value)).Text);

        Assert.Equal([$"档案 #1 {Owner502} 在您处，11-30 前归还"], await ArchiveLinesAsync("zhangsan"));
        Assert.Empty(await ArchiveLinesAsync("zhengshi"));

        // Its day come, it is pressing too.
        Bot.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal([$"档案 #1 {Owner502} 今天（11-30）到期，请交文员当面清点收回"], await ArchiveLinesAsync("zhangsan"));
    }

    [Fact]
    public async Task ASecretFile_WaitsOnTheGeneralManager_ThenOnTheClerk_ThenIsBackTheSameDay_第5篇_1_4()
    {
        await SayAsync("zhangsan", "借档案 YH-3-1-502 核对收楼资料 归还 11-30");
        await SayAsync("zhengshi", "借出档案 1");
        await SayAsync("zhangsan", "借档案 HT-2026-03 核对合同条款");
        var (lines, buttons) = await TodoAsync("qianyi");
        Assert.Contains($"保密档案查阅申请 #2 {Contract}：张三，用途：核对合同条款，待您批准（第5篇 1.4）", lines);
        // Neither the clerk nor anyone else has anything to do with it yet.
        Assert.Empty(await ArchiveLinesAsync("zhengshi"));
        Assert.Empty(await ArchiveLinesAsync("sunqi"));
        Assert.Equal([$"档案 #1 {Owner502} 在您处，11-30 前归还"], await ArchiveLinesAsync("zhangsan"));

        Assert.Equal("已批准借阅登记 #2 HT-2026-03《2026年保洁外包合同》，已通知文员当面交付张三。",
            Assert.Single(await Chat("qianyi").PressAsync(Assert.Single(buttons, c => c.Value == "批准借阅档案 2").Value)).Text);
        Assert.Empty(await ArchiveLinesAsync("qianyi"));

        var (clerk, lend) = await TodoAsync("zhengshi");
        Assert.Equal([$"查阅申请 #2 {Contract}：张三，用途：核对合同条款，在办公室查阅，当天（11-26）归还，请当面清点交付（第6篇 1.2.5）"],
            clerk.Where(l => FileCode().IsMatch(l)));
        await Chat("zhengshi").PressAsync(Assert.Single(lend, c => c.Value == "借出档案 2").Value);

        // Read in the office and back the same day (第6篇 1.2.2): due today, it leads the file due on 11-30.
        Assert.Equal([$"档案 #2 {Contract} 今天（11-26）到期，请交文员当面清点收回", $"档案 #1 {Owner502} 在您处，11-30 前归还"],
            await ArchiveLinesAsync("zhangsan"));
        Assert.Contains((await TodoAsync("zhangsan")).Buttons, c => c.Value == "还档案 2");
    }

    [Fact]
    public async Task AnOutsideReader_WaitsOnTheGeneralManager_ThenTheClerkCountsItBackIn_第6篇_1_2_8()
    {
        // The clerk's own file, taken at once and due in three days: listed, not pressing.
        await SayAsync("zhengshi", "借档案 YH-5-1-101 整理业主资料");
        Assert.Equal(["档案 #1 YH-5-1-101《5-1-101 业户档案》 在您处，11-29 前归还"], await ArchiveLinesAsync("zhengshi"));

        await SayAsync("zhengshi", "外单位查阅 YH-3-1-502 某律师事务所 王律师 用途 核对产权资料");
        var (lines, buttons) = await TodoAsync("qianyi");
        Assert.Contains($"外单位查阅申请 #2 {Owner502}：某律师事务所 王律师（郑十 登记），用途：核对产权资料，待您批准（第6篇 1.2.8）", lines);
        Assert.Equal(["档案 #1 YH-5-1-101《5-1-101 业户档案》 在您处，11-29 前归还"], await ArchiveLinesAsync("zhengshi"));

        await Chat("qianyi").PressAsync(Assert.Single(buttons, c => c.Value == "批准借阅档案 2").Value);
        Assert.Empty(await ArchiveLinesAsync("qianyi"));
        // Back the same day: it leads the clerk's own file.
        Assert.Equal([$"外单位查阅 #2 {Owner502}：某律师事务所 王律师 查阅中，11-26 当天清点收回（第6篇 1.2.8）", "档案 #1 YH-5-1-101《5-1-101 业户档案》 在您处，11-29 前归还"],
            await ArchiveLinesAsync("zhengshi"));
        buttons = (await TodoAsync("zhengshi")).Buttons;
        Assert.StartsWith("已收回借阅登记 #2 YH-3-1-502《3-1-502 业户档案（陈建国）》（借阅人：郑十）",
            Assert.Single(await Chat("zhengshi").PressAsync(Assert.Single(buttons, c => c.Value == "收回档案 2").Value)).Text);
        Assert.Equal(["档案 #1 YH-5-1-101《5-1-101 业户档案》 在您处，11-29 前归还"], await ArchiveLinesAsync("zhengshi"));
    }

    [Fact]
    public void TheLines_HaveTheirEnglish_WithTheSamePlaceholders()
    {
        var chinese = ArchiveTexts.Catalog.All(TextCatalog.Chinese).Where(p => p.Key.StartsWith("Todo", StringComparison.Ordinal)).ToList();
        var english = ArchiveTexts.Catalog.All(TextCatalog.English);
        Assert.NotEmpty(chinese);
        Assert.All(chinese, p => Assert.Equal(Placeholders(p.Value), Placeholders(english[p.Key])));
    }

    private static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order()];
}

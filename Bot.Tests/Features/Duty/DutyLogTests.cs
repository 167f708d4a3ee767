using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// The duty record (值班记录, 第2篇 1.3) on the demo roster: 张三 is on duty at 客服中心 on the early shift
/// (07:00–15:00 Shanghai), 李四 on the middle shift, 王五 the early shift's lead, 孙七 the department manager.
/// </summary>
public sealed class DutyLogTests
{
    internal static DateTimeOffset Shanghai(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    internal static BotFactory At(DateTimeOffset when) => new(time: new FakeTimeProvider(when.ToUniversalTime()));

    private readonly Dictionary<(BotFactory, string), LocalChatClient> _chats = [];

    internal LocalChatClient Chat(BotFactory bot, string who) =>
        _chats.TryGetValue((bot, who), out var chat) ? chat : _chats[(bot, who)] = new LocalChatClient(bot, who);

    private async Task<string> SayAsync(BotFactory bot, string who, string text) =>
        string.Join("\n", (await Chat(bot, who).SayAsync(text)).Select(l => l.Text));

    private async Task<List<string>> InboxAsync(BotFactory bot, string who) =>
        [.. (await Chat(bot, who).NewBotLinesAsync()).Select(l => l.Text)];

    internal static Task<List<DutyLogEntry>> EntriesAsync(BotFactory bot) =>
        bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<DutyLogEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    internal static Task<IReadOnlyList<OpenDutyEvent>> BlockingAsync(BotFactory bot) =>
        bot.InScopeAsync(sp => sp.GetRequiredService<IOpenDutyEvents>().BlockingHandoverAsync(bot.Time.GetUtcNow(), CancellationToken.None));

    [Fact]
    public async Task DutyLog_ItsOwnWordTypedAgain_IsNotRecordedAsWhatHappened()
    {
        using var bot = At(Shanghai(26, 9, 40));
        await SayAsync(bot, "zhangsan", "值班记录");

        // Not what happened: the question again.
        Assert.StartsWith("请简要说明发生了什么", await SayAsync(bot, "zhangsan", "值班记录"));
        // Said again with what happened: the record starts afresh with it.
        await SayAsync(bot, "zhangsan", "值班记录 5号楼门禁坏了，已报修");
        await SayAsync(bot, "zhangsan", "1");
        await SayAsync(bot, "zhangsan", "处理中");
        Assert.Equal("5号楼门禁坏了，已报修", Assert.Single(await EntriesAsync(bot)).What);
    }

    [Fact]
    public async Task DutyLog_HelpOrAGreeting_IsNotRecordedAsWhatHappened()
    {
        using var bot = At(Shanghai(26, 9, 40));
        await SayAsync(bot, "zhangsan", "值班记录");

        // Where any text is the answer, 帮助 and 您好 would have gone into the log as what happened.
        var help = await SayAsync(bot, "zhangsan", "帮助");
        Assert.StartsWith("提示：您还在进行中的操作里。如要改为“帮助”，请先发送“取消”", help);
        Assert.Contains("您刚才的问题还在等待您的回答：“请简要说明发生了什么", help);
        Assert.StartsWith("您好！您还有一个问题没有回答", await SayAsync(bot, "zhangsan", "您好呀"));
        // Sent again, still not an answer; the matter itself is.
        Assert.StartsWith("提示：", await SayAsync(bot, "zhangsan", "帮助"));
        Assert.StartsWith("请选择类别", await SayAsync(bot, "zhangsan", "你好，3号楼大堂顶灯不亮"));
        await SayAsync(bot, "zhangsan", "1");
        await SayAsync(bot, "zhangsan", "已报工程部");
        Assert.Equal("你好，3号楼大堂顶灯不亮", Assert.Single(await EntriesAsync(bot)).What);
    }

    [Fact]
    public async Task DutyLog_ACommandTypedAtTheHandlingQuestion_IsHeldBackOnce_第2篇_1_3()
    {
        using var bot = At(Shanghai(26, 9, 40));
        await SayAsync(bot, "zhangsan", "值班记录 2号电梯按钮失灵，已报维修部");
        await SayAsync(bot, "zhangsan", "1");

        // Its 处理中 button is only a shortcut: any text is the handling, so a command is not written into it unnoticed.
        var held = await SayAsync(bot, "zhangsan", "结案 已修好");
        Assert.Contains("这条消息还没有作为回答记录。如要改为“结案”", held);
        Assert.Empty(await EntriesAsync(bot));
        await SayAsync(bot, "zhangsan", "维修部已修好");
        Assert.Equal("维修部已修好", Assert.Single(await EntriesAsync(bot)).Handling);
    }

    [Fact]
    public async Task DutyLog_HandledMatter_IsRecordedWithWhoWhenShiftAndPost_第2篇_1_3()
    {
        using var bot = At(Shanghai(26, 9, 40));

        var asked = await SayAsync(bot, "zhangsan", "值班记录");
        var kind = await Chat(bot, "zhangsan").SayAsync("3号楼大堂顶灯不亮");
        await SayAsync(bot, "zhangsan", "1");
        var done = await SayAsync(bot, "zhangsan", "已报工程部，09:35 更换灯管");

        Assert.StartsWith("请简要说明发生了什么", asked);
        Assert.Equal(["General", "MajorEvent", "EquipmentSwitching"], kind.Single().Choices!.Select(c => c.Value));
        Assert.Equal(["一般", "重大事件", "设备启停"], kind.Single().Choices!.Select(c => c.Label));
        var entry = Assert.Single(await EntriesAsync(bot));
        Assert.Equal($"已记入值班记录 #{entry.Id}（一般，已处理）。谢谢！", done);
        Assert.Equal(("zhangsan", "early", "客服中心", new DateOnly(2026, 11, 26)), (entry.RecordedById, entry.ShiftCode, entry.Post, entry.Date));
        Assert.Equal(Shanghai(26, 9, 40), entry.RecordedAt);
        Assert.Equal(DutyLogKind.General, entry.Kind);
        Assert.Equal("3号楼大堂顶灯不亮", entry.What);
        Assert.Equal("已报工程部，09:35 更换灯管", entry.Handling);
        Assert.False(entry.IsOpen);
        Assert.Equal(ReportStage.NotRequired, entry.Report);
    }

    [Theory]
    [InlineData("1", true)]       // 处理中: still open, what was done stays with the matter
    [InlineData("已处理", false)]
    public async Task DutyLog_AHandlingThatSoundsUnfinished_IsAskedAbout_第2篇_1_3(string answer, bool open)
    {
        using var bot = At(Shanghai(26, 9, 40));
        await SayAsync(bot, "zhangsan", "值班记录 3号楼大堂玻璃门坏了");
        await SayAsync(bot, "zhangsan", "一般");

        var asked = await SayAsync(bot, "zhangsan", "已通知维修部，明天上午来修");

        Assert.StartsWith("“已通知维修部，明天上午来修”——这件事还需要后续跟进吗？", asked);
        Assert.Empty(await EntriesAsync(bot));
        var recorded = await SayAsync(bot, "zhangsan", answer);
        var entry = Assert.Single(await EntriesAsync(bot));
        Assert.Equal(open, entry.IsOpen);
        if (open)
        {
            Assert.Equal("3号楼大堂玻璃门坏了（已做：已通知维修部，明天上午来修）", entry.What);
            Assert.Contains("处理中", recorded);
        }
        else Assert.Equal(("3号楼大堂玻璃门坏了", "已通知维修部，明天上午来修"), (entry.What, entry.Handling));
    }

    [Fact]
    public async Task DutyLog_AHandlingThatSaysItIsDone_IsNotAskedAbout_第2篇_1_3()
    {
        using var bot = At(Shanghai(26, 9, 40));
        await SayAsync(bot, "zhangsan", "值班记录 业主来访投诉噪音");
        await SayAsync(bot, "zhangsan", "一般");

        // 接待 holds 待, but says nothing is left to do.
        var recorded = await SayAsync(bot, "zhangsan", "已接待业主，解释清楚");

        Assert.StartsWith("已记入值班记录", recorded);
        Assert.False(Assert.Single(await EntriesAsync(bot)).IsOpen);
    }

    [Fact]
    public async Task DutyLog_MajorEventStillOpen_TellsTheManagerAndAsksForTheReport_第2篇_1_6()
    {
        using var bot = At(Shanghai(26, 10, 0));

        await SayAsync(bot, "zhangsan", "值班记录 地下车库B2水管爆裂，已关闭总阀");
        await SayAsync(bot, "zhangsan", "重大事件");
        var reply = await SayAsync(bot, "zhangsan", "处理中");

        var entry = Assert.Single(await EntriesAsync(bot));
        Assert.True(entry.IsOpen);
        Assert.Equal(DutyLogKind.MajorEvent, entry.Kind);
        Assert.Contains($"已记入值班记录 #{entry.Id}（重大事件，处理中）", reply);
        Assert.Contains("已同时通报客服部经理", reply);
        Assert.Contains($"请于 11-27 12:00 前提交书面报告（回复“事件报告 {entry.Id}”）", reply);
        Assert.Equal(ReportStage.Due, entry.Report);
        Assert.Equal(Shanghai(27, 12, 0), entry.ReportDueAt);
        Assert.Contains("地下车库B2水管爆裂", Assert.Single(await InboxAsync(bot, "sunqi")));
    }

    [Fact]
    public async Task OpenMajorEventOrEquipmentSwitching_BlocksTheHandover_UntilClosed_第1篇_2_4()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 2号生活水泵切换检修");
        await SayAsync(bot, "zhangsan", "设备启停");
        var recorded = await SayAsync(bot, "zhangsan", "处理中");
        var id = Assert.Single(await EntriesAsync(bot)).Id;

        var blocking = Assert.Single(await BlockingAsync(bot));
        Assert.Equal((id, DutyEventBlock.EquipmentSwitching, "2号生活水泵切换检修", "zhangsan"), (blocking.Id, blocking.Block, blocking.Summary, blocking.RecordedById));
        Assert.Contains("设备启停期间不能交接班", recorded);

        var closed = await SayAsync(bot, "zhangsan", $"结案 {id} 水泵已正常启动");

        Assert.Equal($"记录 #{id}（设备启停）已结案，谢谢！", closed);
        Assert.Empty(await BlockingAsync(bot));
        var entry = Assert.Single(await EntriesAsync(bot));
        Assert.Equal(("水泵已正常启动", "zhangsan"), (entry.Handling, entry.ClosedById));
    }

    [Fact]
    public async Task GeneralOpenEntry_DoesNotBlockTheHandover_第1篇_2_4()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 5-1-101业主反映楼道有异味");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "处理中");

        Assert.True(Assert.Single(await EntriesAsync(bot)).IsOpen);
        Assert.Empty(await BlockingAsync(bot));
    }

    [Fact]
    public async Task DutyLogList_ShowsTodaysEntriesOfThePost_WithACloseButtonForOpenOnes_第2篇_1_3()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 快递柜门无法关闭");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "处理中");
        bot.Time.SetUtcNow(Shanghai(26, 10, 20).ToUniversalTime());
        await SayAsync(bot, "zhangsan", "值班记录 访客询问停车收费");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "已解答");
        var (open, done) = (await EntriesAsync(bot)) switch { [var a, var b] => (a, b), _ => throw new InvalidOperationException() };

        var list = Assert.Single(await Chat(bot, "zhangsan").SayAsync("值班记录 查看"));

        Assert.StartsWith("2026-11-26（客服中心）的值班记录，共2条：", list.Text);
        Assert.Contains($"#{open.Id} 10:00 张三【一般】快递柜门无法关闭 —— 处理中", list.Text);
        Assert.Contains($"#{done.Id} 10:20 张三【一般】访客询问停车收费 —— 已解答", list.Text);
        var button = Assert.Single(list.Choices!);
        Assert.Equal($"结案 {open.Id}", button.Value);

        var askNote = await Chat(bot, "zhangsan").PressAsync(button.Value);
        var closed = await SayAsync(bot, "zhangsan", "已联系厂家修复");

        Assert.Equal($"请说明记录 #{open.Id} 的处理结果：", askNote.Single().Text);
        Assert.StartsWith($"记录 #{open.Id}（一般）已结案", closed);
        Assert.All(await EntriesAsync(bot), e => Assert.False(e.IsOpen));
    }

    [Fact]
    public async Task DutyLog_UnknownKind_AsksAgainAndRecordsNothing()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 电梯异响");

        var reply = await SayAsync(bot, "zhangsan", "很严重");

        Assert.StartsWith("对不起，请您再说一遍：类别是一般、重大事件还是设备启停？", reply);
        Assert.Empty(await EntriesAsync(bot));
        await SayAsync(bot, "zhangsan", "取消");
        Assert.Empty(await EntriesAsync(bot));
    }

    [Fact]
    public async Task Close_UnknownNumber_SaysSoAndChangesNothing()
    {
        using var bot = At(Shanghai(26, 10, 0));

        var reply = await SayAsync(bot, "zhangsan", "结案 999 已处理");

        Assert.Equal("对不起，没有找到值班记录 #999，请核对编号。", reply);
    }

    [Fact]
    public async Task Close_BySomeoneOffDutyWhoDidNotRecordIt_IsRefused()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 消防通道堆放杂物");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "处理中");
        var id = Assert.Single(await EntriesAsync(bot)).Id;

        var reply = await SayAsync(bot, "lisi", $"结案 {id} 已清理"); // 李四's shift starts at 15:00

        Assert.StartsWith($"对不起，记录 #{id} 只能由记录人、当班人员或领班及以上结案。", reply);
        Assert.True(Assert.Single(await EntriesAsync(bot)).IsOpen);
    }

    [Fact]
    public async Task Close_Twice_SaysWhoClosedIt()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 消防通道堆放杂物");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "处理中");
        var id = Assert.Single(await EntriesAsync(bot)).Id;
        await SayAsync(bot, "wangwu", $"结案 {id} 已清理");

        var reply = await SayAsync(bot, "zhangsan", $"结案 {id} 已清理完毕");

        Assert.Equal($"记录 #{id} 已由王五结案，无需重复操作。", reply);
        Assert.Equal("已清理", Assert.Single(await EntriesAsync(bot)).Handling);
    }

    [Fact]
    public async Task Emergency_IsAnOpenDutyLogEntry_UntilItsEscalationIsResolved_第2篇_1_6()
    {
        using var bot = At(Shanghai(26, 9, 30));

        var reply = await SayAsync(bot, "zhangsan", "紧急 3号楼电梯困人，已通知电梯公司");

        var entry = Assert.Single(await EntriesAsync(bot));
        Assert.Equal((DutyLogKind.Emergency, "3号楼电梯困人，已通知电梯公司", true), (entry.Kind, entry.What, entry.IsOpen));
        Assert.StartsWith("已立即通报：孙七", reply);
        Assert.Contains($"已记入值班记录 #{entry.Id}（处理中）；书面报告请于 11-27 12:00 前提交", reply);
        Assert.Equal(DutyEventBlock.Emergency, Assert.Single(await BlockingAsync(bot)).Block);

        await InboxAsync(bot, "sunqi");
        var resolved = await SayAsync(bot, "sunqi", $"已处理 {entry.EscalationId} 乘客已安全救出");

        Assert.StartsWith("谢谢，升级事项", resolved);
        Assert.Empty(await BlockingAsync(bot));
        await bot.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(bot.Time.GetUtcNow(), CancellationToken.None));
        var closed = Assert.Single(await EntriesAsync(bot));
        Assert.Equal(("乘客已安全救出", "sunqi"), (closed.Handling, closed.ClosedById));
        // The written report is still due (第2篇 1.6).
        Assert.Equal(ReportStage.Due, closed.Report);
    }

    [Fact]
    public async Task Emergency_ClosedInTheLog_StopsBlockingTheHandover_第1篇_2_4()
    {
        using var bot = At(Shanghai(26, 9, 30));
        await SayAsync(bot, "zhangsan", "紧急 会所燃气报警");
        var id = Assert.Single(await EntriesAsync(bot)).Id;

        var reply = await SayAsync(bot, "zhangsan", $"结案 {id} 燃气公司检查为误报");

        Assert.StartsWith($"记录 #{id}（紧急情况）已结案", reply);
        Assert.Empty(await BlockingAsync(bot));
    }

    [Fact]
    public async Task DutyLog_InEnglish_SpeaksEnglish()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "语言 English");

        await SayAsync(bot, "zhangsan", "duty log Broken railing at the east gate");
        await SayAsync(bot, "zhangsan", "major");
        var reply = await SayAsync(bot, "zhangsan", "in progress");

        var id = Assert.Single(await EntriesAsync(bot)).Id;
        Assert.StartsWith($"Recorded in the duty log as #{id} (Major event, in progress).", reply);
    }
}

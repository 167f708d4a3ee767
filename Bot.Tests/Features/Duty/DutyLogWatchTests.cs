using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Duty.DutyLogTests;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// The duty log's clock with the shipped settings: rounds at 09:00 and 13:00 on the early shift over six areas,
/// reminded after an hour and escalated half an hour later (第2篇 1.4); feature lighting on at 18:00 and off at
/// 23:00, confirmed within 30 minutes (1.5); the written report of a major event reminded at 09:00 and due by
/// 12:00 the next day (1.6, 2.3). Every run is done twice to show a double fire acts once.
/// </summary>
public sealed class DutyLogWatchTests
{
    private static readonly string[] Areas = ["管理区域", "公共区域", "售楼处", "银行", "会所", "大厦绿化"];

    private readonly Dictionary<(BotFactory, string), LocalChatClient> _chats = [];

    private LocalChatClient Chat(BotFactory bot, string who) =>
        _chats.TryGetValue((bot, who), out var chat) ? chat : _chats[(bot, who)] = new LocalChatClient(bot, who);

    private async Task<string> SayAsync(BotFactory bot, string who, string text, DateTimeOffset? at = null)
    {
        if (at is { } when) bot.Time.SetUtcNow(when.ToUniversalTime());
        return string.Join("\n", (await Chat(bot, who).SayAsync(text)).Select(l => l.Text));
    }

    private async Task<List<string>> InboxAsync(BotFactory bot, string who) =>
        [.. (await Chat(bot, who).NewBotLinesAsync()).Select(l => l.Text)];

    /// <summary>Runs the job twice at the same moment, as two instances would.</summary>
    private static async Task WatchAsync(BotFactory bot, DateTimeOffset at)
    {
        bot.Time.SetUtcNow(at.ToUniversalTime());
        for (var i = 0; i < 2; i++)
            await bot.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(at, CancellationToken.None));
        await bot.DispatchAsync();
    }

    private static Task<List<T>> AllAsync<T>(BotFactory bot) where T : class =>
        bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<T>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task Round_AtItsTime_PromptsThePersonOnDutyOnce_第2篇_1_4()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await InboxAsync(bot, "zhangsan");

        await WatchAsync(bot, Shanghai(26, 8, 59));
        Assert.Empty(await InboxAsync(bot, "zhangsan"));
        await WatchAsync(bot, Shanghai(26, 9, 0));
        await WatchAsync(bot, Shanghai(26, 9, 1));

        var prompt = Assert.Single(await InboxAsync(bot, "zhangsan"));
        Assert.Equal("张三您好，09:00 的巡查时间到了：共6个区域，请于 10:00 前完成。回复“巡查”开始。", prompt);
        // 前台 and 领班 are not the duty post.
        Assert.Empty(await InboxAsync(bot, "zhengshi"));
        Assert.Empty(await InboxAsync(bot, "wangwu"));
        var round = Assert.Single(await AllAsync<InspectionRound>(bot));
        Assert.Equal((new DateOnly(2026, 11, 26), "early", new TimeOnly(9, 0)), (round.Date, round.ShiftCode, round.Slot));
    }

    [Fact]
    public async Task Round_WalkedAreaByArea_ProblemsBecomeOpenDutyLogEntries_第2篇_1_4()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await WatchAsync(bot, Shanghai(26, 9, 0));
        await InboxAsync(bot, "zhangsan");

        var first = await SayAsync(bot, "zhangsan", "巡查", Shanghai(26, 9, 10));
        Assert.Equal("开始 09:00 的巡查，共6个区域，请逐项确认。\n1/6 管理区域：情况如何？", first);
        await SayAsync(bot, "zhangsan", "正常");
        await SayAsync(bot, "zhangsan", "1");
        await SayAsync(bot, "zhangsan", "正常");
        Assert.Equal("请说明银行发现的问题：", await SayAsync(bot, "zhangsan", "有问题"));
        await SayAsync(bot, "zhangsan", "ATM旁地面湿滑，未放警示牌");
        // The problem and what it is in one message.
        Assert.StartsWith("6/6 大厦绿化", await SayAsync(bot, "zhangsan", "有问题：消防通道堆放杂物"));
        Assert.Equal("对不起，请您再说一遍：正常还是有问题？\n6/6 大厦绿化：情况如何？", await SayAsync(bot, "zhangsan", "还行吧"));
        var done = await SayAsync(bot, "zhangsan", "正常");

        var problems = await EntriesAsync(bot);
        Assert.Equal(2, problems.Count);
        var problem = problems.Single(p => p.Area == "银行");
        Assert.Equal($"巡查完成：6个区域中2处有问题，已记入值班记录（#{problem.Id}、#{problems.Single(p => p.Area != "银行").Id}，处理中）。处理后请结案。", done);
        Assert.Equal((DutyLogKind.RoundProblem, "银行", "银行：ATM旁地面湿滑，未放警示牌", true), (problem.Kind, problem.Area, problem.What, problem.IsOpen));
        Assert.EndsWith("：消防通道堆放杂物", problems.Single(p => p.Area != "银行").What);
        var round = Assert.Single(await AllAsync<InspectionRound>(bot));
        Assert.Equal(RoundStage.Completed, round.Stage);
        Assert.Equal("zhangsan", round.CompletedById);
        Assert.Contains("银行：有问题（ATM旁地面湿滑，未放警示牌）", round.Findings);
        Assert.Contains("有问题（消防通道堆放杂物）", round.Findings);

        // Completed: no reminder, no escalation.
        await WatchAsync(bot, Shanghai(26, 10, 40));
        Assert.Empty(await InboxAsync(bot, "zhangsan"));
        Assert.Empty(await AllAsync<EscalationCase>(bot));
    }

    [Fact]
    public async Task Round_AFindingTypedStraightAway_IsTheProblem_SaidBack_第2篇_1_4()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await WatchAsync(bot, Shanghai(26, 9, 0));
        await InboxAsync(bot, "zhangsan");
        await SayAsync(bot, "zhangsan", "巡查", Shanghai(26, 9, 10));

        Assert.StartsWith("2/6 ", await SayAsync(bot, "zhangsan", "一切正常"));
        Assert.StartsWith("3/6 ", await SayAsync(bot, "zhangsan", "没问题"));
        Assert.StartsWith("4/6 银行", await SayAsync(bot, "zhangsan", "正常，已巡视"));
        // Not a word the round knows, but plainly what was found.
        Assert.StartsWith("已记为银行的问题：ATM旁地面湿滑，未放警示牌\n5/6 ", await SayAsync(bot, "zhangsan", "ATM旁地面湿滑，未放警示牌"));
        Assert.StartsWith("对不起，请您再说一遍", await SayAsync(bot, "zhangsan", "还行吧"));
        Assert.StartsWith("请说明", await SayAsync(bot, "zhangsan", "不正常"));
        await SayAsync(bot, "zhangsan", "消防通道堆放杂物");
        var done = await SayAsync(bot, "zhangsan", "正常");

        Assert.StartsWith("巡查完成：6个区域中2处有问题", done);
        var problems = await EntriesAsync(bot);
        Assert.Equal("银行：ATM旁地面湿滑，未放警示牌", problems.Single(p => p.Area == "银行").What);
        Assert.EndsWith("：消防通道堆放杂物", problems.Single(p => p.Area != "银行").What);
    }

    [Fact]
    public async Task Round_ACommandTypedWhereAnAreaIsAsked_IsHeldBackOnce_NotWrittenInAsItsProblem()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await WatchAsync(bot, Shanghai(26, 9, 0));
        await InboxAsync(bot, "zhangsan");
        await SayAsync(bot, "zhangsan", "巡查", Shanghai(26, 9, 10));

        // Words typed at an area are its problem: a command typed there is held back, not taken for a finding.
        var held = await SayAsync(bot, "zhangsan", "借钥匙 3-1-502");
        Assert.StartsWith("您正在回答：“1/6 管理区域：情况如何？”", held);
        Assert.Contains("如要改为“借钥匙”，请先发送“取消”", held);
        // Said again, it is the first area's problem after all.
        Assert.StartsWith("已记为管理区域的问题：借钥匙 3-1-502\n2/6 ", await SayAsync(bot, "zhangsan", "借钥匙 3-1-502"));
    }

    [Fact]
    public async Task Round_NotCompleted_RemindsThenEscalatesToTheShiftLead_第2篇_1_4()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await WatchAsync(bot, Shanghai(26, 9, 0));
        await InboxAsync(bot, "zhangsan");
        await InboxAsync(bot, "wangwu");

        await WatchAsync(bot, Shanghai(26, 9, 59));
        Assert.Empty(await InboxAsync(bot, "zhangsan"));
        await WatchAsync(bot, Shanghai(26, 10, 0));
        Assert.StartsWith("张三您好，09:00 的巡查还没有完成", Assert.Single(await InboxAsync(bot, "zhangsan")));
        Assert.Empty(await InboxAsync(bot, "wangwu"));

        await WatchAsync(bot, Shanghai(26, 10, 30));
        await WatchAsync(bot, Shanghai(26, 10, 31));

        var alert = Assert.Single(await InboxAsync(bot, "wangwu"));
        Assert.Contains("11-26 09:00 巡查未完成", alert);
        Assert.Contains("值班人员：张三", alert);
        Assert.Equal("duty.round-missed", Assert.Single(await AllAsync<EscalationCase>(bot)).Kind);
        Assert.Equal(RoundStage.Escalated, Assert.Single(await AllAsync<InspectionRound>(bot)).Stage);
    }

    [Fact]
    public async Task Round_NoneDue_SaysWhenTheNextIsAndStartsNothing()
    {
        using var bot = At(Shanghai(26, 8, 0));

        Assert.Equal("您好，目前没有待完成的巡查，下一次巡查时间是 09:00。", await SayAsync(bot, "zhangsan", "巡查"));
        Assert.Equal("您好，您现在不在值班岗位上，无需巡查。", await SayAsync(bot, "zhengshi", "巡查"));
        Assert.Empty(await AllAsync<InspectionRound>(bot));
    }

    [Fact]
    public async Task Lighting_AtItsTime_RemindsThePersonOnDuty_AndTheConfirmationIsLogged_第2篇_1_5()
    {
        using var bot = At(Shanghai(26, 17, 50));
        await InboxAsync(bot, "lisi");

        await WatchAsync(bot, Shanghai(26, 18, 0));

        // (李四 also hears of the middle shift's 17:00 round, due since he started.)
        var prompt = Assert.Single(await Chat(bot, "lisi").NewBotLinesAsync(), l => l.Text.Contains("效果照明"));
        Assert.Equal("李四您好，现在是 18:00，请开启效果照明，完成后点“已开启”（请于 18:30 前确认）。", prompt.Text);
        Assert.Equal("已开启", Assert.Single(prompt.Choices).Value);
        Assert.Empty(await InboxAsync(bot, "zhangsan")); // the early shift has ended

        bot.Time.SetUtcNow(Shanghai(26, 18, 5).ToUniversalTime());
        var reply = string.Join("\n", (await Chat(bot, "lisi").PressAsync("已开启")).Select(l => l.Text));

        var entry = Assert.Single(await EntriesAsync(bot));
        Assert.Equal($"已确认效果照明开启，记入值班记录 #{entry.Id}。谢谢！", reply);
        Assert.Equal((DutyLogKind.Lighting, "效果照明开启", "lisi", "middle", false), (entry.Kind, entry.What, entry.RecordedById, entry.ShiftCode, entry.IsOpen));
        Assert.Equal(LightingStage.Confirmed, Assert.Single(await AllAsync<LightingSwitch>(bot)).Stage);

        await WatchAsync(bot, Shanghai(26, 18, 40));
        Assert.DoesNotContain(await AllAsync<EscalationCase>(bot), c => c.Kind == "duty.lighting-unconfirmed");
    }

    [Fact]
    public async Task Lighting_Unconfirmed_IsEscalatedOnce_第2篇_1_5()
    {
        using var bot = At(Shanghai(26, 17, 50));
        await WatchAsync(bot, Shanghai(26, 18, 0));

        await WatchAsync(bot, Shanghai(26, 18, 29));
        Assert.DoesNotContain(await AllAsync<EscalationCase>(bot), c => c.Kind == "duty.lighting-unconfirmed");
        await WatchAsync(bot, Shanghai(26, 18, 30));
        await WatchAsync(bot, Shanghai(26, 18, 31));

        var escalation = Assert.Single(await AllAsync<EscalationCase>(bot), c => c.Kind == "duty.lighting-unconfirmed");
        Assert.Equal("11-26 效果照明开启未确认", escalation.Subject);
        Assert.Contains("值班人员：李四", escalation.Details);
        Assert.Equal(EscalationLevel.ShiftLead, escalation.StartAt);
        // No shift lead on the middle shift in the demo roster: the empty level is skipped, 客服主任 hears of it.
        Assert.Contains(await InboxAsync(bot, "zhaoliu"), m => m.Contains("效果照明开启未确认"));
        Assert.Equal(LightingStage.Escalated, Assert.Single(await AllAsync<LightingSwitch>(bot)).Stage);
    }

    [Fact]
    public async Task LightsOn_WithNothingPending_SaysSoAndRecordsNothing()
    {
        using var bot = At(Shanghai(26, 10, 0));

        Assert.Equal("您好，目前没有待确认的开灯提醒。", await SayAsync(bot, "zhangsan", "已开启"));
        Assert.Empty(await EntriesAsync(bot));
    }

    [Fact]
    public async Task MajorEventReport_RemindedNextMorning_EscalatedToTheManagerAtTheDeadline_第2篇_1_6()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 会所泳池循环泵漏电跳闸");
        await SayAsync(bot, "zhangsan", "重大事件");
        await SayAsync(bot, "zhangsan", "已断电并通知工程部");
        var id = Assert.Single(await EntriesAsync(bot)).Id;
        await InboxAsync(bot, "sunqi");

        await WatchAsync(bot, Shanghai(27, 8, 59));
        Assert.Empty(await InboxAsync(bot, "zhangsan"));
        await WatchAsync(bot, Shanghai(27, 9, 0));
        // (09:00 is also the early shift's first round.)
        var reminder = Assert.Single(await Chat(bot, "zhangsan").NewBotLinesAsync(), l => l.Text.Contains("书面报告"));
        Assert.Equal($"张三您好，昨天的值班记录 #{id}（会所泳池循环泵漏电跳闸）需要提交书面报告，请于今天 12:00 前完成。", reminder.Text);
        Assert.Equal($"事件报告 {id}", Assert.Single(reminder.Choices).Value);

        await WatchAsync(bot, Shanghai(27, 12, 0));
        await WatchAsync(bot, Shanghai(27, 12, 1));

        var escalation = Assert.Single(await AllAsync<EscalationCase>(bot), c => c.Kind == "duty.report-missing");
        Assert.Equal(("duty.report-missing", EscalationLevel.DepartmentManager), (escalation.Kind, escalation.StartAt));
        Assert.Contains($"值班记录 #{id} 书面报告未提交", Assert.Single(await InboxAsync(bot, "sunqi")));
        Assert.DoesNotContain(await InboxAsync(bot, "wangwu"), m => m.Contains("书面报告"));
        Assert.Equal(ReportStage.Overdue, Assert.Single(await EntriesAsync(bot)).Report);
    }

    [Fact]
    public async Task IncidentReport_StoresTheFiveParts_AndSendsThemToTheManager_第2篇_2_3()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "紧急 8号楼地下室进水");
        var id = Assert.Single(await EntriesAsync(bot)).Id;
        await InboxAsync(bot, "sunqi");

        var start = await SayAsync(bot, "zhangsan", "事件报告", Shanghai(27, 9, 30));
        await SayAsync(bot, "zhangsan", "10:00发现地下室积水约5厘米");
        await SayAsync(bot, "zhangsan", "暴雨导致排水泵故障");
        await SayAsync(bot, "zhangsan", "启用备用泵，11:30排空");
        await SayAsync(bot, "zhangsan", "两箱业主杂物受潮");
        var saved = await SayAsync(bot, "zhangsan", "每月检查排水泵，雨季前试运行");

        Assert.Equal($"事件报告：#{id} 8号楼地下室进水。共五项，请逐项回答。\n1/5 事件经过：", start);
        Assert.Equal($"事件报告（记录 #{id}）已提交，并已报送客服部经理。辛苦了！", saved);
        var report = Assert.Single(await AllAsync<IncidentReport>(bot));
        Assert.Equal(("10:00发现地下室积水约5厘米", "暴雨导致排水泵故障", "启用备用泵，11:30排空", "两箱业主杂物受潮", "每月检查排水泵，雨季前试运行", "zhangsan"),
            (report.Course, report.Cause, report.Handling, report.Loss, report.Improvement, report.WrittenById));
        var toManager = Assert.Single(await InboxAsync(bot, "sunqi"));
        Assert.Contains("原因：暴雨导致排水泵故障", toManager);
        Assert.Equal(ReportStage.Written, Assert.Single(await EntriesAsync(bot)).Report);

        await WatchAsync(bot, Shanghai(27, 12, 5));
        await InboxAsync(bot, "zhangsan");
        Assert.DoesNotContain(await AllAsync<EscalationCase>(bot), c => c.Kind == "duty.report-missing");
        // Asked again, its writer is told it is in, and reads it.
        Assert.StartsWith($"记录 #{id} 的书面报告已经提交，谢谢。\n【书面报告】记录 #{id} 8号楼地下室进水", await SayAsync(bot, "zhangsan", $"事件报告 {id}"));
    }

    [Fact]
    public async Task IncidentReport_ForAGeneralEntry_IsRefused_第2篇_1_6()
    {
        using var bot = At(Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "值班记录 垃圾桶满溢");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "已通知保洁");
        var id = Assert.Single(await EntriesAsync(bot)).Id;

        Assert.Equal($"记录 #{id} 不是重大事件或紧急情况，无需书面报告。", await SayAsync(bot, "zhangsan", $"事件报告 {id}"));
        // Nothing owed: what the report is, and the way to record an event, as a button.
        var none = Assert.Single(await Chat(bot, "zhangsan").SayAsync("事件报告"));
        Assert.StartsWith("您好，您目前没有需要提交的事件报告。事件报告是重大事件或紧急情况记入值班记录后、次日提交的书面报告", none.Text);
        Assert.Equal("值班记录", Assert.Single(none.Choices).Value);
        Assert.Contains("请简要说明发生了什么", await SayAsync(bot, "zhangsan", "1"));
        Assert.Empty(await AllAsync<IncidentReport>(bot));
    }

    [Fact]
    public async Task Digest_ListsYesterdaysMajorEvents_OpenEntries_MissingReports_AndMissedRounds()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await WatchAsync(bot, Shanghai(26, 9, 0)); // the 09:00 round, never walked
        await SayAsync(bot, "zhangsan", "值班记录 配电房跳闸停电", Shanghai(26, 10, 0));
        await SayAsync(bot, "zhangsan", "重大事件");
        await SayAsync(bot, "zhangsan", "处理中");
        await SayAsync(bot, "zhangsan", "值班记录 消防通道堆放杂物");
        await SayAsync(bot, "zhangsan", "一般");
        await SayAsync(bot, "zhangsan", "处理中");
        await WatchAsync(bot, Shanghai(27, 12, 0)); // the report is now overdue
        var (major, open) = (await EntriesAsync(bot)) switch { [var a, var b] => (a, b), _ => throw new InvalidOperationException() };

        var section = await bot.InScopeAsync(async sp =>
        {
            var sections = sp.GetServices<IDigestSection>().OfType<DutyLogDigestSection>().Single();
            var wangwu = new Person { Id = "wangwu", Name = "王五", Roles = Roles.ShiftLead };
            return await sections.BuildAsync(wangwu, new DateOnly(2026, 11, 27), TextCatalog.Chinese, CancellationToken.None);
        });

        Assert.NotNull(section);
        Assert.StartsWith("值班记录（2026-11-26）：", section);
        Assert.Contains($"• #{major.Id}【重大事件】配电房跳闸停电（张三）—— 处理中", section);
        Assert.Contains($"• 处理中 #{open.Id}【一般】消防通道堆放杂物（张三，11-26 10:00）", section);
        Assert.Contains($"• 书面报告逾期未交 #{major.Id} 配电房跳闸停电（张三）", section);
        Assert.Contains("• 巡查未完成：早班 09:00", section);
    }

    [Fact]
    public async Task Digest_QuietDay_HasNoSection()
    {
        using var bot = At(Shanghai(26, 8, 0));

        var section = await bot.InScopeAsync(sp => sp.GetServices<IDigestSection>().OfType<DutyLogDigestSection>().Single()
            .BuildAsync(new Person { Id = "wangwu", Name = "王五" }, new DateOnly(2026, 11, 26), TextCatalog.Chinese, CancellationToken.None));

        Assert.Null(section);
    }
    [Fact]
    public async Task Round_OnTheNightShiftAfterMidnight_BelongsToTheEveningsShift_第2篇_1_4()
    {
        using var bot = At(Shanghai(26, 22, 0));
        await InboxAsync(bot, "wujiu");

        await WatchAsync(bot, Shanghai(27, 1, 0));

        Assert.Equal("吴九您好，01:00 的巡查时间到了：共6个区域，请于 02:00 前完成。回复“巡查”开始。", Assert.Single(await InboxAsync(bot, "wujiu")));
        var round = Assert.Single(await AllAsync<InspectionRound>(bot));
        Assert.Equal((new DateOnly(2026, 11, 26), "night", Shanghai(27, 1, 0)), (round.Date, round.ShiftCode, round.DueAt));
        Assert.StartsWith("开始 01:00 的巡查", await SayAsync(bot, "wujiu", "巡查", Shanghai(27, 1, 10)));
    }

    [Fact]
    public async Task Round_WhoseTimeToCompleteHasPassed_IsNotPromptedLate()
    {
        using var bot = At(Shanghai(26, 10, 0)); // e.g. the bot was down from 08:55 to 10:00

        await WatchAsync(bot, Shanghai(26, 10, 0));

        Assert.Empty(await AllAsync<InspectionRound>(bot));
        Assert.Empty(await InboxAsync(bot, "zhangsan"));
    }

    [Fact]
    public async Task Emergency_ClosedInTheLogByTheManagerItReached_ResolvesItsEscalation()
    {
        using var bot = At(Shanghai(26, 9, 30));
        await SayAsync(bot, "zhangsan", "紧急 会所燃气报警");
        var entry = Assert.Single(await EntriesAsync(bot));
        await InboxAsync(bot, "sunqi");

        var reply = await SayAsync(bot, "sunqi", $"结案 {entry.Id} 燃气公司检查为误报");

        Assert.StartsWith($"记录 #{entry.Id}（紧急情况）已结案", reply);
        var escalation = Assert.Single(await AllAsync<EscalationCase>(bot));
        Assert.Equal((EscalationStatus.Resolved, "燃气公司检查为误报"), (escalation.Status, escalation.ResolutionNote));
    }

    [Theory]
    [InlineData("Duty:Inspection:Rounds:early:0", "9am", "Duty:Inspection:Rounds:early")]
    [InlineData("Duty:IncidentReport:DueBy", "noon", "Duty:IncidentReport:DueBy")]
    [InlineData("Duty:Lighting:OnAt", "25:00", "Duty:Lighting:OnAt")]
    [InlineData("Duty:Inspection:CompleteWithin", "00:00:00", "Duty:Inspection:CompleteWithin")]
    public void BadDutyLogSetting_RefusesToStart_NamingTheKey(string key, string value, string named)
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => bot.Services);

        Assert.Contains(named, failure.ToString());
    }
    [Fact]
    public async Task RoundPrompt_ToSomeoneWhoChoseEnglish_IsEnglishWithAnEnglishButton()
    {
        using var bot = At(Shanghai(26, 8, 50));
        await SayAsync(bot, "zhangsan", "语言 English");

        await WatchAsync(bot, Shanghai(26, 9, 0));

        var prompt = Assert.Single(await Chat(bot, "zhangsan").NewBotLinesAsync());
        Assert.Equal("Hello 张三, the 09:00 inspection round is due: 6 areas, to be completed by 10:00. Reply \"round\" to start.", prompt.Text);
        Assert.Equal("round", Assert.Single(prompt.Choices).Value);
        Assert.StartsWith("Starting the 09:00 round: 6 areas", string.Join("\n", (await Chat(bot, "zhangsan").PressAsync("round")).Select(l => l.Text)));
    }
}

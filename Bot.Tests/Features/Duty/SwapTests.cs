using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 调班 on the demo roster (张三 early 07:00–15:00 and 李四 middle 15:00–23:00 every day, both report to 王五):
/// the colleague accepts, the direct superior approves, and only then does the roster change (第2篇 1.8, 第7篇 1.1.5:
/// no private swaps). Today is 2026-11-26 (Thursday), 09:30 in Shanghai.
/// </summary>
public sealed class SwapTests : IDisposable
{
    private static readonly DateOnly Tomorrow = new(2026, 11, 27);
    private readonly BotFactory _bot = new(time: new FakeTimeProvider(Shanghai(26, 9, 30).ToUniversalTime()));
    private readonly Dictionary<string, LocalChatClient> _chats = [];

    private static DateTimeOffset Shanghai(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    public void Dispose() => _bot.Dispose();

    private LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var chat) ? chat : _chats[who] = new LocalChatClient(_bot, who);

    /// <summary>The reply to what the person says (messages they had not read yet are skipped).</summary>
    private async Task<string> SayAsync(string who, string text)
    {
        await Chat(who).NewBotLinesAsync();
        return string.Join("\n", (await Chat(who).SayAsync(text)).Select(l => l.Text));
    }

    private async Task<List<Bot.Channels.LocalChat.LocalChatEndpoints.ChatLine>> InboxAsync(string who) => [.. await Chat(who).NewBotLinesAsync()];

    private async Task<string> PressAsync(string who, string value)
    {
        await Chat(who).NewBotLinesAsync();
        return string.Join("\n", (await Chat(who).PressAsync(value)).Select(l => l.Text));
    }

    private Task<List<RosterAssignment>> RosterOnAsync(DateOnly date) =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.Date == date).OrderBy(a => a.PersonId).ToListAsync());

    private Task<List<ShiftSwap>> SwapsAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ShiftSwap>().AsNoTracking().ToListAsync());

    private async Task<string> ShiftOfAsync(string person, DateOnly date) => (await RosterOnAsync(date)).Single(a => a.PersonId == person).ShiftCode;

    [Fact]
    public async Task Swap_DayAndColleagueInOneAnswer_AtTheDayQuestion_IsRequested_第2篇_1_8()
    {
        await SayAsync("zhangsan", "调班");

        // "明天 和李四换" at "which day?" was "没有看懂日期".
        Assert.StartsWith("已提交调班申请 #1（11-27（周五））", await SayAsync("zhangsan", "明天 和李四换"));
        Assert.StartsWith("李四您好，张三申请与您调班：11-27（周五）", Assert.Single(await InboxAsync("lisi")).Text);
    }

    [Fact]
    public async Task Swap_ColleagueAcceptsAndSuperiorApproves_RosterChangesAndBothAreTold_第2篇_1_8()
    {
        foreach (var who in new[] { "zhangsan", "lisi", "wangwu", "sunqi" }) await InboxAsync(who);

        var requested = await SayAsync("zhangsan", "调班 李四 明天");
        Assert.StartsWith("已提交调班申请 #1（11-27（周五））", requested);

        var ask = Assert.Single(await InboxAsync("lisi"));
        Assert.Equal("李四您好，张三申请与您调班：11-27（周五），张三的早班 07:00–15:00 ⇄ 您的中班 15:00–23:00。您同意后还需上级批准（调班申请 #1）。", ask.Text);
        Assert.Equal(["同意", "拒绝"], ask.Choices.Select(c => c.Label));
        Assert.Equal("early", await ShiftOfAsync("zhangsan", Tomorrow)); // nothing changes before the approval

        var accepted = await PressAsync("lisi", ask.Choices[0].Value);
        Assert.Equal("好的，您已同意与张三调班，已提交王五审批，结果会通知您。", accepted);
        Assert.Equal("您的调班申请 #1（11-27（周五））：李四已同意，正在等待王五批准。", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal("early", await ShiftOfAsync("zhangsan", Tomorrow));

        var approval = Assert.Single(await InboxAsync("wangwu"));
        Assert.Equal("王五您好，张三申请与李四调班，李四已同意：11-27（周五），张三的早班 07:00–15:00 ⇄ 李四的中班 15:00–23:00。请审批（调班申请 #1）。", approval.Text);
        Assert.Equal(["批准", "驳回"], approval.Choices.Select(c => c.Label));

        var approved = await PressAsync("wangwu", approval.Choices[0].Value);
        Assert.Equal("已批准调班申请 #1：张三与李四的班次已互换，已通知双方。", approved);
        Assert.Equal("您的调班 #1 已由王五批准：11-27（周五）您的班次改为中班 15:00–23:00，岗位：客服中心。请按新班次签到。", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal("您的调班 #1 已由王五批准：11-27（周五）您的班次改为早班 07:00–15:00，岗位：客服中心。请按新班次签到。", Assert.Single(await InboxAsync("lisi")).Text);
        // 第2篇 1.8: and reported to 客服部经理.
        Assert.Equal("【调班报备】调班 #1：11-27（周五） 张三（原早班 07:00–15:00）与 李四（原中班 15:00–23:00）互换班次，已由王五批准（第2篇 1.8）。",
            Assert.Single(await InboxAsync("sunqi")).Text);

        Assert.Equal("middle", await ShiftOfAsync("zhangsan", Tomorrow));
        Assert.Equal("early", await ShiftOfAsync("lisi", Tomorrow));
        Assert.Equal("early", await ShiftOfAsync("zhangsan", Tomorrow.AddDays(1))); // only that one day
        Assert.Equal(SwapStatus.Approved, Assert.Single(await SwapsAsync()).Status);
    }

    [Fact]
    public async Task Swap_AnsweredInPlainWords_可以_Accepts_行_Approves_第2篇_1_8()
    {
        foreach (var who in new[] { "zhangsan", "lisi", "wangwu" }) await InboxAsync(who);
        await SayAsync("zhangsan", "调班 李四 明天");
        await InboxAsync("lisi");

        // The words one would write back to a colleague who asks, not only the buttons.
        Assert.Equal("好的，您已同意与张三调班，已提交王五审批，结果会通知您。", await SayAsync("lisi", "可以"));
        await InboxAsync("wangwu");
        Assert.Equal("已批准调班申请 #1：张三与李四的班次已互换，已通知双方。", await SayAsync("wangwu", "行"));
        Assert.Equal(SwapStatus.Approved, Assert.Single(await SwapsAsync()).Status);
    }

    [Fact]
    public async Task Swap_RestatedInFullWhileAskedForTheDay_StartsAfresh()
    {
        Assert.StartsWith("请问您要调换哪一天的班次？", await SayAsync("zhangsan", "调班"));
        // The whole request typed again instead of picking a day: taken as the request, not as a date it cannot read.
        Assert.StartsWith("已提交调班申请 #1（11-27（周五））", await SayAsync("zhangsan", "调班 李四 明天"));
        Assert.Single(await SwapsAsync());
    }

    [Fact]
    public async Task AQuestionLeftForHalfAnHour_DoesNotHoldBackACommand()
    {
        await SayAsync("zhangsan", "调班");
        // Within the half hour, a command typed is answered with the hint to 取消 first.
        Assert.StartsWith("提示：您还在进行中的操作里。如要改为“签到”", await SayAsync("zhangsan", "签到"));

        _bot.Time.Advance(TimeSpan.FromMinutes(30));
        var reply = await SayAsync("zhangsan", "签到");
        Assert.StartsWith("您之前还有一个问题半小时没有回复，已为您结束。\n签到成功：早班 07:00–15:00，签到时间 10:00。", reply);
        Assert.Empty(await SwapsAsync());
    }

    [Fact]
    public async Task Swap_AfterApproval_MyShiftsWhoIsOnDutyAndCheckInFollowTheNewRoster_第2篇_1_8()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        await PressAsync("lisi", "同意调班 1");
        await PressAsync("wangwu", "同意调班 1");

        Assert.Contains("11-27（周五）中班 15:00–23:00，岗位：客服中心", await SayAsync("zhangsan", "我的班次"));

        _bot.Time.SetUtcNow(Shanghai(27, 6, 50).ToUniversalTime());
        var onDuty = await SayAsync("wujiu", "今天谁值班");
        Assert.Contains("早班 07:00–15:00：", onDuty);
        Assert.Contains("李四（客服中心）", onDuty.Split('\n').Single(l => l.StartsWith("早班", StringComparison.Ordinal)));
        Assert.Contains("张三（客服中心）", onDuty.Split('\n').Single(l => l.StartsWith("中班", StringComparison.Ordinal)));

        Assert.StartsWith("还不到签到时间：您的中班 15:00–23:00", await SayAsync("zhangsan", "签到"));
        Assert.StartsWith("签到成功：早班 07:00–15:00", await SayAsync("lisi", "签到"));
    }

    [Fact]
    public async Task Swap_GuidedFlow_PicksMyShiftThenAColleagueOnDutyThatDay()
    {
        var dates = (await Chat("zhangsan").SayAsync("调班")).Single();
        Assert.Equal("请问您要调换哪一天的班次？", dates.Text);
        Assert.Equal("11-27（周五） 早班 07:00–15:00", dates.Choices[0].Label); // today's shift has started: not offered

        // A date it cannot read gets the shifts offered again, buttons and all.
        var again = (await Chat("zhangsan").SayAsync("下下周")).Single();
        Assert.Equal("对不起，没有看懂日期“下下周”。请回复例如：明天、周六、11-28。", again.Text);
        Assert.Equal(dates.Choices.Select(c => c.Value), again.Choices.Select(c => c.Value));

        var colleagues = (await Chat("zhangsan").PressAsync(dates.Choices[0].Value)).Single();
        Assert.Equal("请问您要和哪位同事调换11-27（周五）的班次？", colleagues.Text);
        Assert.Equal(["李四 中班 15:00–23:00", "吴九 夜班 23:00–07:00"], colleagues.Choices.Select(c => c.Label));

        var done = await SayAsync("zhangsan", "1");

        Assert.StartsWith("已提交调班申请 #1（11-27（周五））", done);
        var swap = Assert.Single(await SwapsAsync());
        Assert.Equal(("zhangsan", "lisi", "wangwu"), (swap.RequesterId, swap.ColleagueId, swap.ApproverId));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("同意")]
    public async Task SwapRequest_AnsweredByTypingItsButton_AnswersTheRequestNotAnOlderMenu(string typed)
    {
        // 李四's last reply offered help's buttons (1 is 签到); the swap request came after, with 同意 / 拒绝.
        await SayAsync("lisi", "帮助");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync("zhangsan", "调班 李四 明天");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));

        var reply = await SayAsync("lisi", typed);

        Assert.Equal(SwapStatus.AwaitingApproval, Assert.Single(await SwapsAsync()).Status);
        Assert.DoesNotContain("签到", reply);
    }

    [Fact]
    public async Task SwapRequest_AnsweredWithWordsThatFitNoButton_GetsItsButtonsAgain_NotTheWholeHelp()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));

        var again = (await Chat("lisi").SayAsync("嗯嗯我看看")).Last();

        Assert.StartsWith("对不起，没能看懂您的回复。请选择下面的一项", again.Text);
        Assert.Equal(["同意", "拒绝"], again.Choices.Select(c => c.Label));
        Assert.Equal(SwapStatus.AwaitingColleague, Assert.Single(await SwapsAsync()).Status);
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync("lisi", "1");
        Assert.Equal(SwapStatus.AwaitingApproval, Assert.Single(await SwapsAsync()).Status);
    }

    [Fact]
    public async Task AfterAnsweringTheRequest_HelpsNumbersMeanHelpsButtonsAgain()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync("lisi", "同意");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync("lisi", "帮助");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Contains("签到", await SayAsync("lisi", "1"));
    }

    [Fact]
    public async Task InTheMiddleOfASwap_ACommandWordOrHelp_IsAnsweredWithHowToLeaveAndTheSwapWaits()
    {
        await SayAsync("zhangsan", "调班");

        var reply = await SayAsync("zhangsan", "外出");
        Assert.Equal("提示：您还在进行中的操作里。如要改为“外出”，请先发送“取消”结束当前操作，再重新发送。\n对不起，没有看懂日期“外出”。请回复例如：明天、周六、11-28。", reply);
        Assert.StartsWith("提示：您还在进行中的操作里。如要改为“帮助”，请先发送“取消”结束当前操作，再重新发送。", await SayAsync("zhangsan", "帮助"));
        // A command word with its arguments set apart by a space is a command too; run together with text it is an answer.
        Assert.StartsWith("提示：您还在进行中的操作里。如要改为“外出”，请先发送“取消”结束当前操作，再重新发送。", await SayAsync("zhangsan", "外出 30分钟 买文具"));
        Assert.Equal("对不起，没有看懂日期“外出买文具”。请回复例如：明天、周六、11-28。", await SayAsync("zhangsan", "外出买文具"));
        // A plain wrong answer gets no hint; the swap still waits for its date, and 取消 ends it.
        Assert.Equal("对不起，没有看懂日期“后天下午”。请回复例如：明天、周六、11-28。", await SayAsync("zhangsan", "后天下午"));
        Assert.Equal("好的，已取消。还有什么可以帮您？", await SayAsync("zhangsan", "取消"));
        Assert.Empty(await SwapsAsync());
    }

    [Fact]
    public async Task Swap_ColleagueDeclines_RequesterIsToldAndNothingChanges()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        await InboxAsync("zhangsan");

        var declined = await SayAsync("lisi", "拒绝调班 1 明天家里有事");

        Assert.Equal("好的，您已拒绝调班申请 #1，已告知张三，班次不变。", declined);
        Assert.Equal("您的调班申请 #1（11-27（周五））：李四没有同意，班次不变。原因：明天家里有事", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Empty(await InboxAsync("wangwu"));
        Assert.Equal("early", await ShiftOfAsync("zhangsan", Tomorrow));
        Assert.Equal(SwapStatus.Declined, Assert.Single(await SwapsAsync()).Status);
    }

    [Fact]
    public async Task Swap_SuperiorRejects_BothAreToldAndNothingChanges_第7篇_1_1_5()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        await SayAsync("lisi", "同意调班");
        await InboxAsync("zhangsan");
        await InboxAsync("lisi");

        var rejected = await SayAsync("wangwu", "拒绝调班 1 明天早班人手不足");

        Assert.Equal("已驳回调班申请 #1，已告知张三和李四，班次不变。", rejected);
        Assert.Equal("调班申请 #1（11-27（周五））未获王五批准，班次不变。原因：明天早班人手不足", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Single(await InboxAsync("lisi"));
        Assert.Equal("early", await ShiftOfAsync("zhangsan", Tomorrow));
        Assert.DoesNotContain(await InboxAsync("sunqi"), l => l.Text.Contains("调班", StringComparison.Ordinal)); // nothing to report
    }

    [Fact]
    public async Task Swap_TwoWaiting_AReasonTypedBeforeChoosing_ReachesTheRequester()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        await SayAsync("lisi", "同意调班 1");
        await SayAsync("zhangsan", "调班 李四 后天");
        await SayAsync("lisi", "同意调班 2");
        await InboxAsync("zhangsan");
        await InboxAsync("wangwu");

        var offered = Assert.Single(await Chat("wangwu").SayAsync("拒绝调班 早班人手不足"));
        Assert.Equal(["拒绝调班 1 早班人手不足", "拒绝调班 2 早班人手不足"], offered.Choices.Select(c => c.Value));
        await Chat("wangwu").PressAsync(offered.Choices[0].Value);

        Assert.EndsWith("未获王五批准，班次不变。原因：早班人手不足", Assert.Single(await InboxAsync("zhangsan")).Text);
    }

    [Fact]
    public async Task Swap_OnlyTheOneAskedMayAnswer_第2篇_1_8()
    {
        await SayAsync("zhangsan", "调班 李四 明天");

        // The superior cannot approve before the colleague agreed, and the requester cannot accept for the colleague.
        Assert.Equal("对不起，调班申请 #1 现在不需要您处理。", await SayAsync("wangwu", "同意调班 1"));
        Assert.Equal("对不起，调班申请 #1 现在不需要您处理。", await SayAsync("zhangsan", "同意调班 1"));
        await SayAsync("lisi", "同意调班 1");
        Assert.Equal("对不起，调班申请 #1 现在不需要您处理。", await SayAsync("lisi", "同意调班 1"));
        await SayAsync("wangwu", "同意调班 1");

        Assert.Equal("调班申请 #1 已处理（已批准），无需再操作。", await SayAsync("wangwu", "同意调班 1"));
        Assert.Equal("middle", await ShiftOfAsync("zhangsan", Tomorrow));
    }

    [Fact]
    public async Task Swap_WithYourself_IsRefused_第2篇_1_8()
    {
        Assert.Equal("对不起，不能和自己调班，请选择其他同事。", await SayAsync("zhangsan", "调班 张三 明天"));
        Assert.Empty(await SwapsAsync());
    }

    [Fact]
    public async Task Swap_WithSomeoneNotOnDutyThatDay_IsRefused_第7篇_1_1_5()
    {
        var reply = await SayAsync("zhangsan", "调班 周八 明天");

        Assert.Equal("对不起，周八11-27（周五）没有排班，无法与其调班。私下替班不被允许，如需顶班请联系领班。", reply);
        Assert.Empty(await SwapsAsync());
        Assert.Empty(await InboxAsync("zhouba"));
    }

    [Fact]
    public async Task Swap_UnknownColleague_IsRefused()
    {
        Assert.Equal("对不起，没有找到同事“小明”，请核对姓名后再试。", await SayAsync("zhangsan", "调班 小明 明天"));
        Assert.Empty(await SwapsAsync());
    }

    [Fact]
    public async Task Swap_DateInThePastOrShiftStarted_IsRefused()
    {
        Assert.Equal("对不起，11-25（周三）已经过去，无法调班。", await SayAsync("zhangsan", "调班 李四 2026-11-25"));
        // 09:30: 张三's early shift today has started.
        Assert.Equal("对不起，您11-26（周四）的班次已经开始，不能再调班。", await SayAsync("zhangsan", "调班 李四 今天"));
        Assert.Empty(await SwapsAsync());
    }

    [Fact]
    public async Task Swap_ShiftAlreadyInAPendingSwap_IsRefused()
    {
        await SayAsync("zhangsan", "调班 李四 明天");

        Assert.Equal("您11-27（周五）的班次已有一个调班申请（#1）在处理中，请等待结果后再申请。", await SayAsync("zhangsan", "调班 吴九 明天"));
        Assert.Equal("李四11-27（周五）的班次已有一个调班申请（#1）在处理中，请稍后再申请。", await SayAsync("zhengshi", "调班 李四 明天"));
        Assert.Single(await SwapsAsync());
    }

    [Fact]
    public async Task Swap_SameShift_IsRefused()
    {
        Assert.Equal("您和郑十11-27（周五）是同一班次，无需调班。", await SayAsync("zhangsan", "调班 郑十 明天"));
    }

    [Fact]
    public async Task Swap_ApprovedAfterTheShiftStarted_LapsesAndNothingChanges_第2篇_1_8()
    {
        await SayAsync("zhangsan", "调班 李四 明天");
        await SayAsync("lisi", "同意调班 1");
        _bot.Time.SetUtcNow(Shanghai(27, 7, 10).ToUniversalTime());

        var reply = await SayAsync("wangwu", "同意调班 1");

        Assert.Equal("调班申请 #1（11-27（周五））的班次已经开始，申请已失效，班次不变。", reply);
        Assert.Equal("early", await ShiftOfAsync("zhangsan", Tomorrow));
        Assert.Equal(SwapStatus.Lapsed, Assert.Single(await SwapsAsync()).Status);
    }

    [Fact]
    public async Task Swap_InEnglish_AsksAndAnswersInEnglish()
    {
        await SayAsync("lisi", "language English");
        await SayAsync("zhangsan", "swap lisi tomorrow");

        var ask = (await InboxAsync("lisi")).Last();

        Assert.StartsWith("Hello 李四, 张三 asks to swap shifts with you on 11-27 (Fri)", ask.Text);
        Assert.Equal(["Accept", "Decline"], ask.Choices.Select(c => c.Label));
    }
}

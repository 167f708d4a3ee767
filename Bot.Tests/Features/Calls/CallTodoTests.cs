using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Calls;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Calls;

/// <summary>
/// 待办's phone-log lines (第10篇 一.3) on the demo department, Thursday 2026-11-26 09:30: a call written down and not yet
/// answered, raised or passed on waits on the one who took it, with 来电处理; one left from an earlier day is pressing.
/// Only the phone log's lines (and, for the order, the archive's) are looked at.
/// </summary>
public sealed partial class CallTodoTests : DemoChatTests
{

    private async Task<List<string>> CallLinesAsync(string who) => [.. (await TodoAsync(who)).Lines.Where(l => l.StartsWith("来电", StringComparison.Ordinal))];

    [Fact]
    public async Task ACallNotYetDealtWith_WaitsOnWhoTookIt_UntilItsOutcomeIsSaid_第10篇_一_3()
    {
        await SayAsync("zhengshi", "来电 3-1-502 陈先生：卫生间漏水");
        var (lines, buttons) = await TodoAsync("zhengshi");
        Assert.Contains("来电 #1 09:30 3-1-502 陈先生：卫生间漏水 待处理，请选择当场答复、转领班或转告同事", lines);
        Assert.Contains(buttons, c => (c.Value, c.Label) == ("来电处理 1", "来电处理 1"));
        Assert.Empty(await CallLinesAsync("zhangsan"));
        Assert.Empty(await CallLinesAsync("wangwu"));

        // The button asks what becomes of it, with the call's own buttons.
        var asked = Assert.Single(await Chat("zhengshi").PressAsync("来电处理 1"));
        Assert.Equal("请问 #1 09:30 3-1-502 陈先生：卫生间漏水 如何处理？", asked.Text);
        Assert.Equal("好的，#1 09:30 3-1-502 陈先生：卫生间漏水 已记为当场答复。",
            Assert.Single(await Chat("zhengshi").PressAsync(Assert.Single(asked.Choices, c => c.Value == "来电处理 1 已答复").Value)).Text);
        Assert.Empty(await CallLinesAsync("zhengshi"));

        // Passed on, it is no longer the taker's: it waits on the colleague (see below).
        await SayAsync("zhengshi", "来电 保安部找李四");
        Assert.Single(await CallLinesAsync("zhengshi"));
        await SayAsync("zhengshi", "来电处理 2 转告 李四");
        Assert.Empty(await CallLinesAsync("zhengshi"));
    }

    [Fact]
    public async Task ACallPassedOn_WaitsInTheColleaguesTodo_UntilTheySayItIsDealtWith_第10篇_一_3()
    {
        await SayAsync("zhengshi", "来电 3-1-502 陈先生找李四，请回电");
        await SayAsync("zhengshi", "来电处理 1 转告 李四");

        // The message has the one-tap button; 待办 keeps the call after the message has scrolled away.
        var message = Assert.Single(await InboxAsync("lisi"));
        Assert.EndsWith("回电或处理后请点“已处理”。", message.Text);
        var done = Assert.Single(message.Choices);
        Assert.Equal(("来电处理 1 已处理", "已回电/已处理"), (done.Value, done.Label));
        var (lines, buttons) = await TodoAsync("lisi");
        Assert.Contains("来电 #1 09:30 3-1-502 陈先生找李四，请回电（郑十 转告您）待回电或处理，处理后请点“已处理”", lines);
        Assert.Contains(buttons, c => (c.Value, c.Label) == ("来电处理 1 已处理", "已处理 #1"));

        // Only the colleague it was passed to says it is dealt with.
        Assert.Equal("对不起，电话留言 #1 是转告给李四的，请由李四回电或处理。", await TextAsync("zhengshi", "来电处理 1 已处理"));
        Assert.Single(await CallLinesAsync("lisi"));

        // Left to the next day, it is pressing.
        Bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["来电 #1 09:30 3-1-502 陈先生找李四，请回电（郑十 于 11-26 转告您）至今未处理，请尽快回电或处理（第10篇 一.3）"], await CallLinesAsync("lisi"));

        Assert.Equal("好的，#1 09:30 3-1-502 陈先生找李四，请回电 已记为已处理，谢谢。", Assert.Single(await Chat("lisi").PressAsync(done.Value)).Text);
        Assert.Empty(await CallLinesAsync("lisi"));
        Assert.Equal("#1 09:30 3-1-502 陈先生找李四，请回电 已于 09:30 记为已处理，无需再操作。", await TextAsync("lisi", "来电处理 1 已回电"));
        // The taker's log shows it was dealt with.
        Assert.Contains("已转告 李四，李四 已处理", await TextAsync("zhengshi", "业户 3-1-502"));
    }

    [Theory]
    [InlineData("已处理")]
    [InlineData("已回电")]
    [InlineData("回电了")]
    public async Task ACallPassedOn_IsClosedByTypingWhatItsButtonSays_第10篇_一_3(string typed)
    {
        // The message says "回电或处理后请点“已处理”": typed instead of pressed, it closes the one call waiting. Before,
        // 已处理 answered "您目前没有待处理的升级事项" and 已回电 was not understood at all.
        await SayAsync("zhengshi", "来电 3-1-502 陈先生找李四，请回电");
        await SayAsync("zhengshi", "来电处理 1 转告 李四");
        Assert.Single(await InboxAsync("lisi"));

        Assert.Equal("好的，#1 09:30 3-1-502 陈先生找李四，请回电 已记为已处理，谢谢。", await TextAsync("lisi", typed));

        Assert.Empty(await CallLinesAsync("lisi"));
        Assert.Contains("已转告 李四，李四 已处理", await TextAsync("zhengshi", "业户 3-1-502"));
    }

    [Fact]
    public async Task SeveralCallsPassedOn_已回电_AsksWhich_AndANumberNamesOne()
    {
        await SayAsync("zhengshi", "来电 3-1-502 陈先生找李四，请回电");
        await SayAsync("zhengshi", "来电处理 1 转告 李四");
        await SayAsync("zhengshi", "来电 保安部找李四");
        await SayAsync("zhengshi", "来电处理 2 转告 李四");

        var asked = Assert.Single(await SayAsync("lisi", "已回电"));
        Assert.Equal("转告给您的电话留言有几条，请问是哪一条已回电或处理？", asked.Text);
        Assert.Equal(["来电处理 1 已处理", "来电处理 2 已处理"], asked.Choices.Select(c => c.Value));
        Assert.Equal(2, (await CallLinesAsync("lisi")).Count);

        Assert.Equal("好的，#2 09:30 保安部找李四 已记为已处理，谢谢。", await TextAsync("lisi", "已回电 2"));
        Assert.Single(await CallLinesAsync("lisi"));
    }

    [Fact]
    public async Task 已回电_WithNothingPassedOn_SaysSo_AndAnOpenCaseStillTakes已处理()
    {
        Assert.Equal("您好，目前没有转告给您、等您回电的电话留言。", await TextAsync("lisi", "已回电"));
        Assert.Equal("您好，您目前没有待处理的升级事项。", await TextAsync("lisi", "已处理"));
    }

    [Fact]
    public async Task ACallLeftFromAnEarlierDay_IsPressing_AndLeadsTheOtherFeatures()
    {
        // The clerk's own file, due 11-29: the archive comes before the phone log in the help, and so in the list.
        await SayAsync("zhengshi", "借档案 YH-5-1-101 整理业主资料");
        await SayAsync("zhengshi", "来电 询问停车月卡办理");
        const string File = "档案 #1 YH-5-1-101《5-1-101 业户档案》 在您处，11-29 前归还";
        Assert.Equal([File, "来电 #1 09:30 询问停车月卡办理 待处理，请选择当场答复、转领班或转告同事"],
            (await TodoAsync("zhengshi")).Lines.Where(l => l.StartsWith("来电", StringComparison.Ordinal) || l.StartsWith("档案", StringComparison.Ordinal)));

        Bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["来电 #1 09:30 询问停车月卡办理（11-26 记录）至今未处理，请尽快处理（第10篇 一.3）", File],
            (await TodoAsync("zhengshi")).Lines.Where(l => l.StartsWith("来电", StringComparison.Ordinal) || l.StartsWith("档案", StringComparison.Ordinal)));
        await SayAsync("zhengshi", "来电处理 1 转领班");
        Assert.Empty(await CallLinesAsync("zhengshi"));
    }

    [Fact]
    public void TheLines_HaveTheirEnglish_WithTheSamePlaceholders()
    {
        var chinese = CallTexts.Catalog.All(TextCatalog.Chinese).Where(p => p.Key.StartsWith("Todo", StringComparison.Ordinal)).ToList();
        var english = CallTexts.Catalog.All(TextCatalog.English);
        Assert.NotEmpty(chinese);
        Assert.All(chinese, p => Assert.Equal(Placeholders(p.Value), Placeholders(english[p.Key])));
    }

    private static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order()];
}

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

        // Passed on, it is the colleague's message, no longer a call waiting on anyone.
        await SayAsync("zhengshi", "来电 保安部找李四");
        Assert.Single(await CallLinesAsync("zhengshi"));
        await SayAsync("zhengshi", "来电处理 2 转告 李四");
        Assert.Empty(await CallLinesAsync("zhengshi"));
        Assert.Empty(await CallLinesAsync("lisi"));
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

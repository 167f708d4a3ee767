using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Tickets;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Tickets;

/// <summary>
/// 待办's ticket lines (第12篇) on the demo department, Thursday 2026-11-26 09:30: 郑十 at the front desk (early shift, to
/// 15:00), 张三 standing in, 20 tickets of 《流浪地球3》 (#1). Takings held wait on their holder — to finance, or from a
/// stand-in to the receptionist — pressing from half an hour before the shift ends or once held past their day; takings
/// passed wait on the receiver; a film running short waits on the front desk. Only this feature's lines are looked at.
/// </summary>
public sealed partial class TicketTodoTests : DemoChatTests
{
    private static DateTimeOffset Shanghai(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>The ticket lines, in the order shown.</summary>
    private async Task<List<string>> TicketLinesAsync(string who) =>
        [.. (await TodoAsync(who)).Lines.Where(l => l.Contains("票款", StringComparison.Ordinal) || l.Contains("《流浪地球3》", StringComparison.Ordinal))];

    [Fact]
    public async Task AStandInsTakings_WaitOnThemUntilPassed_ThenOnTheReceptionistUntilCounted_第12篇_7()
    {
        await SayAsync("zhangsan", "卖票 1张");
        var (lines, buttons) = await TodoAsync("zhangsan");
        Assert.Contains("替岗售票的票款 35 元在您手上（11-26 09:30 起），请交前台接待员点收（第12篇 7）", lines);
        Assert.Contains(buttons, c => (c.Value, c.Label) == ("票款交前台", "票款交前台"));
        Assert.Empty(await TicketLinesAsync("lisi"));
        Assert.Empty(await TicketLinesAsync("zhengshi"));

        Bot.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("已请 郑十 当面点收票款 35 元（#3）。郑十 确认后这笔票款即由其保管。", Assert.Single(await Chat("zhangsan").PressAsync("票款交前台")).Text);
        Assert.Empty(await TicketLinesAsync("zhangsan"));

        (lines, buttons) = await TodoAsync("zhengshi");
        Assert.Equal(["票款交接 #3：张三 交来票款 35 元（11-26 09:35），请当面点清后收下（第12篇 7）"], await TicketLinesAsync("zhengshi"));
        Assert.Equal("已收下 张三 交来的票款 35 元。您手上的票款共 35 元，请当天下班前交财务部出纳（第12篇 3）。",
            Assert.Single(await Chat("zhengshi").PressAsync(Assert.Single(buttons, c => c.Value == "收到票款 3").Value)).Text);
        // Now the receptionist's own, for finance (3).
        Assert.Equal(["电影票票款 35 元在您手上（11-26 09:35 起），请下班前交财务部出纳（第12篇 3）"], await TicketLinesAsync("zhengshi"));
        Assert.Empty(await TicketLinesAsync("zhangsan"));
    }

    [Fact]
    public async Task TakingsHeld_BecomePressingBeforeTheShiftEnds_AndLateTheNextDay_UntilHandedIn_第12篇_3()
    {
        await SayAsync("zhengshi", "卖票 2张");
        await SayAsync("zhangsan", "卖票 1张");
        await SayAsync("zhangsan", "票款交前台");
        const string Pass = "票款交接 #4：张三 交来票款 35 元（11-26 09:30），请当面点清后收下（第12篇 7）";
        // The colleague with the money at the desk first; the takings are not due yet.
        Assert.Equal([Pass, "电影票票款 70 元在您手上（11-26 09:30 起），请下班前交财务部出纳（第12篇 3）"], await TicketLinesAsync("zhengshi"));

        // Half an hour before the early shift ends (Tickets:RemindBefore), when TicketWatch reminds: pressing, so first.
        Bot.Time.SetUtcNow(Shanghai(26, 14, 31));
        Assert.Equal(["电影票票款 70 元在您手上（11-26 09:30 起），请下班前交财务部出纳（第12篇 3）", Pass], await TicketLinesAsync("zhengshi"));
        // Turned down, the money is the stand-in's again, held from then.
        await SayAsync("zhengshi", "不收票款 4");

        // Not handed in that day: late the next (3).
        Bot.Time.SetUtcNow(Shanghai(27, 9, 0));
        var (lines, buttons) = await TodoAsync("zhengshi");
        Assert.Contains("电影票票款 70 元 11-26 09:30 起未交，请尽快交财务部出纳（第12篇 3）", lines);
        Assert.Contains("替岗售票的票款 35 元 11-26 14:31 起未交，请尽快交前台接待员点收（第12篇 7）", (await TodoAsync("zhangsan")).Lines);
        Assert.Equal("已登记交财务部出纳票款 70 元（#5），帐实相符。请向出纳索取收款凭证。",
            Assert.Single(await Chat("zhengshi").PressAsync(Assert.Single(buttons, c => c.Value == "票款交财务").Value)).Text);
        Assert.Empty(await TicketLinesAsync("zhengshi"));
    }

    [Fact]
    public async Task AFilmRunningShort_WaitsOnTheFrontDesk_SoldOutLeads_UntilTheCinemaSendsMore_第12篇_4()
    {
        Assert.Empty(await TicketLinesAsync("zhengshi"));
        await SayAsync("zhengshi", "卖票 15张");
        Assert.Equal(["电影票票款 525 元在您手上（11-26 09:30 起），请下班前交财务部出纳（第12篇 3）", "《流浪地球3》只剩 5 张，请及时通知影院送票（第12篇 4）"],
            await TicketLinesAsync("zhengshi"));
        // Only the front desk asks the cinema.
        Assert.DoesNotContain(await TicketLinesAsync("zhangsan"), l => l.Contains("《流浪地球3》", StringComparison.Ordinal));

        await SayAsync("zhengshi", "卖票 5张");
        Assert.Equal(["《流浪地球3》已售完，请马上通知影院送票（第12篇 4）", "电影票票款 700 元在您手上（11-26 09:30 起），请下班前交财务部出纳（第12篇 3）"],
            await TicketLinesAsync("zhengshi"));

        await SayAsync("zhengshi", "收到电影票 流浪地球3 20张");
        Assert.Equal(["电影票票款 700 元在您手上（11-26 09:30 起），请下班前交财务部出纳（第12篇 3）"], await TicketLinesAsync("zhengshi"));
    }

    [Fact]
    public void TheLines_HaveTheirEnglish_WithTheSamePlaceholders()
    {
        var chinese = TicketTexts.Catalog.All(TextCatalog.Chinese).Where(p => p.Key.StartsWith("Todo", StringComparison.Ordinal)).ToList();
        var english = TicketTexts.Catalog.All(TextCatalog.English);
        Assert.NotEmpty(chinese);
        Assert.All(chinese, p => Assert.Equal(Placeholders(p.Value), Placeholders(english[p.Key])));
    }

    private static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order()];
}

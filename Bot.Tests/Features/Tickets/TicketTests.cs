using Bot.Domain.Features.Handover;
using Bot.Domain.Features.Tickets;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Tickets;

/// <summary>
/// Cinema tickets sold at the front desk (第12篇) on the demo department, Thursday 2026-11-26 09:30: 郑十 at the front desk
/// (前台接待员), 20 tickets of 《流浪地球3》 at 35 yuan delivered this morning (#1), 赵六 客务主管, 张三 standing in.
/// </summary>
public sealed class TicketTests : DemoChatTests
{
    private Task<List<TicketEntry>> EntriesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<TicketEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private Task<TicketTitle> FilmAsync(string title = "流浪地球3") =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<TicketTitle>().AsNoTracking().SingleAsync(t => t.Title == title));

    private async Task<decimal> TakingsAsync(string who) =>
        (await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<TicketTill>().AsNoTracking().SingleOrDefaultAsync(t => t.PersonId == who)))?.Amount ?? 0;

    private Task<int> WatchAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<TicketWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));

    private static DateTimeOffset Shanghai(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task ASale_IsRecordedWithItsTakings_WhichTheSellerHandsToFinance_第12篇_2_3()
    {
        Assert.Equal("代售电影票（第12篇）：\n《流浪地球3》现有 20 张，每张 35 元\n今天售出 0 张，票款 0 元", await TextAsync("zhengshi", "电影票"));

        Assert.Equal("已售出《流浪地球3》2 张，收款 70 元（#2）。《流浪地球3》还剩 18 张，您手上的票款共 70 元。\n票款请于当天下班前交财务部出纳（第12篇 3）。",
            await TextAsync("zhengshi", "卖电影票 2张"));
        // After the first, the sum is enough.
        Assert.Equal("已售出《流浪地球3》3 张，收款 105 元（#3）。《流浪地球3》还剩 15 张，您手上的票款共 175 元。",
            await TextAsync("zhengshi", "卖票 流浪地球3 3张 3-1-502陈先生"));
        var sale = (await EntriesAsync())[2];
        Assert.Equal((TicketEntryKind.Sold, -3, 105m, "3-1-502陈先生", "zhengshi"), (sale.Kind, sale.Quantity, sale.Amount, sale.Note, sale.ById));

        var book = Assert.Single(await SayAsync("zhengshi", "电影票"));
        Assert.Equal("代售电影票（第12篇）：\n《流浪地球3》现有 15 张，每张 35 元\n今天售出 5 张，票款 175 元\n郑十 手上票款 175 元（11-26 09:30 起）", book.Text);
        Assert.Equal(["票款交财务"], book.Choices.Select(c => c.Value));

        // Asked as the front desk asks it.
        Assert.Contains("今天售出 5 张，票款 175 元", await TextAsync("zhengshi", "今天卖了多少票"));
        // "卖了" is a sale; "卖了几张" at the end of a question is the book.
        Assert.Contains("今天售出 5 张，票款 175 元", await TextAsync("zhengshi", "今天卖了几张票？"));
        Assert.Equal("已登记交财务部出纳票款 175 元（#4），帐实相符。请向出纳索取收款凭证。", Assert.Single(await Chat("zhengshi").PressAsync("票款交财务")).Text);
        Assert.Equal(0, await TakingsAsync("zhengshi"));
        var handedIn = (await EntriesAsync())[3];
        Assert.Equal((TicketEntryKind.HandedIn, 175m, 175m), (handedIn.Kind, handedIn.Amount, handedIn.Counted));
        Assert.Equal("您手上没有未交的电影票票款。", await TextAsync("zhengshi", "票款交财务"));
    }

    [Fact]
    public async Task RunningShort_TheSellerIsToldToCallTheCinema_AndASoldOutFilmIsNotSold_第12篇_4()
    {
        Assert.EndsWith("\n《流浪地球3》只剩 5 张了，请及时通知影院送票，不要断档（第12篇 4）。", await TextAsync("zhengshi", "卖票 15张"));
        Assert.EndsWith("\n《流浪地球3》已经售完，请马上通知影院送票，不要断档（第12篇 4）。", await TextAsync("zhengshi", "卖票 5"));
        Assert.Equal("《流浪地球3》已经售完了，请尽快通知影院送票（第12篇 4）。", await TextAsync("zhengshi", "卖票 1张"));
        Assert.Equal(700m, await TakingsAsync("zhengshi"));

        // More of the same film keeps its price; a new one needs a price first.
        Assert.Equal("已登记收到影院送来的《流浪地球3》20 张，每张 35 元（#4）。《流浪地球3》现有 20 张，电影票和票款由前台保管（第12篇 1）。",
            await TextAsync("zhengshi", "影院又送来20张流浪地球3"));
        Assert.Equal("《封神第三部》是第一次收到，请问每张票价多少元？（共 10 张，例如：35元）", await TextAsync("zhengshi", "影院送票来了 《封神第三部》 10张"));
        // Anything but a price is not taken for one.
        Assert.Equal("请写每张票价，例如：35元。", await TextAsync("zhengshi", "卖了1张"));
        Assert.StartsWith("已登记收到影院送来的《封神第三部》10 张，每张 40 元（#5）", await TextAsync("zhengshi", "40元"));
        // "IMAX" after a film's name is another film, not more of it.
        Assert.StartsWith("《流浪地球3 IMAX》是第一次收到", await TextAsync("zhengshi", "收到电影票 流浪地球3 IMAX 5张"));
        await SayAsync("zhengshi", "取消");

        // Two films: which one, the number kept on the buttons.
        var ask = Assert.Single(await SayAsync("zhengshi", "卖票 2张"));
        Assert.Equal("请问是哪一部片？", ask.Text);
        Assert.Equal([("卖电影票 封神第三部 2张", "《封神第三部》（余 10 张）"), ("卖电影票 流浪地球3 2张", "《流浪地球3》（余 20 张）")], ask.Choices.Select(c => (c.Value, c.Label)));
        Assert.StartsWith("已售出《封神第三部》2 张，收款 80 元（#6）", Assert.Single(await Chat("zhengshi").PressAsync(ask.Choices[0].Value)).Text);
        // A word of the name is enough; the words of the sale itself are no buyer.
        Assert.StartsWith("已售出《流浪地球3》1 张，收款 35 元（#7）", await TextAsync("zhengshi", "卖票 流浪 1张"));
        Assert.StartsWith("已售出《封神第三部》2 张，收款 80 元（#8）", await TextAsync("zhengshi", "卖了两张封神第三部的票"));
        Assert.Null((await EntriesAsync())[^1].Note);
        // Said the other way round, the sale is offered, not made (电影票 only shows things).
        var offered = Assert.Single(await SayAsync("zhengshi", "电影票卖了2张"));
        Assert.Equal("是要登记售出电影票吗？请按“卖电影票 2张”确认。", offered.Text);
        Assert.Equal(["卖电影票 2张"], offered.Choices.Select(c => c.Value));
        Assert.Equal(8, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task ACountThatDiffers_CorrectsTheBook_AndIsReportedToTheSupervisor_第12篇_2()
    {
        await InboxAsync("zhaoliu");
        Assert.Equal("《流浪地球3》账面 20 张，实点 20 张，帐实相符（第12篇 2），已登记。", await TextAsync("zhengshi", "盘点电影票 20张"));
        Assert.Empty(await InboxAsync("zhaoliu"));

        Assert.Equal("《流浪地球3》账面 20 张，实点 18 张，短少 2 张（#3）。已按实点数更正账面，并报告 赵六（第12篇 2 帐实相符）。",
            await TextAsync("zhengshi", "盘点电影票 流浪地球3 18张"));
        Assert.Equal("【电影票盘点不符】郑十 盘点《流浪地球3》：账面 20 张，实点 18 张，短少 2 张（按票价 70 元）。请核查（第12篇 2 帐实相符）。",
            Assert.Single(await InboxAsync("zhaoliu")).Text);
        Assert.Equal(18, (await FilmAsync()).Stock);
        var count = (await EntriesAsync())[2];
        Assert.Equal((TicketEntryKind.Counted, -2, 18m), (count.Kind, count.Quantity, count.Counted));

        // Alone, it says what the book holds and asks for the count.
        Assert.Equal("请清点后写明实有张数，例如：盘点电影票 18张。账面现有：\n《流浪地球3》现有 18 张，每张 35 元", await TextAsync("zhengshi", "盘点电影票"));
        Assert.Equal("《流浪地球3》账面 18 张，实点 18 张，帐实相符（第12篇 2），已登记。", await TextAsync("zhengshi", "18张"));
    }

    [Fact]
    public async Task TakingsShortAtFinance_AreRecordedAsCounted_AndReported_第12篇_2_3()
    {
        await SayAsync("zhengshi", "卖票 2张");
        await InboxAsync("zhaoliu");
        Assert.Equal("已登记交财务部出纳票款 60 元（#3）；账面 70 元，短少 10 元，已报告 赵六（第12篇 2 帐实相符）。", await TextAsync("zhengshi", "票款交财务 60元"));
        Assert.Equal("【电影票票款不符】郑十 交财务部出纳票款 60 元，账面 70 元，短少 10 元。请核查（第12篇 2 帐实相符）。", Assert.Single(await InboxAsync("zhaoliu")).Text);
        Assert.Equal(0, await TakingsAsync("zhengshi"));
        var entry = (await EntriesAsync())[2];
        Assert.Equal((70m, 60m, -10m), (entry.Amount, entry.Counted, entry.Difference));
    }

    [Fact]
    public async Task AStandIn_HandsTheTakingsToTheReceptionist_WhoCountsThem_第12篇_7()
    {
        Assert.Equal("已售出《流浪地球3》1 张，收款 35 元（#2）。《流浪地球3》还剩 19 张，您手上的票款共 35 元。\n您是替岗前台：票款请于次日交前台接待员点收（第12篇 7），或直接交财务部出纳。",
            await TextAsync("zhangsan", "卖票 1张"));
        await InboxAsync("zhengshi");
        Assert.Equal("已请 郑十 当面点收票款 35 元（#3）。郑十 确认后这笔票款即由其保管。", await TextAsync("zhangsan", "票款交前台"));
        Assert.Equal(0, await TakingsAsync("zhangsan"));
        var ask = Assert.Single(await InboxAsync("zhengshi"));
        Assert.Equal("【票款交接】张三 交来电影票票款 35 元（替岗前台时售票，第12篇 7），请当面点清后确认（#3）。金额不符请回复：收到票款 3 实收金额。", ask.Text);
        Assert.Equal([("收到票款 3", "点清无误，收下"), ("不收票款 3", "不收")], ask.Choices.Select(c => (c.Value, c.Label)));
        Assert.Contains("#3 11-26 09:30 张三 交 郑十 票款 35 元，待点收", await TextAsync("zhaoliu", "电影票"));

        Assert.Equal("已收下 张三 交来的票款 35 元。您手上的票款共 35 元，请当天下班前交财务部出纳（第12篇 3）。",
            Assert.Single(await Chat("zhengshi").PressAsync(ask.Choices[0].Value)).Text);
        Assert.Equal("郑十 已点收您交来的票款 35 元，帐实相符。", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal(35m, await TakingsAsync("zhengshi"));
        Assert.Equal("票款交接 #3 已经处理过了。", await TextAsync("zhengshi", "不收票款 3"));
        Assert.Equal(35m, await TakingsAsync("zhengshi"));
    }

    [Fact]
    public async Task AStandIn_FindsTheTicketCommandsByAskingForTheTopic_ThoughTheOverviewKeepsThemToTheFrontDesk()
    {
        Assert.DoesNotContain("电影票", await TextAsync("zhangsan", "帮助"));
        Assert.Contains("· 电影票：电影票、卖电影票、票款交财务", await TextAsync("zhengshi", "帮助"));
        var detail = await TextAsync("zhangsan", "帮助 电影票");
        Assert.StartsWith("电影票：\n· 电影票 — ", detail);
        Assert.Contains("· 票款交前台 — 替岗前台时售票的票款，交前台接待员点收（第12篇 7）", detail);
    }

    [Fact]
    public async Task TakingsCountedShort_OrDeclined_GoWhereTheMoneyIs()
    {
        await SayAsync("zhangsan", "卖票 2张");
        await SayAsync("zhangsan", "票款交前台 郑十");
        await InboxAsync("zhaoliu");
        Assert.Equal("已按实收 60 元收下 张三 交来的票款（账面 70 元，短少 10 元），已报告 赵六。您手上的票款共 60 元。", await TextAsync("zhengshi", "收到票款 60"));
        Assert.Equal("郑十 点收您交来的票款为 60 元，账面 70 元，短少 10 元，已报客务主管。", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.StartsWith("【电影票票款不符】张三 交给 郑十 的票款账面 70 元，实收 60 元，短少 10 元。", Assert.Single(await InboxAsync("zhaoliu")).Text);

        // Handed to the wrong person: declined, it is the giver's again.
        await SayAsync("zhangsan", "卖票 1张");
        Assert.StartsWith("已请 李四 当面点收票款 35 元", await TextAsync("zhangsan", "票款交前台 李四"));
        Assert.Equal("票款交接 #5 是交给 李四 的，请由本人点收。", await TextAsync("zhengshi", "收到票款 5"));
        Assert.Equal("已退回 张三 交来的票款 35 元，已告知对方。", await TextAsync("lisi", "不收票款 我不在前台"));
        Assert.Equal("李四 没有收下您交的票款 35 元，票款仍由您保管。原因：我不在前台", (await InboxAsync("zhangsan")).Last().Text);
        Assert.Equal(35m, await TakingsAsync("zhangsan"));
        Assert.Equal("票款不能交给自己。请写前台接待员的姓名，或直接交财务：票款交财务。", await TextAsync("zhangsan", "票款交前台 张三"));
        Assert.Equal("目前没有交给您的票款。", await TextAsync("zhengshi", "收到票款"));
    }

    [Fact]
    public async Task AMistakenSale_IsTakenBackTheSameDay_WhileItsMoneyIsStillHeld()
    {
        await SayAsync("zhengshi", "卖票 20张");
        var ask = Assert.Single(await SayAsync("zhengshi", "撤销售票"));
        Assert.Equal("请问撤销哪一笔？\n#2 11-26 09:30 售出《流浪地球3》20 张，700 元（郑十）", ask.Text);
        Assert.Equal(["撤销售票 2"], ask.Choices.Select(c => c.Value));
        Assert.Equal("售票 #2 是 郑十 登记的，请由本人或客务主管撤销。", await TextAsync("zhangsan", "撤销售票 2"));
        Assert.Equal("已撤销售票 #2：《流浪地球3》20 张放回票柜，票款 700 元从账上减去。《流浪地球3》现有 20 张。", await TextAsync("zhengshi", "撤销售票 2 多按了一个0"));
        Assert.Equal((20, 0m), ((await FilmAsync()).Stock, await TakingsAsync("zhengshi")));
        Assert.Equal("售票 #2 已经撤销过了。", await TextAsync("zhengshi", "撤销售票 2"));
        Assert.Equal((TicketEntryKind.Voided, 2L, "多按了一个0"), ((await EntriesAsync())[2].Kind, (await EntriesAsync())[2].SaleId!.Value, (await EntriesAsync())[2].Note));

        // Handed in already, or another day: not here.
        await SayAsync("zhengshi", "卖票 2张");
        await SayAsync("zhengshi", "票款交财务");
        Assert.Equal("售票 #4 的票款已经交出，不能撤销；请联系财务部出纳和客务主管更正。", await TextAsync("zhengshi", "撤销售票 4"));
        await SayAsync("zhengshi", "卖票 1张");
        Bot.Time.SetUtcNow(Shanghai(27, 9));
        Assert.Equal("售票 #6 不是今天的，不能撤销；请盘点电影票，账实不符的会报客务主管处理。", await TextAsync("zhengshi", "撤销售票 6"));
        Assert.Equal(17, (await FilmAsync()).Stock);
    }

    [Fact]
    public async Task BadInput_GetsAPoliteAnswer_AndChangesNothing()
    {
        Assert.Equal("请写明片名、张数和每张票价，例如：收到电影票 流浪地球3 20张 35元。", await TextAsync("zhengshi", "收到电影票 流浪地球3"));
        await SayAsync("zhengshi", "取消");
        Assert.Equal("张数要是正数，请再写一次。", await TextAsync("zhengshi", "卖票 0张"));
        Assert.Equal("《流浪地球3》只剩 20 张，不够这么多。请核对张数。", await TextAsync("zhengshi", "卖票 30张"));
        // A price of nothing is refused saying what a price may be (第12篇 2).
        Assert.StartsWith("对不起，“0元”不是有效的票价。每张票价请写大于 0 的金额", await TextAsync("zhengshi", "收到电影票 新片 10张 0元"));
        Assert.StartsWith("请写明卖了几张", await TextAsync("zhengshi", "卖票 流浪地球3"));
        await SayAsync("zhengshi", "取消");
        await SayAsync("zhengshi", "卖票 1张");
        Assert.StartsWith("请写明出纳点收的金额，例如：票款交财务 35。", await TextAsync("zhengshi", "票款交财务 三十五块左右"));
        await SayAsync("zhengshi", "取消");
        Assert.Equal("没有找到同事“王大锤”，请写对方的姓名。", await TextAsync("zhengshi", "票款交前台 王大锤"));
        Assert.Equal(2, (await EntriesAsync()).Count);
        Assert.Equal((19, 35m), ((await FilmAsync()).Stock, await TakingsAsync("zhengshi")));
    }

    [Fact]
    public async Task ReturnedToTheCinema_AFilmGoesOffSale()
    {
        await SayAsync("zhengshi", "卖票 15张");
        Assert.Equal("已登记《流浪地球3》2 张退回影院（#3），《流浪地球3》现有 3 张。", await TextAsync("zhengshi", "电影票退回影院 2张"));
        Assert.Equal("已登记《流浪地球3》3 张退回影院（#4），《流浪地球3》下档，不再出售。", await TextAsync("zhengshi", "电影票退回影院 流浪地球3"));
        Assert.False((await FilmAsync()).Current);
        Assert.StartsWith("前台现在没有代售的电影票。", await TextAsync("zhengshi", "卖票 1张"));
        // Off sale, it no longer runs short; only the takings are left to show.
        Assert.Equal("代售电影票（第12篇）：\n今天售出 15 张，票款 525 元\n郑十 手上票款 525 元（11-26 09:30 起）", await TextAsync("zhengshi", "电影票"));
    }

    [Fact]
    public async Task TheRound_ChasesTakingsBeforeTheHolderGoesOff_Once_AndAtMonthEndThePosters_第12篇_3_5_7()
    {
        await SayAsync("zhengshi", "卖票 2张");
        await SayAsync("zhangsan", "卖票 1张");
        await InboxAsync("zhengshi");
        await InboxAsync("zhangsan");
        // Both on the early shift (07:00–15:00): nothing at 14:00, then half an hour before it ends.
        Bot.Time.SetUtcNow(Shanghai(26, 14, 0));
        Assert.Equal(0, await WatchAsync());
        Bot.Time.SetUtcNow(Shanghai(26, 14, 35));
        Assert.Equal(2, await WatchAsync());
        Assert.Equal(0, await WatchAsync());
        // Once a day: not again at the afternoon's general reminder.
        Bot.Time.SetUtcNow(Shanghai(26, 16, 30));
        Assert.Equal(0, await WatchAsync());
        await Bot.DispatchAsync();
        var mine = Assert.Single(await InboxAsync("zhengshi"));
        Assert.Equal("您手上还有电影票票款 70 元未交，请今天下班前交财务部出纳（第12篇 3），交后回复“票款交财务”。", mine.Text);
        Assert.Equal(["票款交财务"], mine.Choices.Select(c => c.Value));
        var standIn = Assert.Single(await InboxAsync("zhangsan"));
        Assert.Equal("您替岗前台时售票的票款 35 元还在您手上：请交前台接待员点收（第12篇 7），或直接交财务部出纳（3）。", standIn.Text);
        Assert.Equal(["票款交前台", "票款交财务"], standIn.Choices.Select(c => c.Value));

        // The month's last day: the posters, once.
        await SayAsync("zhengshi", "票款交财务");
        await SayAsync("zhangsan", "票款交财务");
        Bot.Time.SetUtcNow(Shanghai(30, 9, 30));
        Assert.Equal(0, await WatchAsync());
        Bot.Time.SetUtcNow(Shanghai(30, 10, 5));
        Assert.Equal(1, await WatchAsync());
        Assert.Equal(0, await WatchAsync());
        await Bot.DispatchAsync();
        Assert.Equal("今天是月末：请通知影院送来下个月的电影海报，放在员工餐厅出口处（第12篇 5）；之后请按电影档期及时更换海报（6）。",
            Assert.Single(await InboxAsync("zhengshi")).Text);
    }

    [Fact]
    public async Task TakingsOfSomeoneNotGoingOffSoon_AreChasedFromTheAfternoonReminder_第12篇_3()
    {
        // 李四 on the middle shift (15:00–23:00) sells at 15:30: the finance cashier's day ends before hers.
        Bot.Time.SetUtcNow(Shanghai(26, 15, 30));
        await SayAsync("lisi", "卖票 1张");
        await InboxAsync("lisi");
        Bot.Time.SetUtcNow(Shanghai(26, 16, 25));
        Assert.Equal(0, await WatchAsync());
        Bot.Time.SetUtcNow(Shanghai(26, 16, 30));
        Assert.Equal(1, await WatchAsync());
        await Bot.DispatchAsync();
        Assert.StartsWith("您替岗前台时售票的票款 35 元还在您手上", Assert.Single(await InboxAsync("lisi")).Text);
    }

    [Fact]
    public async Task TheSupervisorsDigest_ListsTakingsHeldOvernight_PassesWaiting_FilmsRunningShort_AndYesterdaysDifferences()
    {
        await SayAsync("zhengshi", "卖票 16张");
        await SayAsync("zhengshi", "盘点电影票 3张");
        await SayAsync("zhangsan", "卖票 1张");
        await SayAsync("zhangsan", "票款交前台");
        Bot.Time.SetUtcNow(Shanghai(27, 8, 30));
        await InboxAsync("zhaoliu");
        await Bot.InScopeAsync(sp => sp.GetRequiredService<Bot.Domain.Features.Escalation.SupervisorDigest>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        var digest = string.Join("\n", (await InboxAsync("zhaoliu")).Select(l => l.Text));
        Assert.Contains("【代售电影票（4项）】\n郑十 手上票款 560 元，11-26 09:30 起未交财务（第12篇 3）\n#5 11-26 09:30 张三 交 郑十 票款 35 元，待点收\n"
            + "《流浪地球3》只剩 2 张了，请及时通知影院送票，不要断档（第12篇 4）。\n#3 11-26 09:30 盘点《流浪地球3》：实点 3 张，短少 1 张（郑十）", digest);
    }

    [Fact]
    public async Task TheFrontDeskHandover_CarriesTheTicketsAndTheTakingsNotHandedIn_第12篇_1_3()
    {
        await SayAsync("zhengshi", "卖票 2张");
        Bot.Time.SetUtcNow(Shanghai(26, 14, 35));
        await SayAsync("zhengshi", "交班");
        for (var i = 0; i < 6; i++) await SayAsync("zhengshi", "完成");
        await Chat("zhengshi").PressAsync("ok");
        await Chat("zhengshi").PressAsync("ok");
        await SayAsync("zhengshi", "正常");
        var review = string.Join("\n", (await Chat("zhengshi").PressAsync("all-ok")).Select(l => l.Text));
        Assert.Contains("《流浪地球3》18 张（每张 35 元），在前台柜内，请当面点清", review);
        Assert.Contains("电影票票款 70 元尚未交财务部出纳：请下班前交款（第12篇 3）", review);
        var record = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>().Include(r => r.Items).AsNoTracking().SingleAsync());
        Assert.Equal(2, record.Items.Count(i => i.Section == HandoverSection.Tickets));
    }

    [Fact]
    public async Task TheMonthsSalesRecord_IsACsvForFinance()
    {
        await SayAsync("zhengshi", "卖票 2张 3-1-502陈先生");
        await SayAsync("zhengshi", "票款交财务 60");
        var client = Bot.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/tickets/register.csv?month=2026-11")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/admin/tickets/register.csv?month=十一月")).StatusCode);
        var response = await client.GetAsync("/api/admin/tickets/register.csv?month=2026-11");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["id,time,kind,film,tickets,price,amount,counted,difference,by,by_name,to,to_name,status,note",
            "1,2026-11-26 09:30,received,流浪地球3,20,35,700,,,zhengshi,郑十,,,,",
            "2,2026-11-26 09:30,sold,流浪地球3,-2,35,70,,,zhengshi,郑十,,,,3-1-502陈先生",
            "3,2026-11-26 09:30,handedin,,,,70,60,-10,zhengshi,郑十,,,,"], lines);
    }
}

using Bot.Domain.Features.Tickets;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Tickets;

/// <summary>
/// Every number the ticket commands read (第12篇 2 帐实相符): a negative, fractional, absurd or otherwise malformed one
/// is refused with what is accepted, and nothing is stored — never read in part. Demo: 郑十 at the front desk, 20 tickets
/// of 《流浪地球3》 at 35 yuan (#1).
/// </summary>
public sealed class TicketNumberTests : DemoChatTests
{
    private Task<List<TicketEntry>> EntriesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<TicketEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private Task<List<TicketTitle>> FilmsAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<TicketTitle>().AsNoTracking().OrderBy(t => t.Title).ToListAsync());

    private async Task<decimal> TakingsAsync(string who) =>
        (await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<TicketTill>().AsNoTracking().SingleOrDefaultAsync(t => t.PersonId == who)))?.Amount ?? 0;

    /// <summary>Nothing moved: one film, 20 tickets, the one delivery line, no takings.</summary>
    private async Task AssertNothingStoredAsync()
    {
        var film = Assert.Single(await FilmsAsync());
        Assert.Equal(("流浪地球3", 20, 35m), (film.Title, film.Stock, film.Price));
        Assert.Single(await EntriesAsync());
        Assert.Equal(0, await TakingsAsync("zhengshi"));
    }

    [Theory]
    [InlineData("卖电影票 -2张", "-2张")]
    [InlineData("卖电影票 1.5张", "1.5张")]
    [InlineData("卖票 99999999999张", "99999999999张")]
    [InlineData("卖票 流浪地球3 10000张", "10000张")]
    [InlineData("卖票 负两张", "负两张")]
    [InlineData("卖票 -2", "-2")]
    [InlineData("卖票 1.5", "1.5")]
    [InlineData("卖票 一百百张", "一百百张")]
    [InlineData("卖票 十十张", "十十张")]
    [InlineData("卖票 一千零一百张", "一千零一百张")]
    [InlineData("卖票 一万张", "一万张")]
    [InlineData("卖电影票 －２张", "－2张")]
    public async Task Sell_AMalformedQuantity_IsRefusedWithWhatIsAccepted_AndNothingIsStored_第12篇_2(string typed, string quoted)
    {
        var reply = await TextAsync("zhengshi", typed);

        Assert.Equal($"对不起，“{quoted}”不是有效的张数。张数请写整数，例如 2张，不能是负数或小数，最多 9999 张。本次没有登记，请再写一次。", reply);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("卖电影票 ２张", 2)]
    [InlineData("卖票 ３", 3)]
    [InlineData("卖票 流浪地球3 １２张", 12)]
    [InlineData("卖票 十二张", 12)]
    public async Task Sell_FullWidthDigitsAndChineseNumerals_AreRead(string typed, int sold)
    {
        Assert.StartsWith($"已售出《流浪地球3》{sold} 张，收款 {sold * 35} 元", await TextAsync("zhengshi", typed));
    }

    [Theory]
    [InlineData("收到电影票 封神第三部 一百二十张 四十元", 120, 40)]
    [InlineData("收到电影票 封神第三部 两百张 ３５元", 200, 35)]
    [InlineData("收到电影票 封神第三部 １２０张 每张三十五元", 120, 35)]
    [InlineData("收到电影票 封神第三部 一百零五张 一百五十元", 105, 150)]
    [InlineData("收到电影票 封神第三部 一千五百张 一百五元", 1500, 150)]
    public async Task Receive_NumbersAbove99InChinese_AndFullWidthDigits_AreRead(string typed, int tickets, int price)
    {
        Assert.StartsWith($"已登记收到影院送来的《封神第三部》{tickets} 张，每张 {price} 元", await TextAsync("zhengshi", typed));

        var film = (await FilmsAsync()).Single(t => t.Title == "封神第三部");
        Assert.Equal((tickets, (decimal)price), (film.Stock, film.Price));
    }

    [Theory]
    [InlineData("一百五十元", 150)]
    [InlineData("３５元", 35)]
    [InlineData("两块", 2)]
    [InlineData("每张３５元", 35)]
    public async Task AskedThePrice_InChineseOrFullWidth_IsRead(string price, int yuan)
    {
        await SayAsync("zhengshi", "收到电影票 封神第三部 10张");

        Assert.StartsWith($"已登记收到影院送来的《封神第三部》10 张，每张 {yuan} 元", await TextAsync("zhengshi", price));
    }

    [Fact]
    public async Task Takings_InChineseNumeralsAbove99_AreRead()
    {
        await SayAsync("zhengshi", "卖票 4张");

        Assert.StartsWith("已登记交财务部出纳票款 140 元（#3），帐实相符。", await TextAsync("zhengshi", "票款交财务 一百四十元"));
    }

    [Fact]
    public async Task Count_InChineseNumerals_IsRead()
    {
        Assert.StartsWith("《流浪地球3》账面 20 张，实点 18 张，短少 2 张", await TextAsync("zhengshi", "盘点电影票 十八张"));
        Assert.Equal(18, Assert.Single(await FilmsAsync()).Stock);
    }

    [Fact]
    public async Task Sell_ZeroTickets_IsRefused_AndAWholeNumberStillSells()
    {
        Assert.Equal("张数要是正数，请再写一次。", await TextAsync("zhengshi", "卖票 0张"));
        await AssertNothingStoredAsync();

        Assert.StartsWith("已售出《流浪地球3》2 张，收款 70 元", await TextAsync("zhengshi", "卖电影票 2张"));
    }

    [Theory]
    [InlineData("收到电影票 流浪地球3 99999999999张", "99999999999张")]
    [InlineData("收到电影票 流浪地球3 -5张 35元", "-5张")]
    [InlineData("收到电影票 封神第三部 2.5张 40元", "2.5张")]
    public async Task Receive_AMalformedQuantity_IsRefused_AndTheFilmIsNotEatenIntoByDigits(string typed, string quoted)
    {
        var reply = await TextAsync("zhengshi", typed);

        Assert.Equal($"对不起，“{quoted}”不是有效的张数。张数请写整数，例如 2张，不能是负数或小数，最多 9999 张。本次没有登记，请再写一次。", reply);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("收到电影票 封神第三部 10张 -40元", "-40元")]
    [InlineData("收到电影票 封神第三部 10张 35.555元", "35.555元")]
    [InlineData("收到电影票 封神第三部 10张 99999元", "99999元")]
    [InlineData("收到电影票 封神第三部 10张 每张-40", "每张-40")]
    [InlineData("收到电影票 封神第三部 10张 一千五百元", "一千五百元")]
    [InlineData("收到电影票 封神第三部 10张 十十元", "十十元")]
    [InlineData("收到电影票 封神第三部 10张 －４０元", "－40元")]
    public async Task Receive_AMalformedPrice_IsRefused_AndNothingIsStored(string typed, string quoted)
    {
        var reply = await TextAsync("zhengshi", typed);

        Assert.Equal($"对不起，“{quoted}”不是有效的票价。每张票价请写大于 0 的金额，例如 35元、35块 或 ¥35，最多两位小数，不超过 999 元。本次没有登记，请再写一次。", reply);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("40块")]
    [InlineData("40元")]
    [InlineData("¥40")]
    [InlineData("40块钱")]
    [InlineData("40")]
    public async Task AskedThePrice_40块_40元_Yen40_AreAllForty(string price)
    {
        Assert.StartsWith("《封神第三部》是第一次收到", await TextAsync("zhengshi", "收到电影票 封神第三部 10张"));

        Assert.StartsWith("已登记收到影院送来的《封神第三部》10 张，每张 40 元", await TextAsync("zhengshi", price));
        var film = (await FilmsAsync()).Single(t => t.Title == "封神第三部");
        Assert.Equal((10, 40m), (film.Stock, film.Price));
    }

    [Fact]
    public async Task Receive_APriceSaidIn块_OnTheLine_IsTheTicketPrice()
    {
        Assert.StartsWith("已登记收到影院送来的《封神第三部》10 张，每张 40 元", await TextAsync("zhengshi", "收到电影票 封神第三部 10张 40块"));
    }

    [Theory]
    [InlineData("-40", "-40")]
    [InlineData("0", "0")]
    [InlineData("40.555元", "40.555元")]
    [InlineData("5000元", "5000元")]
    public async Task AskedThePrice_AMalformedPrice_IsRefused_AndTheQuestionStaysOpen(string price, string quoted)
    {
        await SayAsync("zhengshi", "收到电影票 封神第三部 10张");

        Assert.Equal($"对不起，“{quoted}”不是有效的票价。每张票价请写大于 0 的金额，例如 35元、35块 或 ¥35，最多两位小数，不超过 999 元。本次没有登记，请再写一次。",
            await TextAsync("zhengshi", price));
        await AssertNothingStoredAsync();
        // Still asked: the right price now goes in.
        Assert.StartsWith("已登记收到影院送来的《封神第三部》10 张，每张 40 元", await TextAsync("zhengshi", "40块"));
    }

    [Theory]
    [InlineData("盘点电影票 -18张", "-18张")]
    [InlineData("盘点电影票 17.5张", "17.5张")]
    [InlineData("盘点电影票 123456张", "123456张")]
    public async Task Count_AMalformedNumber_IsRefused_AndTheBookIsNotCorrected(string typed, string quoted)
    {
        Assert.Equal($"对不起，“{quoted}”不是有效的张数。张数请写整数，例如 2张，不能是负数或小数，最多 9999 张。本次没有登记，请再写一次。",
            await TextAsync("zhengshi", typed));
        await AssertNothingStoredAsync();
        Assert.Empty(await InboxAsync("zhaoliu"));
    }

    [Theory]
    [InlineData("电影票退回影院 -2张", "对不起，“-2张”不是有效的张数。")]
    [InlineData("电影票退回影院 0张", "张数要是正数，请再写一次。")]
    public async Task Return_ANegativeOrZeroNumber_IsRefused(string typed, string start)
    {
        Assert.StartsWith(start, await TextAsync("zhengshi", typed));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("票款交财务 -70", "-70")]
    [InlineData("票款交财务 69.999", "69.999")]
    [InlineData("票款交财务 99999999", "99999999")]
    [InlineData("票款交财务 一千万", "一千万")]
    public async Task HandIn_AMalformedAmount_IsRefused_AndTheTakingsStayHeld(string typed, string quoted)
    {
        await SayAsync("zhengshi", "卖票 2张");

        Assert.Equal($"对不起，“{quoted}”不是有效的金额。金额请写不小于 0 的数，例如 140 或 140元，最多两位小数，不超过 9999999 元。本次没有登记，请再写一次。",
            await TextAsync("zhengshi", typed));
        Assert.Equal(70m, await TakingsAsync("zhengshi"));
        Assert.Equal(2, (await EntriesAsync()).Count);
        // Said in 块, it is counted as said.
        Assert.StartsWith("已登记交财务部出纳票款 70 元", await TextAsync("zhengshi", "票款交财务 70块"));
    }

    [Fact]
    public async Task TakeTakings_AMalformedAmount_IsRefused_AndThePassStaysPending()
    {
        await SayAsync("zhangsan", "卖票 2张");
        await SayAsync("zhangsan", "票款交前台");
        var pass = (await EntriesAsync()).Last();

        Assert.StartsWith("对不起，“-70”不是有效的金额。", await TextAsync("zhengshi", $"收到票款 {pass.Id} -70"));
        Assert.StartsWith("对不起，“-70”不是有效的金额。", await TextAsync("zhengshi", "收到票款 -70"));
        Assert.Equal(TicketPassStatus.Pending, (await EntriesAsync()).Last().PassStatus);
        Assert.Equal(0, await TakingsAsync("zhengshi"));
    }
}

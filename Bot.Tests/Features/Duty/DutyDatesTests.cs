using Bot.Domain.Features.Duty;

namespace Bot.Tests.Features.Duty;

/// <summary>Dates as staff type them (调班, 补卡), seen on 2026-11-27.</summary>
public sealed class DutyDatesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("今天", "2026-11-27")]
    [InlineData("明天", "2026-11-28")]
    [InlineData("后天。", "2026-11-29")]
    [InlineData("Tomorrow", "2026-11-28")]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2026/12/1", "2026-12-01")]
    [InlineData("11-28", "2026-11-28")]
    [InlineData("11月28日", "2026-11-28")]
    [InlineData("1月3号", "2027-01-03")]
    [InlineData("28号", "2026-11-28")]
    [InlineData("3号", "2026-12-03")]
    // A phone keyboard in full-width mode: read here too, not only where the engine has folded the text already.
    [InlineData("１１月２８日", "2026-11-28")]
    [InlineData("１１－２８", "2026-11-28")]
    [InlineData("２８号", "2026-11-28")]
    // Weekdays, said on Friday 2026-11-27: the next one (today included), next week's, this week's.
    [InlineData("周日", "2026-11-29")]
    [InlineData("星期天", "2026-11-29")]
    [InlineData("礼拜一", "2026-11-30")]
    [InlineData("周五", "2026-11-27")]
    [InlineData("周四", "2026-12-03")]
    [InlineData("下周一", "2026-11-30")]
    [InlineData("下周五", "2026-12-04")]
    [InlineData("下个星期三", "2026-12-02")]
    [InlineData("这周六", "2026-11-28")]
    [InlineData("Sunday", "2026-11-29")]
    [InlineData("next monday", "2026-11-30")]
    public void TypedDates_AreRead(string typed, string expected)
    {
        Assert.True(DutyDates.TryParse(typed, Today, out var date));
        Assert.Equal(DateOnly.Parse(expected), date);
    }

    [Theory]
    [InlineData("昨天", "2026-11-26")]
    [InlineData("前天", "2026-11-25")]
    [InlineData("26号", "2026-11-26")]   // this month's
    [InlineData("28号", "2026-10-28")]   // not yet come this month: last month's
    [InlineData("周三", "2026-11-25")]   // the latest Wednesday (said on a Friday)
    [InlineData("周五", "2026-11-27")]   // today
    [InlineData("周六", "2026-11-21")]
    [InlineData("上周五", "2026-11-20")]
    [InlineData("last monday", "2026-11-16")]
    [InlineData("1-3", "2026-01-03")]
    [InlineData("11-20", "2026-11-20")]
    public void LookingBack_ForCorrections_DatesAreThePastOnes(string typed, string expected)
    {
        Assert.True(DutyDates.TryParse(typed, Today, past: true, out var date));
        Assert.Equal(DateOnly.Parse(expected), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("下周")]
    [InlineData("周八")]
    [InlineData("2月30日")]
    [InlineData("13-01")]
    [InlineData("٢٨号")] // another script's digits: no date; the turn used to fail on them
    public void OtherText_IsNoDate(string typed) => Assert.False(DutyDates.TryParse(typed, Today, out _));

    [Theory]
    [InlineData("2026-11", "2026-11-01")]
    [InlineData("２０２６年１１月", "2026-11-01")]
    public void TypedMonths_AreRead(string typed, string expected)
    {
        Assert.True(DutyDates.TryParseMonth(typed, out var first));
        Assert.Equal(DateOnly.Parse(expected), first);
    }

    [Theory]
    [InlineData("这个月", "2026-11-01")]
    [InlineData("本月", "2026-11-01")]
    [InlineData("上个月", "2026-10-01")]
    [InlineData("11月", "2026-11-01")]
    [InlineData("3月份", "2026-03-01")]
    // A month still to come this year is last year's: a summary looks back.
    [InlineData("12月", "2025-12-01")]
    public void MonthSaidInWords_IsTheFirstOfThatMonth(string said, string first)
    {
        Assert.True(DutyDates.TryParseMonthSaid(said, Today, out var month));
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), month);
    }

    [Theory]
    [InlineData("13月")]
    [InlineData("下个月的")]
    [InlineData("明天")]
    public void NoMonthSaid_IsNotAMonth(string said) => Assert.False(DutyDates.TryParseMonthSaid(said, Today, out _));

    [Theory]
    [InlineData("明天谁值班", "2026-11-28")]
    [InlineData("我周日上什么班", "2026-11-29")]
    [InlineData("谁值班 12-01", "2026-12-01")]
    public void ADayNamedInAQuestion_IsFound(string question, string day)
    {
        Assert.True(DutyDates.TryFind(question, Today, out var found));
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), found);
    }

    [Fact]
    public void AUnitIsNoDate() => Assert.False(DutyDates.TryFind("3-1-502的钥匙", Today, out _));
}

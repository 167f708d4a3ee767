using Bot.Domain.Conversations;
using Bot.Tests.Support;

namespace Bot.Tests.Conversations;

/// <summary>Clock times as staff type them, and which moment each means (Shanghai time).</summary>
public sealed class ClockInputTests
{
    [Theory]
    [InlineData("16:30", "16:30", false)]
    [InlineData("１６：３０", "16:30", false)]
    [InlineData("16.30", "16:30", false)]
    [InlineData("08:00", "08:00", false)]
    [InlineData("8:00", "08:00", true)]
    [InlineData("15点", "15:00", false)]
    [InlineData("15点30", "15:30", false)]
    [InlineData("15点30分", "15:30", false)]
    [InlineData("15时30分", "15:30", false)]
    [InlineData("3点半", "03:30", true)]
    [InlineData("两点", "02:00", true)]
    [InlineData("12点", "12:00", false)]
    [InlineData("0点", "00:00", false)]
    [InlineData("下午3点", "15:00", false)]
    [InlineData("下午3点半", "15:30", false)]
    [InlineData("下午 4点半", "16:30", false)]
    [InlineData("下午三点一刻", "15:15", false)]
    [InlineData("下午十五点", "15:00", false)]
    [InlineData("中午12点", "12:00", false)]
    [InlineData("中午1点", "13:00", false)]
    [InlineData("上午十点", "10:00", false)]
    [InlineData("早上8点", "08:00", false)]
    [InlineData("晚上八点三刻", "20:45", false)]
    [InlineData("晚上12点", "00:00", false)]
    [InlineData("夜里2点", "02:00", false)]
    [InlineData("凌晨十二点", "00:00", false)]
    [InlineData("八点零五", "08:05", true)]
    [InlineData("二十三点二十五分", "23:25", false)]
    [InlineData("3pm", "15:00", false)]
    [InlineData("4:30 PM", "16:30", false)]
    [InlineData("12 a.m.", "00:00", false)]
    [InlineData("11:15am", "11:15", false)]
    public void TypedTimes_AreRead(string typed, string expected, bool needsPeriod)
    {
        Assert.True(ClockInput.TryParse(typed, out var clock));
        Assert.Equal((TimeOnly.Parse(expected), needsPeriod), (clock.Time, clock.NeedsPeriod));
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("明天")]
    [InlineData("25:00")]
    [InlineData("24点")]
    [InlineData("15:60")]
    [InlineData("15点61分")]
    [InlineData("一十点")]
    [InlineData("十十点")]
    [InlineData("三十点")]
    [InlineData("下午3点后")]
    [InlineData("13pm")]
    [InlineData("3-1-502")]
    public void OtherText_IsNoTime(string typed) => Assert.False(ClockInput.TryParse(typed, out _));

    [Theory]
    // Ahead today: today.
    [InlineData("13:00", "16:30", "2026-11-26 16:30")]
    // An hour without 上午/下午 that has passed: the afternoon's, if that is still ahead.
    [InlineData("13:00", "3点", "2026-11-26 15:00")]
    [InlineData("13:00", "3:30", "2026-11-26 15:30")]
    // Written as the 24-hour clock or with 上午: stays in the past (the caller says so).
    [InlineData("13:00", "03:00", "2026-11-26 03:00")]
    [InlineData("13:00", "上午11点", "2026-11-26 11:00")]
    // More than 12 hours back: tomorrow's small hours, as on a night shift.
    [InlineData("23:40", "01:30", "2026-11-27 01:30")]
    [InlineData("23:40", "凌晨1点半", "2026-11-27 01:30")]
    // "9点" at 23:40: 09:00 is over 12 hours back, so tomorrow morning.
    [InlineData("23:40", "9点", "2026-11-27 09:00")]
    public void Resolve_PicksTheMomentMeant(string now, string typed, string expected)
    {
        var department = ConversationScript.Department;
        var at = department.ToInstant(new DateOnly(2026, 11, 26), TimeOnly.Parse(now));
        Assert.True(ClockInput.TryParse(typed, out var clock));

        var resolved = ClockInput.Resolve(clock, at, department);

        Assert.Equal(DateTime.Parse(expected), department.ToLocal(resolved).DateTime);
    }
}

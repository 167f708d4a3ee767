using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 签到 / 签退 on the demo roster: 张三 works the early shift (07:00–15:00, Shanghai) every day; check-in opens 30
/// minutes before, later than 5 minutes after the start is 迟到, checking out before the end is 早退
/// (第2篇 2.1: no lateness, early leave or absence).
/// </summary>
public sealed class AttendanceTests
{
    private static DateTimeOffset Shanghai(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    // The handover's leave gate (第2篇 2.4) has its own tests; here everyone may leave, so the marks are what is tested.
    private static BotFactory At(DateTimeOffset when) => new(time: new FakeTimeProvider(when.ToUniversalTime()),
        services: s => s.AddSingleton<ILeaveGate>(new MayLeave()));

    private static async Task<string> SayAsync(BotFactory bot, string who, string text, DateTimeOffset? at = null)
    {
        if (at is { } when) bot.Time.SetUtcNow(when.ToUniversalTime());
        var chat = new LocalChatClient(bot, who);
        await chat.NewBotLinesAsync();
        return string.Join("\n", (await chat.SayAsync(text)).Select(l => l.Text));
    }

    // The records of the tests' day: a bot started before 07:00 also has the demo's last night shift, checked in.
    private static Task<List<AttendanceRecord>> RecordsAsync(BotFactory bot) =>
        bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<AttendanceRecord>().AsNoTracking()
            .Where(r => r.Date >= new DateOnly(2026, 11, 26)).ToListAsync());

    [Fact]
    public async Task CheckIn_BeforeStart_IsOnTime()
    {
        using var bot = At(Shanghai(26, 6, 45));

        var reply = await SayAsync(bot, "zhangsan", "签到");

        Assert.Equal("签到成功：早班 07:00–15:00，签到时间 06:45（正常），岗位：客服中心。祝您工作顺利！", reply);
        var record = Assert.Single(await RecordsAsync(bot));
        Assert.Equal(AttendanceMark.OnTime, record.CheckIn);
    }

    [Fact]
    public async Task CheckIn_AfterTheGrace_IsLate_第2篇_2_1()
    {
        using var bot = At(Shanghai(26, 7, 12));

        var reply = await SayAsync(bot, "zhangsan", "签到");

        Assert.Equal("签到成功：早班 07:00–15:00，签到时间 07:12。您迟到了 12 分钟，已记录为迟到。", reply);
        Assert.Equal(AttendanceMark.Late, Assert.Single(await RecordsAsync(bot)).CheckIn);
    }

    [Fact]
    public async Task LateOrEarlyByHours_IsSaidInHoursAndMinutes_第2篇_2_1()
    {
        // "您迟到了405分钟" had to be worked out before anyone knew what it meant.
        using var bot = At(Shanghai(26, 13, 44).AddSeconds(30));
        // 13:44:30 reads 13:44: as late as the clock beside it says.
        Assert.EndsWith("签到时间 13:44。您迟到了 6 小时 44 分钟，已记录为迟到。", await SayAsync(bot, "zhangsan", "签到"));
        Assert.EndsWith("比下班时间早 1 小时，已记录为早退。", await SayAsync(bot, "zhangsan", "签退 确认", Shanghai(26, 14, 0)));
    }

    [Fact]
    public async Task CheckIn_WithinTheGrace_IsOnTime()
    {
        using var bot = At(Shanghai(26, 7, 5));

        await SayAsync(bot, "zhangsan", "签到");

        Assert.Equal(AttendanceMark.OnTime, Assert.Single(await RecordsAsync(bot)).CheckIn);
    }

    [Fact]
    public async Task CheckIn_TooEarly_SaysWhenAndRecordsNothing()
    {
        using var bot = At(Shanghai(26, 6, 0));

        var reply = await SayAsync(bot, "zhangsan", "签到");

        Assert.Equal("还不到签到时间：您的早班 07:00–15:00，06:30起可以签到。", reply);
        Assert.Empty(await RecordsAsync(bot));
    }

    [Fact]
    public async Task CheckIn_Twice_SaysSoAndKeepsTheFirst()
    {
        using var bot = At(Shanghai(26, 6, 50));
        await SayAsync(bot, "zhangsan", "签到");

        var reply = await SayAsync(bot, "zhangsan", "签到", Shanghai(26, 7, 30));

        Assert.Equal("您已于 06:50 签到，无需重复签到。", reply);
        Assert.Equal(AttendanceMark.OnTime, Assert.Single(await RecordsAsync(bot)).CheckIn);
    }

    [Fact]
    public async Task CheckIn_NotOnTheRoster_SaysSoAndRecordsNothing()
    {
        using var bot = At(Shanghai(26, 9, 0));

        var reply = await SayAsync(bot, "zhouba", "签到");

        Assert.StartsWith("您好，您今天没有排班，无需签到。", reply);
        Assert.Empty(await RecordsAsync(bot));
    }

    [Fact]
    public async Task CheckIn_AfterTheShiftEnded_SendsToTheShiftLeadForACorrection()
    {
        using var bot = At(Shanghai(26, 15, 30));

        var reply = await SayAsync(bot, "zhangsan", "签到");

        Assert.Equal("您今天的班次已经结束，无法签到。如需补卡，请发送「补卡」提交申请，由上级审批。", reply);
        Assert.Empty(await RecordsAsync(bot));
    }

    [Fact]
    public async Task NightShift_CheckOutAfterMidnight_ClosesYesterdaysShift()
    {
        using var bot = At(Shanghai(26, 22, 50));
        Assert.StartsWith("签到成功：夜班 23:00–07:00", await SayAsync(bot, "wujiu", "签到"));

        var reply = await SayAsync(bot, "wujiu", "签退", Shanghai(27, 7, 2));

        Assert.Equal("签退成功：夜班 23:00–07:00，签退时间 07:02（正常）。辛苦了！", reply);
        var record = Assert.Single(await RecordsAsync(bot));
        Assert.Equal(new DateOnly(2026, 11, 26), record.Date);
        Assert.Equal(AttendanceMark.OnTime, record.CheckOut);
    }

    [Fact]
    public async Task CheckOut_BeforeTheEnd_IsEarlyLeave_第2篇_2_1()
    {
        using var bot = At(Shanghai(26, 6, 55));
        await SayAsync(bot, "zhangsan", "签到");

        // Asked first: 签退 pressed from the help's buttons, or typed too soon, is not an early leave on the record.
        Assert.Equal("现在还没到下班时间（15:00），此时签退将记为早退（提前 30 分钟，第2篇 2.1）。确定要签退吗？",
            await SayAsync(bot, "zhangsan", "签退", Shanghai(26, 14, 30)));
        Assert.Null(Assert.Single(await RecordsAsync(bot)).CheckOut);
        Assert.Equal("好的，暂不签退，请继续值班。", await SayAsync(bot, "zhangsan", "暂不签退"));
        Assert.Null(Assert.Single(await RecordsAsync(bot)).CheckOut);

        await SayAsync(bot, "zhangsan", "签退");
        var reply = await SayAsync(bot, "zhangsan", "确认签退（记早退）");

        Assert.Equal("签退成功：早班 07:00–15:00，签退时间 14:30。比下班时间早 30 分钟，已记录为早退。", reply);
        Assert.Equal(AttendanceMark.Early, Assert.Single(await RecordsAsync(bot)).CheckOut);
    }

    [Fact]
    public async Task CheckOut_WithoutCheckIn_IsRefused()
    {
        using var bot = At(Shanghai(26, 15, 0));

        var reply = await SayAsync(bot, "zhangsan", "签退");

        Assert.Equal("您本班次还没有签到，无法签退。如漏签，请在班次结束后发送「补卡」提交申请，由上级审批。", reply);
        Assert.Empty(await RecordsAsync(bot));
    }

    [Fact]
    public async Task CheckOut_Twice_SaysSo()
    {
        using var bot = At(Shanghai(26, 6, 55));
        await SayAsync(bot, "zhangsan", "签到");
        await SayAsync(bot, "zhangsan", "签退", Shanghai(26, 15, 1));

        var reply = await SayAsync(bot, "zhangsan", "签退", Shanghai(26, 15, 10));

        Assert.Equal("您已于 15:01 签退，无需重复签退。", reply);
    }

    [Fact]
    public async Task CheckOut_WhenTheLeaveGateSaysNo_IsRefusedAndNothingChanges_第2篇_2_4()
    {
        using var bot = new BotFactory(time: new FakeTimeProvider(Shanghai(26, 6, 55).ToUniversalTime()),
            services: s => s.AddSingleton<ILeaveGate>(new NoSuccessorYet()));
        await SayAsync(bot, "zhangsan", "签到");

        var reply = await SayAsync(bot, "zhangsan", "签退", Shanghai(26, 15, 0));

        Assert.Equal("接班人尚未接班，请您稍候。", reply);
        Assert.Null(Assert.Single(await RecordsAsync(bot)).CheckedOutAt);
    }

    [Fact]
    public async Task MyShifts_ListsTheNextSevenDays()
    {
        using var bot = At(Shanghai(26, 9, 0));

        var reply = await SayAsync(bot, "lisi", "我的班次");

        var lines = reply.Split('\n');
        Assert.Equal("您未来7天的班次：", lines[0]);
        Assert.Equal("11-26（周四）中班 15:00–23:00，岗位：客服中心", lines[1]);
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public async Task OnDuty_ShowsWhoIsOnNowAndTodaysRoster()
    {
        using var bot = At(Shanghai(26, 6, 50));
        await SayAsync(bot, "zhangsan", "签到");
        await SayAsync(bot, "zhengshi", "签到");
        await SayAsync(bot, "zhengshi", "签退 确认", Shanghai(26, 9, 0));

        var reply = await SayAsync(bot, "zhaoliu", "今天谁值班");

        Assert.StartsWith("现在当班：", reply);
        // Rostered is not present: who has not checked in, or has left already, says so.
        Assert.Contains("张三（客服中心）、", reply.Split('\n')[0]);
        Assert.Contains("王五（领班，未签到）", reply.Split('\n')[0]);
        Assert.Contains("郑十（前台，已签退）", reply.Split('\n')[0]);
        Assert.DoesNotContain("李四", reply.Split('\n')[0]);
        Assert.Contains("中班 15:00–23:00：李四（客服中心）", reply);
        Assert.Contains("夜班 23:00–07:00：吴九（客服中心）", reply);
    }

    [Theory]
    [InlineData("今天谁迟到了")]
    [InlineData("考勤")]
    [InlineData("谁没签到？")]
    public async Task DayAttendance_ShowsEachShiftAsItStands_第2篇_2_1(string asked)
    {
        using var bot = At(Shanghai(26, 6, 50));
        await SayAsync(bot, "zhangsan", "签到");
        await SayAsync(bot, "wangwu", "签到", Shanghai(26, 7, 12));

        var reply = await SayAsync(bot, "zhaoliu", asked, Shanghai(26, 9, 0));

        var lines = reply.Split('\n');
        Assert.Equal("11-26（周四）考勤：", lines[0]);
        var early = lines[1].Split('：', 2)[1].Split('；');
        Assert.Equal(["张三 06:50 签到", "王五 迟到 12 分钟（07:12 签到）", "郑十 未签到"], early.Order());
        Assert.Equal("中班 15:00–23:00：李四 未到班", lines[2]);
        Assert.Equal("合计：迟到 1 人次，早退 0 人次，缺勤 0 人次，当班未签到 1 人次。", lines[^1]);
    }

    [Fact]
    public async Task DayAttendance_ADayGoneBy_AndAMonthSaidInWords()
    {
        using var bot = At(Shanghai(26, 6, 50));
        await SayAsync(bot, "zhangsan", "签到");
        await SayAsync(bot, "zhangsan", "签退 确认", Shanghai(26, 14, 0));

        var yesterday = await SayAsync(bot, "zhaoliu", "昨天考勤", Shanghai(27, 9, 0));
        var early = yesterday.Split('\n')[1];
        Assert.Contains("张三 06:50 签到，早退 1 小时（14:00 签退）", early);
        Assert.Contains("郑十 缺勤", early);
        // The total says what the lines say: as many 缺勤 as are marked.
        var marked = yesterday.Split('\n')[1..^1].Sum(l => l.Split("缺勤").Length - 1);
        Assert.Equal($"合计：迟到 0 人次，早退 1 人次，缺勤 {marked} 人次，当班未签到 0 人次。", yesterday.Split('\n')[^1]);

        Assert.StartsWith("2026-11 考勤统计（截至 11-27", await SayAsync(bot, "zhaoliu", "这个月考勤"));
        Assert.Equal("2026-10 没有排班记录。", await SayAsync(bot, "zhaoliu", "考勤统计 上个月"));
        // Everyone's attendance is for those who keep or manage it.
        Assert.StartsWith("对不起，“今日考勤”不在您的权限范围内。", await SayAsync(bot, "zhangsan", "考勤"));
    }

    [Theory]
    [InlineData("我的班次 明天", "您11-27（周五）的班次：\n11-27（周五）中班 15:00–23:00，岗位：客服中心")]
    [InlineData("我明天上什么班？", "您11-27（周五）的班次：\n11-27（周五）中班 15:00–23:00，岗位：客服中心")]
    [InlineData("周六几点上班", "您11-28（周六）的班次：\n11-28（周六）中班 15:00–23:00，岗位：客服中心")]
    [InlineData("我的班次 2027-01-05", "您01-05（周二）没有排班。")]
    public async Task MyShifts_ForTheDayTheQuestionNames(string asked, string reply)
    {
        using var bot = At(Shanghai(26, 9, 0));
        Assert.Equal(reply, await SayAsync(bot, "lisi", asked));
    }

    [Fact]
    public async Task OnDuty_AnotherDay_IsThatDaysRosterAndDutyManager_第2篇_1_1()
    {
        using var bot = At(Shanghai(26, 9, 0));

        var reply = await SayAsync(bot, "zhangsan", "明天谁值班呢？");

        Assert.Equal(
            "11-27（周五）的值班安排：\n值班经理：赵六\n早班 07:00–15:00：张三（客服中心）、郑十（前台）、王五（领班）\n"
            + "中班 15:00–23:00：李四（客服中心）\n夜班 23:00–07:00：吴九（客服中心）", Reorder(reply));
        Assert.Equal(reply, await SayAsync(bot, "zhangsan", "谁值班 11-27"));
        // Beyond the roster: not "无人值班" on every shift.
        Assert.Equal("01-05（周二）的值班安排：\n这一天还没有排班。", await SayAsync(bot, "zhangsan", "2027-01-05谁值班"));
    }

    [Fact]
    public async Task OnDuty_ADayGoneBy_MarksWhoNeverCheckedIn_第2篇_2_1()
    {
        using var bot = At(Shanghai(26, 6, 50));
        await SayAsync(bot, "zhangsan", "签到");
        await SayAsync(bot, "wangwu", "签到");

        var reply = await SayAsync(bot, "zhaoliu", "昨天谁值班", Shanghai(27, 10, 0));

        var early = reply.Split('\n').Single(l => l.StartsWith("早班", StringComparison.Ordinal));
        Assert.Contains("张三（客服中心）", early);
        Assert.Contains("王五（领班）", early);
        Assert.Contains("郑十（前台，未签到）", early);
        Assert.DoesNotContain("现在当班", reply);
    }

    [Fact]
    public async Task AnOwnersQuestionEndingInARosterWord_IsAMessageForTheFrontDesk_NotARefusal()
    {
        using var bot = At(Shanghai(26, 9, 0));
        Assert.StartsWith("陈先生您好，您的留言已转给", await SayAsync(bot, "chen-3-1-502", "想问下今天谁值班"));
    }

    // The early shift's names in the demo's order, whatever order the store returns them in.
    private static string Reorder(string reply) => string.Join("\n", reply.Split('\n').Select(l => l.StartsWith("早班", StringComparison.Ordinal)
        ? "早班 07:00–15:00：" + string.Join("、", l["早班 07:00–15:00：".Length..].Split('、').OrderBy(n => n.Contains("张三") ? 0 : n.Contains("郑十") ? 1 : 2))
        : l));

    private sealed class NoSuccessorYet : ILeaveGate
    {
        public Task<string?> WhyNotAsync(string personId, RosterAssignment assignment, string language, CancellationToken cancellationToken) =>
            Task.FromResult<string?>("接班人尚未接班，请您稍候。");
    }

    [Fact]
    public async Task MonthSoFar_CountsOnlyShiftsStarted_第7篇_1_2()
    {
        using var bot = At(Shanghai(26, 9, 0));
        // The demo's roster starts today. 李四's 中班 starts at 15:00 and 吴九's 夜班 at 23:00: in the morning they are
        // neither worked nor missed, so not counted.
        var morning = await SayAsync(bot, "zhaoliu", "考勤统计");
        Assert.Contains("张三：班次 1，", morning);
        Assert.DoesNotContain("李四", morning);
        Assert.DoesNotContain("吴九", morning);
        var afternoon = await SayAsync(bot, "zhaoliu", "考勤统计", Shanghai(26, 15, 1));
        Assert.Contains("李四：班次 1，", afternoon);
        Assert.DoesNotContain("吴九", afternoon);
    }
}

using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// The month's attendance per person (shifts, late, early leave, absent, corrections) as CSV from the admin API and as
/// 考勤统计 in chat for the 考勤员 (郑十) and supervisors, and the digest's attendance section. On 2026-11-26 张三 comes in
/// late and leaves early, 王五 and 郑十 are on time, 李四 never checks in; the demo November has 5 days (26th–30th).
/// </summary>
public sealed class AttendanceReportTests : IDisposable
{
    private const string Key = "test-admin-key";
    private readonly BotFactory _bot = new(settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = Key },
        time: new FakeTimeProvider(Shanghai(26, 6, 50).ToUniversalTime()),
        // The marks are what is counted here; leaving before the successor took over is the handover's gate.
        services: s => s.AddSingleton<ILeaveGate>(new MayLeave()));

    private static DateTimeOffset Shanghai(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    public void Dispose() => _bot.Dispose();

    private async Task<string> SayAsync(string who, string text, DateTimeOffset? at = null)
    {
        if (at is { } when) _bot.Time.SetUtcNow(when.ToUniversalTime());
        var chat = new LocalChatClient(_bot, who);
        await chat.NewBotLinesAsync();
        return string.Join("\n", (await chat.SayAsync(text)).Select(l => l.Text));
    }

    private async Task ADayOfWorkAsync()
    {
        await SayAsync("wangwu", "签到");
        await SayAsync("zhengshi", "签到");
        await SayAsync("zhangsan", "签到", Shanghai(26, 7, 12));
        await SayAsync("zhangsan", "签退 确认", Shanghai(26, 14, 30));
        var end = Shanghai(26, 23, 1);
        _bot.Time.SetUtcNow(end.ToUniversalTime());
        await _bot.InScopeAsync(sp => sp.GetRequiredService<AttendanceWatch>().ProcessAsync(end, CancellationToken.None));
    }

    [Fact]
    public async Task AttendanceCsv_CountsEachPersonsMonth_第2篇_2_1()
    {
        await ADayOfWorkAsync();
        var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.GetAsync("/api/admin/duty/attendance?month=2026-11");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("person,name,shifts,late,early_leave,absent,corrections", lines[0]);
        Assert.Contains("zhangsan,张三,5,1,1,0,0", lines);
        Assert.Contains("lisi,李四,5,0,0,1,0", lines);
        Assert.Contains("zhengshi,郑十,5,0,0,0,0", lines);
    }

    [Fact]
    public async Task AttendanceCsv_OpensInExcelWithTheNamesIntact()
    {
        var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.GetAsync("/api/admin/duty/attendance?month=2026-11");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        // Excel on a Chinese Windows reads a CSV without the UTF-8 BOM as GBK: 张三 would come out as 寮犱笁.
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("attendance-2026-11.csv", response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task AttendanceSummary_ForTheClerk_ListsEachPerson_第7篇_1_1_4()
    {
        await ADayOfWorkAsync();

        var reply = await SayAsync("zhengshi", "考勤统计 2026-11");

        // The month under way, up to today: the four shifts still to come are neither worked nor missed (the CSV above
        // is the whole roster of the month).
        Assert.StartsWith("2026-11 考勤统计（截至 11-26；班次 / 迟到 / 早退 / 缺勤 / 补卡）：", reply);
        Assert.Contains("张三：班次 1，迟到 1，早退 1，缺勤 0，补卡 0", reply);
        Assert.Contains("李四：班次 1，迟到 0，早退 0，缺勤 1，补卡 0", reply);
        // The next day, that day's shifts count too.
        _bot.Time.SetUtcNow(Shanghai(27, 9, 0).ToUniversalTime());
        Assert.Contains("张三：班次 2，", await SayAsync("zhengshi", "考勤统计"));
    }

    [Fact]
    public async Task AttendanceSummary_NotForServiceStaff()
    {
        Assert.DoesNotContain("考勤统计（", await SayAsync("zhangsan", "考勤统计"));
    }

    [Fact]
    public async Task Digest_AttendanceSection_NamesYesterdaysLateAndAbsentAndWhatIsPending()
    {
        await ADayOfWorkAsync();
        await SayAsync("zhangsan", "调班 李四 2026-11-28");
        var morning = Shanghai(27, 8, 30);
        _bot.Time.SetUtcNow(morning.ToUniversalTime());

        await _bot.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(morning, CancellationToken.None));
        await _bot.DispatchAsync();

        var digest = string.Join("\n", (await new LocalChatClient(_bot, "zhaoliu").NewBotLinesAsync()).Select(l => l.Text));
        Assert.Contains("考勤（11-26）：", digest);
        Assert.Contains("迟到 1 人次：张三", digest);
        Assert.Contains("缺勤 1 人次：李四", digest);
        Assert.Contains("待处理调班 1 件：#1", digest);
    }
}

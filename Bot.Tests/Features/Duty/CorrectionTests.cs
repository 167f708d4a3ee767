using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 缺勤 when a shift ends without a check-in (第2篇 2.1: no absence), and 补卡: the person explains a missed check-in or
/// check-out and the direct superior (王五 for 张三) decides. Early shift 07:00–15:00, 2026-11-26 (Shanghai).
/// </summary>
public sealed class CorrectionTests : IDisposable
{
    private readonly BotFactory _bot = new(time: new FakeTimeProvider(Shanghai(6, 50).ToUniversalTime()),
        // The marks are what is corrected here; leaving before the successor took over is the handover's gate.
        services: s => s.AddSingleton<ILeaveGate>(new MayLeave()));
    private readonly Dictionary<string, LocalChatClient> _chats = [];

    private static DateTimeOffset Shanghai(int hour, int minute) => new(2026, 11, 26, hour, minute, 0, TimeSpan.FromHours(8));

    public void Dispose() => _bot.Dispose();

    private LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var chat) ? chat : _chats[who] = new LocalChatClient(_bot, who);

    private async Task<string> SayAsync(string who, string text)
    {
        await Chat(who).NewBotLinesAsync();
        return string.Join("\n", (await Chat(who).SayAsync(text)).Select(l => l.Text));
    }

    private async Task<int> WatchAsync(DateTimeOffset at)
    {
        _bot.Time.SetUtcNow(at.ToUniversalTime());
        var acted = await _bot.InScopeAsync(sp => sp.GetRequiredService<AttendanceWatch>().ProcessAsync(at, CancellationToken.None));
        await _bot.DispatchAsync();
        return acted;
    }

    private Task<List<AttendanceRecord>> RecordsAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<AttendanceRecord>().AsNoTracking().ToListAsync());

    private async Task<AttendanceRecord> RecordOfAsync(string who) => (await RecordsAsync()).Single(r => r.PersonId == who && r.ShiftCode == "early");

    [Fact]
    public async Task Watch_ShiftOverWithoutCheckIn_MarksAbsentOnce_第2篇_2_1()
    {
        await SayAsync("zhengshi", "签到");

        await WatchAsync(Shanghai(15, 1));
        await WatchAsync(Shanghai(15, 2));

        var records = await RecordsAsync();
        Assert.Equal(AttendanceMark.Absent, (await RecordOfAsync("zhangsan")).CheckIn);
        Assert.Equal(AttendanceMark.Absent, (await RecordOfAsync("wangwu")).CheckIn);
        Assert.Equal(AttendanceMark.OnTime, (await RecordOfAsync("zhengshi")).CheckIn);
        Assert.Equal(3, records.Count(r => r.ShiftCode == "early"));
    }

    [Fact]
    public async Task Correction_ApprovedBySuperior_RecordShowsCorrected_第2篇_2_1()
    {
        await WatchAsync(Shanghai(15, 1));
        await Chat("wangwu").NewBotLinesAsync();

        var asked = await SayAsync("zhangsan", "补卡 手机没电 07:00 已到岗");

        Assert.Equal("已提交补卡申请 #1，等待王五审批，结果会通知您。", asked);
        var ask = (await Chat("wangwu").NewBotLinesAsync()).Single();
        Assert.Equal("王五您好，张三申请补卡：11-26（周四） 早班 07:00–15:00。原因：手机没电 07:00 已到岗。请审批（补卡申请 #1）。", ask.Text);
        Assert.Equal(AttendanceMark.Absent, (await RecordOfAsync("zhangsan")).CheckIn);

        var approved = string.Join("\n", (await Chat("wangwu").PressAsync(ask.Choices[0].Value)).Select(l => l.Text));

        Assert.Equal("已批准补卡申请 #1：张三 11-26（周四）早班记录为补卡，已通知本人。", approved);
        var record = await RecordOfAsync("zhangsan");
        Assert.Equal((AttendanceMark.Corrected, AttendanceMark.Corrected), (record.CheckIn!.Value, record.CheckOut!.Value));
        Assert.Equal("您的补卡申请 #1（11-26（周四） 早班 07:00–15:00）已由王五批准，考勤记录为“补卡”。", (await Chat("zhangsan").NewBotLinesAsync()).Single().Text);
    }

    [Fact]
    public async Task Correction_TheNextDay_昨天_IsYesterdaysShift_第2篇_2_1()
    {
        await WatchAsync(Shanghai(15, 1));
        await Chat("wangwu").NewBotLinesAsync();
        _bot.Time.SetUtcNow(Shanghai(10, 0).AddDays(1).ToUniversalTime());

        // 昨天 is a date, looking back (it was read as part of the reason before).
        Assert.Equal("已提交补卡申请 #1，等待王五审批，结果会通知您。", await SayAsync("zhangsan", "补卡 昨天 手机没电"));
        Assert.Equal("王五您好，张三申请补卡：11-26（周四） 早班 07:00–15:00。原因：手机没电。请审批（补卡申请 #1）。",
            (await Chat("wangwu").NewBotLinesAsync()).Single().Text);
    }

    [Fact]
    public async Task Correction_OnlyTheMissedCheckOut_KeepsTheCheckInMark()
    {
        _bot.Time.SetUtcNow(Shanghai(7, 10).ToUniversalTime());
        await SayAsync("zhangsan", "签到");
        _bot.Time.SetUtcNow(Shanghai(16, 0).ToUniversalTime());

        Assert.Equal("请说明漏签的原因（例如：手机没电，已于 07:00 到岗）：", await SayAsync("zhangsan", "补卡"));
        await SayAsync("zhangsan", "下班时忘记签退");
        await SayAsync("wangwu", "同意补卡");

        var record = await RecordOfAsync("zhangsan");
        Assert.Equal((AttendanceMark.Late, AttendanceMark.Corrected), (record.CheckIn!.Value, record.CheckOut!.Value));
    }

    [Fact]
    public async Task Correction_Rejected_StaysAbsentAndThePersonIsTold()
    {
        await WatchAsync(Shanghai(15, 1));
        await SayAsync("zhangsan", "补卡 忘了");

        var reply = await SayAsync("wangwu", "驳回补卡 1");

        Assert.Equal("已驳回补卡申请 #1（张三 11-26（周四）早班），已通知本人。", reply);
        Assert.Equal(AttendanceMark.Absent, (await RecordOfAsync("zhangsan")).CheckIn);
        Assert.Equal("您的补卡申请 #1（11-26（周四） 早班 07:00–15:00）未获王五批准，考勤记录不变。", (await Chat("zhangsan").NewBotLinesAsync()).Single().Text);
    }

    [Theory]
    [InlineData("驳回补卡 1 监控显示当天 07:40 才到岗")]
    [InlineData("拒绝补卡 监控显示当天 07:40 才到岗")]
    public async Task Correction_RejectedWithAReason_ThePersonHearsTheReason(string typed)
    {
        await WatchAsync(Shanghai(15, 1));
        await SayAsync("zhangsan", "补卡 忘了");

        await SayAsync("wangwu", typed);

        Assert.Equal("您的补卡申请 #1（11-26（周四） 早班 07:00–15:00）未获王五批准，考勤记录不变。原因：监控显示当天 07:40 才到岗",
            (await Chat("zhangsan").NewBotLinesAsync()).Single().Text);
        Assert.Equal(AttendanceMark.Absent, (await RecordOfAsync("zhangsan")).CheckIn);
    }

    [Fact]
    public async Task Correction_NothingMissing_IsRefusedAndRecordsNothing()
    {
        await SayAsync("zhangsan", "签到");
        _bot.Time.SetUtcNow(Shanghai(15, 0).ToUniversalTime());
        await SayAsync("zhangsan", "签退");
        _bot.Time.SetUtcNow(Shanghai(16, 0).ToUniversalTime());

        Assert.Equal("您好，您最近7天已结束的班次签到、签退记录完整，无需补卡。", await SayAsync("zhangsan", "补卡 忘了"));
    }

    [Fact]
    public async Task Correction_OnlyTheDirectSuperiorDecides()
    {
        await WatchAsync(Shanghai(15, 1));
        await SayAsync("zhangsan", "补卡 忘了");

        Assert.Equal("对不起，补卡申请 #1 不需要您审批。", await SayAsync("zhaoliu", "同意补卡 1"));
        Assert.Equal(AttendanceMark.Absent, (await RecordOfAsync("zhangsan")).CheckIn);
    }
}

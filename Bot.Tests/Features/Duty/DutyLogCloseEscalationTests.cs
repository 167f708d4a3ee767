using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// An emergency (紧急) is an open duty-log entry with an escalation that starts at 客服部经理 (第2篇 1.6, 2.3). Closed in
/// the log with 结案 — by the recorder, who was never alerted — the escalation ends with it: those alerted hear once
/// that it is closed, and it stops climbing to 总经理. Demo: 张三 on duty, 孙七 客服部经理, 钱一 总经理.
/// </summary>
public sealed class DutyLogCloseEscalationTests : DemoChatTests
{
    private Task<List<DutyLogEntry>> EntriesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<DutyLogEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private Task<EscalationCase> CaseAsync(long id) =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>An hour of the escalation job, a minute at a time.</summary>
    private async Task AnHourPassesAsync()
    {
        for (var i = 0; i < 60; i++)
        {
            Bot.Time.Advance(TimeSpan.FromMinutes(1));
            await Bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
            await Bot.DispatchAsync();
        }
    }

    [Fact]
    public async Task Emergency_ClosedByTheRecorder_ClosesItsEscalation_TellsThoseAlertedOnce_AndStopsTheClimb()
    {
        await SayAsync("zhangsan", "紧急 B座电梯困人");
        var entry = Assert.Single(await EntriesAsync());
        var caseId = entry.EscalationId!.Value;
        Assert.Contains("B座电梯困人", Assert.Single(await InboxAsync("sunqi")).Text);

        var reply = await TextAsync("zhangsan", $"结案 {entry.Id} 维保已放人，乘客安全");

        Assert.Equal($"记录 #{entry.Id}（紧急情况）已结案，谢谢！\n升级事项 #{caseId} 随之结束，已告知孙七、赵六。", reply);
        var escalation = await CaseAsync(caseId);
        Assert.Equal((EscalationStatus.Resolved, "zhangsan", "维保已放人，乘客安全"), (escalation.Status, escalation.ResolvedById, escalation.ResolutionNote));
        var told = Assert.Single(await InboxAsync("sunqi")).Text;
        Assert.StartsWith($"升级事项 #{caseId}（", told);
        Assert.EndsWith("已由张三处理完毕：维保已放人，乘客安全", told);

        await AnHourPassesAsync();

        Assert.Empty(await InboxAsync("sunqi"));
        Assert.Empty(await InboxAsync("qianyi"));
    }

    [Fact]
    public async Task Emergency_ClosedFromTheList_AskingForTheResult_ClosesItsEscalationToo()
    {
        await SayAsync("zhangsan", "紧急 会所燃气报警");
        var entry = Assert.Single(await EntriesAsync());
        await InboxAsync("sunqi");
        // 孙七 was alerted five minutes ago and has not answered: it has reached 钱一 too.
        Bot.Time.Advance(TimeSpan.FromMinutes(6));
        await Bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Contains("会所燃气报警", Assert.Single(await InboxAsync("qianyi")).Text);

        Assert.Equal($"请说明记录 #{entry.Id} 的处理结果：", await TextAsync("zhangsan", $"结案 {entry.Id}"));
        var reply = await TextAsync("zhangsan", "误报");

        Assert.EndsWith($"升级事项 #{entry.EscalationId} 随之结束，已告知孙七、赵六、钱一。", reply);
        Assert.EndsWith("已由张三处理完毕：误报", Assert.Single(await InboxAsync("sunqi")).Text);
        Assert.EndsWith("已由张三处理完毕：误报", Assert.Single(await InboxAsync("qianyi")).Text);
        await AnHourPassesAsync();
        Assert.Empty(await InboxAsync("sunqi"));
        Assert.Empty(await InboxAsync("qianyi"));
    }

    [Fact]
    public async Task Emergency_ClosedByTheManagerAlerted_TellsTheRecorder()
    {
        await SayAsync("zhangsan", "紧急 B座电梯困人");
        var entry = Assert.Single(await EntriesAsync());
        await InboxAsync("sunqi");
        await InboxAsync("zhangsan");

        var reply = await TextAsync("sunqi", $"结案 {entry.Id} 维保已放人");

        Assert.Equal($"记录 #{entry.Id}（紧急情况）已结案，谢谢！\n升级事项 #{entry.EscalationId} 随之结束，已告知赵六。", reply);
        Assert.EndsWith("已由孙七处理完毕：维保已放人", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal(EscalationStatus.Resolved, (await CaseAsync(entry.EscalationId!.Value)).Status);
    }

    [Fact]
    public async Task LateReport_Written_SettlesTheReportMissingEscalation_AndItStopsClimbing_第2篇_1_6()
    {
        await SayAsync("zhangsan", "值班记录 B座电梯困人");
        await SayAsync("zhangsan", "重大");
        await SayAsync("zhangsan", "维保已放人");
        var entry = Assert.Single(await EntriesAsync());
        // Friday 12:01: the report was due at 12:00 and is missing — escalated to 客服部经理.
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 12, 1, 0, TimeSpan.FromHours(8)));
        await Bot.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        await InboxAsync("zhangsan");
        Assert.Contains(await InboxAsync("sunqi"), l => l.Text.Contains($"值班记录 #{entry.Id} 书面报告未提交", StringComparison.Ordinal));

        await SayAsync("zhangsan", $"事件报告 {entry.Id}");
        foreach (var part in new[] { "09:20 B座3号梯困人", "门机故障", "维保到场放人", "无", "加强巡检" }) await SayAsync("zhangsan", part);

        var escalation = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync(c => c.Kind == "duty.report-missing"));
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        Assert.Contains(await InboxAsync("sunqi"), l => l.Text == $"升级事项 #{escalation.Id}（值班记录 #{entry.Id} 书面报告未提交：B座电梯困人）已解除：张三已于 11-27 12:01 提交书面报告");
        await AnHourPassesAsync();
        Assert.Empty(await InboxAsync("sunqi"));
        Assert.Empty(await InboxAsync("qianyi"));
    }
}

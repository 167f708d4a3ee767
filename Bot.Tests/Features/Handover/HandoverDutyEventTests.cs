using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Handover;

/// <summary>
/// 第1篇 1.3: the shift's major events are handed over whether handled or not — the duty log's entries of the shift come
/// into the handover record by themselves, not only when the outgoing person remembers to write them again.
/// </summary>
public sealed class HandoverDutyEventTests : DemoChatTests
{
    [Fact]
    public async Task AMajorEventOfTheShift_HandledOrNot_IsInTheHandover_第1篇_1_3()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "值班记录 地下车库B2水管爆裂");
        await SayAsync("zhangsan", "重大事件");
        await SayAsync("zhangsan", "已关闭总阀，维修工抢修完毕");
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 14, 35, 0, TimeSpan.FromHours(8)).ToUniversalTime());

        await SayAsync("zhangsan", "交班");
        for (var i = 0; i < 4; i++) await SayAsync("zhangsan", "完成");
        await Chat("zhangsan").PressAsync("all-ok");
        var review = string.Join("\n", (await Chat("zhangsan").PressAsync("all-ok")).Select(l => l.Text));

        Assert.Contains("【本班重大事件】", review);
        Assert.Contains("值班记录 #1（11-26 09:30）【重大事件】地下车库B2水管爆裂，已处理：已关闭总阀，维修工抢修完毕", review);
        var record = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>()
            .Include(r => r.Items).AsNoTracking().SingleAsync());
        Assert.Single(record.Items, i => i.Section == HandoverSection.DutyEvent);
    }

    [Fact]
    public async Task OpenDutyLogEntriesOfThePost_RoundProblemsToo_AreHandedOverAndTheSuccessorChecksThem_第1篇_1_2()
    {
        await SayAsync("zhangsan", "签到");
        // The 09:00 inspection round, with one problem found (written as an open duty-log entry).
        await Bot.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await TextAsync("zhangsan", "巡查");
        await TextAsync("zhangsan", "有问题：消防通道堆放杂物");
        for (var i = 0; i < 5; i++) await TextAsync("zhangsan", "正常");
        // An ordinary matter still being handled.
        await TextAsync("zhangsan", "值班记录 大堂东侧吊灯不亮");
        await TextAsync("zhangsan", "一般");
        await TextAsync("zhangsan", "处理中");
        // Someone else's post: not this handover's.
        await TextAsync("zhengshi", "签到");
        await TextAsync("zhengshi", "值班记录 前台打印机卡纸");
        await TextAsync("zhengshi", "一般");
        await TextAsync("zhengshi", "处理中");
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 14, 35, 0, TimeSpan.FromHours(8)).ToUniversalTime());

        await SayAsync("zhangsan", "交班");
        for (var i = 0; i < 4; i++) await SayAsync("zhangsan", "完成");
        await Chat("zhangsan").PressAsync("all-ok");
        var review = string.Join("\n", (await Chat("zhangsan").PressAsync("all-ok")).Select(l => l.Text));

        Assert.Contains("【值班记录未结事项】值班记录 #1（11-26 09:30）【巡查问题】管理区域：消防通道堆放杂物，仍在处理中，请接班后跟进", review);
        Assert.Contains("【值班记录未结事项】值班记录 #2（11-26 09:30）【一般】大堂东侧吊灯不亮，仍在处理中，请接班后跟进", review);
        Assert.DoesNotContain("打印机", review);

        // An open ordinary entry does not hold the handover up: it goes to the successor, who checks it like any item.
        var submitted = string.Join("\n", (await Chat("zhangsan").PressAsync("submit")).Select(l => l.Text));
        Assert.Contains("李四", submitted);
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 14, 50, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        await SayAsync("lisi", "签到");
        var shown = await TextAsync("lisi", "接班");
        Assert.Contains("消防通道堆放杂物，仍在处理中", shown);
        Assert.Contains("大堂东侧吊灯不亮，仍在处理中", shown);
    }
}

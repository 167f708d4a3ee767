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
}

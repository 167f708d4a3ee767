using Bot.Domain.Features.Calls;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Calls;

/// <summary>
/// The phone log (第10篇 一.3: the caller's requests written down point by point) on the demo department, Thursday
/// 2026-11-26 09:30: 郑十 at the front desk takes the calls, 王五 is the early shift's lead, 李四 works the middle shift.
/// </summary>
public sealed class PhoneLogTests : DemoChatTests
{
    private Task<List<PhoneCall>> CallsAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<PhoneCall>().AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    [Fact]
    public async Task ARequest_IsWrittenDown_AndRaisedToTheShiftLead_第10篇_一_3()
    {
        await InboxAsync("wangwu");
        var logged = Assert.Single(await SayAsync("zhengshi", "来电 3-1-502 陈先生：卫生间漏水，请尽快派人维修"));
        Assert.Equal("已记入电话记录：#1 09:30 3-1-502 陈先生：卫生间漏水，请尽快派人维修。请问如何处理？", logged.Text);
        Assert.Equal([("来电处理 1 已答复", "已当场答复"), ("来电处理 1 转领班", "转领班处理"), ("来电处理 1 转告", "转告同事"), ("业户 3-1-502", "业户 3-1-502")],
            logged.Choices.Select(c => (c.Value, c.Label)));
        // The unit's record while the caller is on the line: a look-up, so the call's question stays open.
        Assert.StartsWith("3-1-502 业户记录（第15篇）：", Assert.Single(await Chat("zhengshi").PressAsync(logged.Choices[3].Value)).Text);
        var call = Assert.Single(await CallsAsync());
        Assert.Equal(("zhengshi", "3-1-502", "陈先生：卫生间漏水，请尽快派人维修", CallOutcome.Open), (call.TakenById, call.UnitCode, call.Matter, call.Outcome));

        Assert.Equal("已转领班处理（升级事项 #1），已通知 王五。", Assert.Single(await Chat("zhengshi").PressAsync(logged.Choices[1].Value)).Text);
        var alert = Assert.Single(await InboxAsync("wangwu"));
        Assert.Contains("来电：3-1-502 陈先生：卫生间漏水，请尽快派人维修", alert.Text);
        Assert.Contains(alert.Choices, c => c.Value == "收到 1");
        Assert.Equal((CallOutcome.Escalated, 1L), (Assert.Single(await CallsAsync()).Outcome, Assert.Single(await CallsAsync()).EscalationId));
        var escalation = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync());
        Assert.Equal("calls.request", escalation.Kind);

        // Pressed again: changes nothing.
        Assert.Equal("电话记录 #1 已经处理过了：已转领班处理（升级事项 #1）。", await TextAsync("zhengshi", "来电处理 1 已答复"));
        Assert.Equal(CallOutcome.Escalated, Assert.Single(await CallsAsync()).Outcome);
    }

    [Fact]
    public async Task AMessageForAColleague_IsPassedOnToThem_WithAWord_第10篇_一_3()
    {
        var logged = Assert.Single(await SayAsync("zhengshi", "来电 业主陈先生找李四，请他回电 13800000000"));
        Assert.StartsWith("请问 #1 09:30 业主陈先生找李四，请他回电 13800000000 要转告哪位同事？", Assert.Single(await Chat("zhengshi").PressAsync(logged.Choices[2].Value)).Text);
        // A name nobody has: asked again, nothing sent.
        Assert.Equal("对不起，没有找到同事“老李”，请回复同事的姓名或工号。", await TextAsync("zhengshi", "老李"));
        Assert.Equal("已把 #1 09:30 业主陈先生找李四，请他回电 13800000000 转告 李四。", await TextAsync("zhengshi", "李四 下班前请回电"));
        Assert.Equal("【电话留言】#1 09:30 业主陈先生找李四，请他回电 13800000000（郑十 记录）。郑十：下班前请回电\n回电或处理后请点“已处理”。", Assert.Single(await InboxAsync("lisi")).Text);
        var call = Assert.Single(await CallsAsync());
        Assert.Equal((CallOutcome.PassedOn, "lisi"), (call.Outcome, call.PassedToId));

        // In one go, too.
        await SayAsync("zhangsan", "来电 保安部问明早几点交接");
        Assert.Equal("已把 #2 09:30 保安部问明早几点交接 转告 王五。", await TextAsync("zhangsan", "来电处理 2 转告 王五"));
    }

    [Fact]
    public async Task AnsweredOnTheSpot_AndTheLogShowsEveryCallAndWhatIsWaiting()
    {
        var first = Assert.Single(await SayAsync("zhengshi", "来电 询问物业费发票什么时候能开"));
        Assert.Equal("好的，#1 09:30 询问物业费发票什么时候能开 已记为当场答复。", Assert.Single(await Chat("zhengshi").PressAsync(first.Choices[0].Value)).Text);
        Bot.Time.Advance(TimeSpan.FromMinutes(20));
        await SayAsync("zhengshi", "来电 5-1-101 门禁卡失效");

        Assert.Equal("今天的电话记录及待处理的来电（2条）：\n#1 09:30 询问物业费发票什么时候能开 — 郑十 记录，已当场答复\n#2 09:50 5-1-101 门禁卡失效 — 郑十 记录，待处理（来电处理 2）",
            await TextAsync("wujiu", "电话记录"));
    }

    [Fact]
    public async Task ACallNotDealtWith_IsHandedOverAsUnfinishedWork_第11篇_5()
    {
        await SayAsync("zhangsan", "来电 3-1-502 陈先生问维修师傅几点到");
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 14, 35, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        await SayAsync("zhangsan", "交班");
        for (var i = 0; i < 4; i++) await SayAsync("zhangsan", "完成");
        await Chat("zhangsan").PressAsync("all-ok");
        var review = string.Join("\n", (await Chat("zhangsan").PressAsync("all-ok")).Select(l => l.Text));
        Assert.Contains("请核对交接内容", review);
        Assert.Contains("来电 #1（11-26 09:30）3-1-502 陈先生问维修师傅几点到，尚未处理", review);
        var record = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>()
            .Include(r => r.Items).AsNoTracking().SingleAsync());
        Assert.Contains(record.Items, i => i.Section == HandoverSection.OpenCall);
    }

    [Fact]
    public async Task BadInput_GetsAPoliteAnswer_AndChangesNothing()
    {
        Assert.StartsWith("请把来电事由逐条记下，有房号请写在前面", await TextAsync("zhengshi", "来电"));
        await SayAsync("zhengshi", "取消");
        Assert.Equal("没有找到电话记录 #9。", await TextAsync("zhengshi", "来电处理 9 已答复"));
        Assert.Equal("目前没有待处理的来电。", await TextAsync("zhengshi", "来电处理"));
        Assert.StartsWith("请说明是哪条来电和如何处理", await TextAsync("zhengshi", "来电处理 楼道灯"));
        await SayAsync("zhengshi", "来电 3-2-601 楼道灯不亮");
        // Alone with one call waiting: what can be done with it.
        Assert.Equal(3, Assert.Single(await SayAsync("zhengshi", "来电处理")).Choices.Count);
        var again = Assert.Single(await SayAsync("zhengshi", "来电处理 1 随便"));
        Assert.Equal("请问 #1 09:30 3-2-601 楼道灯不亮 如何处理？", again.Text);
        Assert.Equal(3, again.Choices.Count);
        Assert.Equal(CallOutcome.Open, Assert.Single(await CallsAsync()).Outcome);
    }

    [Fact]
    public async Task English_TheSameLog()
    {
        await SayAsync("lisi", "language en");
        var logged = Assert.Single(await SayAsync("lisi", "log call 3-1-502 Mr Chen: bathroom leak"));
        Assert.Equal("In the phone log: #1 09:30 3-1-502 Mr Chen: bathroom leak. What should be done with it?", logged.Text);
        Assert.Equal(["call outcome 1 answered", "call outcome 1 escalate", "call outcome 1 pass", "unit record 3-1-502"], logged.Choices.Select(c => c.Value));
        Assert.Equal("Done: #1 09:30 3-1-502 Mr Chen: bathroom leak is marked answered on the spot.", Assert.Single(await Chat("lisi").PressAsync(logged.Choices[0].Value)).Text);
    }

    [Fact]
    public async Task TheSameCallSentTwice_IsLoggedOnce()
    {
        await SayAsync("zhengshi", "来电 5-1-101 门禁卡失效");
        Assert.Equal("这通电话刚才已记入电话记录：#1 09:30 5-1-101 门禁卡失效，没有重复记录。", await TextAsync("zhengshi", "来电 5-1-101 门禁卡失效"));
        Bot.Time.Advance(TimeSpan.FromMinutes(5));
        // A call about the same thing later is another call.
        Assert.StartsWith("已记入电话记录：#2", await TextAsync("zhengshi", "来电 5-1-101 门禁卡失效"));
    }
}

using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Handover;

/// <summary>With the security control room (第14篇 3): 08:00 and 18:00 on working days, to whoever is on at 客服中心.</summary>
public sealed class SecurityHandoverTests : HandoverTestBase
{
    private async Task<int> RunAsync(int day, int hour, int minute)
    {
        At(day, hour, minute);
        var sent = await Bot.InScopeAsync(sp => sp.GetRequiredService<SecurityHandover>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        return sent;
    }

    private Task<List<SecurityHandoverEntry>> EntriesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<SecurityHandoverEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task IntakeButtonAlone_AsksWhatAndTakesTheNextMessage_AsTheEntry()
    {
        await RunAsync(27, 8, 0);
        var prompt = Assert.Single(await InboxAsync("zhangsan"));

        var asked = await Chat("zhangsan").PressAsync(prompt.Choices.Single().Value);
        Assert.StartsWith("请写明类别和内容", asked.Single().Text);
        Assert.Equal("已登记为待办 #1（投诉）：3-1-502 楼上装修噪音", await SayAsync("zhangsan", "投诉 3-1-502 楼上装修噪音"));
        // The next one is a command again, with or without the word.
        Assert.Equal("已登记为待办 #2（服务要求）：5-1-101 水龙头漏水", await SayAsync("zhangsan", "夜间登记 服务 5-1-101 水龙头漏水"));
        Assert.Equal(2, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task Morning_TheEarlyShiftTakesOverTheNightOnce_AndEachIsPendingWork_第14篇_3_1()
    {
        Assert.Equal(1, await RunAsync(27, 8, 0));
        Assert.Equal(0, await RunAsync(27, 8, 0));

        var prompt = Assert.Single(await InboxAsync("zhangsan"));
        Assert.StartsWith("早上好，请与保安监控室值班人员交接夜间客户提出的投诉和服务要求", prompt.Text);
        Assert.Equal("夜间登记", prompt.Choices.Single().Value);
        Assert.Empty(await InboxAsync("lisi"));

        Assert.Equal("已登记为待办 #1（投诉）：3-1-502 楼上装修噪音", await SayAsync("zhangsan", "夜间登记 投诉 3-1-502 楼上装修噪音"));
        Assert.StartsWith("已登记为待办 #2（服务要求）", await SayAsync("zhangsan", "夜间登记 服务 5-1-101 水龙头漏水"));
        // The matter without its kind: asked which, the matter kept; nothing is recorded until it is said.
        Assert.Equal("请问“3-1-502 楼上很吵”是投诉还是服务要求？", await SayAsync("zhangsan", "夜间登记 3-1-502 楼上很吵"));
        Assert.Equal(2, (await EntriesAsync()).Count);
        Assert.Equal("已登记为待办 #3（投诉）：3-1-502 楼上很吵", await SayAsync("zhangsan", "投诉"));
        Assert.StartsWith("请写明类别和内容", await SayAsync("zhangsan", "夜间登记 投诉"));
        // Another command where the details are asked for is held back once, not taken as the matter.
        Assert.StartsWith("您正在回答：“请写明类别和内容", await SayAsync("zhangsan", "补充交接"));
        Assert.Equal(3, (await EntriesAsync()).Count);
        // 紧急 may begin the details, and the command retyped with them is the answer.
        Assert.StartsWith("已登记 #4（投诉）：5-1-101 楼道有烟味，并已立即通报客服部经理", await SayAsync("zhangsan", "紧急 投诉 5-1-101 楼道有烟味"));
    }

    [Fact]
    public async Task NightComplaint_BecomesACallbackCaseOnce_第14篇_3_1()
    {
        At(27, 8, 5);
        await SayAsync("zhangsan", "夜间登记 投诉 3-1-502 楼上装修噪音");
        await SayAsync("zhangsan", "夜间登记 服务 5-1-101 水龙头漏水");

        Assert.Equal("好的，夜间投诉 #1 已登记回访单 #1（3-1-502），将在 3 天内回访业主。", await SayAsync("zhangsan", "转回访 1 3-1-502"));
        Assert.Equal("夜间投诉 #1 已经登记过回访单 #1（3-1-502），无需重复登记。", await SayAsync("zhangsan", "转回访 1 3-1-502"));
        Assert.Equal("夜间登记 #2 是服务要求，不是投诉；只有投诉需要转回访。", await SayAsync("zhangsan", "转回访 2 5-1-101"));
        Assert.Equal("没有找到夜间登记 #9，请核对编号。", await SayAsync("zhangsan", "转回访 9 3-1-502"));
        Assert.StartsWith("请告诉我登记编号和房号", await SayAsync("zhangsan", "转回访 1"));

        var cases = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<CallbackCase>().AsNoTracking().ToListAsync());
        var registered = Assert.Single(cases);
        Assert.Equal("night-1", registered.ExternalId);
        Assert.Equal(CaseType.Complaint, registered.Type);
        Assert.Equal("3-1-502 楼上装修噪音", registered.Summary);
        Assert.Equal(["chen-3-1-502"], registered.Owners);
    }

    [Fact]
    public async Task Urgent_GoesToTheManagerAtOnce_第14篇_3_3()
    {
        At(27, 8, 5);

        var reply = await SayAsync("zhangsan", "夜间登记 投诉 紧急 5-1-101 楼道有烟味");

        Assert.Contains("已立即通报客服部经理。请同时报告保安部经理", reply);
        Assert.Contains("5-1-101 楼道有烟味", Assert.Single(await InboxAsync("sunqi")).Text);
        Assert.Equal(EscalationLevel.DepartmentManager, Assert.Single(await EscalationsAsync()).StartAt);
    }

    [Fact]
    public async Task Evening_TheOpenItemsGoBackToSecurity_第14篇_3_2()
    {
        At(27, 8, 5);
        await SayAsync("zhangsan", "夜间登记 服务 5-1-101 水龙头漏水");

        Assert.Equal(1, await RunAsync(27, 18, 0));
        var prompt = Assert.Single(await InboxAsync("lisi"));
        Assert.Contains("待办事项1项：\n#1 【服务要求】5-1-101 水龙头漏水", prompt.Text);

        At(27, 18, 2);
        Assert.StartsWith("已于 18:02 将1项待办交给保安监控室", await PressAsync("lisi", "交保安"));
        Assert.Equal("目前没有待交的事项。请照常将工作交接本交予保安监控室。", await SayAsync("lisi", "交保安"));
        Assert.All(await EntriesAsync(), e => Assert.Equal(SecurityEntryStatus.HandedToSecurity, e.Status));
    }

    [Fact]
    public async Task Weekend_NoPrompt()
    {
        Assert.Equal(0, await RunAsync(28, 8, 0)); // Saturday
        Assert.Empty(await InboxAsync("zhangsan"));
    }
}

using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// The seam for channels that reach an owner only while the owner is there (WeChat Customer Service), the staff's
/// registration in chat with bad input, and the digest's callback section.
/// </summary>
public sealed class CallbackSeamTests
{
    [Fact]
    public async Task StartForOwner_PutsTheCaseSurveyInFrontOfTheOwner()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 21)); // outside contact hours: the job would wait
        await bed.RegisterRepairAsync();
        var caseId = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<CallbackCase>().Select(c => c.Id).SingleAsync());

        var delivery = await bed.Bot.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ICallbackStore>();
            var surveys = sp.GetRequiredService<CallbackSurveys>();
            var outcome = SurveyDelivery.Busy;
            await store.AtomicallyAsync(async () => outcome = await surveys.StartForOwnerAsync("chen-3-1-502", caseId, Shanghai(27, 21), CancellationToken.None), CancellationToken.None);
            return outcome;
        });
        await bed.Bot.DispatchAsync();

        Assert.Equal(SurveyDelivery.Sent, delivery);
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心", Assert.Single(await bed.InboxAsync("chen-3-1-502")));
        Assert.Equal("请问您对这次服务的质量满意吗？", await bed.SayAsync("chen-3-1-502", "1"));
    }

    [Fact]
    public async Task CannotReachOwner_HandsTheCallbackToTheStaff()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();

        var handed = await bed.Bot.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ICallbackStore>();
            var surveys = sp.GetRequiredService<CallbackSurveys>();
            var count = 0;
            await store.AtomicallyAsync(async () => count = await surveys.CannotReachOwnerAsync("chen-3-1-502", Shanghai(27, 10), CancellationToken.None), CancellationToken.None);
            return count;
        });
        await bed.Bot.DispatchAsync();

        Assert.Equal(1, handed);
        Assert.EndsWith("系统暂时无法在线联系到业主。", Assert.Single(await bed.InboxAsync("zhangsan")));
        await bed.TickAsync(Shanghai(27, 10, 1));
        Assert.Empty(await bed.InboxAsync("chen-3-1-502")); // the staff have it now
    }

    [Fact]
    public async Task RegisterInChat_UnknownUnit_IsAskedAgainPolitely()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.SayAsync("zhangsan", "登记回访");
        await bed.SayAsync("zhangsan", "2");

        Assert.Equal("房号 9-9-999 不存在，请核对后再输入。\n请输入房号（如 3-1-502）：", await bed.SayAsync("zhangsan", "9-9-999"));
        Assert.StartsWith("请简要说明事项内容", await bed.SayAsync("zhangsan", "3-1-502"));
        await bed.SayAsync("zhangsan", "门禁卡失灵，已更换");
        Assert.StartsWith("找不到员工「无名氏」", await bed.SayAsync("zhangsan", "无名氏"));
        Assert.StartsWith("已登记回访：零星维修「门禁卡失灵，已更换」（3-1-502）", await bed.SayAsync("zhangsan", "张三 李四"));
    }

    [Fact]
    public async Task RegisterInChat_UnitWithoutOwner_IsRefusedWithTheReason_AtTheUnitQuestion()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        foreach (var line in new[] { "登记回访", "投诉" }) await bed.SayAsync("zhangsan", line);

        // Said at once, before the summary and the responsible staff are typed for nothing; the unit is asked again.
        Assert.Equal("房号 3-1-501 没有登记业主，无法安排回访。\n请核对房号后重新输入；如业主尚未登记，请先在业主名册中登记（发送“取消”可结束）。",
            await bed.SayAsync("zhangsan", "3-1-501"));
        Assert.Equal(0, await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<CallbackCase>().CountAsync()));
        Assert.StartsWith("请简要说明事项内容", await bed.SayAsync("zhangsan", "3-1-502"));
    }

    [Fact]
    public async Task Digest_HasTheCallbackSection_第9篇_二()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();
        await bed.TickAsync(Shanghai(27, 10, 1));

        var section = await bed.Bot.InScopeAsync(async sp =>
        {
            var digest = sp.GetServices<IDigestSection>().OfType<CallbackDigestSection>().Single();
            var zhaoliu = new Person { Id = "zhaoliu", Name = "赵六", Roles = Roles.Supervisor };
            return await digest.BuildAsync(zhaoliu, new DateOnly(2026, 11, 27), "zh-CN", CancellationToken.None);
        });

        Assert.NotNull(section);
        Assert.StartsWith("【回访】\n", section);
        Assert.Contains("零星维修：暂无到期回访（目标 100%）", section);
        Assert.Contains("进行中的回访：1 项", section);
    }

    [Fact]
    public async Task StaffCommands_WithoutANumber_OfferMyOwnCallbacks_OrSayThereAreNone_第9篇_三()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        var id = await bed.RegisterRepairAsync();

        // 代录回访 alone: the callbacks I answer for, each a button (a visit may come before the survey is answered).
        var offered = await bed.Chat("zhangsan").SayAsync("代录回访");
        var line = Assert.Single(offered);
        Assert.Equal("请问是哪一张回访单？", line.Text);
        Assert.Equal([$"代录回访 {id}"], line.Choices.Select(c => c.Value));
        Assert.Equal($"#{id} 陈先生（3-1-502）卫生间水龙头漏水，已更换", line.Choices[0].Label);
        Assert.Contains("业主对这次服务的质量是否满意？", string.Join("\n", (await bed.Chat("zhangsan").PressAsync(line.Choices[0].Value)).Select(l => l.Text)));
        await bed.SayAsync("zhangsan", "取消");

        // Someone with none, and 整改完成 with nothing to rectify: said so, nothing changes.
        Assert.Equal("您目前没有负责中的回访单需要代录。", await bed.SayAsync("lisi", "代录回访"));
        Assert.Equal("您目前没有待完成的整改。", await bed.SayAsync("zhangsan", "整改完成"));
        Assert.Equal("目前没有待审批的业主电话申请。", await bed.SayAsync("zhaoliu", "批准电话"));
    }

    [Fact]
    public async Task StaffCommands_WithBadNumbers_AnswerPolitelyAndChangeNothing()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        var id = await bed.RegisterRepairAsync();

        Assert.Equal("请在命令后写上回访单编号，如「代录回访 12」。", await bed.SayAsync("zhangsan", "代录回访 十二"));
        Assert.Equal("没有找到回访单 #99。", await bed.SayAsync("zhangsan", "代录回访 99"));
        Assert.Equal($"回访单 #{id} 不由您负责，请联系负责人或领班。", await bed.SayAsync("lisi", $"代录回访 {id}"));
        Assert.Equal($"回访单 #{id} 没有待完成的整改。", await bed.SayAsync("zhangsan", $"整改完成 {id}"));

        Assert.Equal(1, await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().CountAsync()));
        Assert.Equal(CallbackStatus.Scheduled,
            await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().Select(c => c.Status).SingleAsync()));
    }
}

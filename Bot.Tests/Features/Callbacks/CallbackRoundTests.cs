using Bot.Domain.Features.Callbacks;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// 第9篇 五.2 (回访后仍不满意或不合格的，应整改后再次回访): 不满意 on any question is rectified, thanked for as such and not
/// counted as satisfied; the round after the rectification says so each time it is put to the owner.
/// </summary>
public sealed class CallbackRoundTests
{
    [Fact]
    public async Task EffectNotSatisfied_UnderAnOverallBasic_IsRectified_AndNotCountedAsSatisfied_第9篇_五_2()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync(type: "complaint", summary: "楼上装修噪音");
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1), register: false);

        await bed.SayAsync("chen-3-1-502", "满意");
        await bed.SayAsync("chen-3-1-502", "不满意");
        // Overall 基本满意, but the effect was 不满意: what fell short is asked, as for an overall 不满意.
        Assert.StartsWith("请问您觉得哪些地方还做得不够好", await bed.SayAsync("chen-3-1-502", "基本满意"));
        await bed.SayAsync("chen-3-1-502", "晚上十点以后还在施工");
        Assert.Contains("效果：不满意\n总体：基本满意\n不足：晚上十点以后还在施工", await bed.SayAsync("chen-3-1-502", "没有"));
        var thanks = await bed.SayAsync("chen-3-1-502", "确认");
        Assert.StartsWith("非常抱歉给您带来不便。我们已安排相关人员尽快整改", thanks);
        Assert.DoesNotContain("您的满意", thanks);

        Assert.StartsWith("【整改】回访单 #1：陈先生（3-1-502）对投诉「楼上装修噪音」不满意。不足：晚上十点以后还在施工。", Assert.Single(await bed.InboxAsync("zhangsan")));
        Assert.StartsWith("【回访不满意】回访单 #1", Assert.Single(await bed.InboxAsync("zhaoliu")));
        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal(RectificationStatus.Open, callback.Rectification);

        var stats = await bed.SayAsync("zhaoliu", "回访统计");
        Assert.Contains("投诉：回访率 100%（目标 100%）✓ 达标，及时率 100%，满意率 0%，已回访 1/1", stats);
        Assert.Contains("待整改：1 项", stats);
        var http = bed.Bot.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var csv = await http.GetStringAsync("/api/admin/callbacks/stats.csv");
        Assert.Contains("complaint,投诉,1,1,100,100,yes,100,0\n", csv);
    }

    [Fact]
    public async Task BasicWithoutAnyNotSatisfied_IsThankedWithoutClaimingSatisfaction_AndNotRectified()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "基本满意", "基本满意", "来得有点晚", "没有" }) await bed.SayAsync("chen-3-1-502", answer);

        var thanks = await bed.SayAsync("chen-3-1-502", "确认");
        Assert.Equal("谢谢您的配合和宝贵意见，我们会继续改进。祝您生活愉快，谢谢，再见。", thanks);
        Assert.Empty(await bed.InboxAsync("zhangsan"));
        Assert.Contains("满意率 100%", await bed.SayAsync("zhaoliu", "回访统计"));
    }

    [Fact]
    public async Task SecondRound_StartedAgainAfter取消_OpensWith已经整改完成_AsTheInvitationDid_第9篇_五_2()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "不满意", "不满意", "不满意", "还是滴水", "没有", "确认" }) await bed.SayAsync("chen-3-1-502", answer);
        bed.Bot.Time.SetUtcNow(Shanghai(27, 15).ToUniversalTime());
        await bed.SayAsync("zhangsan", "整改完成 1");
        await bed.TickAsync(Shanghai(27, 15, 1));
        Assert.Contains("已经整改完成", Assert.Single(await bed.InboxAsync("chen-3-1-502")));
        await bed.SayAsync("chen-3-1-502", "方便");

        await bed.SayAsync("chen-3-1-502", "取消");
        var restarted = await bed.SayAsync("chen-3-1-502", "回访");
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。您反映的零星维修「卫生间水龙头漏水，已更换」（3-1-502）已经整改完成", restarted);
        Assert.EndsWith("请问您对这次服务的质量满意吗？", restarted);

        // Left unanswered: the reminder the next day says it too.
        await bed.SayAsync("chen-3-1-502", "取消");
        await bed.TickAsync(Shanghai(28, 15, 2));
        Assert.Contains("已经整改完成", Assert.Single(await bed.InboxAsync("chen-3-1-502")));
    }
}

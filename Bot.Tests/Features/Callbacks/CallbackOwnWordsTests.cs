using Bot.Domain.Features.Callbacks;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// A survey answered in the owner's own words (第9篇 四, 五.1): a rating with its reason, negations and sarcasm — what is
/// recorded is what the owner meant, and nothing they said is asked for twice.
/// </summary>
public sealed class CallbackOwnWordsTests
{
    private const string Chen = "chen-3-1-502";

    private static Task<Callback> RecordAsync(CallbackTestBed bed) =>
        bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());

    [Fact]
    public async Task ARatingGivenWithItsReason_TheReasonIsTheShortcoming_NotAskedForAgain_第9篇_五_1()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await bed.SayAsync(Chen, "满意");
        await bed.SayAsync(Chen, "满意");

        // The words after 不满意 are why: read back as the shortcoming, only more is asked for.
        var asked = await bed.SayAsync(Chen, "不满意 保安态度差还骂人");
        Assert.StartsWith("您刚才提到：“保安态度差还骂人”，我们会作为不足之处认真改进。还有其他做得不够好的地方吗？", asked);
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync(Chen, "刚才说了啊"));
        Assert.Contains("总体：不满意\n不足：保安态度差还骂人\n建议：无", await bed.SayAsync(Chen, "没有"));
        await bed.SayAsync(Chen, "确认");

        var callback = await RecordAsync(bed);
        Assert.Equal((Rating.NotSatisfied, "保安态度差还骂人", (string?)null), (callback.Overall, callback.Shortcomings, callback.Suggestions));
        Assert.Contains("不足：保安态度差还骂人", Assert.Single(await bed.InboxAsync("zhangsan")));
    }

    [Fact]
    public async Task StaffRecording_ARatingWithItsReason_KeepsTheReasonAsTheShortcoming()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        var id = await bed.RegisterRepairAsync();
        await bed.SayAsync("zhangsan", $"代录回访 {id}");
        await bed.SayAsync("zhangsan", "满意");
        await bed.SayAsync("zhangsan", "效果不满意 下雨还渗");
        Assert.StartsWith("业主提到：“下雨还渗”，将记为不足。", await bed.SayAsync("zhangsan", "基本满意"));
        await bed.SayAsync("zhangsan", "没有");
        Assert.Contains("效果：不满意\n总体：基本满意\n不足：下雨还渗", await bed.SayAsync("zhangsan", "没有"));
        await bed.SayAsync("zhangsan", "确认");

        var callback = await RecordAsync(bed);
        Assert.Equal((Rating.NotSatisfied, "下雨还渗"), (callback.Effect, callback.Shortcomings));
    }

    [Fact]
    public async Task AsSaidBefore_WithNothingSaidBefore_IsNotRecordedAsTheShortcoming()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意" }) await bed.SayAsync(Chen, answer);
        Assert.StartsWith("请问您觉得哪些地方还做得不够好", await bed.SayAsync(Chen, "不满意"));

        Assert.StartsWith("对不起，请您再说一遍。\n请问您觉得哪些地方还做得不够好", await bed.SayAsync(Chen, "刚才说了啊"));
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync(Chen, "水龙头还在滴"));
    }

    [Fact]
    public async Task NegationsAndSarcasm_AreRecordedAsNotSatisfied_NeverAsSatisfied()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));

        Assert.Equal("请问您对服务的效果满意吗？", await bed.SayAsync(Chen, "不是很满意"));
        Assert.Equal("总体来说，您对我们这次的服务满意吗？", await bed.SayAsync(Chen, "满意个屁"));
        // Scorn beside a good word: the rating asked again rather than recorded as 满意.
        Assert.EndsWith("\n总体来说，您对我们这次的服务满意吗？", await bed.SayAsync(Chen, "满意，差评"));
        await bed.SayAsync(Chen, "差评");
        await bed.SayAsync(Chen, "水龙头还在滴");
        Assert.Contains("质量：不满意\n效果：不满意\n总体：不满意", await bed.SayAsync(Chen, "没有"));
    }

    [Fact]
    public async Task AThumbsUp_IsSatisfied()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "👍", "👍" }) await bed.SayAsync(Chen, answer);
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync(Chen, "👍"));
        Assert.Contains("质量：满意\n效果：满意\n总体：满意", await bed.SayAsync(Chen, "没有"));
    }
}

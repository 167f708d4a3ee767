using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// The owner putting the survey off, turning it down, or asking not to be contacted, in plain words (第9篇 四; service
/// language 第10篇): later is asked again later, no thanks ends politely and the staff decide, do-not-disturb is kept.
/// </summary>
public sealed class CallbackPutOffTests
{
    private const string Chen = "chen-3-1-502";

    private static Task<Callback> RecordAsync(CallbackTestBed bed) =>
        bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());

    private static async Task InvitedAsync(CallbackTestBed bed)
    {
        await bed.RegisterRepairAsync();
        await bed.TickAsync(Shanghai(27, 10, 1));
        await bed.InboxAsync(Chen);
    }

    [Theory]
    [InlineData("嗯 你说吧")]
    [InlineData("说吧")]
    [InlineData("你问吧")]
    public async Task TheGoAheadInPlainWords_StartsTheQuestions(string yes)
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await InvitedAsync(bed);
        Assert.Equal("请问您对这次服务的质量满意吗？", await bed.SayAsync(Chen, yes));
    }

    [Fact]
    public async Task Later_InPlainWords_IsAskedAgainTheNextDay()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await InvitedAsync(bed);
        Assert.Equal("好的，不打扰您了，我们稍后再联系您。谢谢，再见。", await bed.SayAsync(Chen, "在开车 晚点再说吧"));

        await bed.TickAsync(Shanghai(28, 10, 2));
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。您家（3-1-502）", Assert.Single(await bed.InboxAsync(Chen)));
        Assert.Equal("请问您对这次服务的质量满意吗？", await bed.SayAsync(Chen, "好的"));
        Assert.StartsWith("好的，不打扰您了", await bed.SayAsync(Chen, "晚点"));
    }

    [Fact]
    public async Task NoTimeNow_WhereSuggestionsAreAsked_IsPuttingOff_NotASuggestion()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意" }) await bed.SayAsync(Chen, answer);
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync(Chen, "满意"));

        Assert.StartsWith("好的，不打扰您了", await bed.SayAsync(Chen, "现在没空"));
        var callback = await RecordAsync(bed);
        Assert.Equal((CallbackStatus.Scheduled, (string?)null), (callback.Status, callback.Suggestions));
    }

    [Theory]
    [InlineData("不用了 谢谢")]
    [InlineData("算了 不做了")]
    public async Task NoThanks_EndsPolitely_AndTheStaffAreTold(string noThanks)
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await InvitedAsync(bed);

        Assert.Equal("好的，不打扰您了。感谢您对我们工作的支持，如有需要请随时给我们留言。谢谢，再见。", await bed.SayAsync(Chen, noThanks));
        var task = Assert.Single(await bed.InboxAsync("zhangsan"));
        Assert.StartsWith("【回访任务】回访单 #1", task);
        Assert.EndsWith("业主在线表示不需要回访，请视情况电话或上门回访，或在《回访记录》中注明业主谢绝。", task);
        Assert.Equal(CallbackStatus.StaffTask, (await RecordAsync(bed)).Status);
        // Not asked again in chat: the next day brings no reminder.
        await bed.TickAsync(Shanghai(28, 10, 2));
        Assert.Empty(await bed.InboxAsync(Chen));
        // The survey is over: his next words are a message like any other, not an answer.
        Assert.DoesNotContain("请问您对这次服务的质量满意吗", await bed.SayAsync(Chen, "好的"));
    }

    [Fact]
    public async Task NoThanks_WhereSuggestionsAreAsked_MeansNoSuggestions()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意", "满意" }) await bed.SayAsync(Chen, answer);
        Assert.Contains("建议：无", await bed.SayAsync(Chen, "不用了，谢谢"));
    }

    [Fact]
    public async Task DoNotSendMeThese_SetsDoNotDisturb_Apologises_AndEndsTheSurvey()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await bed.SayAsync(Chen, "满意");

        Assert.Equal("非常抱歉打扰到您了。以后我们不会再通过消息给您发送回访，如有需要请随时给我们留言。谢谢，再见。",
            await bed.SayAsync(Chen, "以后别发这种回访了 烦不烦"));

        var owner = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Owner>().AsNoTracking().SingleAsync(o => o.Id == Chen));
        Assert.True(owner.DoNotDisturb);
        var callback = await RecordAsync(bed);
        Assert.Equal((CallbackStatus.StaffTask, (string?)null), (callback.Status, callback.Suggestions));
        Assert.Contains("业主已要求免打扰", Assert.Single(await bed.InboxAsync("zhangsan")));
        await bed.TickAsync(Shanghai(28, 10, 2));
        Assert.Empty(await bed.InboxAsync(Chen));
    }

    [Fact]
    public async Task NoNeed_AtTheConfirmation_KeepsTheAnswers_AndConfirms()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意", "满意" }) await bed.SayAsync(Chen, answer);
        await bed.SayAsync(Chen, "没有");
        await bed.SayAsync(Chen, "不用了");
        var recorded = await RecordAsync(bed);
        Assert.Equal((CallbackStatus.Done, Rating.Satisfied), (recorded.Status, recorded.Overall));
    }
}

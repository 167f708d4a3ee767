using Bot.Domain.Features.Callbacks;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// A new matter typed in the middle of a survey (a repair, a complaint, something elsewhere) is passed to the front desk
/// as a 留言 — the staff on duty are alerted — the owner is told, and the survey carries on; genuine answers stay answers.
/// </summary>
public sealed class CallbackNewMatterTests
{
    private const string Chen = "chen-3-1-502";
    private const string Passed = "陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！\n好的，我们接着来：";

    private static Task<Callback> RecordAsync(CallbackTestBed bed) =>
        bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());

    private static async Task<List<string>> StaffHearAsync(CallbackTestBed bed)
    {
        await bed.Bot.DispatchAsync();
        return await bed.InboxAsync("wangwu"); // the shift lead on duty
    }

    [Fact]
    public async Task ANewComplaintWhereARatingIsAsked_IsPassedOn_AndTheRatingAskedAgain()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await StaffHearAsync(bed);

        const string noise = "对了 楼上又在装修 早上七点就开始打钻 吵死了 你们管不管";
        Assert.Equal(Passed + "请问您对这次服务的质量满意吗？", await bed.SayAsync(Chen, noise));
        Assert.Contains(await StaffHearAsync(bed), t => t.Contains(noise, StringComparison.Ordinal));

        foreach (var answer in new[] { "满意", "满意", "满意", "没有" }) await bed.SayAsync(Chen, answer);
        await bed.SayAsync(Chen, "确认");
        var callback = await RecordAsync(bed);
        Assert.Equal((Rating.Satisfied, (string?)null, (string?)null), (callback.Quality, callback.Shortcomings, callback.Suggestions));
    }

    [Fact]
    public async Task ANewMatterWhereShortcomingsAndSuggestionsAreAsked_IsPassedOn_GenuineAnswersAreKept()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意" }) await bed.SayAsync(Chen, answer);
        Assert.StartsWith("请问您觉得哪些地方还做得不够好", await bed.SayAsync(Chen, "基本满意"));
        await StaffHearAsync(bed);

        const string lift = "另外3栋电梯又坏了 刚才有人被困在里面 赶紧派人来";
        // Someone trapped: passed on as an emergency, and the owner is told so; the survey carries on.
        var liftReply = await bed.SayAsync(Chen, lift);
        Assert.StartsWith("陈先生您好，您反映的紧急情况已立即通知示例花园客服中心值班人员", liftReply);
        Assert.Contains("请问您觉得哪些地方还做得不够好", liftReply.Split('\n')[^1]);
        Assert.Contains(await StaffHearAsync(bed), t => t.Contains(lift, StringComparison.Ordinal));
        // Words about the work itself, even starting with 另外, are the answer.
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync(Chen, "另外师傅走的时候没关门"));

        const string bins = "我家楼下的垃圾桶好几天没人清了 臭死了";
        bed.Bot.Time.Advance(TimeSpan.FromMinutes(1)); // typed a minute later, as owners do
        Assert.StartsWith(Passed + "您对我们的工作还有什么建议吗", await bed.SayAsync(Chen, bins));
        // Each is its own message for the staff, not an addition to the lift.
        Assert.Contains(await StaffHearAsync(bed), t => t.Contains(bins, StringComparison.Ordinal));
        var summary = await bed.SayAsync(Chen, "建议楼道多装几个灯");
        Assert.Contains("不足：另外师傅走的时候没关门\n建议：建议楼道多装几个灯", summary);
        await bed.SayAsync(Chen, "确认");

        var callback = await RecordAsync(bed);
        Assert.Equal(("另外师傅走的时候没关门", "建议楼道多装几个灯"), (callback.Shortcomings, callback.Suggestions));
    }

    [Fact]
    public async Task ARepairFiledWith报修_IsPassedOnTheFirstTime_NotRecorded()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意", "满意" }) await bed.SayAsync(Chen, answer);
        await StaffHearAsync(bed);

        // 报修 begins a message to the front desk: passed on as the repair it is at once, not held back as a command
        // (which told the owner to send 取消 — ending the survey — or to send it again), nor kept as a suggestion.
        Assert.Equal(Passed + "您对我们的工作还有什么建议吗？没有的话回复「没有」即可。", await bed.SayAsync(Chen, "报修 楼道灯还是不亮"));
        Assert.Contains(await StaffHearAsync(bed), t => t.Contains("报修 楼道灯还是不亮", StringComparison.Ordinal));
        Assert.Contains("建议：无", await bed.SayAsync(Chen, "没有"));
    }

    [Fact]
    public async Task ARepairTypedOnceAtTheFirstQuestion_ReachesTheStaff_AndTheQuestionIsAskedAgain()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await StaffHearAsync(bed);

        Assert.Equal(Passed + "请问您对这次服务的质量满意吗？", await bed.SayAsync(Chen, "报修 厨房水管漏水"));
        Assert.Contains(await StaffHearAsync(bed), t => t.Contains("报修 厨房水管漏水", StringComparison.Ordinal));
        // The survey carries on where it was.
        Assert.StartsWith("请问您对服务的效果满意吗", await bed.SayAsync(Chen, "满意"));
    }
}

using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// Callbacks end to end on the demo data (第9篇): 张三 registers a minor repair for 3-1-502, 陈先生 is surveyed on the
/// local chat inside the window and contact hours; not satisfied → rectification and the supervisor's alert, then a
/// new round until satisfied (五.2); a silent owner falls back to a staff task; a closed window escalates.
/// </summary>
public sealed class CallbackScriptTests
{
    [Fact]
    public async Task OwnerAlreadyAnswering_TheScheduledInvitationDoesNotRestartTheSurvey()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();

        // 陈先生 asks for the survey himself and starts answering before the job's tick comes round.
        Assert.EndsWith("请问您对这次服务的质量满意吗？", await bed.SayAsync("chen-3-1-502", "回访"));
        Assert.Equal("请问您对服务的效果满意吗？", await bed.SayAsync("chen-3-1-502", "不满意"));
        await bed.TickAsync(Shanghai(27, 10, 1));

        // No invitation on top of the questions, and his next answer still counts where he was.
        Assert.Empty(await bed.InboxAsync("chen-3-1-502"));
        Assert.Equal("总体来说，您对我们这次的服务满意吗？", await bed.SayAsync("chen-3-1-502", "不满意"));
    }

    [Fact]
    public async Task RegisterCallback_APartOfTwoTypes_IsAskedBetweenThoseTwo()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        await bed.SayAsync("zhangsan", "登记回访");
        // "维修" is in 零星维修 and in 维修工程: which of the two, not all six again.
        Assert.Equal("请问是哪一类？", await bed.SayAsync("zhangsan", "维修"));
        Assert.StartsWith("请输入房号", await bed.SayAsync("zhangsan", "2"));
        await bed.SayAsync("zhangsan", "3-1-502");
        await bed.SayAsync("zhangsan", "单元门禁更换");
        Assert.StartsWith("已登记回访：维修工程「单元门禁更换」", await bed.SayAsync("zhangsan", "我"));
    }

    [Fact]
    public async Task MinorRepair_UnsatisfiedOwner_IsRectifiedAndAskedAgainUntilSatisfied_第9篇_五_2()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        Assert.StartsWith("请选择需要回访的事项类型", await bed.SayAsync("zhangsan", "登记回访"));
        Assert.StartsWith("请输入房号", await bed.SayAsync("zhangsan", "零星维修"));
        Assert.StartsWith("请简要说明事项内容", await bed.SayAsync("zhangsan", "3-1-502"));
        Assert.StartsWith("请问由谁负责这次回访", await bed.SayAsync("zhangsan", "卫生间水龙头漏水，已更换"));
        var registered = await bed.SayAsync("zhangsan", "我");
        Assert.Equal("已登记回访：零星维修「卫生间水龙头漏水，已更换」（3-1-502），案件 #1。回访单 #1，将于 11-30 10:00 前完成回访。", registered);

        await bed.TickAsync(Shanghai(27, 10, 1));
        var invite = Assert.Single(await bed.InboxAsync("chen-3-1-502"));
        Assert.Equal("陈先生您好，这里是示例花园客服中心。您家（3-1-502）的零星维修「卫生间水龙头漏水，已更换」已于 11-27 完成，想耽误您一两分钟做个回访，请问您现在方便吗？", invite);

        Assert.Equal("请问您对这次服务的质量满意吗？", await bed.SayAsync("chen-3-1-502", "1"));
        Assert.Equal("请问您对服务的效果满意吗？", await bed.SayAsync("chen-3-1-502", "不满意"));
        Assert.Equal("总体来说，您对我们这次的服务满意吗？", await bed.SayAsync("chen-3-1-502", "2"));
        Assert.StartsWith("请问您觉得哪些地方还做得不够好", await bed.SayAsync("chen-3-1-502", "3"));
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync("chen-3-1-502", "水龙头还是有点滴水"));
        var summary = await bed.SayAsync("chen-3-1-502", "没有");
        Assert.Contains("质量：不满意\n效果：基本满意\n总体：不满意\n不足：水龙头还是有点滴水\n建议：无", summary);
        Assert.Contains("签名确认", summary);
        Assert.StartsWith("非常抱歉给您带来不便", await bed.SayAsync("chen-3-1-502", "确认"));

        var rectification = Assert.Single(await bed.InboxAsync("zhangsan"));
        Assert.StartsWith("【整改】回访单 #1：陈先生（3-1-502）对零星维修「卫生间水龙头漏水，已更换」不满意。不足：水龙头还是有点滴水。", rectification);
        var alert = Assert.Single(await bed.InboxAsync("zhaoliu"));
        Assert.StartsWith("【回访不满意】回访单 #1", alert);
        Assert.EndsWith("已通知张三整改。", alert);

        bed.Bot.Time.SetUtcNow(Shanghai(27, 15).ToUniversalTime());
        Assert.Equal("已记录回访单 #1 整改完成。新的回访单 #2 将于 11-30 15:00 前回访业主。",
            await bed.SayAsync("zhangsan", "整改完成 1"));
        await bed.TickAsync(Shanghai(27, 15, 1));
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。您反映的零星维修「卫生间水龙头漏水，已更换」（3-1-502）已经整改完成",
            Assert.Single(await bed.InboxAsync("chen-3-1-502")));
        foreach (var answer in new[] { "方便", "满意", "满意", "满意", "没有" }) await bed.SayAsync("chen-3-1-502", answer);
        Assert.StartsWith("谢谢您的配合", await bed.SayAsync("chen-3-1-502", "确认无误"));
        Assert.Empty(await bed.InboxAsync("zhangsan")); // satisfied: no new rectification

        var stats = await bed.SayAsync("zhaoliu", "回访统计");
        Assert.Contains("零星维修：回访率 100%（目标 100%）✓ 达标，及时率 100%，满意率 50%，已回访 2/2", stats);
        Assert.Contains("文体活动：暂无到期回访（目标 70%）", stats);
        Assert.Contains("待整改：0 项", stats);

        // The history stays on the case: both rounds, the first rectified.
        var history = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([1, 2], history.Select(c => c.Round));
        Assert.Equal([RectificationStatus.Done, RectificationStatus.None], history.Select(c => c.Rectification));
    }

    [Fact]
    public async Task SatisfiedOwner_ConfirmsTheRecord_AndNothingIsRaised_第9篇_五_1()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();

        await bed.TickAsync(Shanghai(27, 10, 1));
        Assert.Single(await bed.InboxAsync("chen-3-1-502"));
        await bed.Chat("chen-3-1-502").PressAsync("yes");
        await bed.Chat("chen-3-1-502").PressAsync("satisfied");
        await bed.SayAsync("chen-3-1-502", "很好");
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync("chen-3-1-502", "满意")); // fully satisfied: no shortcomings asked
        var summary = await bed.SayAsync("chen-3-1-502", "师傅很准时，谢谢");
        Assert.Contains("总体：满意\n不足：无\n建议：师傅很准时，谢谢", summary);
        Assert.StartsWith("谢谢您的配合", await bed.SayAsync("chen-3-1-502", "1"));

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal(CallbackStatus.Done, callback.Status);
        Assert.Null(callback.RecordedById); // the owner's own confirmation stands for the signature
        Assert.Empty(await bed.InboxAsync("zhangsan"));
        Assert.Empty(await bed.InboxAsync("zhaoliu"));
        Assert.Equal(0, await bed.TickAsync(Shanghai(29, 10, 30))); // nothing left to chase
    }

    [Fact]
    public async Task OwnerTypes回访_InTheMiddleOfTheSurvey_ItCarriesOnWhereItWas_第9篇_四()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        Assert.StartsWith("请问您对服务的效果满意吗？", await bed.SayAsync("chen-3-1-502", "满意"));
        // Not "请先发送取消", not "请您再说一遍", and not the survey from the start: the open question, with its buttons.
        var again = Assert.Single(await bed.Chat("chen-3-1-502").SayAsync("回访"));
        Assert.Equal("好的，我们接着来：请问您对服务的效果满意吗？", again.Text);
        Assert.NotEmpty(again.Choices);
        Assert.StartsWith("总体来说，您对我们这次的服务满意吗？", await bed.SayAsync("chen-3-1-502", "满意"));
        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Null(callback.Suggestions);
    }

    [Fact]
    public async Task OwnerAsksAQuestionInTheSurvey_ItIsPassedToTheStaff_AndTheSurveyCarriesOn()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await bed.InboxAsync("wangwu");
        // Where the quality is asked: a question for the front desk, not a rating and not a remark for the record.
        var answer = await bed.SayAsync("chen-3-1-502", "你们物业办公室的电话是多少？");
        Assert.Equal("陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！\n好的，我们接着来：请问您对这次服务的质量满意吗？", answer);
        await bed.Bot.DispatchAsync();
        Assert.Contains(await bed.InboxAsync("wangwu"), t => t.Contains("你们物业办公室的电话是多少？", StringComparison.Ordinal));
        foreach (var rating in new[] { "满意", "满意", "满意", "没有" }) await bed.SayAsync("chen-3-1-502", rating);
        // At the confirmation too; a remark that only sounds like a question is still a remark.
        var atConfirm = await bed.SayAsync("chen-3-1-502", "下次什么时候来检查");
        // Asked again within half an hour: added to the same message for the staff, not a second case.
        Assert.StartsWith("陈先生您好，您补充的内容已转给正在跟进您留言的示例花园客服中心值班人员", atConfirm);
        Assert.EndsWith("好的，我们接着来：请您确认以上记录是否无误，您的确认即视为在《回访记录》上签名确认。", atConfirm);
        Assert.StartsWith("谢谢，已把您这句话补充到记录中。", await bed.SayAsync("chen-3-1-502", "怎么说呢，师傅挺辛苦的"));
        Assert.StartsWith("谢谢您的配合", await bed.SayAsync("chen-3-1-502", "确认无误"));

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal((Rating.Satisfied, "怎么说呢，师傅挺辛苦的"), (callback.Overall, callback.Suggestions));
    }

    [Fact]
    public async Task OwnerAddsAWordAtTheConfirmStep_ItJoinsTheRecordWhichIsShownAgain_第9篇_五_1()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        foreach (var answer in new[] { "满意", "满意", "满意" }) await bed.SayAsync("chen-3-1-502", answer);
        Assert.Contains("建议：无", await bed.SayAsync("chen-3-1-502", "没有"));

        // A last word instead of 确认无误: not "请您再说一遍", but added to the record, which is shown again to confirm.
        var again = await bed.SayAsync("chen-3-1-502", "师傅走的时候把垃圾也带走了，很细心");
        Assert.StartsWith("谢谢，已把您这句话补充到记录中。\n好的，我为您整理了这次的回访记录：", again);
        Assert.Contains("总体：满意\n不足：无\n建议：师傅走的时候把垃圾也带走了，很细心", again);
        // Too short to be a remark: asked again, the record unchanged.
        Assert.StartsWith("对不起，请您再说一遍。", await bed.SayAsync("chen-3-1-502", "嗯嗯"));
        Assert.StartsWith("谢谢您的配合", await bed.SayAsync("chen-3-1-502", "确认无误"));

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal(CallbackStatus.Done, callback.Status);
        Assert.Equal("师傅走的时候把垃圾也带走了，很细心", callback.Suggestions);
    }

    [Fact]
    public async Task OwnerWritesAComment_InPlaceOfARating_ItIsKeptAndTheRatingAskedAgain_第9篇_五_1()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));

        // Not a rating, but what the staff most want to read: thanked for and kept, and the rating asked once more.
        Assert.Equal("谢谢您的反馈，我们已经记下了。\n请问您对这次服务的质量满意吗？", await bed.SayAsync("chen-3-1-502", "挺快的，上午报修下午就来了"));
        // Too short to be a comment: asked again as before.
        Assert.StartsWith("对不起，请您再说一遍。", await bed.SayAsync("chen-3-1-502", "嗯嗯"));
        await bed.SayAsync("chen-3-1-502", "满意");
        await bed.SayAsync("chen-3-1-502", "满意");
        await bed.SayAsync("chen-3-1-502", "满意");
        var summary = await bed.SayAsync("chen-3-1-502", "师傅很准时");
        Assert.Contains("建议：挺快的，上午报修下午就来了；师傅很准时", summary);
        await bed.SayAsync("chen-3-1-502", "1");

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal(CallbackStatus.Done, callback.Status);
        Assert.Equal("挺快的，上午报修下午就来了；师傅很准时", callback.Suggestions);
    }

    [Fact]
    public async Task OwnerTypesACommandWhereARatingIsAsked_ItIsPassedOnAtOnceAsTheRepairItIs()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));

        // A new repair typed where the quality is asked: a repair for the front desk (another matter than the case called
        // back), not kept with the survey as the owner's remark, nor held back to be sent again; the survey goes on.
        Assert.Equal("陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！\n好的，我们接着来：请问您对这次服务的质量满意吗？",
            await bed.SayAsync("chen-3-1-502", "报修 厨房水槽堵了"));
    }

    [Fact]
    public async Task OwnerTypesACommandWhereMoreWordsAreAsked_ItIsPassedOnAtEachStep_NotRecorded()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await bed.SayAsync("chen-3-1-502", "修是修好了，但是师傅把地板弄得很脏");
        await bed.SayAsync("chen-3-1-502", "基本满意");
        await bed.SayAsync("chen-3-1-502", "满意");
        Assert.StartsWith("您刚才提到：", await bed.SayAsync("chen-3-1-502", "基本满意"));

        // More shortcomings (with 没有 as the button), the suggestions (the same) and the confirmation each take the
        // owner's own words: a filed 投诉 / 报修 / 留言 typed there is another matter for the front desk, passed on the
        // first time, and the same question asked again.
        const string passed = "陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！\n好的，我们接着来：";
        Assert.StartsWith(passed + "您刚才提到：", await bed.SayAsync("chen-3-1-502", "投诉 楼上装修太吵"));
        Assert.StartsWith("您对我们的工作还有什么建议吗", await bed.SayAsync("chen-3-1-502", "没有"));
        bed.Bot.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith(passed + "您对我们的工作还有什么建议吗", await bed.SayAsync("chen-3-1-502", "报修 厨房水槽堵了"));
        Assert.StartsWith("好的，我为您整理了这次的回访记录：", await bed.SayAsync("chen-3-1-502", "没有"));
        bed.Bot.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith("陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！\n好的，我为您整理了这次的回访记录：",
            await bed.SayAsync("chen-3-1-502", "留言 明天下午家里没人"));
        await bed.SayAsync("chen-3-1-502", "确认无误");

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal(("修是修好了，但是师傅把地板弄得很脏", (string?)null), (callback.Shortcomings, callback.Suggestions));
        await bed.Bot.DispatchAsync();
        var staff = await bed.InboxAsync("wangwu");
        foreach (var matter in new[] { "投诉 楼上装修太吵", "报修 厨房水槽堵了", "留言 明天下午家里没人" })
            Assert.Contains(staff, t => t.Contains(matter, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("刚才说过了")]
    [InlineData("对")] // agreeing with what was read back adds nothing to it
    [InlineData("没错")]
    public async Task OwnerComplainedInPlaceOfARating_TheCommentIsReadBackAsTheShortcomings_第9篇_五_1(string nothingMore)
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(Shanghai(27, 10, 1));
        await bed.SayAsync("chen-3-1-502", "修是修好了，但是师傅把地板弄得很脏");
        await bed.SayAsync("chen-3-1-502", "基本满意");
        await bed.SayAsync("chen-3-1-502", "满意");

        // Not fully satisfied: what they already said is what fell short, read back, and only more is asked for.
        var asked = await bed.SayAsync("chen-3-1-502", "基本满意");
        Assert.StartsWith("您刚才提到：“修是修好了，但是师傅把地板弄得很脏”，我们会作为不足之处认真改进。还有其他做得不够好的地方吗？", asked);
        await bed.SayAsync("chen-3-1-502", nothingMore);
        var summary = await bed.SayAsync("chen-3-1-502", "没有");
        Assert.Contains("不足：修是修好了，但是师傅把地板弄得很脏\n建议：无", summary);
        await bed.SayAsync("chen-3-1-502", "确认");

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal(("修是修好了，但是师傅把地板弄得很脏", (string?)null), (callback.Shortcomings, callback.Suggestions));
    }

    [Fact]
    public async Task SilentOwner_IsRemindedThenFallsBackToAStaffTask_WhoRecordsTheAnswers_第9篇_五_1()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();
        // Still the owner's to answer: not a task yet, but the person answering for it sees it, and when it would become theirs.
        Assert.Equal("您目前没有需要电话或上门的回访，也没有待整改事项。\n以下1项回访正等业主在线答复，业主未答复时将转为您的回访任务：\n"
            + "#1 陈先生（3-1-502）「卫生间水龙头漏水，已更换」：问卷即将发给业主", await bed.SayAsync("zhangsan", "回访任务"));

        await bed.TickAsync(Shanghai(27, 10, 1));
        Assert.EndsWith("#1 陈先生（3-1-502）「卫生间水龙头漏水，已更换」：问卷已发给业主，11-29 10:00 仍未答复则转为您回访",
            await bed.SayAsync("zhangsan", "回访任务"));
        await bed.TickAsync(Shanghai(28, 10, 2));
        var lines = await bed.InboxAsync("chen-3-1-502");
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。之前我们想就您家（3-1-502）的零星维修", lines[1]);
        Assert.Empty(await bed.InboxAsync("zhangsan"));

        await bed.TickAsync(Shanghai(29, 10, 2));
        var task = Assert.Single(await bed.InboxAsync("zhangsan"));
        Assert.Equal("【回访任务】回访单 #1：陈先生（3-1-502）的零星维修「卫生间水龙头漏水，已更换」尚未完成回访。请于 11-30 10:00 前电话或上门回访，并用「代录回访 1」记录业主的回答。\n业主未在线回复回访。", task);
        Assert.DoesNotContain("13800000000", task); // 第11篇 3

        var tasks = Assert.Single(await bed.Chat("zhangsan").SayAsync("回访任务"));
        Assert.Equal("您有1项回访待办：\n#1 回访：陈先生（3-1-502）「卫生间水龙头漏水，已更换」，11-30 10:00 前完成 → 代录回访 1", tasks.Text);
        // The next step is a button too.
        Assert.Equal(["代录回访 1"], tasks.Choices.Select(c => c.Value));
        Assert.Equal("您目前没有待办的回访任务或整改。", await bed.SayAsync("lisi", "回访任务"));
        Assert.Equal("代录回访单 #1：陈先生（3-1-502）的零星维修「卫生间水龙头漏水，已更换」。请按业主的回答选择。\n业主对这次服务的质量是否满意？",
            await bed.SayAsync("zhangsan", "代录回访 1"));
        foreach (var answer in new[] { "满意", "基本满意", "基本满意", "等了两天才来" }) await bed.SayAsync("zhangsan", answer);
        Assert.StartsWith("回访记录（代录）", await bed.SayAsync("zhangsan", "没有"));
        Assert.Equal("已记录回访单 #1 的回访结果（代录），业主评价：基本满意。谢谢！", await bed.SayAsync("zhangsan", "确认"));

        var callback = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Callback>().AsNoTracking().SingleAsync());
        Assert.Equal("zhangsan", callback.RecordedById);
        Assert.True(callback.OnTime);
        Assert.Equal(0, await bed.TickAsync(Shanghai(30, 10, 30))); // done in time: no escalation
    }

    [Fact]
    public async Task WindowClosesWithoutACallback_IsEscalatedOnce_第9篇_五_1()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();
        await bed.TickAsync(Shanghai(27, 10, 1));
        await bed.TickAsync(Shanghai(28, 10, 2));
        await bed.TickAsync(Shanghai(29, 10, 2));

        await bed.TickAsync(Shanghai(30, 10, 1));
        await bed.TickAsync(Shanghai(30, 10, 2));

        var cases = await bed.Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().ToListAsync());
        var escalation = Assert.Single(cases);
        Assert.Equal("callbacks.overdue", escalation.Kind);
        Assert.Equal("回访单 #1 逾期未回访（3-1-502）", escalation.Subject);
        Assert.Contains("回访单 #1 逾期未回访", Assert.Single(await bed.InboxAsync("wangwu"))); // the shift lead on duty
    }

    [Fact]
    public async Task OwnerSaysLater_IsAskedAgainTheNextDay_第9篇_四()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync(); // window until 11-30 10:00
        await bed.TickAsync(Shanghai(27, 10, 1));
        await bed.InboxAsync("chen-3-1-502");

        Assert.StartsWith("好的，不打扰您了", await bed.SayAsync("chen-3-1-502", "不方便"));
        await bed.TickAsync(Shanghai(27, 18, 0));
        Assert.Empty(await bed.InboxAsync("chen-3-1-502"));

        await bed.TickAsync(Shanghai(28, 10, 2));
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。您家（3-1-502）的零星维修", Assert.Single(await bed.InboxAsync("chen-3-1-502")));
        Assert.Equal("请问您对这次服务的质量满意吗？", await bed.SayAsync("chen-3-1-502", "好的"));
        Assert.StartsWith("好的，不打扰您了", await bed.SayAsync("chen-3-1-502", "稍后再说")); // also in the middle of the questions
    }

    [Fact]
    public async Task AnAnswerThatFitsNoOption_IsAskedAgainWithTheOptions_第9篇_四()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();
        await bed.TickAsync(Shanghai(27, 10, 1));
        await bed.SayAsync("chen-3-1-502", "方便");

        var again = await bed.Chat("chen-3-1-502").SayAsync("随便吧");

        var line = Assert.Single(again);
        Assert.Equal("对不起，请您再说一遍。\n请问您对这次服务的质量满意吗？", line.Text);
        Assert.Equal(["满意", "基本满意", "不满意"], line.Choices.Select(c => c.Label));
        Assert.Equal("请问您对服务的效果满意吗？", await bed.SayAsync("chen-3-1-502", "基本满意"));
    }

    [Fact]
    public async Task OutsideContactHours_TheSurveyWaitsForTheMorning()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 21));
        await bed.RegisterRepairAsync();

        await bed.TickAsync(Shanghai(27, 21, 1));
        await bed.TickAsync(Shanghai(28, 8, 59));
        Assert.Empty(await bed.InboxAsync("chen-3-1-502"));

        await bed.TickAsync(Shanghai(28, 9, 0));
        Assert.StartsWith("陈先生您好", Assert.Single(await bed.InboxAsync("chen-3-1-502")));
    }

    [Fact]
    public async Task DoNotDisturbOwner_IsNeverPrompted_TheStaffCallInstead_第9篇_三()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            (await db.Set<Bot.Domain.Features.Directory.Owner>().SingleAsync(o => o.Id == "chen-3-1-502")).DoNotDisturb = true;
            await db.SaveChangesAsync();
        });
        await bed.RegisterRepairAsync();

        await bed.TickAsync(Shanghai(27, 10, 1));

        Assert.Empty(await bed.InboxAsync("chen-3-1-502"));
        Assert.Contains("业主已要求免打扰", Assert.Single(await bed.InboxAsync("zhangsan")));
    }

    [Fact]
    public async Task Complaint_TaskGoesToTheManagersTogether_第9篇_三()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync(type: "complaint", responsible: ["zhangsan", "李四"], summary: "楼上装修噪音");
        await bed.TickAsync(Shanghai(27, 10, 1));
        await bed.TickAsync(Shanghai(28, 10, 2));

        await bed.TickAsync(Shanghai(29, 10, 2));

        Assert.Contains("投诉的回访由张三、李四共同进行（第9篇 三）。", Assert.Single(await bed.InboxAsync("zhangsan")));
        Assert.Contains("投诉的回访由张三、李四共同进行", Assert.Single(await bed.InboxAsync("lisi")));
    }

    [Fact]
    public async Task Job_FiredTwice_InvitesOnce()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.RegisterRepairAsync();

        Assert.Equal(1, await bed.TickAsync(Shanghai(27, 10, 1)));
        Assert.Equal(0, await bed.TickAsync(Shanghai(27, 10, 1)));

        Assert.Single(await bed.InboxAsync("chen-3-1-502"));
    }
}

using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// An owner's message dealt with is called back (第9篇 一, 二): 王五 (shift lead on the early shift) closes 陈先生's (3-1-502)
/// message with 已处理 and is asked at once, with buttons, what it was for the callback; one tap registers it as 登记回访
/// would, and the survey reaches 陈先生 in chat. Thursday 2026-11-26, Shanghai time.
/// </summary>
public sealed class OwnerMessageCallbackTests : DemoChatTests
{
    private const string Owner = "chen-3-1-502";

    private static DateTimeOffset Shanghai(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    private Task<List<CallbackCase>> CallbackCasesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<CallbackCase>().Include(c => c.Callbacks).ToListAsync());

    /// <summary>The owner writes; the shift lead is alerted. Returns the message's case number.</summary>
    private async Task<long> OwnerWritesAsync(string what, string owner = Owner)
    {
        await SayAsync(owner, what);
        await Bot.DispatchAsync();
        await InboxAsync("wangwu");
        return await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking()
            .Where(c => c.Kind == OwnerMessageCommand.Kind).MaxAsync(c => c.Id));
    }

    [Fact]
    public async Task ClosingAComplaint_AsksTheType_AndOneTapRegistersTheCallback_DueThreeDaysAfter_TheOwnerGetsTheSurvey_第9篇()
    {
        var id = await OwnerWritesAsync("投诉：昨晚保安态度很差，对我大声呵斥");
        await SayAsync("wangwu", $"收到 {id}");
        Bot.Time.SetUtcNow(Shanghai(26, 10));
        Assert.Equal($"请简要说明升级事项 #{id} 的处理结果：", Assert.Single(await Chat("wangwu").PressAsync($"已处理 {id}")).Text);

        var closed = await SayAsync("wangwu", "已向业主致歉，当班保安已批评教育");

        // The closing is said and done as before, the owner told — then the question, the likely type first.
        Assert.Equal(2, closed.Count);
        Assert.Equal($"谢谢，升级事项 #{id} 已记录为处理完毕，已通知相关同事。", closed[0].Text);
        Assert.Equal($"需要给陈先生（3-1-502）回访吗？从业主的话看像是投诉。请选择留言 #{id} 的事项类型，一键登记回访（第9篇：投诉、零星维修须在处理完毕后 3 天内回访，回访率 100%；其他服务 1 周内）：",
            closed[1].Text);
        Assert.Equal(["投诉", "零星维修", "其他服务", "无需回访"], closed[1].Choices.Select(c => c.Label));
        await Bot.DispatchAsync();
        Assert.StartsWith("陈先生您好，您 11-26 09:30 的留言已处理完毕。", (await InboxAsync(Owner))[^1].Text);
        Assert.Empty(await CallbackCasesAsync());

        // Picked a while later: still due three days after it was dealt with, not after the tap.
        Bot.Time.SetUtcNow(Shanghai(26, 10, 20));
        var registered = await Chat("wangwu").PressAsync(closed[1].Choices[0].Value);

        var callbackCase = Assert.Single(await CallbackCasesAsync());
        var callback = Assert.Single(callbackCase.Callbacks);
        Assert.Equal($"已为陈先生（3-1-502）登记投诉回访：回访单 #{callback.Id}，须于 11-29 10:00 前完成，到时会在聊天中请业主填写回访。", Assert.Single(registered).Text);
        Assert.Equal((CaseType.Complaint, "3-1-502", Owner, "wangwu", "昨晚保安态度很差，对我大声呵斥"),
            (callbackCase.Type, callbackCase.UnitCode, callbackCase.OwnerIds, callbackCase.ResponsibleIds, callbackCase.Summary));
        Assert.Equal((Shanghai(26, 10), Shanghai(29, 10)), (callback.DueFrom, callback.DueBy));

        // The callback job sends 陈先生 the survey, in contact hours.
        await Bot.InScopeAsync(sp => sp.GetRequiredService<CallbackService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Equal("陈先生您好，这里是示例花园客服中心。您家（3-1-502）的投诉「昨晚保安态度很差，对我大声呵斥」已于 11-26 完成，想耽误您一两分钟做个回访，请问您现在方便吗？",
            Assert.Single(await InboxAsync(Owner)).Text);
    }

    [Fact]
    public async Task AComplaintClosedAndLeftWithoutItsCallback_WaitsInTheClosersTodo_UntilRegistered_第9篇_二()
    {
        var id = await OwnerWritesAsync("投诉：昨晚保安态度很差");
        await SayAsync("wangwu", $"已处理 {id} 已向业主致歉");
        // The question is passed over for something else: the callback is not forgotten.
        await SayAsync("wangwu", "今天谁值班");

        var todo = await TodoAsync("wangwu");
        Assert.Contains(todo.Lines, l => l.Contains($"留言 #{id}（陈先生（3-1-502）：投诉：昨晚保安态度很差）已处理，还没有登记回访；按第9篇，投诉须 100% 回访"));
        Assert.Contains(todo.Buttons, c => c.Value == $"留言回访 {id} 投诉");

        await Chat("wangwu").PressAsync($"留言回访 {id} 投诉");
        Assert.Single(await CallbackCasesAsync());
        Assert.DoesNotContain((await TodoAsync("wangwu")).Lines, l => l.Contains($"留言 #{id}"));
        // Only the closer's: another supervisor's list does not carry it.
        Assert.DoesNotContain((await TodoAsync("zhaoliu")).Lines, l => l.Contains($"留言 #{id}"));
    }

    [Fact]
    public async Task TheTypeTypedShort_AnswersTheQuestion()
    {
        var id = await OwnerWritesAsync("厨房水龙头坏了，一直滴水");
        await SayAsync("wangwu", $"已处理 {id} 维修部已更换水龙头");

        // "维修" for the 零星维修 button, as one says it; before, the whole help.
        Assert.StartsWith("已为陈先生（3-1-502）登记零星维修回访", await TextAsync("wangwu", "维修"));
        Assert.Equal(CaseType.MinorRepair, Assert.Single(await CallbackCasesAsync()).Type);
    }

    [Fact]
    public async Task PressedTwice_OrClosedAgain_RegistersOnce()
    {
        var id = await OwnerWritesAsync("厨房水龙头坏了，一直滴水");
        var closed = await SayAsync("wangwu", $"已处理 {id} 维修部已更换水龙头");
        Assert.Equal(["零星维修", "投诉", "其他服务", "无需回访"], closed[^1].Choices.Select(c => c.Label));
        var repair = closed[^1].Choices[0].Value;

        await Chat("wangwu").PressAsync(repair);
        var again = Assert.Single(await Chat("wangwu").PressAsync(repair));
        var callback = Assert.Single(Assert.Single(await CallbackCasesAsync()).Callbacks);
        Assert.Equal($"留言 #{id} 已登记过零星维修回访：回访单 #{callback.Id}，须于 11-29 09:30 前完成，无需再登记。", again.Text);
        // Another type pressed afterwards changes nothing either.
        Assert.StartsWith($"留言 #{id} 已登记过零星维修回访", Assert.Single(await Chat("wangwu").PressAsync(closed[^1].Choices[1].Value)).Text);

        // A second 已处理 is the closed case as before: no second question.
        Assert.Equal($"升级事项 #{id} 已由王五处理完毕，无需再操作。", await TextAsync("wangwu", $"已处理 {id} 已更换"));
        Assert.Single(await CallbackCasesAsync());
    }

    [Fact]
    public async Task NoCallback_RecordsNothing_ButARepairIsRemindedThatPolicyWantsItCalledBack()
    {
        var id = await OwnerWritesAsync("楼道灯坏了，晚上很黑");
        await SayAsync("wangwu", $"已处理 {id} 已换灯泡");

        // Typed, not pressed: the button's label answers the question.
        var skipped = Assert.Single(await SayAsync("wangwu", "无需回访"));

        Assert.Equal($"好的，留言 #{id} 暂不登记回访。请注意：按第9篇，投诉、零星维修的回访率须达 100%；如这条留言属于零星维修，请点下面的按钮登记。", skipped.Text);
        Assert.Empty(await CallbackCasesAsync());
        // Its button still registers it.
        Assert.StartsWith("已为陈先生（3-1-502）登记零星维修回访", Assert.Single(await Chat("wangwu").PressAsync(Assert.Single(skipped.Choices).Value)).Text);

        // A question answered needs no callback: plainly none.
        var question = await OwnerWritesAsync("你们物业办公室几点下班？");
        var closed = await SayAsync("wangwu", $"已处理 {question} 已电话告知 18:00");
        Assert.DoesNotContain("看像是", closed[^1].Text);
        Assert.Equal(["投诉", "零星维修", "其他服务", "无需回访"], closed[^1].Choices.Select(c => c.Label));
        Assert.Equal($"好的，留言 #{question} 不登记回访。", await TextAsync("wangwu", "4"));
        Assert.Single(await CallbackCasesAsync());
    }

    [Fact]
    public async Task SomethingElseTypedInstead_LosesNeitherTheClosingNorTheButtons()
    {
        var id = await OwnerWritesAsync("报修 卫生间下水堵了");
        var closed = await SayAsync("wangwu", $"已处理 {id} 已疏通");

        // Another command instead of a type: it runs as itself.
        Assert.Equal("您好，您目前没有待处理的升级事项。", await TextAsync("wangwu", "升级事项"));
        Assert.Equal(EscalationStatus.Resolved, (await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync(c => c.Id == id))).Status);
        Assert.Empty(await CallbackCasesAsync());

        // The question's button, pressed later, still registers it.
        Assert.StartsWith("已为陈先生（3-1-502）登记零星维修回访", Assert.Single(await Chat("wangwu").PressAsync(closed[^1].Choices[0].Value)).Text);
        // And typed in full by someone who dealt with it, it answers the same.
        Assert.StartsWith($"留言 #{id} 已登记过零星维修回访", await TextAsync("wangwu", $"留言回访 {id} 其他"));
    }

    [Fact]
    public async Task AnOwnerWithNoUnitOnFile_IsSaidPolitely_With登记回访Suggested()
    {
        await Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            db.Add(new Owner { Id = "wang-new", Name = "王芳", FormOfAddress = "王女士" });
            await db.SaveChangesAsync();
        });
        var id = await OwnerWritesAsync("投诉 快递总是被放在门口丢了", owner: "wang-new");

        var closed = await SayAsync("wangwu", $"已处理 {id} 已联系快递站");

        Assert.Equal($"谢谢，升级事项 #{id} 已记录为处理完毕，已通知相关同事。", closed[0].Text);
        Assert.Equal($"王女士名下没有登记房号，无法为留言 #{id} 自动登记回访。请先为业主登记房号，再用“登记回访”登记。谢谢！", closed[1].Text);
        Assert.Empty(closed[1].Choices);
        Assert.Empty(await CallbackCasesAsync());
    }

    [Fact]
    public async Task NotAnOwnersCase_IsNotAskedAbout_AndTheCommandSaysSo()
    {
        await SayAsync("wangwu", "测试升级 一般 空调报修");
        var id = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().MaxAsync(c => c.Id));

        Assert.Equal($"谢谢，升级事项 #{id} 已记录为处理完毕，已通知相关同事。", Assert.Single(await SayAsync("wangwu", $"已处理 {id} 已修好")).Text);
        Assert.Equal($"#{id} 不是业主的留言，无需在这里登记回访；其他事项请用“登记回访”。", await TextAsync("wangwu", $"留言回访 {id} 投诉"));
    }
}

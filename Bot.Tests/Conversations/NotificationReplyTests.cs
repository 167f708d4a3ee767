using Bot.Tests.Support;

namespace Bot.Tests.Conversations;

/// <summary>
/// What a person types right after a message the bot sent them on its own with buttons (an owner's message alert with
/// 收到 / 已处理 / 转交 / 答复业主, a 外出 request with 批准 / 驳回): an answer when it matches a button, and otherwise read as
/// any other message — not answered with those buttons, nor taken as a yes or a no. Demo department, 2026-11-26 09:30.
/// </summary>
public sealed class NotificationReplyTests : DemoChatTests
{
    private const string Offered = "对不起，没能看懂您的回复。请选择下面的一项";

    /// <summary>陈先生 writes to the front desk; 王五, the shift lead on duty, is alerted with the case's buttons.</summary>
    private async Task OwnerWritesAsync(string text)
    {
        // A minute on: the alert comes after 王五's last message, as it would.
        Bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync("chen-3-1-502", text);
        await Bot.DispatchAsync();
        Assert.Contains("收到 1", Assert.Single(await InboxAsync("wangwu")).Choices.Select(c => c.Value));
    }

    /// <summary>张三, checked in, asks 王五 to go out for 30 minutes; 王五 is asked to approve it.</summary>
    private async Task LeaveAskedAsync()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去管理处送文件");
        await Bot.DispatchAsync();
        Assert.Equal(["同意外出 1", "驳回外出 1"], Assert.Single(await InboxAsync("wangwu")).Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task AfterAnAlert_AQuestionNamingACommandOrAUnit_IsAnsweredAsItWouldBeWithoutIt()
    {
        await InboxAsync("wangwu");
        await OwnerWritesAsync("楼上卫生间漏水，滴到我家天花板了");
        var key = Assert.Single(await SayAsync("wangwu", "3-1-502的钥匙在哪"));
        Assert.DoesNotContain(Offered, key.Text);
        Assert.Equal(["钥匙 3-1-502"], key.Choices.Select(c => c.Value));

        await OwnerWritesAsync("厨房也在滴水");
        var handover = Assert.Single(await SayAsync("wangwu", "今天的交班怎么弄"));
        Assert.Equal(["交班"], handover.Choices.Select(c => c.Value));

        await OwnerWritesAsync("卫生间天花板已经鼓起来了");
        Assert.Equal(["业户 3-1-502"], Assert.Single(await SayAsync("wangwu", "3-1-502的情况")).Choices.Select(c => c.Value));

        // Commands and look-ups run as ever; the alert's buttons still work afterwards, pressed or typed.
        await OwnerWritesAsync("请尽快安排师傅");
        Assert.StartsWith("张三（管理员）：早班", await TextAsync("wangwu", "张三在哪"));
        Assert.StartsWith("王五您好，目前有", await TextAsync("wangwu", "待办"));
        Assert.Equal("好的，已记录您收到升级事项 #1。处理完毕后请回复“已处理 1 处理说明”。", await TextAsync("wangwu", "收到"));
        Assert.StartsWith("请写给业主的答复（升级事项 #1）", Assert.Single(await Chat("wangwu").PressAsync("答复业主 1")).Text);
    }

    [Fact]
    public async Task AfterAnAlert_WordsThatMayBeMeantForIt_GetItsButtonsAgain()
    {
        await InboxAsync("wangwu");
        await OwnerWritesAsync("楼上卫生间漏水，滴到我家天花板了");
        var again = Assert.Single(await SayAsync("wangwu", "马上去看"));
        Assert.StartsWith(Offered, again.Text);
        Assert.Equal(["收到 1", "已处理 1", "转交 1", "答复业主 1"], again.Choices.Select(c => c.Value));
        // The first button, by its number.
        Assert.StartsWith("好的，已记录您收到升级事项 #1", await TextAsync("wangwu", "1"));
    }

    [Fact]
    public async Task AfterALeaveRequest_WordsThatAreNotAYesOrANo_NeitherApproveNorRefuseIt_第7篇_1_2_3()
    {
        await LeaveAskedAsync();

        // A question about the colleague is not an approval of the request (张三去哪了 ends in 了, as "好了" does).
        var asked = await TextAsync("wangwu", "张三去哪了");
        Assert.DoesNotContain("批准", asked);
        Assert.DoesNotContain(Offered, asked);
        Assert.StartsWith("对不起", asked);

        // Nor is a greeting ("早上好" ends in 好): the request's buttons again, and 同意 then approves it.
        Bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync("zhengshi", "签到");
        await SayAsync("zhengshi", "外出 20分钟 取快递");
        await Bot.DispatchAsync();
        await InboxAsync("wangwu");
        var greeted = await TextAsync("wangwu", "早上好");
        Assert.DoesNotContain("已批准", greeted);
        Assert.StartsWith(Offered, greeted);
        Assert.Equal("已批准外出申请 #2（郑十），已通知本人。", await TextAsync("wangwu", "同意"));
        // And 张三's, still waiting, by its button.
        Assert.Equal("已批准外出申请 #1（张三），已通知本人。", Assert.Single(await Chat("wangwu").PressAsync("同意外出 1")).Text);
    }
}

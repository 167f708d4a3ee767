using Bot.Tests.Support;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 待办's duty lines on the demo (Thursday 2026-11-26 09:30 Shanghai; 张三, 郑十 and 王五 on the early shift 07:00–15:00,
/// 张三 reporting to 王五): a shift not checked in, a 外出 and its approval, a swap waiting for the colleague.
/// </summary>
public sealed class DutyTodoTests : DemoChatTests
{
    private async Task<string[]> NumberedTodoAsync(string who) => (await TextAsync(who, "待办")).Split('\n');

    [Fact]
    public async Task AShiftStartedAndNotCheckedIn_LeadsTheList_AndGoesOnceCheckedIn_第2篇_2_1()
    {
        var reply = Assert.Single(await SayAsync("zhangsan", "待办"));
        Assert.Equal("1. 早班 07:00–15:00已开始2 小时 30 分钟，您还没有签到", reply.Text.Split('\n')[1]);
        Assert.Equal("签到", reply.Choices[0].Value);

        Assert.StartsWith("签到成功", Assert.Single(await Chat("zhangsan").PressAsync("签到")).Text);
        Assert.DoesNotContain(await NumberedTodoAsync("zhangsan"), l => l.Contains("签到", StringComparison.Ordinal));
        // 李四's middle shift (15:00) is not open for check-in yet: nothing of his.
        Assert.Equal("李四您好，目前没有需要您处理的事项，辛苦了。", await TextAsync("lisi", "待办"));
    }

    [Fact]
    public async Task CheckingIn_CountsWhatElseWaits_WithTheButton_AndNotTheCheckInItself()
    {
        // Nothing else waits: the check-in reply is only the check-in.
        var alone = Assert.Single(await SayAsync("wangwu", "签到"));
        Assert.DoesNotContain("待办", alone.Text);
        Assert.Empty(alone.Choices);

        // 李四 asks 张三 to swap tomorrow before 张三 is in: 张三 hears of it when he checks in.
        await SayAsync("lisi", "调班 张三 明天");
        var reply = Assert.Single(await SayAsync("zhangsan", "签到"));
        Assert.StartsWith("签到成功", reply.Text);
        Assert.EndsWith("另有1项事情等您处理，其中1项较急，请发送“待办”查看。", reply.Text);
        Assert.Equal("待办", Assert.Single(reply.Choices).Value);
        Assert.Contains("调班 #1", string.Join("\n", (await TodoAsync("zhangsan")).Lines));
    }

    [Fact]
    public async Task AShiftOverAndNotCheckedOut_IsPressing()
    {
        await SayAsync("zhangsan", "签到");
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 15, 20, 0, TimeSpan.FromHours(8)));
        Assert.Contains("1. 早班 07:00–15:00已于15:00结束，您还没有签退", await NumberedTodoAsync("zhangsan"));
    }

    [Fact]
    public async Task ALeave_WaitsOnTheSuperior_ThenOnThePersonOut_PressingOnceLate_第7篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去管理处送文件");

        var wangwu = Assert.Single(await SayAsync("wangwu", "待办"));
        Assert.Contains("外出申请 #1：张三（去管理处送文件），10:00前回岗，待您批准", wangwu.Text);
        Assert.Contains("同意外出 1", wangwu.Choices.Select(c => c.Value));
        await Chat("wangwu").PressAsync("同意外出 1");
        Assert.DoesNotContain(await NumberedTodoAsync("wangwu"), l => l.Contains("外出申请", StringComparison.Ordinal));

        Assert.Contains("1. 外出中，请于10:00前回岗，回岗后发送回来", await NumberedTodoAsync("zhangsan"));
        Bot.Time.Advance(TimeSpan.FromMinutes(45));
        Assert.Contains("1. 外出应于10:00回岗，已超时15 分钟，回岗后请发送回来", await NumberedTodoAsync("zhangsan"));
        await SayAsync("zhangsan", "回来");
        Assert.Equal("张三您好，目前没有需要您处理的事项，辛苦了。", await TextAsync("zhangsan", "待办"));
    }

    [Fact]
    public async Task ASwapForTomorrow_WaitsOnTheColleague_AndIsPressing_第2篇_1_8()
    {
        await SayAsync("zhangsan", "调班 李四 明天");

        var lisi = Assert.Single(await SayAsync("lisi", "待办"));
        Assert.Equal("1. 调班 #1：11-27（周五），张三的早班 07:00–15:00 ⇄ 李四的中班 15:00–23:00，待您同意", lisi.Text.Split('\n')[1]);
        Assert.Equal("同意调班 1", Assert.Single(lisi.Choices).Value);
        Assert.DoesNotContain(await NumberedTodoAsync("zhangsan"), l => l.Contains("调班", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AShiftMissedWholly_OffersACorrection_UntilOneIsAskedFor_第2篇_2_1()
    {
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 15, 30, 0, TimeSpan.FromHours(8)));

        var reply = Assert.Single(await SayAsync("zhangsan", "待办"));
        Assert.Contains("1. 11-26（周四）早班 07:00–15:00没有签到记录，如有漏签请申请补卡", reply.Text);
        Assert.Equal("补卡", reply.Choices[0].Value);

        await Chat("zhangsan").PressAsync("补卡");
        await SayAsync("zhangsan", "早上忘记签到了");
        Assert.DoesNotContain("没有签到记录", await TextAsync("zhangsan", "待办"));
        // Waiting on 王五 now, the superior.
        Assert.Contains("补卡 #1：张三 11-26（周四） 早班 07:00–15:00（早上忘记签到了），待您审批", await TextAsync("wangwu", "待办"));
        // Approved, the record is put right: nothing missing, nothing to ask for again.
        await SayAsync("wangwu", "同意补卡 1");
        Assert.DoesNotContain(await NumberedTodoAsync("zhangsan"), l => l.Contains("补卡", StringComparison.Ordinal) || l.Contains("没有签到记录", StringComparison.Ordinal));
        Assert.DoesNotContain(await NumberedTodoAsync("wangwu"), l => l.Contains("补卡 #1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ArrivingAndLeaving_SaidAsPeopleSayIt()
    {
        Assert.StartsWith("签到成功", await TextAsync("zhangsan", "我到岗了"));
        // 签退 answers: not before the handover (第2篇 2.4).
        Assert.StartsWith("您还没有完成交接班，暂不能签退", await TextAsync("zhangsan", "下班了"));
    }
}

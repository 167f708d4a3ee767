using Bot.Tests.Support;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// What a superior says together with a yes — "同意 早点回来", "批准外出 注意安全", "同意补卡 1 下次记得签到", "批准调班 记得交接" —
/// reaches the requester with the approval, as a refusal's reason does; a bare yes is still only a yes. Demo department,
/// Thursday 2026-11-26 09:30: 张三 (early shift) reports to 王五.
/// </summary>
public sealed class ApprovalRemarkTests : DemoChatTests
{
    private async Task LeaveAskedAsync()
    {
        await SayAsync("zhangsan", "签到");
        Assert.Equal("已提交外出申请 #1，请等待王五批准后再离岗。", await TextAsync("zhangsan", "外出 30分钟 去银行"));
    }

    [Theory]
    [InlineData("同意 早点回来", "早点回来")]
    [InlineData("同意，早点回来", "早点回来")]
    [InlineData("批准外出 注意安全", "注意安全")]
    [InlineData("同意外出 1 注意安全！", "注意安全！")]
    public async Task Leave_ApprovedWithAWord_TheRequesterHearsIt_第7篇_1_2_3(string typed, string remark)
    {
        await LeaveAskedAsync();
        Assert.Single(await InboxAsync("wangwu"));

        Assert.Equal("已批准外出申请 #1（张三），已通知本人。", await TextAsync("wangwu", typed));

        Assert.Equal($"您的外出申请 #1 已由王五批准，请于 10:00 前回来，回来后请回复“回来”。附言：{remark}", Assert.Single(await InboxAsync("zhangsan")).Text);
    }

    [Theory]
    [InlineData("同意")]
    [InlineData("同意外出 1")]
    public async Task Leave_ABareYes_IsStillOnlyAYes(string typed)
    {
        await LeaveAskedAsync();
        Assert.Single(await InboxAsync("wangwu"));

        Assert.Equal("已批准外出申请 #1（张三），已通知本人。", await TextAsync("wangwu", typed));

        Assert.Equal("您的外出申请 #1 已由王五批准，请于 10:00 前回来，回来后请回复“回来”。", Assert.Single(await InboxAsync("zhangsan")).Text);
    }

    [Fact]
    public async Task Leave_RefusedInAWordAndAReason_ToTheButtons_TheReasonIsPassedOnToo()
    {
        await LeaveAskedAsync();
        Assert.Single(await InboxAsync("wangwu"));

        Assert.Equal("已驳回外出申请 #1（张三），已通知本人。", await TextAsync("wangwu", "不行 现在前台没人"));

        Assert.Equal("您的外出申请 #1 未获王五批准，请留在岗位上。原因：现在前台没人", Assert.Single(await InboxAsync("zhangsan")).Text);
    }

    [Theory]
    [InlineData("不行 现在只有你一个人在岗", "现在只有你一个人在岗")]
    [InlineData("不行，你走了今天谁值班", "你走了今天谁值班")]
    [InlineData("同意 路上注意安全，我在岗", "路上注意安全，我在岗")]
    public async Task Leave_AnsweredWithAReasonThatHoldsACommandWord_IsStillTheAnswer(string typed, string said)
    {
        // The reason mentions 在岗 / 谁值班: before, the whole answer went to 在哪 ("没有找到名叫“不行 现在只有你一个人”的同事")
        // or 今天谁值班, and the request stayed unanswered.
        await LeaveAskedAsync();
        Assert.Single(await InboxAsync("wangwu"));

        var reply = await TextAsync("wangwu", typed);

        var inbox = Assert.Single(await InboxAsync("zhangsan")).Text;
        Assert.Contains("外出申请 #1", reply);
        Assert.EndsWith(said, inbox);
        Assert.StartsWith(typed.StartsWith('同') ? "您的外出申请 #1 已由王五批准" : "您的外出申请 #1 未获王五批准", inbox);
    }

    [Fact]
    public async Task Correction_ApprovedWithAWord_TheRequesterHearsIt_第2篇_2_1()
    {
        // Checked in, and the shift ended without a check-out.
        await SayAsync("zhangsan", "签到");
        Bot.Time.Advance(TimeSpan.FromHours(6));
        Assert.Equal("已提交补卡申请 #1，等待王五审批，结果会通知您。", await TextAsync("zhangsan", "补卡 手机没电，忘了签退"));
        Assert.Single(await InboxAsync("wangwu"));

        await SayAsync("wangwu", "同意 下次记得签到");

        Assert.Equal("您的补卡申请 #1（11-26（周四） 早班 07:00–15:00）已由王五批准，考勤记录为“补卡”。附言：下次记得签到",
            Assert.Single(await InboxAsync("zhangsan")).Text);
    }

    [Fact]
    public async Task Swap_ApprovedWithAWord_BothHearIt_第2篇_1_8()
    {
        Assert.StartsWith("已提交调班申请 #1", await TextAsync("zhangsan", "调班 李四 明天"));
        Assert.Single(await InboxAsync("lisi"));
        await SayAsync("lisi", "同意 没问题");
        Assert.Equal("您的调班申请 #1（11-27（周五））：李四已同意，正在等待王五批准。附言：没问题", Assert.Single(await InboxAsync("zhangsan")).Text);

        Assert.StartsWith("已批准调班申请 #1", await TextAsync("wangwu", "批准调班 记得交接"));

        Assert.EndsWith("请按新班次签到。附言：记得交接", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.EndsWith("请按新班次签到。附言：记得交接", Assert.Single(await InboxAsync("lisi")).Text);
    }

    [Fact]
    public async Task Custody_ApprovedWithAWord_TheFrontDeskHearsIt_第11篇_4()
    {
        await SayAsync("zhengshi", "代存物品 快递一件 给 3-1-502 陈先生");
        Assert.Single(await InboxAsync("zhaoliu"));

        await SayAsync("zhaoliu", "批准 放二号柜");

        Assert.EndsWith("附言：放二号柜", Assert.Single(await InboxAsync("zhengshi")).Text);
    }
}

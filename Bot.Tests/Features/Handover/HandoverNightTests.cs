using Bot.Domain.Features.Handover;

namespace Bot.Tests.Features.Handover;

/// <summary>
/// The middle shift (李四, 15:00–23:00) hands over to the night shift (吴九, 23:00–07:00) at 客服中心. No shift lead is
/// on at night: 王五 leads the early shift and is at home, and the chain starts with the 客服主任 (赵六).
/// </summary>
public sealed class HandoverNightTests : HandoverTestBase
{
    private async Task LisiSubmitsAsync()
    {
        At(26, 14, 50);
        await SayAsync("lisi", "签到");
        At(26, 22, 35);
        Assert.Contains("【未完成的工作】", await SayAsync("lisi", "交班"));
        await SayAsync("lisi", "3栋大堂积水；水管渗漏；已放警示牌；待明早工程部维修");
        await SayAsync("lisi", "完成");
        await SayAsync("lisi", "完成");
        await SayAsync("lisi", "完成");
        Assert.Contains("【公用物品当面验清 1/4】", await SayAsync("lisi", "完成"));
        await PressAsync("lisi", "all-ok");
        Assert.Contains("请核对交接内容", await PressAsync("lisi", "all-ok"));
        Assert.Contains("已提交", await SayAsync("lisi", "提交"));
    }

    [Fact]
    public async Task RefusedAtNight_TheSuccessorIsToldWhoWasReached_TheSupervisorOnCallAsWellAsTheLeadAtHome_第14篇_1_6()
    {
        await LisiSubmitsAsync();
        var record = await RecordAsync();
        await InboxAsync("zhaoliu");

        At(26, 22, 45);
        await SayAsync("wujiu", "签到");
        await SayAsync("wujiu", $"接班 {record.Id}");
        Assert.StartsWith("请说明拒绝接班的原因", await PressAsync("wujiu", "refuse"));
        var refused = await SayAsync("wujiu", "积水的维修没有联系人");

        Assert.Equal(HandoverStatus.Refused, (await RecordAsync()).Status);
        // 赵六 is the one the refusal reaches tonight: the successor is told so, not only of the lead who is off.
        Assert.Contains(await InboxAsync("zhaoliu"), l => l.Text.Contains("积水的维修没有联系人", StringComparison.Ordinal));
        Assert.Contains("并报告领班王五、客服主任赵六处理", refused);
    }

    [Fact]
    public async Task TheSuccessorsQuestion_WhereSomethingIs_ReachesTheOutgoing_NotASearchForAColleague_第14篇_1_5()
    {
        await LisiSubmitsAsync();
        var record = await RecordAsync();
        await InboxAsync("lisi");

        At(26, 22, 45);
        await SayAsync("wujiu", "签到");
        await SayAsync("wujiu", $"接班 {record.Id}");
        Assert.StartsWith("请输入您的疑问", await PressAsync("wujiu", "question"));
        var asked = await SayAsync("wujiu", "备用电池在哪里？");

        Assert.DoesNotContain("同事", asked);
        Assert.Contains("第1项的疑问已转给李四", asked);
        Assert.Contains("备用电池在哪里", Assert.Single(await InboxAsync("lisi")).Text);
        // A colleague's name is still looked up there, and the question stays open.
        At(26, 22, 50);
        await PressAsync("wujiu", "question");
        Assert.Contains("李四（管理员）", await SayAsync("wujiu", "李四在哪"));
    }
}

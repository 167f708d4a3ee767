using Bot.Tests.Support;

namespace Bot.Tests.Features.Escalation;

/// <summary>
/// 待办's escalation lines: a case I was alerted to waits for my 收到 (pressing: it climbs past me otherwise); once I
/// took it, it waits for 已处理; a colleague's case is not mine.
/// </summary>
public sealed class EscalationTodoTests : DemoChatTests
{
    [Fact]
    public async Task AnAlertWaitsFor收到_ThenFor已处理_ThenIsGone()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "紧急 5号楼电梯困人");
        await Bot.DispatchAsync();
        Bot.Time.Advance(TimeSpan.FromMinutes(3));

        var told = Assert.Single(await SayAsync("sunqi", "待办"));
        var line = Assert.Single(told.Text.Split('\n'), l => l.Contains("升级事项", StringComparison.Ordinal));
        Assert.Matches(@"^1\. 升级事项 #1【紧急】.*5号楼电梯困人.*，通知您已3 分钟，尚未收到$", line);
        Assert.Equal("收到 1", told.Choices[0].Value);

        await Chat("sunqi").PressAsync("收到 1");
        var taken = Assert.Single(await SayAsync("sunqi", "待办"));
        Assert.Contains("，您已受理，处理完毕请回复已处理", taken.Text);
        Assert.Equal("已处理 1", taken.Choices[0].Value);

        await SayAsync("sunqi", "已处理 1 已派维修工放出被困人员");
        Assert.DoesNotContain("升级事项", await TextAsync("sunqi", "待办"));
    }
}

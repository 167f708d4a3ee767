using Bot.Tests.Support;

namespace Bot.Tests.Features.Escalation;

/// <summary>
/// How a busy supervisor answers an alert in chat: a question is not the note of 已处理, an old 已处理 button of a closed
/// case says so at once, a case cannot be handed to oneself, and 同意 answers an approval's two buttons.
/// </summary>
public sealed class EscalationWordsTests : DemoChatTests
{
    private async Task EmergencyTakenBySunqiAsync()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "紧急 5号楼电梯困人");
        await Bot.DispatchAsync();
        await Chat("sunqi").PressAsync("收到 1");
    }

    [Fact]
    public async Task AQuestionTypedForTheNote_IsNotRecordedAsHowItWasHandled_第2篇_1_3()
    {
        await EmergencyTakenBySunqiAsync();
        await InboxAsync("zhangsan");
        await SayAsync("sunqi", "已处理");
        var again = await TextAsync("sunqi", "这个要怎么写？");
        Assert.StartsWith("这像是一个问题，还不是处理结果。请简要说明升级事项 #1 是怎么处理的", again);
        Assert.Empty(await InboxAsync("zhangsan"));

        Assert.Contains("处理完毕", await TextAsync("sunqi", "已派维修工放出被困人员"));
        Assert.Contains(await InboxAsync("zhangsan"), l => l.Text.Contains("已派维修工放出被困人员", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOld已处理Button_OfAClosedCase_SaysSoAtOnce()
    {
        await EmergencyTakenBySunqiAsync();
        await SayAsync("sunqi", "已处理 1 已派维修工放出被困人员");
        var pressed = string.Join("\n", (await Chat("sunqi").PressAsync("已处理 1")).Select(l => l.Text));
        Assert.Contains("#1", pressed);
        Assert.DoesNotContain("请简要说明", pressed);
    }

    [Fact]
    public async Task HandingACaseToOneself_IsSaidPlainly()
    {
        await EmergencyTakenBySunqiAsync();
        Assert.Equal("升级事项 #1 现在就在您手上，无需转交给自己。如要转交，请写同事的姓名，例如：转交 1 王五。", await TextAsync("sunqi", "转交 1 孙七"));
    }

    [Fact]
    public async Task 同意_AnswersAnApprovalsTwoButtons_第7篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 10分钟 买水");
        await Bot.DispatchAsync();
        await InboxAsync("wangwu");
        Assert.Contains("批准", await TextAsync("wangwu", "同意"));
        Assert.Contains(await InboxAsync("zhangsan"), l => l.Text.Contains("批准", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOld收到_OfOneWhoHandedTheCaseOn_DoesNotTakeItBack()
    {
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "紧急 5号楼电梯困人");
        await Bot.DispatchAsync();
        await SayAsync("sunqi", "转交 1 赵六");

        Assert.Equal("升级事项 #1 已转交给赵六，正在等赵六收到处理。如需改由您处理，请先与赵六联系。",
            string.Join("\n", (await Chat("sunqi").PressAsync("收到 1")).Select(l => l.Text)));
        await InboxAsync("zhaoliu");
        Assert.StartsWith("好的，已记录您收到升级事项 #1", Assert.Single(await Chat("zhaoliu").PressAsync("收到 1")).Text);
    }
}

using Bot.Tests.Support;

namespace Bot.Tests.Conversations;

/// <summary>
/// The small things people send every day that are no command: thanks, "好的", an old button pressed again, giving up
/// halfway ("算了 没事了"), a string of letters. Each gets a short, fitting answer — never the whole help, never a record.
/// </summary>
public sealed class EverydayWordsTests : DemoChatTests
{
    [Fact]
    public async Task Thanks_AndOk_AreAcknowledgedInALine()
    {
        foreach (var ok in new[] { "好的", "ok", "thx", "👍", "好的 谢谢", "辛苦了" })
            Assert.Equal("好的，张三。有需要随时找我，发送“帮助”可查看可以做的事。", await TextAsync("zhangsan", ok));
        // An angry face is not thanks.
        Assert.StartsWith("对不起，请您再说一遍。", await TextAsync("zhangsan", "😡"));
    }

    [Fact]
    public async Task AButtonOfSomethingOver_SaysSo_InsteadOfTheHelp()
    {
        Assert.Equal("您好，这个按钮对应的事项已经办完或已结束。如需继续，请重新发送指令，或发送“帮助”查看可以做的事。",
            string.Join("\n", (await Chat("zhangsan").PressAsync("全部正常")).Select(l => l.Text)));
    }

    [Fact]
    public async Task GivingUpHalfway_Cancels_AndRaisesNothing_第2篇_1_3()
    {
        await SayAsync("zhangsan", "紧急");
        Assert.Equal("好的，已取消。还有什么可以帮您？", await TextAsync("zhangsan", "算了 没事了"));
        Assert.Empty(await InboxAsync("sunqi"));
        Assert.Empty(await InboxAsync("wangwu"));

        await SayAsync("zhangsan", "借钥匙 3-1-502");
        Assert.Equal("好的，已取消。还有什么可以帮您？", await TextAsync("zhangsan", "不借了"));
        Assert.Equal("您名下目前没有钥匙。", await TextAsync("zhangsan", "我的钥匙"));
    }

    [Fact]
    public async Task LettersAndQuestions_AreNotOfferedAsRecords()
    {
        foreach (var text in new[] { "asdfgh", "english please", "有啥要交接的" })
            Assert.DoesNotContain("需要把这件事登记下来吗", await TextAsync("zhangsan", text));
    }

    [Fact]
    public async Task ACommandWordWithAFillerInside_IsThatCommand()
    {
        Assert.StartsWith("签到成功", await TextAsync("zhangsan", "我签个到"));
        var borrow = await TextAsync("wangwu", "借一下钥匙 3-1-502");
        Assert.DoesNotContain("您是想办理以下哪一项", borrow);
        Assert.Contains("3-1-502", borrow);
    }

    [Fact]
    public async Task ASupervisorsQuestions_AreReadAsQuestions()
    {
        // Not offered as something to record: it asks.
        Assert.DoesNotContain("需要把这件事登记下来吗", await TextAsync("wangwu", "这个月迟到几次"));
        // An owners' word at the start of a staff question is not refused as the owners' command.
        Assert.DoesNotContain("不在您的权限范围内", await TextAsync("zhaoliu", "投诉处理了吗"));
        Assert.StartsWith("赵六您好", await TextAsync("zhaoliu", "有啥事"));
        Assert.Contains("今日值班经理：赵六", await TextAsync("zhangsan", "值班经理是谁"));
    }

    [Fact]
    public async Task ACommandTypedWhereALookUpAsksWhatToLookUp_RunsAtOnce()
    {
        Assert.StartsWith("请告诉我要查哪把钥匙", await TextAsync("wangwu", "钥匙"));
        var borrow = await TextAsync("wangwu", "借钥匙 3-1-502");
        Assert.DoesNotContain("还没有作为回答记录", borrow);
        Assert.Contains("3-1-502", borrow);
    }

    [Fact]
    public async Task HelpTypedWhereACommandAsksWhatToActOn_ShowsTheHelp()
    {
        // Before, "帮助" was looked up as a key called 帮助.
        Assert.StartsWith("请告诉我要查哪把钥匙", await TextAsync("zhaoliu", "钥匙"));
        var help = await TextAsync("zhaoliu", "帮助");
        Assert.DoesNotContain("没有找到钥匙", help);
        Assert.Contains("升级事项", help);
        // The question is over: a key's name typed now is not taken as its answer.
        Assert.DoesNotContain("没有找到钥匙", await TextAsync("zhaoliu", "你好"));
    }
}

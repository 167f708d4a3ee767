using Bot.Channels.WeCom;

namespace Bot.Tests.Channels.WeCom;

/// <summary>
/// wecom.md §8.3: the reply to a card click carries the task_id, the response_code and the pressed value, so the sender
/// can grey the card out showing the choice without looking the click up again.
/// </summary>
public sealed class WeComCardReplyTests
{
    private static WeComCallbackMessage Click(string key, string taskId = "m42_0123456789abcdef", string code = "rc-1") => new()
    {
        FromUserName = "zhangsan", CreateTime = "1764230400", MsgType = "event", Event = "template_card_event",
        EventKey = key, TaskId = taskId, CardType = "button_interaction", ResponseCode = code, AgentID = "1000002",
    };

    private static string? ReplyToIdOf(WeComCallbackMessage click) =>
        WeComTranslator.Translate(click, DateTimeOffset.UnixEpoch).Message!.ReplyToId;

    [Theory]
    [InlineData("我是谁")]
    [InlineData("keys.return|K-01")]
    [InlineData("a=b&c")]
    public void Click_ReplyNamesTaskCodeAndPressedValue(string key)
    {
        var click = WeComTranslator.CardClickOf(ReplyToIdOf(Click(key)));

        Assert.Equal(("m42_0123456789abcdef", "rc-1", key), click);
    }

    [Fact]
    public void Click_WithAKeyTooLongForTheReply_StillNamesTheCardWithoutTheValue()
    {
        var replyTo = ReplyToIdOf(Click(new string('长', 300)));

        Assert.True(replyTo!.Length <= 256);
        Assert.Equal(("m42_0123456789abcdef", "rc-1", (string?)null), WeComTranslator.CardClickOf(replyTo));
    }

    [Fact]
    public void Click_ResponseCodeWithABar_ComesBackWhole()
    {
        Assert.Equal("rc|1", WeComTranslator.CardClickOf(ReplyToIdOf(Click("1", code: "rc|1")))!.Value.ResponseCode);
    }

    [Fact]
    public void ReplyQueuedBeforeTheValueWasCarried_StillNamesTheCard()
    {
        Assert.Equal(("m42_x", "rc-1", (string?)null), WeComTranslator.CardClickOf("card|m42_x|rc-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("msg:1")]
    [InlineData("card|")]
    [InlineData("card|m42_x")]
    [InlineData("card||rc-1")]
    [InlineData("card|m42_x|Zm9v|")]
    public void NotACardReply_IsNone(string? replyToId)
    {
        Assert.Null(WeComTranslator.CardClickOf(replyToId));
    }

    [Fact]
    public void ValueThatIsNotBase64_IsLeftOut()
    {
        Assert.Equal(("m42_x", "rc-1", (string?)null), WeComTranslator.CardClickOf("card|m42_x|*|rc-1"));
    }
}

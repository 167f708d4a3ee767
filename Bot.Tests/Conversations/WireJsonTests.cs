using Bot.Conversations;
using Bot.Domain.Conversations;

namespace Bot.Tests.Conversations;

/// <summary>The inbox's stored copy of a message: shorter than the full form, and read back exactly as it was.</summary>
public sealed class WireJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 8, 30, 0, 123, TimeSpan.FromHours(8));

    private static readonly IncomingMessage Help =
        new(new ConversationAddress("wecom", "zhangsan"), "msg:1", new ChannelUser("wecom", "zhangsan"), "帮助", null, At);

    public static TheoryData<IncomingMessage> Messages() =>
    [
        Help,
        new(new ConversationAddress("wecom", "zhangsan"), "card:2", new ChannelUser("wecom", "zhangsan"), null, "keys.return", At,
            ReplyToId: "task-7"),
        // A position at 0,0 and a false flag must not come back as something else.
        new(new ConversationAddress("wecom", "lisi"), "msg:3", new ChannelUser("wecom", "lisi"), null, null, At,
            Location: new SharedLocation(0, 0, null)),
        new(new ConversationAddress("wecom", "lisi"), "msg:4", new ChannelUser("wecom", "lisi"), null, null, At,
            Location: new SharedLocation(31.2304, 121.4737, "上海市 <b>&\"'</b>")),
        new(new ConversationAddress("botframework", "a:1", """{"serviceUrl":"https://smba.example/"}"""), "a:1|act-9",
            new ChannelUser("msteams", "29:1", IsLocalId: false, AlternateId: "aad-1"), "签到", null, At, "en-US", "act-9"),
        new(new ConversationAddress("localchat", "zhangsan"), "local-5", new ChannelUser("local", "zhangsan", IsLocalId: true),
            "借钥匙 K-01", null, At, "zh-CN"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void InboxCopy_ReadsBackAsTheSameMessage(IncomingMessage message)
    {
        var stored = WireJson.WriteIncoming(message);

        Assert.Equal(message, WireJson.ReadIncoming(stored));
        Assert.Equal(message.ReplyTo, WireJson.ReadIncoming(stored).ReplyTo);
    }

    [Fact]
    public void InboxCopy_LeavesOutNullsAndTheComputedReplyTo_AndKeepsChineseAsItIs()
    {
        var stored = WireJson.WriteIncoming(Help);

        Assert.Contains("\"帮助\"", stored);
        Assert.DoesNotContain("null", stored);
        Assert.DoesNotContain("replyTo", stored);
        Assert.DoesNotContain("isLocalId", stored);
        Assert.True(stored.Length < WireJson.Write(Help).Length * 2 / 3, stored);
    }

    [Fact]
    public void InboxCopy_StillEscapesWhatHtmlWouldRead()
    {
        var stored = WireJson.WriteIncoming(new IncomingMessage(new ConversationAddress("wecom", "zhangsan"), "msg:9",
            new ChannelUser("wecom", "zhangsan"), "<script>", null, At));

        Assert.DoesNotContain("<script>", stored);
    }

    [Fact]
    public void RowsWrittenBeforeTheShortForm_StillRead()
    {
        // As the inbox stored a message before: every property, nulls included, Chinese escaped.
        const string older = """{"address":{"channel":"wecom","conversationId":"zhangsan","data":""},"channelMessageId":"msg:1","sender":{"channel":"wecom","id":"zhangsan","isLocalId":false,"alternateId":null},"text":"\u5E2E\u52A9","choiceValue":null,"receivedAt":"2026-11-27T08:30:00.123+08:00","locale":null,"replyToId":null,"location":null,"replyTo":"msg:1"}""";

        Assert.Equal(Help, WireJson.ReadIncoming(older));
    }
}

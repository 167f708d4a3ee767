using System.Text.Json;
using Bot.Channels.Teams;

namespace Bot.Tests.Channels.Teams;

public sealed class ActivityTranslatorTests
{
    [Theory]
    [InlineData("<at>物业客服</at> 帮助", "帮助")]
    [InlineData("帮助 <at id=\"0\">Bot</at>", "帮助")]
    [InlineData("<at>物业客服</at>", null)]
    [InlineData("我是谁", "我是谁")]
    public void StripMentions_TeamsMarkup_LeavesTheCommand(string text, string? expected)
    {
        Assert.Equal(expected, ActivityTranslator.StripMentions(text));
    }

    [Theory]
    [InlineData("""{"choice":"我是谁"}""", "我是谁")]
    [InlineData("""{"choice":7}""", null)]
    [InlineData("""{"other":"x"}""", null)]
    [InlineData("""["我是谁"]""", null)]
    [InlineData("\"我是谁\"", null)]
    public void ChoiceOf_Value_OnlyAnObjectWithAStringChoice(string json, string? expected)
    {
        Assert.Equal(expected, ActivityTranslator.ChoiceOf(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void ToIncoming_EmulatorMessage_KeysOnChannelConversationAndActivity()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""
            {"type":"message","id":"a1","channelId":"emulator","serviceUrl":"http://127.0.0.1:1/",
             "from":{"id":"zhangsan"},"conversation":{"id":"c1"},"text":"帮助","locale":"zh-CN"}
            """, TeamsJson.Options)!;
        var now = new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero);

        var message = ActivityTranslator.ToIncoming(activity, emulator: true, now);

        Assert.Equal("botframework", message.Address.Channel);
        Assert.Equal("c1", message.Address.ConversationId);
        Assert.Equal("emulator/c1/a1", message.ChannelMessageId);
        Assert.Equal("a1", message.ReplyTo);
        Assert.Equal(new Bot.Domain.Conversations.ChannelUser("emulator", "zhangsan", IsLocalId: true), message.Sender);
        Assert.Equal("帮助", message.Text);
        Assert.Equal("zh-CN", message.Locale);
        Assert.Equal(now, message.ReceivedAt);
        var address = BotFrameworkAddress.FromJson(message.Address.Data)!;
        Assert.Equal("bot", address.Bot.Id);
        Assert.Equal("zhangsan", address.User.Id);
    }
}

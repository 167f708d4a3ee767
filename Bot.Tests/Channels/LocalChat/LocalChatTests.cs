using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.LocalChat;

public sealed class LocalChatTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Help_FromZhangsan_RepliesInChineseWithChoices()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");

        var replies = await chat.SayAsync("帮助");

        var reply = Assert.Single(replies);
        Assert.Contains("张三您好", reply.Text);
        Assert.Contains("我是谁", reply.Text);
        Assert.Contains(reply.Choices, c => c.Label == "我是谁");
    }

    [Fact]
    public async Task Post_Redelivered_HasOneReply()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");

        var first = await chat.PostAsync("帮助", clientMessageId: "m-1");
        var second = await chat.PostAsync("帮助", clientMessageId: "m-1");
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await chat.NewBotLinesAsync());
    }

    [Fact]
    public async Task Message_FromUnknownPerson_GetsNotRegisteredOnly()
    {
        var chat = new LocalChatClient(_bot, "stranger");

        var replies = await chat.SayAsync("帮助");

        var reply = Assert.Single(replies);
        Assert.Contains("您尚未登记，请联系客服主任", reply.Text);
        Assert.Empty(reply.Choices);
    }

    [Fact]
    public async Task Post_Empty_Is400AndStoresNothing()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");

        var response = await chat.PostAsync("   ");
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await chat.NewBotLinesAsync());
    }
}

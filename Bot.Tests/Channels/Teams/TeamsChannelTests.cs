using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Channels.Teams;
using Bot.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Teams;

/// <summary>POST /api/messages in emulator mode against a fake Bot Connector (botframework.md §2.4, §4.2–4.4, §8).</summary>
public sealed class TeamsChannelTests : IAsyncLifetime
{
    // Teams-like ids: the conversation id has characters that must be escaped in the path (§4.2).
    private const string ConversationId = "a:1XyZ;messageid=42";
    private const string EscapedConversationId = "a%3A1XyZ%3Bmessageid%3D42";

    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private int _activities;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory();
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Message_HelpFromZhangsan_RepliesOnceToTheActivityInChinese()
    {
        var response = await PostAsync(Message("帮助", id: "act-1"));
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedConversationId}/activities/act-1", request.Path);
        Assert.DoesNotContain("Authorization", request.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
        var reply = request.Json;
        Assert.Equal("message", reply.GetProperty("type").GetString());
        var text = reply.GetProperty("text").GetString()!;
        Assert.Contains("张三您好", text);
        Assert.Contains("我是谁", text);
        Assert.Contains("\n1. ", text);
        Assert.Equal("plain", reply.GetProperty("textFormat").GetString());
        Assert.Equal("emulator", reply.GetProperty("channelId").GetString());
        Assert.Equal("zh-CN", reply.GetProperty("locale").GetString());
        Assert.Equal("bot-1", reply.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("zhangsan", reply.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(ConversationId, reply.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal("act-1", reply.GetProperty("replyToId").GetString());
        var actions = reply.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().ToList();
        Assert.Contains(actions, a => a.GetProperty("type").GetString() == "imBack"
                                      && a.GetProperty("title").GetString() == "我是谁"
                                      && a.GetProperty("value").GetString() == "我是谁");
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync()).Status);
    }

    [Fact]
    public async Task Message_PostedTwice_RepliesOnce()
    {
        var activity = Message("帮助", id: "act-dup");

        var first = await PostAsync(activity);
        var second = await PostAsync(activity);
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_connector.Requests);
        Assert.Equal(1, await InboxCountAsync());
    }

    [Fact]
    public async Task Message_ChoicePressedAsValue_RepliesNamingZhangsan()
    {
        var activity = Message(null);
        activity["value"] = new JsonObject { ["choice"] = "我是谁" };

        (await PostAsync(activity)).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var text = Assert.Single(_connector.Requests).Json.GetProperty("text").GetString()!;
        // 我是谁 answers with the person's record, not the help menu.
        Assert.Contains("张三", text);
        Assert.Contains("直属上级", text);
    }

    [Fact]
    public async Task Message_WithAtMention_IsReadWithoutTheMarkup()
    {
        (await PostAsync(Message("<at>物业客服</at> 帮助"))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        Assert.Contains("张三您好", Assert.Single(_connector.Requests).Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Message_FromUnknownUser_GetsOnlyNotRegistered()
    {
        (await PostAsync(Message("帮助", from: "stranger"))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var reply = Assert.Single(_connector.Requests).Json;
        Assert.Contains("您尚未登记，请联系客服主任", reply.GetProperty("text").GetString());
        Assert.False(reply.TryGetProperty("suggestedActions", out _));
    }

    [Fact]
    public async Task Message_FromEmulatorPeerWithoutRecipientOrId_RepliesAsBotToTheConversation()
    {
        var activity = Message("帮助");
        activity.Remove("recipient");
        activity.Remove("id");

        (await PostAsync(activity)).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var request = Assert.Single(_connector.Requests);
        Assert.Equal($"/v3/conversations/{EscapedConversationId}/activities", request.Path);
        Assert.Equal("bot", request.Json.GetProperty("from").GetProperty("id").GetString());
        Assert.False(request.Json.TryGetProperty("replyToId", out _));
    }

    [Fact]
    public async Task Post_MalformedJson_Is400AndStoresNothing()
    {
        var response = await PostRawAsync("{\"type\": \"message\", \"text\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_WithoutType_Is400AndStoresNothing()
    {
        var activity = Message("帮助");
        activity.Remove("type");

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("from")]
    [InlineData("conversation")]
    public async Task Message_MissingWhatRepliesNeed_Is400AndStoresNothing(string field)
    {
        var activity = Message("帮助");
        activity.Remove(field);

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_BodyOverTheCap_Is413()
    {
        var response = await PostRawAsync(OversizedBody());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task ReadCapped_NoContentLengthAndBodyOverTheCap_ReturnsNull()
    {
        // A chunked body has no Content-Length: only the capped read can stop it.
        var context = new DefaultHttpContext { Request = { Body = new MemoryStream(new byte[100_001]) } };

        Assert.Null(context.Request.ContentLength);
        Assert.Null(await TeamsMessagesEndpoint.ReadCappedAsync(context.Request, 100_000, CancellationToken.None));
    }

    [Fact]
    public async Task ReadCapped_BodyAtTheCap_ReturnsIt()
    {
        var context = new DefaultHttpContext { Request = { Body = new MemoryStream(new byte[100_000]) } };

        var body = await TeamsMessagesEndpoint.ReadCappedAsync(context.Request, 100_000, CancellationToken.None);

        Assert.Equal(100_000, body?.Length);
    }

    [Theory]
    [InlineData("http://203.0.113.7:3978")]
    [InlineData("https://evil.example/")]
    public async Task Message_EmulatorModeServiceUrlOffThisMachine_Is403AndStoresNothing(string serviceUrl)
    {
        var activity = Message("帮助");
        activity["serviceUrl"] = serviceUrl;

        var response = await PostAsync(activity);
        await _bot.RunTurnsAsync();

        // botframework.md §8: unauthenticated, the bot must not be made to POST anywhere but this machine.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_ProductionWithoutAllowUnauthenticated_Is401AndStoresNothing()
    {
        _bot.Dispose();
        _bot = new BotFactory(settings: new Dictionary<string, string?> { ["environment"] = "Production" });

        var response = await PostAsync(Message("帮助"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_ProductionWithAllowUnauthenticated_IsAccepted()
    {
        _bot.Dispose();
        _bot = new BotFactory(settings: new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Teams:AllowUnauthenticated"] = "true",
        });

        var response = await PostAsync(Message("帮助"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await InboxCountAsync());
    }

    [Theory]
    [InlineData("conversationUpdate")]
    [InlineData("installationUpdate")]
    [InlineData("typing")]
    [InlineData("somethingNew")]
    public async Task Post_NonMessageActivity_Is200AndIgnored(string type)
    {
        var activity = Message(null);
        activity["type"] = type;

        var response = await PostAsync(activity);
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Post_UnknownInvoke_Is501WithEmptyBody()
    {
        var activity = Message(null);
        activity["type"] = "invoke";
        activity["name"] = "composeExtension/query";

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Get_Is405()
    {
        using var client = _bot.CreateClient();

        var response = await client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Send_ConnectorAnswers503ThenOk_RetriesAfterBackoffAndArrivesOnce()
    {
        _connector.RespondNext(1, HttpStatusCode.ServiceUnavailable);

        (await PostAsync(Message("帮助"))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        Assert.Single(_connector.Requests);
        Assert.Equal(OutboxStatus.Pending, Assert.Single(await OutboxAsync()).Status);

        // FirstRetryDelay is 2 s with ±20 % jitter: nothing before 1.6 s, the retry by 2.4 s.
        _bot.Time.Advance(TimeSpan.FromSeconds(1.5));
        await _bot.DispatchAsync();
        Assert.Single(_connector.Requests);
        _bot.Time.Advance(TimeSpan.FromSeconds(1));
        await _bot.DispatchAsync();

        Assert.Equal(2, _connector.Requests.Count);
        Assert.Equal(_connector.Requests[0].Body, _connector.Requests[1].Body);
        var row = Assert.Single(await OutboxAsync());
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Equal("sent-1", row.SentMessageId);
    }

    [Fact]
    public async Task Send_ConnectorAnswers429WithRetryAfter7_WaitsSevenSeconds()
    {
        _connector.RespondNext(1, HttpStatusCode.TooManyRequests, retryAfter: "7");

        (await PostAsync(Message("帮助"))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        _bot.Time.Advance(TimeSpan.FromSeconds(6.9));
        await _bot.DispatchAsync();
        Assert.Single(_connector.Requests);

        _bot.Time.Advance(TimeSpan.FromSeconds(0.2));
        await _bot.DispatchAsync();

        Assert.Equal(2, _connector.Requests.Count);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync()).Status);
    }

    [Fact]
    public async Task Send_ConnectorAnswers400_IsNotRetried()
    {
        _connector.RespondNext(1, HttpStatusCode.BadRequest, body: """{"error":{"code":"BadArgument","message":"bad activity"}}""");

        (await PostAsync(Message("帮助"))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        _bot.Time.Advance(TimeSpan.FromHours(1));
        await _bot.DispatchAsync();

        Assert.Single(_connector.Requests);
        var row = Assert.Single(await OutboxAsync());
        Assert.Equal(OutboxStatus.Dead, row.Status);
        Assert.Contains("400", row.LastError);
        Assert.Contains("BadArgument", row.LastError);
    }

    /// <summary>An emulator-style message activity (§10), as a mutable JSON object so a test can remove or add fields.</summary>
    private JsonObject Message(string? text, string from = "zhangsan", string? id = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id ?? $"act-{Interlocked.Increment(ref _activities)}",
            ["channelId"] = "emulator",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = from, ["name"] = "User" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "物业客服" },
            ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal" },
            ["locale"] = "zh-CN",
            ["textFormat"] = "plain",
            ["clientInfo"] = new JsonObject { ["platform"] = "test" },
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var client = _bot.CreateClient();
        return await client.PostAsJsonAsync("/api/messages", activity);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body)
    {
        using var client = _bot.CreateClient();
        return await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private string OversizedBody()
    {
        var activity = Message(new string('水', 100_000)); // 300 000 bytes of UTF-8, over the 262 144 default
        return activity.ToJsonString();
    }

    private Task<int> InboxCountAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().CountAsync());

    private Task<List<OutboxMessage>> OutboxAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync());
}

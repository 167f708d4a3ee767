using Bot.Domain.Features.Escalation;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Channels.Teams;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Teams;

/// <summary>
/// /api/messages with Teams:AppId set, against a local OpenID/JWKS server and token authority on https
/// (botframework.md §3.2 validation, §4.1 bot token, §4.5 proactive, §4.6 serviceUrl trust, §5 cards).
/// </summary>
public sealed class TeamsAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "6a1b2c3d-0000-4000-8000-00000000b07a";
    private const string TenantId = "72f9a1b2-0000-4000-8000-0000000074e7";
    private const string ZhangsanAad = "6f1e0000-0000-4000-8000-00000000a001";
    private const string ConversationId = "a:1XyZ-zhangsan";
    private const string EscapedConversationId = "a%3A1XyZ-zhangsan";

    // Made once for the class: RSA key generation takes a noticeable, random time. Each is still made in the test run.
    private static readonly X509Certificate2 Certificate = TestCertificate.Create();
    private static readonly RSA TeamsRsa = RSA.Create(2048);
    private static readonly RSA WebChatRsa = RSA.Create(2048);
    private static readonly RSA RolledRsa = RSA.Create(2048);
    private static readonly RSA ForgerRsa = RSA.Create(2048);

    private X509Certificate2 _certificate = null!;
    private FakeMicrosoftCloud _cloud = null!;
    private FakeConnector _connector = null!;
    private FakeMicrosoftCloud.SigningKey _key = null!;
    private FakeMicrosoftCloud.SigningKey _webChatKey = null!;
    private BotFactory _bot = null!;
    private int _activities;

    public async Task InitializeAsync()
    {
        _certificate = Certificate;
        _cloud = await FakeMicrosoftCloud.StartAsync(_certificate);
        _key = _cloud.AddKey("key-teams", TeamsRsa, "msteams", "skype");
        _webChatKey = _cloud.AddKey("key-webchat", WebChatRsa, "webchat");
        _connector = await FakeConnector.StartAsync(_certificate);
        _bot = new BotFactory(
            settings: new Dictionary<string, string?>
            {
                ["Teams:AppId"] = AppId,
                ["Teams:TenantId"] = TenantId,
                // In the test's settings, as the environment would give it; never in appsettings.json.
                ["Teams:AppPassword"] = "test-secret",
                ["Teams:OpenIdMetadataUrl"] = _cloud.OpenIdMetadataUrl,
                ["Teams:TokenAuthority"] = _cloud.TokenAuthority,
                ["Teams:AllowedServiceUrlHosts:0"] = "127.0.0.1",
                ["Teams:DefaultServiceUrl"] = _connector.ServiceUrl,
            },
            services: services => TestCertificate.TrustIn(services, _certificate,
                BotFrameworkSender.HttpClientName, BotTokenProvider.HttpClientName, BotFrameworkJwtAuthenticator.HttpClientName));
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            // The directory knows 张三 by her aadObjectId and 李四 by his Teams user id (docs/directory-csv.md).
            db.Add(new ChannelIdentity { Channel = "msteams", ChannelUserId = ZhangsanAad, PersonId = "zhangsan" });
            db.Add(new ChannelIdentity { Channel = "msteams", ChannelUserId = "29:lisi", PersonId = "lisi" });
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _connector.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    [Fact]
    public async Task Message_CorrectlySigned_RepliesThroughTheConnectorWithTheBotToken()
    {
        var activity = Activity("帮助", id: "act-1");

        var response = await PostAsync(activity, Token(activity));
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.Requests);
        Assert.Equal($"/v3/conversations/{EscapedConversationId}/activities/act-1", reply.Path);
        Assert.Equal("Bearer " + _cloud.TokenNumber(1), reply.Headers["Authorization"]);
        // The help menu offers choices, so in Teams it is a card (§5.1).
        Assert.Contains("张三您好", reply.Json.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString());
        // Client credentials from the tenant's authority, for the Bot Connector's scope (§4.1).
        var tokenRequest = Assert.Single(_cloud.TokenRequests);
        Assert.Equal($"/{TenantId}/oauth2/v2.0/token", tokenRequest.Path);
        Assert.Contains("grant_type=client_credentials", tokenRequest.Body);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest.Body);
        Assert.Contains($"client_id={AppId}", tokenRequest.Body);
        // The reference for proactive messages came with the valid token (§4.6).
        var reference = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ConversationReference>().SingleAsync());
        Assert.Equal("zhangsan", reference.ParticipantId);
        Assert.Contains(_connector.ServiceUrl, reference.AddressData);
        Assert.Contains(TenantId, reference.AddressData);
        Assert.Contains(ZhangsanAad, reference.AddressData);
    }

    [Fact]
    public async Task Message_TwoReplies_UseTheCachedToken()
    {
        var first = Activity("我是谁", id: "act-1");
        var second = Activity("我是谁", id: "act-2");

        await PostAsync(first, Token(first));
        await PostAsync(second, Token(second));
        await _bot.RunTurnsAsync();

        Assert.Equal(2, _connector.Requests.Count);
        Assert.All(_connector.Requests, r => Assert.Equal("Bearer " + _cloud.TokenNumber(1), r.Headers["Authorization"]));
        Assert.Single(_cloud.TokenRequests);
    }

    [Fact]
    public async Task Message_SenderKnownOnlyByTeamsUserId_IsFoundSecond()
    {
        var activity = Activity("我是谁", from: "29:lisi", aadObjectId: "6f1e0000-0000-4000-8000-0000000000ff");

        await PostAsync(activity, Token(activity));
        await _bot.RunTurnsAsync();

        Assert.Contains("李四", Assert.Single(_connector.Requests).Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Token_ExpiredFourMinutesAgo_IsAcceptedWithinTheFiveMinuteSkew()
    {
        var activity = Activity("帮助");
        var now = _bot.Time.GetUtcNow();

        var response = await PostAsync(activity, "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, activity["serviceUrl"]!.GetValue<string>(),
            now.AddHours(-1), now.AddMinutes(-4)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Forgeries =>
    [
        "no token", "not bearer", "not a JWT", "wrong issuer", "wrong audience", "expired", "not yet valid",
        "wrong signature", "unknown kid", "key not endorsed for msteams", "serviceurl claim mismatch",
        "no serviceurl claim", "wrong tenant", "tenant only in channelData and wrong", "no tenant", "serviceUrl not on the allow-list",
        "serviceUrl over http",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Message_Forged_Is401AndNothingIsStoredOrSent(string forgery)
    {
        var activity = Activity("帮助");
        var now = _bot.Time.GetUtcNow();
        var serviceUrl = _connector.ServiceUrl;
        string? authorization = forgery switch
        {
            "no token" => null,
            "not bearer" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AppId + ":test-secret")),
            "not a JWT" => "Bearer not-a-token",
            "wrong issuer" => "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, serviceUrl, now.AddMinutes(-1), now.AddHours(1), issuer: "https://api.botframework.evil"),
            "wrong audience" => "Bearer " + FakeMicrosoftCloud.CreateToken(_key, "00000000-0000-4000-8000-000000000bad", serviceUrl, now.AddMinutes(-1), now.AddHours(1)),
            "expired" => "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, serviceUrl, now.AddHours(-2), now.AddMinutes(-6)),
            "not yet valid" => "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, serviceUrl, now.AddMinutes(6), now.AddHours(1)),
            // The published kid, signed with a different private key.
            "wrong signature" => "Bearer " + FakeMicrosoftCloud.CreateToken(FakeMicrosoftCloud.UnpublishedKey(_key.Kid, ForgerRsa), AppId, serviceUrl, now.AddMinutes(-1), now.AddHours(1)),
            "unknown kid" => "Bearer " + FakeMicrosoftCloud.CreateToken(FakeMicrosoftCloud.UnpublishedKey("key-unknown", ForgerRsa), AppId, serviceUrl, now.AddMinutes(-1), now.AddHours(1)),
            "key not endorsed for msteams" => "Bearer " + FakeMicrosoftCloud.CreateToken(_webChatKey, AppId, serviceUrl, now.AddMinutes(-1), now.AddHours(1)),
            "serviceurl claim mismatch" => "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, "https://smba.trafficmanager.net/apac/", now.AddMinutes(-1), now.AddHours(1)),
            _ => null,
        };
        switch (forgery)
        {
            case "no serviceurl claim":
                authorization = "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, serviceUrl: null, now.AddMinutes(-1), now.AddHours(1));
                break;
            case "wrong tenant":
                activity["conversation"]!["tenantId"] = "00000000-0000-4000-8000-0000000e0f11";
                activity["channelData"]!["tenant"]!["id"] = "00000000-0000-4000-8000-0000000e0f11";
                authorization = Token(activity);
                break;
            case "tenant only in channelData and wrong":
                activity["conversation"]!.AsObject().Remove("tenantId");
                activity["channelData"]!["tenant"]!["id"] = "00000000-0000-4000-8000-0000000e0f11";
                authorization = Token(activity);
                break;
            case "no tenant":
                activity["conversation"]!.AsObject().Remove("tenantId");
                activity.Remove("channelData");
                authorization = Token(activity);
                break;
            case "serviceUrl not on the allow-list":
                // A genuine token for a serviceUrl the bot must never send its token to (§4.6).
                activity["serviceUrl"] = "https://evil.example.com/";
                authorization = Token(activity);
                break;
            case "serviceUrl over http":
                activity["serviceUrl"] = _connector.ServiceUrl.Replace("https://", "http://", StringComparison.Ordinal);
                authorization = Token(activity);
                break;
        }

        var response = await PostAsync(activity, authorization);
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await AssertNothingStoredAsync();
        Assert.Empty(_connector.Requests);
        Assert.Empty(_cloud.TokenRequests);
    }

    [Fact]
    public async Task Message_UnknownKid_RefreshesTheKeysOnceAndAcceptsAKeyPublishedSince()
    {
        var first = Activity("帮助", id: "act-1");
        await PostAsync(first, Token(first));
        var fetchesBefore = _cloud.MetadataFetches;
        var rolled = _cloud.AddKey("key-rolled", RolledRsa, "msteams");

        var second = Activity("帮助", id: "act-2");
        var now = _bot.Time.GetUtcNow();
        var response = await PostAsync(second, "Bearer " + FakeMicrosoftCloud.CreateToken(rolled, AppId, _connector.ServiceUrl, now.AddMinutes(-1), now.AddHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fetchesBefore + 1, _cloud.MetadataFetches);
    }

    [Fact]
    public async Task Send_ToServiceUrlNotOnTheAllowList_SendsNothingAndNoToken()
    {
        // An http connector on the same machine: right host, wrong scheme, so no token may go there (§4.6).
        await using var plain = await FakeConnector.StartAsync();
        var address = new BotFrameworkAddress(plain.ServiceUrl, "msteams", new Bot.Channels.Teams.ChannelAccount { Id = "28:" + AppId },
            new Bot.Channels.Teams.ChannelAccount { Id = "29:zhangsan" }, new ConversationAccount { Id = ConversationId, TenantId = TenantId }, "zh-CN");
        await _bot.InScopeAsync(async sp =>
        {
            sp.GetRequiredService<Outbox>().Enqueue(new ConversationAddress(ActivityTranslator.AddressChannel, ConversationId, address.ToJson()),
                new OutgoingMessage("您好"), "zhangsan");
            await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
        });

        await _bot.DispatchAsync();

        Assert.Empty(plain.Requests);
        Assert.Empty(_connector.Requests);
        Assert.Empty(_cloud.TokenRequests);
        var row = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<OutboxMessage>().SingleAsync());
        Assert.Equal(OutboxStatus.Dead, row.Status);
        Assert.Contains("AllowedServiceUrlHosts", row.LastError);
    }

    [Fact]
    public async Task Notify_PersonWithStoredReference_SendsToThatConversationWithTheToken()
    {
        var activity = Activity("帮助", id: "act-1");
        await PostAsync(activity, Token(activity));
        await _bot.RunTurnsAsync();

        await NotifyAsync("zhangsan", "请处理 3-1-502 的报修。");
        await _bot.DispatchAsync();

        var sent = _connector.Requests[^1];
        Assert.Equal("POST", sent.Method);
        Assert.Equal($"/v3/conversations/{EscapedConversationId}/activities", sent.Path);
        Assert.Equal("Bearer " + _cloud.TokenNumber(1), sent.Headers["Authorization"]);
        Assert.Equal("请处理 3-1-502 的报修。", sent.Json.GetProperty("text").GetString());
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task Notify_PersonNeverSeen_CreatesTheOneToOneConversationInTheTenantThenSends()
    {
        await NotifyAsync("lisi", "请处理 3-1-502 的报修。");
        await _bot.DispatchAsync();

        Assert.Equal(2, _connector.Requests.Count);
        var create = _connector.Requests[0];
        Assert.Equal("/v3/conversations", create.Path);
        Assert.Equal("Bearer " + _cloud.TokenNumber(1), create.Headers["Authorization"]);
        Assert.Equal("29:lisi", create.Json.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal("28:" + AppId, create.Json.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal(TenantId, create.Json.GetProperty("tenantId").GetString());
        Assert.Equal(TenantId, create.Json.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.False(create.Json.GetProperty("isGroup").GetBoolean());
        // The fake connector answers {"id": "sent-1"}: the message goes to that new conversation.
        var send = _connector.Requests[1];
        Assert.Equal("/v3/conversations/sent-1/activities", send.Path);
        Assert.Equal("Bearer " + _cloud.TokenNumber(1), send.Headers["Authorization"]);
        Assert.Equal("请处理 3-1-502 的报修。", send.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Notify_PersonNeverSeen_TheCreatedConversationIsKeptForTheNextMessage()
    {
        await NotifyAsync("lisi", "请处理 3-1-502 的报修。");
        await _bot.DispatchAsync();
        await NotifyAsync("lisi", "3-1-502 的报修已派工。");
        await _bot.DispatchAsync();

        // One create (§4.5), then both messages into the conversation it answered.
        Assert.Equal(["/v3/conversations", "/v3/conversations/sent-1/activities", "/v3/conversations/sent-1/activities"],
            _connector.Requests.Select(r => r.Path));
        var reference = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ConversationReference>().SingleAsync(r => r.ParticipantId == "lisi"));
        Assert.Equal("sent-1", reference.ConversationId);
    }

    [Fact]
    public async Task Send_Answered403MessageWritesBlocked_RetiresTheReferenceAndTheNextAlertGoesElsewhere()
    {
        var activity = Activity("帮助", id: "act-1");
        await PostAsync(activity, Token(activity));
        await _bot.RunTurnsAsync();
        _connector.RespondNext(1, HttpStatusCode.Forbidden,
            body: """{"error":{"code":"Forbidden","message":"The bot is blocked","subCode":"MessageWritesBlocked"}}""");

        await NotifyAsync("zhangsan", "请处理 3-1-502 的报修。");
        await _bot.DispatchAsync();
        var sentBefore = _connector.Requests.Count;
        await NotifyAsync("zhangsan", "3-1-502 的报修已派工。");
        await _bot.DispatchAsync();

        // Not retried, not sent to Teams again: no reference, the identity is marked, the next alert takes the chat page.
        Assert.Equal(sentBefore, _connector.Requests.Count);
        var (references, identity, outbox) = await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            return (await db.Set<ConversationReference>().Where(r => r.ParticipantId == "zhangsan").ToListAsync(),
                await db.Set<ChannelIdentity>().SingleAsync(i => i.ChannelUserId == ZhangsanAad),
                await db.Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());
        });
        Assert.DoesNotContain(references, r => r.Channel == "botframework");
        Assert.NotNull(identity.UnreachableSince);
        Assert.Equal(OutboxStatus.Dead, outbox.Single(m => WireJson.ReadOutgoing(m.Payload).Text.Contains("请处理 3-1-502")).Status);
        Assert.Equal("localchat", outbox.Single(m => WireJson.ReadOutgoing(m.Payload).Text.Contains("已派工")).Channel);
        // The 客服主任 hears that she cannot be reached on Teams, so someone asks her to add the bot again.
        Assert.Contains(outbox, m => m.RecipientId == "zhaoliu" && WireJson.ReadOutgoing(m.Payload).Text.Contains("张三 已在 Teams 中屏蔽"));

        // She writes on Teams again: reachable there again.
        var again = Activity("帮助", id: "act-2");
        await PostAsync(again, Token(again));
        await _bot.RunTurnsAsync();
        identity = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ChannelIdentity>().SingleAsync(i => i.ChannelUserId == ZhangsanAad));
        Assert.Null(identity.UnreachableSince);
    }

    [Fact]
    public async Task CardSubmit_AnswersTheLanguagePromptAndUpdatesTheCard()
    {
        var ask = Activity("语言", id: "act-1");
        await PostAsync(ask, Token(ask));
        await _bot.RunTurnsAsync();

        // The prompt is an Adaptive Card with one Action.Submit per choice (§5.1).
        var prompt = Assert.Single(_connector.Requests).Json;
        var attachment = prompt.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("请选择您希望使用的语言：", card.GetProperty("body")[0].GetProperty("text").GetString());
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["中文", "English"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.All(actions, a => Assert.Equal("Action.Submit", a.GetProperty("type").GetString()));
        Assert.Equal("en", actions[1].GetProperty("data").GetProperty("choice").GetString());

        // Teams sends the press as a message with the data in value and replyToId = the card's message (sent-1).
        var submit = Activity(null, id: "act-2");
        submit["value"] = new JsonObject { ["choice"] = "en" };
        submit["replyToId"] = "sent-1";
        var response = await PostAsync(submit, Token(submit));
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = _connector.Requests[1];
        Assert.Equal("PUT", update.Method);
        Assert.Equal($"/v3/conversations/{EscapedConversationId}/activities/sent-1", update.Path);
        Assert.Equal("Bearer " + _cloud.TokenNumber(1), update.Headers["Authorization"]);
        var updatedCard = update.Json.GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("✓ English", updatedCard.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.False(updatedCard.TryGetProperty("actions", out _));
        var answer = _connector.Requests[2];
        Assert.Equal("OK, I will speak English with you from now on.", answer.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ActionExecute_AnswersThePromptAndTheInvokeWithTheAnsweredCard()
    {
        var ask = Activity("语言", id: "act-1");
        await PostAsync(ask, Token(ask));
        await _bot.RunTurnsAsync();

        var execute = Activity(null, id: "act-2");
        execute["type"] = "invoke";
        execute["name"] = "adaptiveCard/action";
        execute["replyToId"] = "sent-1";
        execute["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "choose", ["data"] = new JsonObject { ["choice"] = "en" } },
            ["trigger"] = "manual",
        };
        var response = await PostAsync(execute, Token(execute));
        await _bot.RunTurnsAsync();

        // §5.2: HTTP 200, the outcome in statusCode, the new card as value.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invokeResponse = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, invokeResponse["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", invokeResponse["type"]!.GetValue<string>());
        Assert.Equal("✓ English", invokeResponse["value"]!["body"]![1]!["text"]!.GetValue<string>());
        Assert.Equal("OK, I will speak English with you from now on.", _connector.Requests[^1].Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ActionExecute_NotExecute_Is400ErrorResponseAndStoresNothing()
    {
        var invoke = Activity(null, id: "act-9");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Submit", ["data"] = new JsonObject { ["choice"] = "en" } } };

        var response = await PostAsync(invoke, Token(invoke));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.error", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<string>());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("conversationUpdate")]
    [InlineData("installationUpdate")]
    public async Task BotAdded_GreetsOnceInChineseAndEnglish(string type)
    {
        var added = Activity(null, id: "act-add");
        added["type"] = type;
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + AppId });
        added["action"] = "add";
        var again = added.DeepClone().AsObject();
        again["id"] = "act-add-2";

        (await PostAsync(added, Token(added))).EnsureSuccessStatusCode();
        (await PostAsync(again, Token(again))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var welcome = Assert.Single(_connector.Requests);
        var text = welcome.Json.GetProperty("text").GetString()!;
        Assert.StartsWith("您好，这里是示例花园客服中心", text);
        Assert.Contains("Hello, this is the duty assistant of the 示例花园 customer service centre", text);
        Assert.Equal("Bearer " + _cloud.TokenNumber(1), welcome.Headers["Authorization"]);
        // 张三 installed the bot for herself: she can be reached proactively in this conversation from now on (§4.5).
        var reference = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ConversationReference>().SingleAsync());
        Assert.Equal("zhangsan", reference.ParticipantId);
        Assert.Equal(ConversationId, reference.ConversationId);
    }

    [Fact]
    public async Task Escalation_ReachesTheShiftLeadOnTeamsAsACard_AndPressingAckAcknowledges()
    {
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            db.Add(new ChannelIdentity { Channel = "msteams", ChannelUserId = "29:wangwu", PersonId = "wangwu" });
            await db.SaveChangesAsync();
        });
        var id = await _bot.InScopeAsync(async sp =>
        {
            long caseId = 0;
            await sp.GetRequiredService<IEscalationStore>().AtomicallyAsync(async () =>
                caseId = (await sp.GetRequiredService<EscalationService>().RaiseAsync(
                    new EscalationRequest("test", "3号楼电梯困人", Severity.Urgent, "请立即到场", "zhangsan"), _bot.Time.GetUtcNow(), CancellationToken.None)).Id,
                CancellationToken.None);
            return caseId;
        });
        await _bot.DispatchAsync();

        // 王五, the shift lead on duty, has never written to the bot: a 1:1 is created and the alert arrives as a card.
        Assert.Equal("/v3/conversations", _connector.Requests[0].Path);
        var alert = _connector.Requests[1];
        Assert.Equal("/v3/conversations/sent-1/activities", alert.Path);
        var card = alert.Json.GetProperty("attachments")[0].GetProperty("content");
        Assert.Contains($"升级事项 #{id}", card.GetProperty("body")[0].GetProperty("text").GetString());
        var ack = card.GetProperty("actions").EnumerateArray().First();
        Assert.Equal("收到", ack.GetProperty("title").GetString());

        // Pressing 收到 on the card.
        var press = Activity(null, from: "29:wangwu", aadObjectId: null);
        press["conversation"] = new JsonObject { ["id"] = "sent-1", ["conversationType"] = "personal", ["tenantId"] = TenantId };
        press["value"] = new JsonObject { ["choice"] = ack.GetProperty("data").GetProperty("choice").GetString() };
        press["replyToId"] = "sent-2";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(press, Token(press))).StatusCode);
        await _bot.RunTurnsAsync();

        var escalation = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(EscalationStatus.Acknowledged, escalation.Status);
        Assert.Equal("wangwu", escalation.AcknowledgedById);
        Assert.Contains(_connector.Requests, r => r.Method == "POST" && r.Json.TryGetProperty("text", out var t)
            && t.GetString()!.StartsWith($"好的，已记录您收到升级事项 #{id}", StringComparison.Ordinal));
    }

    private async Task AssertNothingStoredAsync()
    {
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            Assert.Equal(0, await db.Set<InboxMessage>().CountAsync());
            Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync());
            Assert.Equal(0, await db.Set<ConversationReference>().CountAsync());
        });
    }

    private Task NotifyAsync(string participantId, string text) => _bot.InScopeAsync(async sp =>
    {
        Assert.True(await sp.GetRequiredService<INotifier>().NotifyAsync(participantId, new OutgoingMessage(text), null, CancellationToken.None));
        await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
    });

    /// <summary>A Teams personal-chat activity as in botframework.md §2.2.</summary>
    private JsonObject Activity(string? text, string from = "29:zhangsan", string? aadObjectId = ZhangsanAad, string? id = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id ?? $"act-{Interlocked.Increment(ref _activities)}-{Guid.NewGuid():N}",
            ["timestamp"] = "2026-11-26T01:30:00.000Z",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = from, ["name"] = "张三", ["aadObjectId"] = aadObjectId },
            ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
            ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "物业客服" },
            ["locale"] = "zh-CN",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }

    /// <summary>A valid channel token for this activity: right issuer, audience, lifetime, key and serviceurl.</summary>
    private string Token(JsonObject activity)
    {
        var now = _bot.Time.GetUtcNow();
        return "Bearer " + FakeMicrosoftCloud.CreateToken(_key, AppId, activity["serviceUrl"]!.GetValue<string>(), now.AddMinutes(-1), now.AddHours(1));
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }
}

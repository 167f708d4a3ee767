using System.Net;
using System.Text;
using Bot.Channels.WeCom;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WeCom;

/// <summary>Owners through 微信客服 (wecom.md §9.1): sync_msg with a cursor, the case link binding, the 48 h / 5 message window.</summary>
public sealed class WeComKfTests : WeComChannelTestBase
{
    private const string KfId = "wkTESTACCOUNT";
    private const string CaseKey = "case-token-key-for-tests-0123456789";
    private const string Owner = "chen-3-1-502";
    private const string Customer = "wmChenJianGuo";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["WeCom:KfOpenKfId"] = KfId,
        ["WeCom:KfCaseTokenKey"] = CaseKey,
        ["WeCom:KfContactUrl"] = "https://work.weixin.qq.com/kfid/kfc0123456789",
        ["Admin:ApiKey"] = AdminKey,
    };

    private const string AdminKey = "test-admin-key";

    /// <summary>A minor repair for 3-1-502 (陈先生), completed now, registered as the 报事报修 system would; returns the case id.</summary>
    private async Task<long> RegisterRepairAsync()
    {
        using var http = _bot.CreateClient();
        http.DefaultRequestHeaders.Add(Bot.Features.Directory.DirectoryAdmin.ApiKeyHeader, AdminKey);
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/admin/callbacks/cases",
            new { externalId = "BX-9", type = "minor_repair", unit = "3-1-502", summary = "卫生间水龙头漏水，已更换", responsible = new[] { "zhangsan" } });
        response.EnsureSuccessStatusCode();
        var view = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Bot.Features.Callbacks.CallbackAdmin.CaseView>(response.Content);
        return view!.Id;
    }

    private static string SceneParamOf(string link) =>
        Uri.UnescapeDataString(link[(link.IndexOf("scene_param=", StringComparison.Ordinal) + "scene_param=".Length)..]);

    [Fact]
    public async Task Kf_OwnerArrivesThroughTheLinkOfACaseAwaitingCallback_IsSurveyedThroughTheWelcomeCodeThenTheWindow()
    {
        var caseId = await RegisterRepairAsync();
        // The link staff send 陈先生 when the repair is done, from the admin API.
        using var http = _bot.CreateClient();
        http.DefaultRequestHeaders.Add(Bot.Features.Directory.DirectoryAdmin.ApiKeyHeader, AdminKey);
        var links = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<WeComSetup.KfLink>>(http, $"/api/admin/callbacks/cases/{caseId}/kf-links");
        var link = Assert.Single(links!);
        Assert.Equal(Owner, link.Owner);
        Assert.StartsWith("https://work.weixin.qq.com/kfid/kfc0123456789?scene_param=", link.Link);
        _api.RespondNext(FakeWeComApi.KfSync, EnterSession(SceneParamOf(link.Link)));

        (await KfEventAsync("sync-token-1")).EnsureSuccessStatusCode();
        await SyncAsync();
        await _bot.DispatchAsync();

        // The survey's first question rides on the welcome code (one message, 20 s): the owner has not written yet.
        var invite = Assert.Single(_api.CallsTo(FakeWeComApi.KfSendOnEvent)).Json;
        Assert.Equal("wc-1", invite.GetProperty("code").GetString());
        var text = invite.GetProperty("text").GetProperty("content").GetString();
        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。您家（3-1-502）的零星维修「卫生间水龙头漏水，已更换」", text);
        Assert.Contains("1. ", text);
        Assert.Empty(_api.CallsTo(FakeWeComApi.KfSend));

        // 陈先生 answers with the number: his message opens the window, and the next question comes by kf/send_msg.
        _api.RespondNext(FakeWeComApi.KfSync, CustomerText("m-1", "1", Now));
        (await KfEventAsync("sync-token-2")).EnsureSuccessStatusCode();
        await SyncAsync();
        await _bot.RunTurnsAsync();

        var next = Assert.Single(_api.CallsTo(FakeWeComApi.KfSend)).Json;
        Assert.Equal(Customer, next.GetProperty("touser").GetString());
        Assert.Contains("请问您对这次服务的质量满意吗？", next.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Kf_SurveyTheWindowCannotCarry_FallsBackToTheStaffCallbackTask_第9篇_三()
    {
        var caseId = await RegisterRepairAsync();
        var link = KfCaseToken.Link("https://work.weixin.qq.com/kfid/kfc0123456789", CaseKey, Owner, caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Opened without a welcome code (WeCom gives none when the session is still open elsewhere), and 陈先生 never wrote.
        _api.RespondNext(FakeWeComApi.KfSync, EnterSession(SceneParamOf(link), welcomeCode: ""));

        (await KfEventAsync("sync-token-1")).EnsureSuccessStatusCode();
        await SyncAsync();
        await _bot.DispatchAsync();
        await _bot.DispatchAsync();

        Assert.Empty(_api.CallsTo(FakeWeComApi.KfSend));
        var rows = await OutboxAsync();
        Assert.Contains("95002", Assert.Single(rows, r => r.RecipientId == Owner).LastError);
        // 张三, responsible for the repair, is asked to phone or visit and to record the answers.
        var task = Assert.Single(rows, r => r.RecipientId == "zhangsan");
        Assert.Contains("【回访任务】", WireJson.ReadOutgoing(task.Payload).Text);
    }

    private Task<HttpResponseMessage> KfEventAsync(string syncToken) =>
        PostAsync(_peer.Callback(
            $"<xml><ToUserName><![CDATA[{A.ReceiveId}]]></ToUserName><CreateTime>{Now}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[{syncToken}]]></Token><OpenKfId><![CDATA[{KfId}]]></OpenKfId></xml>",
            Now));

    private Task<int> SyncAsync() => _bot.Services.GetRequiredService<WeComKfSync>().SyncQueuedAsync(CancellationToken.None);

    private string EnterSession(string sceneParam, string welcomeCode = "wc-1") =>
        $$$"""{"errcode":0,"errmsg":"ok","next_cursor":"cursor-1","has_more":0,"msg_list":[{"msgid":"ev-1","open_kfid":"{{{KfId}}}","external_userid":"{{{Customer}}}","send_time":{{{Now}}},"origin":4,"msgtype":"event","event":{"event_type":"enter_session","open_kfid":"{{{KfId}}}","external_userid":"{{{Customer}}}","scene":"case","scene_param":"{{{sceneParam}}}","welcome_code":"{{{welcomeCode}}}"}}]}""";

    private string CustomerText(string msgId, string content, long sendTime) =>
        $$$"""{"errcode":0,"errmsg":"ok","next_cursor":"cursor-2","has_more":0,"msg_list":[{"msgid":"{{{msgId}}}","open_kfid":"{{{KfId}}}","external_userid":"{{{Customer}}}","send_time":{{{sendTime}}},"origin":3,"msgtype":"text","text":{"content":"{{{content}}}"}}]}""";

    [Fact]
    public async Task Kf_OwnerArrivesThroughCaseLink_IsBoundWelcomedAndAnsweredInsideTheWindow()
    {
        var link = KfCaseToken.Link("https://work.weixin.qq.com/kfid/kfc0123456789", CaseKey, Owner, "case-42");
        var sceneParam = Uri.UnescapeDataString(link[(link.IndexOf("scene_param=", StringComparison.Ordinal) + "scene_param=".Length)..]);
        _api.RespondNext(FakeWeComApi.KfSync, EnterSession(sceneParam));

        var response = await KfEventAsync("sync-token-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_api.Calls); // acknowledged first, pulled afterwards
        await SyncAsync();

        var sync = Assert.Single(_api.CallsTo(FakeWeComApi.KfSync)).Json;
        Assert.Equal("sync-token-1", sync.GetProperty("token").GetString());
        Assert.Equal(KfId, sync.GetProperty("open_kfid").GetString());
        Assert.False(sync.TryGetProperty("cursor", out _));
        var welcome = Assert.Single(_api.CallsTo(FakeWeComApi.KfSendOnEvent)).Json;
        Assert.Equal("wc-1", welcome.GetProperty("code").GetString());
        Assert.Contains("陈先生您好", welcome.GetProperty("text").GetProperty("content").GetString());
        var identity = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ChannelIdentity>().AsNoTracking()
            .SingleAsync(i => i.Channel == "wecom-kf" && i.ChannelUserId == Customer));
        Assert.Equal(Owner, identity.OwnerId);

        // The owner writes: the cursor is where the last sync left it, and the reply goes out through kf/send_msg.
        _api.RespondNext(FakeWeComApi.KfSync, CustomerText("m-1", "帮助", Now));
        (await KfEventAsync("sync-token-2")).EnsureSuccessStatusCode();
        await SyncAsync();
        await _bot.RunTurnsAsync();

        Assert.Equal("cursor-1", _api.CallsTo(FakeWeComApi.KfSync)[1].Json.GetProperty("cursor").GetString());
        var send = Assert.Single(_api.CallsTo(FakeWeComApi.KfSend)).Json;
        Assert.Equal(Customer, send.GetProperty("touser").GetString());
        Assert.Equal(KfId, send.GetProperty("open_kfid").GetString());
        Assert.Contains("陈先生您好", send.GetProperty("text").GetProperty("content").GetString());
        var window = await WindowAsync();
        Assert.Equal(1, window.SentSinceCustomerMessage);
        Assert.Equal("cursor-2", (await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<KfCursor>().SingleAsync())).Cursor);
    }

    [Fact]
    public async Task Kf_SameMessageSyncedTwice_OneTurn()
    {
        _api.RespondNext(FakeWeComApi.KfSync, CustomerText("m-dup", "帮助", Now));
        _api.RespondNext(FakeWeComApi.KfSync, CustomerText("m-dup", "帮助", Now));

        (await KfEventAsync("t1")).EnsureSuccessStatusCode();
        (await KfEventAsync("t2")).EnsureSuccessStatusCode();
        Assert.Equal(1, await SyncAsync());
        await _bot.RunTurnsAsync();

        Assert.Equal(1, await InboxCountAsync());
        Assert.Single(_api.CallsTo(FakeWeComApi.KfSend));
    }

    [Fact]
    public async Task Kf_ForgedCaseToken_BindsNobody()
    {
        var token = KfCaseToken.Create("another-key-entirely-0123456789", Owner, "case-42");
        _api.RespondNext(FakeWeComApi.KfSync, EnterSession(token));

        (await KfEventAsync("t1")).EnsureSuccessStatusCode();
        await SyncAsync();

        Assert.Equal(0, await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<ChannelIdentity>().CountAsync(i => i.Channel == "wecom-kf")));
        Assert.DoesNotContain("陈先生", Assert.Single(_api.CallsTo(FakeWeComApi.KfSendOnEvent)).Json.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public async Task KfSend_FiveMessagesUsed_SixthIsNotSent()
    {
        await OpenWindowAsync(lastCustomerMessage: _bot.Time.GetUtcNow().AddHours(-1));
        for (var i = 1; i <= 6; i++) await EnqueueAsync($"第{i}条");

        await _bot.DispatchAsync();

        Assert.Equal(5, _api.CallsTo(FakeWeComApi.KfSend).Count);
        var rows = await OutboxAsync();
        Assert.Equal(5, rows.Count(r => r.Status == OutboxStatus.Sent));
        Assert.Contains("95001", Assert.Single(rows, r => r.Status == OutboxStatus.Dead).LastError);
    }

    [Fact]
    public async Task KfSend_CustomerWroteFortyNineHoursAgo_IsNotSent()
    {
        await OpenWindowAsync(lastCustomerMessage: _bot.Time.GetUtcNow().AddHours(-49));
        await EnqueueAsync("您好，回访一下。");

        await _bot.DispatchAsync();

        Assert.Empty(_api.CallsTo(FakeWeComApi.KfSend));
        Assert.Contains("95002", Assert.Single(await OutboxAsync()).LastError);
    }

    [Fact]
    public async Task KfSend_NewCustomerMessage_RenewsTheAllowance()
    {
        await OpenWindowAsync(lastCustomerMessage: _bot.Time.GetUtcNow().AddHours(-1), sent: 5);
        _api.RespondNext(FakeWeComApi.KfSync, CustomerText("m-new", "满意", Now));

        (await KfEventAsync("t1")).EnsureSuccessStatusCode();
        await SyncAsync();

        var window = await WindowAsync();
        Assert.Equal(0, window.SentSinceCustomerMessage);
        Assert.Equal(_bot.Time.GetUtcNow().ToUnixTimeSeconds(), window.LastCustomerMessageAt.ToUnixTimeSeconds());
    }

    [Fact]
    public void CaseToken_RoundTripsAndRefusesTampering()
    {
        var token = KfCaseToken.Create(CaseKey, Owner, "case-42");

        Assert.Equal((Owner, "case-42"), KfCaseToken.Read(CaseKey, token));
        Assert.True(Encoding.UTF8.GetByteCount(token) <= 128);
        Assert.Null(KfCaseToken.Read(CaseKey, token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));
        Assert.Null(KfCaseToken.Read("wrong-key-0123456789abcdef", token));
        Assert.Null(KfCaseToken.Read(CaseKey, "not-a-token"));
    }

    private async Task OpenWindowAsync(DateTimeOffset lastCustomerMessage, int sent = 0) =>
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            db.Add(new KfWindow { OpenKfId = KfId, ExternalUserId = Customer, LastCustomerMessageAt = lastCustomerMessage, SentSinceCustomerMessage = sent });
            await db.SaveChangesAsync();
        });

    private async Task EnqueueAsync(string text) =>
        await _bot.InScopeAsync(async sp =>
        {
            sp.GetRequiredService<Outbox>().Enqueue(new ConversationAddress("wecom-kf", Customer, KfId), new OutgoingMessage(text), Owner);
            await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
        });

    private Task<KfWindow> WindowAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<KfWindow>().AsNoTracking().SingleAsync());
}

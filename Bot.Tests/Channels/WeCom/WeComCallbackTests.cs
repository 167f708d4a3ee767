using System.Net;
using System.Text;
using Bot.Channels.WeCom;
using Bot.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Tests.Channels.WeCom;

/// <summary>/api/wecom/callback: verification, inbound messages and events, bad input (wecom.md §2, §3, §6, §10).</summary>
public sealed class WeComCallbackTests : WeComChannelTestBase
{
    [Fact]
    public void Peer_APostWithItsRandom_ReproducesTheOfficialCiphertext()
    {
        // The test peer is only trusted because it meets the official vector on its own.
        Assert.Equal(A.Encrypt, _peer.Encrypt(A.ExpectedPlaintext, A.Random));
        Assert.Equal(A.MsgSignature, _peer.Sign(A.Timestamp, A.Nonce, A.Encrypt));
    }

    [Fact]
    public async Task Callback_HelpFromZhangsanByIndependentPeer_ReachesEngineAndSendsTemplateCard()
    {
        var response = await SendTextAsync("zhangsan", "帮助");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(_api.Calls); // acknowledged before any turn or send

        await _bot.RunTurnsAsync();

        Assert.Equal("test-secret", Assert.Single(_api.CallsTo(FakeWeComApi.GetToken)).Query["corpsecret"]);
        var send = Assert.Single(_api.CallsTo(FakeWeComApi.Send));
        Assert.Equal("tok-1", send.Query["access_token"]);
        var body = send.Json;
        Assert.Equal("zhangsan", body.GetProperty("touser").GetString());
        Assert.Equal("template_card", body.GetProperty("msgtype").GetString());
        Assert.Equal(1000002, body.GetProperty("agentid").GetInt32());
        Assert.Equal(1, body.GetProperty("enable_duplicate_check").GetInt32());
        Assert.Equal(300, body.GetProperty("duplicate_check_interval").GetInt32());
        var card = body.GetProperty("template_card");
        Assert.Equal("button_interaction", card.GetProperty("card_type").GetString());
        Assert.Contains("张三您好", card.GetProperty("main_title").GetProperty("title").GetString());
        Assert.Contains("\n1. ", card.GetProperty("sub_title_text").GetString());
        Assert.Matches("^[0-9a-zA-Z_@-]{1,128}$", card.GetProperty("task_id").GetString());
        var buttons = card.GetProperty("button_list").EnumerateArray()
            .Select(b => (Text: b.GetProperty("text").GetString(), Key: b.GetProperty("key").GetString(), Type: b.GetProperty("type").GetInt32())).ToList();
        Assert.Contains(("我是谁", "我是谁", 0), buttons);
        Assert.Contains(("签到", "签到", 0), buttons);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await OutboxAsync()).Status);
        Assert.Equal("msg-1", Assert.Single(await OutboxAsync()).SentMessageId);
    }

    [Fact]
    public async Task Callback_SameMsgIdDeliveredTwice_OneTurnAndOneReply()
    {
        var callback = _peer.Callback(WeComPeer.Text("zhangsan", "帮助", "4561255354251345929", Now), Now);

        var first = await PostAsync(callback);
        var second = await PostAsync(callback);
        await _bot.RunTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, await InboxCountAsync());
        Assert.Single(_api.CallsTo(FakeWeComApi.Send));
    }

    [Fact]
    public async Task Callback_EnterAgentRepeated_WelcomesOnceWithHelp()
    {
        var callback = _peer.Callback(WeComPeer.Event("lisi", "enter_agent", Now), Now);

        (await PostAsync(callback)).EnsureSuccessStatusCode();
        (await PostAsync(callback)).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var send = Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json;
        Assert.Equal("lisi", send.GetProperty("touser").GetString());
        Assert.Contains("李四您好", send.GetProperty("template_card").GetProperty("sub_title_text").GetString());
    }

    [Fact]
    public async Task Callback_MenuClick_EventKeyIsTheCommand()
    {
        (await PostAsync(_peer.Callback(WeComPeer.Event("zhangsan", "click", Now, "我是谁"), Now))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var send = Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json;
        Assert.Contains("直属上级", send.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Callback_CardButtonPressed_IsTheChoiceAndGreysOutTheCard()
    {
        (await SendTextAsync("zhangsan", "帮助")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        var taskId = Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json.GetProperty("template_card").GetProperty("task_id").GetString()!;

        var click = WeComPeer.Event("zhangsan", "template_card_event", Now, "我是谁",
            $"<TaskId><![CDATA[{taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-click-1]]></ResponseCode>");
        (await PostAsync(_peer.Callback(click, Now))).EnsureSuccessStatusCode();
        (await PostAsync(_peer.Callback(click, Now))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var update = Assert.Single(_api.CallsTo(FakeWeComApi.UpdateCard)).Json;
        Assert.Equal("rc-click-1", update.GetProperty("response_code").GetString());
        Assert.Equal("zhangsan", Assert.Single(update.GetProperty("userids").EnumerateArray()).GetString());
        Assert.Equal("已选择：我是谁", update.GetProperty("button").GetProperty("replace_name").GetString());
        var sends = _api.CallsTo(FakeWeComApi.Send);
        Assert.Equal(2, sends.Count);
        Assert.Contains("直属上级", sends[1].Json.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Callback_CardButtonWithAKeyTooLongToCarry_CardStillGreyedOutAsAnswered()
    {
        (await SendTextAsync("zhangsan", "帮助")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        var taskId = Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json.GetProperty("template_card").GetProperty("task_id").GetString()!;

        var click = WeComPeer.Event("zhangsan", "template_card_event", Now, new string('x', 300),
            $"<TaskId><![CDATA[{taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-click-2]]></ResponseCode>");
        (await PostAsync(_peer.Callback(click, Now))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var update = Assert.Single(_api.CallsTo(FakeWeComApi.UpdateCard)).Json;
        Assert.Equal("rc-click-2", update.GetProperty("response_code").GetString());
        Assert.Equal("已回复", update.GetProperty("button").GetProperty("replace_name").GetString());
    }

    [Fact]
    public async Task Callback_MenuEventWithANestedBlock_IsAcknowledged()
    {
        // wecom.md §6: the scan menu buttons' events carry a ScanCodeInfo block. Read as XML with children, it was
        // refused with a 400, and WeCom kept retrying it.
        var scan = WeComPeer.Event("zhangsan", "scancode_push", Now, "scan",
            "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[3-1-502]]></ScanResult></ScanCodeInfo>");

        var response = await PostAsync(_peer.Callback(scan, Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Callback_LocationWithoutValidCoordinates_AcknowledgedAndNotStored()
    {
        // A valid position is a check-in (Location_* tests below); one WeCom could not have sent is dropped.
        var location = $"<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>{Now}</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>north</Location_X><Location_Y>121.4737</Location_Y><Scale>15</Scale><Label><![CDATA[3号楼]]></Label><MsgId>77</MsgId><AgentID>1000002</AgentID></xml>";

        var response = await PostAsync(_peer.Callback(location, Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Verify_AUrlAtItsTime_EchoesThePlaintext()
    {
        var v = WeComVectors.Get("A-url");
        using var bot = new BotFactory(settings: Settings(_api.BaseUrl, v),
            time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(v.Timestamp, System.Globalization.CultureInfo.InvariantCulture))));

        var response = await bot.CreateClient().GetAsync(
            $"/api/wecom/callback?msg_signature={v.MsgSignature}&timestamp={v.Timestamp}&nonce={v.Nonce}&echostr={Uri.EscapeDataString(v.Encrypt)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(v.ExpectedPlaintext), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Verify_BUrlQueryAsSent_EchoesThePlaintext()
    {
        var v = WeComVectors.Get("B-url");
        using var bot = new BotFactory(settings: Settings(_api.BaseUrl, v),
            time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(v.Timestamp, System.Globalization.CultureInfo.InvariantCulture) + 60)));

        var response = await bot.CreateClient().GetAsync("/api/wecom/callback?" + v.QueryAsSent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(v.ExpectedPlaintext, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_BadSignature_Is401()
    {
        var v = WeComVectors.Get("A-url");
        using var bot = new BotFactory(settings: Settings(_api.BaseUrl, v),
            time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(v.Timestamp, System.Globalization.CultureInfo.InvariantCulture))));

        var response = await bot.CreateClient().GetAsync(
            $"/api/wecom/callback?msg_signature={new string('0', 40)}&timestamp={v.Timestamp}&nonce={v.Nonce}&echostr={Uri.EscapeDataString(v.Encrypt)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, HttpStatusCode> BadInputs => new()
    {
        { "bad signature", HttpStatusCode.Unauthorized },
        { "wrong CorpID", HttpStatusCode.Unauthorized },
        { "stale timestamp", HttpStatusCode.Unauthorized },
        { "future timestamp", HttpStatusCode.Unauthorized },
        { "DTD", HttpStatusCode.BadRequest },
        { "oversized body", HttpStatusCode.RequestEntityTooLarge },
        { "bad base64", HttpStatusCode.BadRequest },
        { "missing signature", HttpStatusCode.BadRequest },
        { "DTD in the plaintext", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Callback_BadInput_RefusedNothingStoredNothingSent(string bad, HttpStatusCode expected)
    {
        var plaintext = WeComPeer.Text("zhangsan", "帮助", "555", Now);
        var (url, body) = _peer.Callback(plaintext, Now);
        switch (bad)
        {
            case "bad signature":
                url = System.Text.RegularExpressions.Regex.Replace(url, "msg_signature=[0-9a-f]+", "msg_signature=" + new string('a', 40));
                break;
            case "wrong CorpID":
                (url, body) = _peer.Callback(plaintext, Now, receiveId: "wwSomeoneElse");
                break;
            case "stale timestamp":
                (url, body) = _peer.Callback(plaintext, Now - 301);
                break;
            case "future timestamp":
                (url, body) = _peer.Callback(plaintext, Now + 301);
                break;
            case "DTD":
                body = "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + body.Replace("<AgentID>", "<X>&x;</X><AgentID>", StringComparison.Ordinal);
                break;
            case "oversized body":
                body = body.Replace("</xml>", "<Pad>" + new string('x', 70_000) + "</Pad></xml>", StringComparison.Ordinal);
                break;
            case "bad base64":
            {
                const string encrypt = "not*base64";
                var ts = Now.ToString(System.Globalization.CultureInfo.InvariantCulture);
                url = $"/api/wecom/callback?msg_signature={_peer.Sign(ts, "1", encrypt)}&timestamp={ts}&nonce=1";
                body = $"<xml><ToUserName><![CDATA[{A.ReceiveId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
                break;
            }
            case "missing signature":
                url = System.Text.RegularExpressions.Regex.Replace(url, "msg_signature=[0-9a-f]+&", "");
                break;
            case "DTD in the plaintext":
                (url, body) = _peer.Callback("<!DOCTYPE xml [<!ENTITY a \"aaaa\">]>" + plaintext, Now);
                break;
        }

        var response = await PostAsync((url, body));
        await _bot.RunTurnsAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await InboxCountAsync());
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task Callback_NotConfigured_Is404AndHealthSaysSo()
    {
        using var bot = new BotFactory();

        var response = await bot.CreateClient().PostAsync("/api/wecom/callback?msg_signature=a&timestamp=1&nonce=1", new StringContent("<xml/>"));
        var report = await bot.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "wecom");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HealthStatus.Healthy, report.Entries["wecom"].Status);
        Assert.Equal("WeCom not configured", report.Entries["wecom"].Description);
    }

    private Task<HttpResponseMessage> SendLocationAsync(string from, string msgId) =>
        PostAsync(_peer.Callback(WeComPeer.Location(from, 31.2304, 121.4737, "示例花园客服中心", msgId, Now), Now));

    private Task<Bot.Domain.Features.Duty.AttendanceRecord> ZhangsansRecordAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Bot.Domain.Features.Duty.AttendanceRecord>().AsNoTracking().SingleAsync(a => a.PersonId == "zhangsan"));

    [Fact]
    public async Task Location_BeforeCheckIn_ChecksInFromThere()
    {
        (await SendLocationAsync("zhangsan", "loc-1")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        var record = await ZhangsansRecordAsync();
        Assert.NotNull(record.CheckedInAt);
        Assert.Equal((31.2304, 121.4737, "示例花园客服中心"), (record.CheckInLatitude, record.CheckInLongitude, record.CheckInPlace));
        Assert.Contains("签到", Assert.Single(_api.CallsTo(FakeWeComApi.Send)).Json.GetProperty("text").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Location_AfterCheckIn_IsKeptWithIt_AndASecondOneChangesNothing()
    {
        (await SendTextAsync("zhangsan", "签到")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        (await SendLocationAsync("zhangsan", "loc-1")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        var kept = _api.CallsTo(FakeWeComApi.Send)[^1].Json.GetProperty("text").GetProperty("content").GetString();
        (await PostAsync(_peer.Callback(WeComPeer.Location("zhangsan", 30.0, 120.0, "别处", "loc-2", Now), Now))).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        Assert.Equal("已记录您 09:30 签到时的位置：示例花园客服中心。", kept);
        var record = await ZhangsansRecordAsync();
        Assert.Equal((31.2304, 121.4737), (record.CheckInLatitude, record.CheckInLongitude));
        Assert.Equal("您已于 09:30 签到，无需重复签到。", _api.CallsTo(FakeWeComApi.Send)[^1].Json.GetProperty("text").GetProperty("content").GetString());
    }
}

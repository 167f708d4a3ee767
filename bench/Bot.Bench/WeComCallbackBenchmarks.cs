using BenchmarkDotNet.Attributes;
using Bot.Channels.WeCom;
using Bot.Conversations;

namespace Bot.Bench;

/// <summary>
/// The steps of one WeCom callback before the inbox (WeComCallbackEndpoint.ReceiveAsync's order), each on its own:
/// where the protocol path's time and allocations go (README, "WeCom callback load"). Official vector A's credentials.
/// </summary>
[MemoryDiagnoser]
public class WeComCallbackBenchmarks
{
    private const string Token = WeComCallbackLoad.Token;
    private const string CorpId = WeComCallbackLoad.CorpId;
    private const int Max = 65536;

    private readonly WeComCrypto _crypto = new(Token, WeComCallbackLoad.AesKey, CorpId);
    private string _query = "";
    private byte[] _body = [];
    private string _encrypt = "";
    private string _plaintext = "";
    private WeComCallbackMessage _message = null!;
    private Bot.Domain.Conversations.IncomingMessage _incoming = null!;
    private string _timestamp = "";
    private string _nonce = "";
    private string _signature = "";

    [GlobalSetup]
    public void Setup()
    {
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        _nonce = "1372623149";
        _plaintext = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>{_timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>1764230400000001</MsgId><AgentID>1000002</AgentID></xml>";
        _encrypt = _crypto.Encrypt(_plaintext);
        _signature = WeComCrypto.Signature(Token, _timestamp, _nonce, _encrypt);
        _query = $"?msg_signature={_signature}&timestamp={_timestamp}&nonce={_nonce}";
        _body = System.Text.Encoding.UTF8.GetBytes(
            $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{_encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>");
        _message = WeComXml.ReadMessage(_plaintext, Max);
        _incoming = WeComTranslator.Translate(_message, DateTimeOffset.UtcNow).Message!;
    }

    [Benchmark] public object Query() => RawQuery.Parse(_query);
    [Benchmark] public object Envelope() => WeComXml.ReadEnvelope(_body, Max);
    [Benchmark] public bool Signature() => _crypto.VerifySignature(_signature, _timestamp, _nonce, _encrypt);
    [Benchmark] public object Decrypt() => _crypto.Decrypt(_encrypt);
    [Benchmark] public object Message() => WeComXml.ReadMessage(_plaintext, Max);
    [Benchmark] public object Translate() => WeComTranslator.Translate(_message, DateTimeOffset.UtcNow);
    [Benchmark] public string InboxPayload() => WireJson.WriteIncoming(_incoming);
}

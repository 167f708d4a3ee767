using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Tests.Channels.WeCom;

/// <summary>
/// An independent implementation of the sending side of the WXBizMsgCrypt scheme, written from the spec
/// (wecom.md §4.1, §4.3, §4.4, §4.6, §3.1) and not from the production code: a hand-rolled ordinal comparison, an
/// ICryptoTransform instead of EncryptCbc, padding computed per the spec's formula. It plays WeCom in endpoint tests.
/// </summary>
public sealed class WeComPeer(string token, string encodingAesKey, string corpId)
{
    private readonly byte[] _key = Convert.FromBase64String(encodingAesKey + "=");

    public string Token => token;

    public string CorpId => corpId;

    public string Encrypt(string plaintext, byte[]? random = null, string? receiveId = null)
    {
        random ??= Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant());
        var message = Encoding.UTF8.GetBytes(plaintext);
        var id = Encoding.UTF8.GetBytes(receiveId ?? corpId);
        var buffer = new List<byte>(random);
        buffer.AddRange([(byte)(message.Length >> 24), (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length]);
        buffer.AddRange(message);
        buffer.AddRange(id);
        var pad = 32 - buffer.Count % 32;
        for (var i = 0; i < pad; i++) buffer.Add((byte)pad);

        using var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        aes.Key = _key;
        aes.IV = _key[..16];
        using var encryptor = aes.CreateEncryptor();
        var input = buffer.ToArray();
        return Convert.ToBase64String(encryptor.TransformFinalBlock(input, 0, input.Length));
    }

    public string Sign(string timestamp, string nonce, string encrypt)
    {
        var parts = new List<string> { token, timestamp, nonce, encrypt };
        parts.Sort(static (a, b) =>
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
                if (a[i] != b[i]) return a[i] - b[i];
            return a.Length - b.Length;
        });
        var sb = new StringBuilder();
        foreach (var b in SHA1.HashData(Encoding.UTF8.GetBytes(string.Join("", parts)))) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>A POST as WeCom sends it: query with signature, body with ToUserName, Encrypt, AgentID.</summary>
    public (string Url, string Body) Callback(string plaintext, long timestamp, string nonce = "1372623149", string? receiveId = null)
    {
        var encrypt = Encrypt(plaintext, receiveId: receiveId);
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var url = $"/api/wecom/callback?msg_signature={Sign(ts, nonce, encrypt)}&timestamp={ts}&nonce={nonce}";
        var body = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return (url, body);
    }

    public static string Text(string from, string content, string msgId, long createTime) =>
        $"<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";

    /// <summary>A location message (wecom.md §6): Location_X is the latitude, Location_Y the longitude.</summary>
    public static string Location(string from, double latitude, double longitude, string label, string msgId, long createTime) =>
        $"<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>{latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}</Location_X><Location_Y>{longitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}</Location_Y><Scale>15</Scale><Label><![CDATA[{label}]]></Label><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";

    public static string Event(string from, string @event, long createTime, string eventKey = "", string extra = "") =>
        $"<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{@event}]]></Event><EventKey><![CDATA[{eventKey}]]></EventKey>{extra}<AgentID>1000002</AgentID></xml>";
}

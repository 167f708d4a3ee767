using System.Text;
using System.Xml;

namespace Bot.Channels.WeCom;

// WeCom callback wire types (XML). Element names are WeCom's own; they stay inside this folder.
// Outer envelope: developer.work.weixin.qq.com/document/path/90930 (wecom.md §3.1).
// Inner messages and events: …/document/path/90239, 90240 (wecom.md §6). Passive replies: …/90241 (wecom.md §7).

/// <summary>The outer POST body: <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;</c>, any order (wecom.md §3.1).</summary>
internal sealed record WeComEnvelope(string? ToUserName, string? Encrypt, string? AgentID);

/// <summary>
/// A decrypted message or event (wecom.md §6). Only the fields this bot reads; unknown elements are ignored.
/// </summary>
internal sealed record WeComCallbackMessage
{
    public string? ToUserName { get; init; }
    public string? FromUserName { get; init; }
    public string? CreateTime { get; init; }
    public string? MsgType { get; init; }
    public string? MsgId { get; init; }
    public string? AgentID { get; init; }
    public string? Content { get; init; }
    public string? Event { get; init; }
    public string? EventKey { get; init; }
    public string? ChangeType { get; init; }
    /// <summary>template_card_event: the card's task_id, its type and the one-time code for update_template_card.</summary>
    public string? TaskId { get; init; }
    public string? CardType { get; init; }
    public string? ResponseCode { get; init; }
    /// <summary>location message: latitude, longitude, scale, label.</summary>
    public string? Location_X { get; init; }
    public string? Location_Y { get; init; }
    public string? Label { get; init; }
    /// <summary>kf_msg_or_event: the sync_msg token and the kf account (wecom.md §9.1).</summary>
    public string? Token { get; init; }
    public string? OpenKfId { get; init; }
}

internal static class WeComXml
{
    /// <summary>
    /// The outer POST body. wecom.md §10: DTDs refused, nothing resolved, and a character cap (<see cref="FlatXml"/>):
    /// the envelope is attacker-controlled before the signature check. Throws <see cref="XmlException"/>.
    /// </summary>
    public static WeComEnvelope ReadEnvelope(ReadOnlySpan<byte> body, long maxCharacters)
    {
        var f = FlatXml.Read(body, maxCharacters);
        return new WeComEnvelope(f.GetValueOrDefault("ToUserName"), f.GetValueOrDefault("Encrypt"), f.GetValueOrDefault("AgentID"));
    }

    /// <summary>The decrypted plaintext, read with the same checks as the envelope. Throws <see cref="XmlException"/>.</summary>
    public static WeComCallbackMessage ReadMessage(string plaintext, long maxCharacters)
    {
        var f = FlatXml.Read(plaintext, maxCharacters);
        return new WeComCallbackMessage
        {
            ToUserName = f.GetValueOrDefault("ToUserName"),
            FromUserName = f.GetValueOrDefault("FromUserName"),
            CreateTime = f.GetValueOrDefault("CreateTime"),
            MsgType = f.GetValueOrDefault("MsgType"),
            MsgId = f.GetValueOrDefault("MsgId"),
            AgentID = f.GetValueOrDefault("AgentID"),
            Content = f.GetValueOrDefault("Content"),
            Event = f.GetValueOrDefault("Event"),
            EventKey = f.GetValueOrDefault("EventKey"),
            ChangeType = f.GetValueOrDefault("ChangeType"),
            TaskId = f.GetValueOrDefault("TaskId"),
            CardType = f.GetValueOrDefault("CardType"),
            ResponseCode = f.GetValueOrDefault("ResponseCode"),
            Location_X = f.GetValueOrDefault("Location_X"),
            Location_Y = f.GetValueOrDefault("Location_Y"),
            Label = f.GetValueOrDefault("Label"),
            Token = f.GetValueOrDefault("Token"),
            OpenKfId = f.GetValueOrDefault("OpenKfId"),
        };
    }

    /// <summary>
    /// wecom.md §7: a passive text reply's plaintext. Strings in CDATA, CreateTime as a number; XmlWriter splits a
    /// "]]>" inside the content into two CDATA sections, so content cannot break the element.
    /// </summary>
    public static string TextReply(string toUser, string corpId, long createTime, string content)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            writer.WriteStartElement("xml");
            CData(writer, "ToUserName", toUser);
            CData(writer, "FromUserName", corpId);
            writer.WriteElementString("CreateTime", createTime.ToString(System.Globalization.CultureInfo.InvariantCulture));
            CData(writer, "MsgType", "text");
            CData(writer, "Content", content);
            writer.WriteEndElement();
        }
        return builder.ToString();
    }

    private static void CData(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement(name);
        writer.WriteCData(value);
        writer.WriteEndElement();
    }
}

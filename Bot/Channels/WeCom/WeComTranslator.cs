using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Conversations;

namespace Bot.Channels.WeCom;

/// <summary>Turns a decrypted WeCom callback (wecom.md §6) into the neutral <see cref="IncomingMessage"/>, or says why not.</summary>
internal static class WeComTranslator
{
    /// <summary>The address channel, and the identity channel of a self-built app's member userid.</summary>
    public const string Channel = "wecom";

    /// <summary>Replies to a card click carry this in ReplyToId, so the sender can grey out the card (wecom.md §8.3).</summary>
    private const string CardReplyPrefix = "card|";

    /// <summary>What the help word is, fed to the engine when a member opens the app (enter_agent: a welcome with help).</summary>
    public const string HelpWord = "帮助";

    public sealed record Translation(IncomingMessage? Message, string? Ignored);

    public static Translation Translate(WeComCallbackMessage m, DateTimeOffset receivedAt)
    {
        if (string.IsNullOrWhiteSpace(m.FromUserName) || m.FromUserName == "sys")
            return Ignore($"{m.MsgType}/{m.Event} without a member");
        var userId = m.FromUserName;

        switch (m.MsgType)
        {
            case "text" when !string.IsNullOrWhiteSpace(m.Content):
                return Take(m, userId, receivedAt, text: m.Content);
            case "event":
                return TranslateEvent(m, userId, receivedAt);
            case "location" when TryCoordinate(m.Location_X, out var latitude) && TryCoordinate(m.Location_Y, out var longitude):
                // wecom.md §6: Location_X/Y are latitude/longitude. The position goes to 签到 (check in from here, or kept
                // with today's check-in); nothing else stores it.
                return Take(m, userId, receivedAt, location: new SharedLocation(latitude, longitude, string.IsNullOrWhiteSpace(m.Label) ? null : m.Label));
            case "location":
                return Ignore("location without valid coordinates");
            default:
                return Ignore(m.MsgType ?? "message without MsgType");
        }
    }

    private static Translation TranslateEvent(WeComCallbackMessage m, string userId, DateTimeOffset receivedAt)
    {
        switch (m.Event)
        {
            case "enter_agent":
                // The member opened the app: a welcome, which is the engine's help (greeting plus what can be sent).
                return Take(m, userId, receivedAt, text: HelpWord);
            case "click" when !string.IsNullOrWhiteSpace(m.EventKey):
                // A custom menu button: its key is the command word (configure keys like 帮助, 我是谁).
                return Take(m, userId, receivedAt, text: m.EventKey);
            case "template_card_event" when !string.IsNullOrWhiteSpace(m.EventKey):
                // A card button: its key is the prompt's choice value (WeComSender renders choices that way). The reply
                // carries what the sender needs to grey the card out showing the choice: task, code and pressed value
                // (without the value when that would not fit the outbox's 256 characters: the card then says "answered").
                return Take(m, userId, receivedAt, choice: m.EventKey, replyToId: CardReply(m.TaskId, m.ResponseCode, m.EventKey));
            default:
                return Ignore("event " + (m.Event ?? "without Event"));
        }
    }

    private const int MaxReplyToId = 256;

    /// <summary>"card|{task_id}|{pressed value, base64url}|{response_code}", the value left empty when it would not fit.</summary>
    private static string? CardReply(string? taskId, string? responseCode, string value)
    {
        if (string.IsNullOrEmpty(taskId) || string.IsNullOrEmpty(responseCode)) return null;
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));
        var reply = $"{CardReplyPrefix}{taskId}|{encoded}|{responseCode}";
        if (reply.Length <= MaxReplyToId) return reply;
        reply = $"{CardReplyPrefix}{taskId}||{responseCode}";
        return reply.Length <= MaxReplyToId ? reply : null;
    }

    /// <summary>
    /// The card click a reply answers, when it answers one: (task_id, response_code, the pressed value when it fitted).
    /// The task_id is ours (no '|'), the value is base64url (no '|'); the response_code, WeCom's, is the rest.
    /// </summary>
    public static (string TaskId, string ResponseCode, string? Value)? CardClickOf(string? replyToId)
    {
        if (replyToId is null || !replyToId.StartsWith(CardReplyPrefix, StringComparison.Ordinal)) return null;
        var parts = replyToId[CardReplyPrefix.Length..].Split('|', 3);
        // Two parts: a reply queued before the value was carried ("card|{task_id}|{response_code}").
        var (taskId, encoded, responseCode) = parts.Length switch
        {
            3 => (parts[0], parts[1], parts[2]),
            2 => (parts[0], "", parts[1]),
            _ => ("", "", ""),
        };
        if (taskId.Length == 0 || responseCode.Length == 0) return null;
        return (taskId, responseCode, Decode(encoded));
    }

    private static string? Decode(string encoded)
    {
        if (encoded.Length == 0) return null;
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Translation Take(WeComCallbackMessage m, string userId, DateTimeOffset receivedAt,
        string? text = null, string? choice = null, string? replyToId = null, SharedLocation? location = null) =>
        new(new IncomingMessage(
            // A self-built app's chat with a member is one conversation per member: the userid addresses both.
            new ConversationAddress(Channel, userId),
            DeduplicationKey(m),
            new ChannelUser(Channel, userId),
            choice is null ? text : null,
            choice,
            receivedAt,
            Locale: null,
            // Empty, not null: replies are sent by userid and thread to nothing (null would fall back to the inbox key).
            ReplyToId: replyToId ?? "",
            Location: location), null);

    private static bool TryCoordinate(string? value, out double coordinate) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out coordinate)
        && double.IsFinite(coordinate) && Math.Abs(coordinate) <= 180;

    private static Translation Ignore(string why) => new(null, why);

    /// <summary>
    /// wecom.md §3.3: MsgId for messages; FromUserName + CreateTime for events, extended by Event, ChangeType, EventKey,
    /// TaskId and ResponseCode because several events may share a second.
    /// </summary>
    internal static string DeduplicationKey(WeComCallbackMessage m)
    {
        if (!string.IsNullOrEmpty(m.MsgId)) return $"msg:{m.AgentID}:{m.MsgId}";
        var key = string.Join('|', "evt", m.AgentID, m.FromUserName, m.CreateTime, m.Event, m.ChangeType, m.EventKey, m.TaskId, m.ResponseCode);
        // The inbox column holds 256; a long key (a 1024-byte card key) is hashed instead.
        return key.Length <= 200 ? key : "evt#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    internal static long? ParseTimestamp(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
}

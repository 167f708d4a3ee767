using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Channels.WeCom;

// 微信客服 (kf) wire types, wire names kept (wecom.md §9.1). sync_msg: developer.work.weixin.qq.com/document/path/94670;
// send_msg: …/94677; send_msg_on_event: …/95122. Entry fields are [C] in wecom.md: unknown ones are ignored.

internal sealed record KfSyncRequest
{
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("limit")] public int Limit { get; init; } = 1000;
    [JsonPropertyName("voice_format")] public int VoiceFormat { get; init; }
    [JsonPropertyName("open_kfid")] public required string OpenKfId { get; init; }
}

internal sealed record KfSyncResponse : IWeComResult
{
    [JsonPropertyName("errcode")] public int ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }
    [JsonPropertyName("next_cursor")] public string? NextCursor { get; init; }
    /// <summary>0/1 in the docs; a bool in some SDKs (wecom.md §12): both are read.</summary>
    [JsonPropertyName("has_more")] public JsonElement HasMore { get; init; }
    [JsonPropertyName("msg_list")] public IReadOnlyList<KfMessage>? MsgList { get; init; }

    public bool More => HasMore.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => HasMore.TryGetInt32(out var n) && n != 0,
        _ => false,
    };
}

/// <summary>One sync_msg entry. origin: 3 customer, 4 system event, 5 servicer in the WeCom client.</summary>
internal sealed record KfMessage
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("open_kfid")] public string? OpenKfId { get; init; }
    [JsonPropertyName("external_userid")] public string? ExternalUserId { get; init; }
    [JsonPropertyName("send_time")] public long SendTime { get; init; }
    [JsonPropertyName("origin")] public int Origin { get; init; }
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public KfText? Text { get; init; }
    [JsonPropertyName("event")] public KfEvent? Event { get; init; }
}

internal sealed record KfText
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    /// <summary>Set when the customer tapped a msgmenu click item: its id.</summary>
    [JsonPropertyName("menu_id")] public string? MenuId { get; init; }
}

internal sealed record KfEvent
{
    [JsonPropertyName("event_type")] public string? EventType { get; init; }
    [JsonPropertyName("open_kfid")] public string? OpenKfId { get; init; }
    [JsonPropertyName("external_userid")] public string? ExternalUserId { get; init; }
    [JsonPropertyName("scene")] public string? Scene { get; init; }
    [JsonPropertyName("scene_param")] public string? SceneParam { get; init; }
    [JsonPropertyName("welcome_code")] public string? WelcomeCode { get; init; }
    [JsonPropertyName("fail_msgid")] public string? FailMsgId { get; init; }
    [JsonPropertyName("fail_type")] public int? FailType { get; init; }
}

internal sealed record KfSendRequest
{
    [JsonPropertyName("touser")] public required string ToUser { get; init; }
    [JsonPropertyName("open_kfid")] public required string OpenKfId { get; init; }
    /// <summary>≤ 32 bytes [0-9a-zA-Z_-], unique per kf account: derived from the outbox id, so a resend is recognisable.</summary>
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("text")] public WeComContent? Text { get; init; }
}

internal sealed record KfSendOnEventRequest
{
    [JsonPropertyName("code")] public required string Code { get; init; }
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("text")] public WeComContent? Text { get; init; }
}

internal static class KfErrors
{
    public const int WindowMessagesUsed = 95001;
    public const int WindowExpired = 95002;
    public const int SyncTokenInvalid = 95007;
    public const int SessionEnded = 95013;
    public const int SessionStateForbids = 95018;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Channels.WeCom;

// WeCom server API wire types (JSON), wire names kept (wecom.md §8). They stay inside this folder.
// gettoken: developer.work.weixin.qq.com/document/path/91039; message/send: …/90236;
// update_template_card: …/94888; error codes: …/90313.

/// <summary>Every answer: errcode (0 = ok; decide by it only, errmsg changes) plus the fields of the call.</summary>
internal interface IWeComResult
{
    int ErrCode { get; }
    string? ErrMsg { get; }
}

internal sealed record WeComApiResponse : IWeComResult
{
    [JsonPropertyName("errcode")] public int ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }
    /// <summary>gettoken: up to 512 bytes; never logged.</summary>
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
    /// <summary>message/send: the id to recall it; response_code only for interactive cards.</summary>
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("response_code")] public string? ResponseCode { get; init; }
    [JsonPropertyName("invaliduser")] public string? InvalidUser { get; init; }

    public bool Ok => ErrCode == 0;
}

/// <summary>message/send (wecom.md §8.2). One of Text / Markdown / TemplateCard is set, matching MsgType.</summary>
internal sealed record WeComSendRequest
{
    [JsonPropertyName("touser")] public required string ToUser { get; init; }
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("agentid")] public required int AgentId { get; init; }
    [JsonPropertyName("text")] public WeComContent? Text { get; init; }
    [JsonPropertyName("markdown")] public WeComContent? Markdown { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }
    [JsonPropertyName("safe")] public int Safe { get; init; }
    /// <summary>The same request JSON inside the interval is not delivered again (a resend after a crash).</summary>
    [JsonPropertyName("enable_duplicate_check")] public int EnableDuplicateCheck { get; init; }
    [JsonPropertyName("duplicate_check_interval")] public int DuplicateCheckInterval { get; init; }
}

internal sealed record WeComContent([property: JsonPropertyName("content")] string Content);

/// <summary>template_card of card_type button_interaction (wecom.md §8.2): title, body text, up to 6 callback buttons.</summary>
internal sealed record WeComTemplateCard
{
    [JsonPropertyName("card_type")] public required string CardType { get; init; }
    [JsonPropertyName("main_title")] public required WeComMainTitle MainTitle { get; init; }
    [JsonPropertyName("sub_title_text")] public string? SubTitleText { get; init; }
    /// <summary>Unique per app, [0-9a-zA-Z_\-@], ≤ 128 bytes; comes back in the click's TaskId.</summary>
    [JsonPropertyName("task_id")] public required string TaskId { get; init; }
    [JsonPropertyName("button_list")] public required IReadOnlyList<WeComButton> ButtonList { get; init; }
}

internal sealed record WeComMainTitle([property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("desc")] string? Desc = null);

/// <summary>type 0 = callback (the key comes back as EventKey), style 1–4.</summary>
internal sealed record WeComButton(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("type")] int Type = 0,
    [property: JsonPropertyName("style")] int Style = 1);

/// <summary>update_template_card with button.replace_name (wecom.md §8.3): greys out the clicked card's buttons.</summary>
internal sealed record WeComUpdateCardRequest
{
    [JsonPropertyName("userids")] public required IReadOnlyList<string> UserIds { get; init; }
    [JsonPropertyName("agentid")] public required int AgentId { get; init; }
    [JsonPropertyName("response_code")] public required string ResponseCode { get; init; }
    [JsonPropertyName("button")] public required WeComReplaceName Button { get; init; }
}

internal sealed record WeComReplaceName([property: JsonPropertyName("replace_name")] string ReplaceName);

internal static class WeComJson
{
    /// <summary>UTF-8 Chinese as is (WeCom counts bytes), nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>The errcodes this bot acts on (wecom.md §8.4).</summary>
internal static class WeComErrors
{
    public const int SystemBusy = -1;
    public const int InvalidSecret = 40001;
    public const int InvalidCorpId = 40013;
    public const int InvalidToken = 40014;
    public const int InvalidAgentId = 40056;
    public const int TokenExpired = 42001;
    /// <summary>Also a token expiry (the brief's list); treated like 42001.</summary>
    public const int TokenExpired2 = 42009;
    public const int FrequencyLimit = 45009;
    public const int ConcurrencyLimit = 45033;
    public const int ApiNotPermitted = 48002;
    public const int IpNotTrusted = 60020;
    public const int NoValidRecipient = 81013;

    public static bool IsTokenRejected(int code) => code is InvalidToken or TokenExpired or TokenExpired2;

    /// <summary>Needs an administrator (console settings), not a code change: degraded health, a long retry.</summary>
    public static bool IsConfiguration(int code) => code is InvalidSecret or InvalidCorpId or InvalidAgentId or ApiNotPermitted or IpNotTrusted;

    /// <summary>
    /// What every send does with the transient and configuration errcodes (wecom.md §8.4); null for the codes each
    /// sender decides itself (0, its own permanent failures).
    /// </summary>
    public static Conversations.SendResult? Transient(int code, string error, WeComOptions options) => code switch
    {
        SystemBusy => new Conversations.SendResult.Retry(error),
        // 45009 blocks for at least the rest of the minute: the dispatcher's 2 s backoff would only add calls.
        FrequencyLimit or ConcurrencyLimit => new Conversations.SendResult.Retry(error, options.ThrottledRetryDelay),
        // 60020 and friends need an administrator; the client logged it and /healthz shows it. Try again later.
        _ when IsConfiguration(code) => new Conversations.SendResult.Retry(error, options.IpNotTrustedRetryDelay),
        _ => null,
    };
}

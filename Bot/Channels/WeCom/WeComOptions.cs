namespace Bot.Channels.WeCom;

/// <summary>
/// Section <c>WeCom</c>: the self-built app (自建应用) that receives callbacks at <c>/api/wecom/callback</c> and sends
/// through WeCom's server API. Secret, Token and EncodingAesKey come from the environment (<c>WeCom__Secret</c> …).
/// With CorpId empty the channel is off, and the bot says so in the log and in /healthz.
/// </summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    /// <summary>企业ID (<c>ww…</c>): the ToUserName of every callback and the receiveid inside every payload (wecom.md §1).</summary>
    public string CorpId { get; set; } = "";

    /// <summary>The self-built app's AgentId, required by message/send.</summary>
    public int AgentId { get; set; }

    /// <summary>The app's Secret, for gettoken. A secret: environment only.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The callback Token chosen in the admin console (letters/digits, ≤ 32). A secret: environment only.</summary>
    public string Token { get; set; } = "";

    /// <summary>The callback EncodingAESKey, 43 characters. A secret: environment only.</summary>
    public string EncodingAesKey { get; set; } = "";

    /// <summary>The WeChat Customer Service (微信客服) account <c>wk…</c> owners reach (wecom.md §9). Empty = kf off.</summary>
    public string KfOpenKfId { get; set; } = "";

    /// <summary>Signs the case tokens in kf links (scene_param), so only our links bind an owner. A secret: environment only.</summary>
    public string KfCaseTokenKey { get; set; } = "";

    /// <summary>The kf account's customer-service link (微信客服 → 客服账号 → 客服链接); a case's link adds scene_param to it.</summary>
    public string KfContactUrl { get; set; } = "";

    /// <summary>WeCom's server API; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://qyapi.weixin.qq.com";

    /// <summary>How far a callback's timestamp may be from now, either way, before it is refused as a replay (wecom.md §10).</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest callback body accepted, in bytes (legitimate ones are a few KB); larger → 413.</summary>
    public int MaxBodyBytes { get; set; } = 65536;

    /// <summary>Timeout of one call to WeCom's API; a timeout is retried through the outbox.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// message/send's duplicate_check_interval (wecom.md §8.2): an identical request within it is not delivered again,
    /// which hides a resend after a crash. Longer than the outbox lease; a legitimately repeated identical text within
    /// it is dropped too, so keep it short.
    /// </summary>
    public TimeSpan DuplicateCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait after 45009 (frequency limit; blocks last at least 60 s) or 45033 (concurrency limit) before retrying.</summary>
    public TimeSpan ThrottledRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait after 60020 (this server's IP is not in the app's 企业可信IP) before retrying: it needs an admin.</summary>
    public TimeSpan IpNotTrustedRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Plain replies as <c>text</c> (default) or <c>markdown</c> (renders only in the WeCom client, wecom.md §8.2).</summary>
    public string TextFormat { get; set; } = "text";

    /// <summary>Every key needed to receive and send: without them the channel is off.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(CorpId) && AgentId > 0 && !string.IsNullOrWhiteSpace(Secret)
        && !string.IsNullOrWhiteSpace(Token) && !string.IsNullOrWhiteSpace(EncodingAesKey);

    /// <summary>Any key set at all (a half-done configuration is refused at start instead of half working).</summary>
    public bool IsAnySet =>
        !string.IsNullOrWhiteSpace(CorpId) || AgentId != 0 || !string.IsNullOrWhiteSpace(Secret)
        || !string.IsNullOrWhiteSpace(Token) || !string.IsNullOrWhiteSpace(EncodingAesKey);
}

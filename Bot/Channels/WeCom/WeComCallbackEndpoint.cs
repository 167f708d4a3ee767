using Bot.Conversations;
using System.Xml;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

/// <summary>
/// <c>GET/POST /api/wecom/callback</c> of the self-built app (wecom.md §2, §3). Every check runs before anything is
/// stored: timestamp window, body cap, XML without DTDs, signature (constant time), decryption, CorpID. A message is
/// put into the inbox and acknowledged with an empty 200 at once (§3.2); the turn and its reply follow through the
/// outbox and message/send. Refusals are a bare status code, logged with the reason only, never a secret.
/// </summary>
public sealed partial class WeComCallbackEndpoint(
    WeComChannel channel,
    WeComKfSync kfSync,
    InboxWriter inbox,
    IOptions<WeComOptions> options,
    TimeProvider time,
    ILogger<WeComCallbackEndpoint> logger)
{
    public IResult Verify(HttpContext context)
    {
        DisableStatusCodePages(context);
        if (channel.Crypto is not { } crypto) return Results.NotFound();
        // wecom.md §2, §4.9: a real query-string decoder; form decoding would turn a raw '+' into a space.
        var query = RawQuery.Parse(context.Request.QueryString.Value);
        if (Refusal(query, requireEcho: true) is { } refused) return refused;
        var echostr = query["echostr"];
        if (!crypto.VerifySignature(query["msg_signature"], query["timestamp"], query["nonce"], echostr))
            return Refuse(StatusCodes.Status401Unauthorized, "signature mismatch");

        WeComDecrypted decrypted;
        try
        {
            decrypted = crypto.Decrypt(echostr);
        }
        catch (WeComCryptoException ex)
        {
            return RefuseCrypto(ex);
        }
        LogVerified();
        // §2.4: the decrypted text is the whole body, no quotes, BOM or newline.
        return Results.Text(decrypted.Message, "text/plain", System.Text.Encoding.UTF8);
    }

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        DisableStatusCodePages(context);
        if (channel.Crypto is not { } crypto) return Results.NotFound();
        var cancellationToken = context.RequestAborted;
        var query = RawQuery.Parse(context.Request.QueryString.Value);
        if (Refusal(query, requireEcho: false) is { } refused) return refused;

        var max = options.Value.MaxBodyBytes;
        using var body = await Teams.TeamsMessagesEndpoint.ReadCappedAsync(context.Request, max, cancellationToken);
        if (body is null) return Refuse(StatusCodes.Status413PayloadTooLarge, $"body over {max} bytes");

        WeComEnvelope envelope;
        try
        {
            envelope = WeComXml.ReadEnvelope(body.GetBuffer().AsSpan(0, (int)body.Length), max);
        }
        catch (XmlException ex)
        {
            // A DOCTYPE lands here too (DtdProcessing.Prohibit). The message says what, never the content.
            return Refuse(StatusCodes.Status400BadRequest, "outer XML refused: " + ex.Message);
        }
        if (string.IsNullOrEmpty(envelope.Encrypt)) return Refuse(StatusCodes.Status400BadRequest, "no Encrypt element");

        // §3.1: the signature covers the Encrypt text, and is checked before decrypting.
        if (!crypto.VerifySignature(query["msg_signature"], query["timestamp"], query["nonce"], envelope.Encrypt))
            return Refuse(StatusCodes.Status401Unauthorized, "signature mismatch");

        WeComCallbackMessage message;
        try
        {
            var decrypted = crypto.Decrypt(envelope.Encrypt);
            message = WeComXml.ReadMessage(decrypted.Message, max);
        }
        catch (WeComCryptoException ex)
        {
            return RefuseCrypto(ex);
        }
        catch (XmlException ex)
        {
            // Position only: the parser's message may quote decrypted content, which is staff or owner data.
            return Refuse(StatusCodes.Status400BadRequest, $"inner XML refused at line {ex.LineNumber}, position {ex.LinePosition}");
        }

        if (message is { MsgType: "event", Event: "kf_msg_or_event" })
        {
            // §9.1: only "there is news"; the messages are pulled with kf/sync_msg behind the acknowledgement.
            if (message.OpenKfId == options.Value.KfOpenKfId && options.Value.KfOpenKfId.Length > 0) kfSync.Request(message.Token);
            else LogIgnored("kf event for another kf account");
            return Results.Ok();
        }

        var translation = WeComTranslator.Translate(message, time.GetUtcNow());
        if (translation.Message is not { } incoming)
        {
            LogIgnored(translation.Ignored ?? "unknown");
            return Results.Ok();
        }
        // A WeCom retry (same MsgId / event key) finds its inbox row: the same empty 200, no second turn (§3.3).
        if (!await inbox.AcceptAsync(incoming))
            LogDuplicate(incoming.ChannelMessageId);
        return Results.Ok();
    }

    /// <summary>Parameters present and the timestamp inside the window, or the refusal.</summary>
    private IResult? Refusal(RawQuery query, bool requireEcho)
    {
        if (query["msg_signature"].Length == 0 || query["timestamp"].Length == 0 || query["nonce"].Length == 0
            || (requireEcho && query["echostr"].Length == 0))
            return Refuse(StatusCodes.Status400BadRequest, "msg_signature, timestamp, nonce" + (requireEcho ? ", echostr" : "") + " required");
        if (WeComTranslator.ParseTimestamp(query["timestamp"]) is not { } seconds)
            return Refuse(StatusCodes.Status400BadRequest, "timestamp is not a number");
        // wecom.md §10: WeCom documents no window; a configurable one (default ±5 min) stops replays of old captures.
        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (skew.Duration() > options.Value.TimestampWindow)
            return Refuse(StatusCodes.Status401Unauthorized, $"timestamp {skew.TotalSeconds:F0} s away from now, outside the window");
        return null;
    }

    private IResult RefuseCrypto(WeComCryptoException ex) => ex.Error switch
    {
        // Not ours (another corp's or app's ciphertext): an authentication failure.
        WeComCryptoError.ReceiveIdMismatch => Refuse(StatusCodes.Status401Unauthorized, $"{(int)ex.Error} {ex.Message}"),
        _ => Refuse(StatusCodes.Status400BadRequest, $"{(int)ex.Error} {ex.Message}"),
    };

    private IResult Refuse(int status, string reason)
    {
        LogRefused(status, reason);
        return Results.StatusCode(status);
    }

    /// <summary>§10: failures are answered with a bare status; the app-wide status code pages would add a body.</summary>
    private static void DisableStatusCodePages(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a WeCom callback with {Status}: {Reason}")]
    private partial void LogRefused(int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom callback URL verified")]
    private partial void LogVerified();

    [LoggerMessage(Level = LogLevel.Debug, Message = "WeCom callback acknowledged and not taken: {What}")]
    private partial void LogIgnored(string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom callback {ChannelMessageId} was delivered again; acknowledged without effect")]
    private partial void LogDuplicate(string channelMessageId);
}

/// <summary>
/// A query string decoded as RFC 3986 (percent-escapes only): a literal '+' stays '+' (wecom.md §2, §4.9).
/// Missing parameters read as "".
/// </summary>
internal sealed class RawQuery
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string this[string name] => _values.GetValueOrDefault(name, "");

    public static RawQuery Parse(string? queryString)
    {
        var query = new RawQuery();
        if (string.IsNullOrEmpty(queryString)) return query;
        var rest = queryString.AsSpan().TrimStart('?');
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf('&');
            var pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOf('=');
            var name = Unescape(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            query._values.TryAdd(name, value);
        }
        return query;
    }

    /// <summary>Percent-escapes only (no '+' to space); most of WeCom's parameters have none to decode.</summary>
    private static string Unescape(ReadOnlySpan<char> part) =>
        part.Contains('%') ? Uri.UnescapeDataString(part) : part.ToString();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bot.Conversations;

namespace Bot.Channels.Teams;

/// <summary>
/// Sends outbox messages to a Bot Framework conversation through the Connector REST API (botframework.md §4.2) and
/// classifies the answer for the dispatcher's retries (§4.3, §4.4).
/// </summary>
public sealed partial class BotFrameworkSender(
    IHttpClientFactory httpClientFactory,
    TeamsChannelMode mode,
    TimeProvider time,
    ILogger<BotFrameworkSender> logger) : IChannelSender
{
    /// <summary>The named HttpClient this sender uses.</summary>
    public const string HttpClientName = "botframework";

    public string Channel => ActivityTranslator.AddressChannel;

    public async Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        if (!mode.Emulator)
        {
            // Outbound calls need a bot token (§4.1) outside emulator mode; that arrives with the JWT work.
            return new SendResult.Failed("Bot Framework outbound authentication is not implemented yet, and emulator mode is off.");
        }
        if (BotFrameworkAddress.FromJson(envelope.Address.Data) is not { } address)
            return new SendResult.Failed("The conversation address holds no Bot Framework reply information.");

        var uri = ActivityUri(address.ServiceUrl, envelope.Address.ConversationId, envelope.ReplyToId);
        var activity = BuildReply(address, envelope);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            // Buffered, so it goes with a Content-Length: JsonContent would stream it chunked, which simple peers drop.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJson.Options))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        // Emulator mode: no Authorization header at all (botframework.md §4.6 (3), §8).

        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? string.Join(",", values) : null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        if (response.IsSuccessStatusCode)
        {
            var id = ReadResourceId(body);
            LogSent(envelope.OutboxId, status, id, correlation);
            return new SendResult.Sent(id);
        }

        var error = $"Bot Connector answered {status} {response.ReasonPhrase}{ErrorDetail(body)}";
        LogNotSent(envelope.OutboxId, status, correlation);
        return IsRetryable(response.StatusCode)
            ? new SendResult.Retry(error, RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()))
            : new SendResult.Failed(error);
    }

    /// <summary>Reply-to-activity when there is an id to reply to, else send-to-conversation (§4.2, as the SDK chose).</summary>
    internal static Uri ActivityUri(string serviceUrl, string conversationId, string? replyToId)
    {
        // Exactly one '/' before v3, whether or not the serviceUrl ends in one (Teams' does); ids are escaped (§4.2).
        var path = serviceUrl.TrimEnd('/') + "/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities";
        if (!string.IsNullOrEmpty(replyToId)) path += "/" + Uri.EscapeDataString(replyToId);
        return new Uri(path, UriKind.Absolute);
    }

    /// <summary>The reply as §4.2 shows it: from = bot, recipient = user, conversation {id}, replyToId, plain text.</summary>
    internal static Activity BuildReply(BotFrameworkAddress address, OutboundEnvelope envelope)
    {
        var message = envelope.Message;
        var choices = message.ChoiceList;
        return new Activity
        {
            Type = "message",
            // Numbered too: a client without buttons can answer with the number (the engine matches it).
            Text = message.TextWithNumberedChoices(),
            TextFormat = "plain",
            ChannelId = address.ChannelId,
            Locale = address.Locale,
            From = address.Bot,
            Recipient = address.User,
            Conversation = new ConversationAccount { Id = envelope.Address.ConversationId },
            ReplyToId = string.IsNullOrEmpty(envelope.ReplyToId) ? null : envelope.ReplyToId,
            SuggestedActions = choices.Count == 0
                ? null
                : new SuggestedActions
                {
                    // imBack posts the value back as the user's text, which the engine matches to the pending choice.
                    Actions = [.. choices.Select(c => new CardAction { Type = "imBack", Title = c.Label, Value = c.Label })],
                },
        };
    }

    /// <summary>429, 412 and server errors are worth another attempt (§4.3, §4.4); 400/401/403/404/405 never are.</summary>
    internal static bool IsRetryable(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout => true,
        _ => (int)status >= 500,
    };

    /// <summary>Retry-After as seconds or as an HTTP date (§4.4); a date in the past means "now".</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>The new activity's id; an empty or non-JSON body is still a success without id (§4.3, §10).</summary>
    private static string? ReadResourceId(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonSerializer.Deserialize<ResourceResponse>(body, TeamsJson.Options)?.Id is { Length: > 0 } id ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The ErrorResponse's code and message, for the outbox record (§4.3).</summary>
    private static string ErrorDetail(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            var error = JsonSerializer.Deserialize<ErrorResponse>(body, TeamsJson.Options)?.Error;
            if (error is not null) return $": {error.Code} {Truncate(error.Message)}";
        }
        catch (JsonException)
        {
        }
        return ": " + Truncate(body);
    }

    private static string? Truncate(string? text) => text is { Length: > 300 } ? text[..300] + "…" : text;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {OutboxId} sent to the Bot Connector ({Status}, activity {ActivityId}, X-Correlating-OperationId {CorrelationId})")]
    private partial void LogSent(long outboxId, int status, string? activityId, string? correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} refused by the Bot Connector with {Status} (X-Correlating-OperationId {CorrelationId})")]
    private partial void LogNotSent(long outboxId, int status, string? correlationId);
}

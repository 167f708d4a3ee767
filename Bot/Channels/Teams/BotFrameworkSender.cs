using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Conversations;
using Bot.Domain.Conversations;
using MsalException = Microsoft.Identity.Client.MsalException;
using MsalServiceException = Microsoft.Identity.Client.MsalServiceException;

namespace Bot.Channels.Teams;

/// <summary>
/// Sends outbox messages to a Bot Framework conversation through the Connector REST API (botframework.md §4.2) and
/// classifies the answer for the dispatcher's retries (§4.3, §4.4).
/// </summary>
internal sealed partial class BotFrameworkSender(
    IHttpClientFactory httpClientFactory,
    TeamsChannelMode mode,
    ServiceUrlTrust trust,
    BotTokenProvider tokens,
    TeamsReach reach,
    TimeProvider time,
    ILogger<BotFrameworkSender> logger) : IChannelSender
{
    /// <summary>The named HttpClient this sender uses.</summary>
    public const string HttpClientName = "botframework";

    /// <summary>Teams' channelId: its prompts are rendered as Adaptive Cards (§5).</summary>
    public const string TeamsChannelId = "msteams";

    public string Channel => ActivityTranslator.AddressChannel;

    public async Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        if (!mode.Emulator && !mode.Authenticated)
            return new SendResult.Failed("Teams:AppId is not set and emulator mode is off: the bot has no identity to send with.");
        if (BotFrameworkAddress.FromJson(envelope.Address.Data) is not { } address)
            return new SendResult.Failed("The conversation address holds no Bot Framework reply information.");

        var serviceUrl = address.ServiceUrl;
        var conversationId = envelope.Address.ConversationId;
        var replyToId = envelope.ReplyToId;
        if (address.CreateConversation)
        {
            // A person the bot never talked to: open the 1:1 conversation first (§4.5). Teams answers the same
            // conversation id for the same user and bot, so a retry after a failed send does not open a second one.
            var (created, createStatus, body) = await CallAsync(HttpMethod.Post, ConversationsUri(serviceUrl), CreateParameters(address), envelope.OutboxId, cancellationToken);
            if (createStatus == StatusCodes.Status403Forbidden)
                await reach.RetireAsync(envelope.RecipientId, conversationId, address, cancellationToken);
            if (created is not SendResult.Sent) return created;
            var conversation = Read<ConversationResourceResponse>(body);
            if (conversation?.Id is not { Length: > 0 } newId)
                return new SendResult.Failed("The Bot Connector created a conversation but answered no id.");
            conversationId = newId;
            replyToId = null;
            if (conversation.ServiceUrl is { Length: > 0 } answered && trust.IsTrusted(answered)) serviceUrl = answered;
            LogConversationCreated(envelope.OutboxId);
            // Kept as the person's reference: the next message goes to this conversation instead of creating it again.
            address = address with
            {
                ServiceUrl = serviceUrl,
                Conversation = address.Conversation with { Id = newId },
                CreateConversation = false,
            };
            await reach.RememberCreatedAsync(envelope.RecipientId,
                new ConversationAddress(ActivityTranslator.AddressChannel, newId, address.ToJson()), cancellationToken);
        }

        var activity = BuildReply(address, envelope.Message, conversationId, replyToId);
        var (result, status, _) = await CallAsync(HttpMethod.Post, ActivityUri(serviceUrl, conversationId, replyToId), activity, envelope.OutboxId, cancellationToken);
        // §4.3: 403 is Teams' "this user blocked or uninstalled the bot" (MessageWritesBlocked); never retried.
        if (status == StatusCodes.Status403Forbidden && !mode.Emulator)
            await reach.RetireAsync(envelope.RecipientId, conversationId, address, cancellationToken);
        return result;
    }

    /// <summary>Replaces a sent activity (§4.2 update, PUT), e.g. a card after its button was pressed (§5.1).</summary>
    public async Task<SendResult> UpdateAsync(BotFrameworkAddress address, string conversationId, string activityId,
        Activity activity, CancellationToken cancellationToken)
    {
        var (result, _, _) = await CallAsync(HttpMethod.Put, ActivityUri(address.ServiceUrl, conversationId, activityId),
            activity with { Id = activityId }, outboxId: 0, cancellationToken);
        return result;
    }

    private async Task<(SendResult Result, int Status, string Body)> CallAsync(HttpMethod method, Uri uri, object payload, long outboxId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri)
        {
            // Buffered, so it goes with a Content-Length: JsonContent would stream it chunked, which simple peers drop.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), TeamsJson.Options))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        if (await AuthorizeAsync(request, uri, outboxId, cancellationToken) is { } refused) return (refused, 0, "");

        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? string.Join(",", values) : null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        if (response.IsSuccessStatusCode)
        {
            var id = Read<ResourceResponse>(body)?.Id is { Length: > 0 } sentId ? sentId : null;
            LogSent(outboxId, method.Method, status, id, correlation);
            return (new SendResult.Sent(id), status, body);
        }

        var error = $"Bot Connector answered {status} {response.ReasonPhrase}{ErrorDetail(body)}";
        LogNotSent(outboxId, method.Method, status, correlation);
        return (IsRetryable(response.StatusCode)
            ? new SendResult.Retry(error, RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()))
            : new SendResult.Failed(error), status, body);
    }

    /// <summary>
    /// The bot token, only for an https serviceUrl on the allow-list (§4.6); emulator mode sends none at all (§4.6 (3),
    /// §8). Returns why the call must not be made, or null when the request may go.
    /// </summary>
    private async Task<SendResult?> AuthorizeAsync(HttpRequestMessage request, Uri uri, long outboxId, CancellationToken cancellationToken)
    {
        if (mode.Emulator) return null;
        if (!trust.IsTrusted(uri))
        {
            LogUntrusted(outboxId, uri.Scheme + "://" + uri.Authority);
            return new SendResult.Failed($"serviceUrl {uri.Scheme}://{uri.Authority} is not an https host on Teams:AllowedServiceUrlHosts; nothing was sent, and no token.");
        }
        string token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken);
        }
        catch (MsalServiceException ex) when (ex.StatusCode is 429 or >= 500)
        {
            LogNoToken(ex, outboxId, ex.ErrorCode);
            return new SendResult.Retry($"The token authority answered {ex.StatusCode} ({ex.ErrorCode}).", ex.Headers?.RetryAfter?.Delta);
        }
        catch (MsalException ex)
        {
            // A wrong app id, secret or tenant: no retry will fix it; the log names MSAL's error code.
            LogNoToken(ex, outboxId, ex.ErrorCode);
            return new SendResult.Failed($"No bot token: {ex.ErrorCode}. Check Teams:AppId, Teams:TenantId and the Teams__AppPassword secret.");
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return null;
    }

    /// <summary>A 1:1 with the user, in the tenant, from the bot (§4.5).</summary>
    private static ConversationParameters CreateParameters(BotFrameworkAddress address) => new()
    {
        IsGroup = false,
        Bot = address.Bot,
        Members = [address.User],
        TenantId = address.Conversation.TenantId,
        ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = address.Conversation.TenantId } },
    };

    internal static Uri ConversationsUri(string serviceUrl) => new(serviceUrl.TrimEnd('/') + "/v3/conversations", UriKind.Absolute);

    /// <summary>Reply-to-activity when there is an id to reply to, else send-to-conversation (§4.2, as the SDK chose).</summary>
    internal static Uri ActivityUri(string serviceUrl, string conversationId, string? replyToId)
    {
        // Exactly one '/' before v3, whether or not the serviceUrl ends in one (Teams' does); ids are escaped (§4.2).
        var path = serviceUrl.TrimEnd('/') + "/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities";
        if (!string.IsNullOrEmpty(replyToId)) path += "/" + Uri.EscapeDataString(replyToId);
        return new Uri(path, UriKind.Absolute);
    }

    /// <summary>
    /// The reply as §4.2 shows it: from = bot, recipient = user, conversation {id}, replyToId. A prompt becomes an
    /// Adaptive Card in Teams (§5.1); elsewhere plain text with numbered choices and imBack buttons.
    /// </summary>
    internal static Activity BuildReply(BotFrameworkAddress address, OutgoingMessage message, string conversationId, string? replyToId)
    {
        var choices = message.ChoiceList;
        var card = choices.Count > 0 && address.ChannelId == TeamsChannelId;
        return new Activity
        {
            Type = "message",
            // Numbered too: a client without buttons can answer with the number (the engine matches it). A card
            // carries the text itself; repeating it beside the card would show it twice.
            Text = card ? null : message.TextWithNumberedChoices(),
            TextFormat = card ? null : "plain",
            ChannelId = address.ChannelId,
            Locale = address.Locale,
            From = address.Bot,
            Recipient = address.User,
            Conversation = new ConversationAccount { Id = conversationId },
            ReplyToId = string.IsNullOrEmpty(replyToId) ? null : replyToId,
            Attachments = card ? [AdaptiveCards.Attachment(AdaptiveCards.Prompt(message))] : null,
            SuggestedActions = choices.Count == 0 || card
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

    /// <summary>A Connector answer; an empty or non-JSON body is still a success, without id (§4.3, §10).</summary>
    private static T? Read<T>(string body) where T : class
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(body, TeamsJson.Options);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {OutboxId}: {Method} to the Bot Connector answered {Status} (activity {ActivityId}, X-Correlating-OperationId {CorrelationId})")]
    private partial void LogSent(long outboxId, string method, int status, string? activityId, string? correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId}: {Method} refused by the Bot Connector with {Status} (X-Correlating-OperationId {CorrelationId})")]
    private partial void LogNotSent(long outboxId, string method, int status, string? correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {OutboxId} NOT sent: serviceUrl {ServiceUrl} is not an https host on Teams:AllowedServiceUrlHosts, so it gets no bot token and no call (botframework.md §4.6)")]
    private partial void LogUntrusted(long outboxId, string serviceUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {OutboxId}: no bot token from the authority ({ErrorCode})")]
    private partial void LogNoToken(Exception exception, long outboxId, string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {OutboxId}: opened a 1:1 Teams conversation for a proactive message")]
    private partial void LogConversationCreated(long outboxId);
}

using System.Buffers;
using System.Text.Json;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Connector's (or an emulator's) inbound activities, answered per
/// botframework.md §2.4. A message is stored in the inbox before the 200 (with a group commit: concurrent activities
/// share one transaction); the reply goes out later through the outbox.
/// </summary>
internal sealed partial class TeamsMessagesEndpoint(
    InboxWriter inbox,
    Outbox outbox,
    OutboxSignal outboxSignal,
    BotDbContext db,
    IActivityAuthenticator authenticator,
    BotFrameworkSender sender,
    TeamsChannelMode mode,
    IOptions<TeamsOptions> options,
    DepartmentProfile department,
    IDirectoryStore directory,
    TimeProvider time,
    ILogger<TeamsMessagesEndpoint> logger)
{
    /// <summary>Action.Execute arrives as this invoke (§5.2).</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";

    /// <summary>A card update is a courtesy: it must not hold up the acknowledgement the channel waits for (§1).</summary>
    private static readonly TimeSpan CardUpdateTimeout = TimeSpan.FromSeconds(5);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        // §2.4 wants empty bodies for 401/413/501; the app-wide status code pages would fill them in.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;

        // Outside emulator mode a request without a token is refused before its body is even read.
        if (!mode.Emulator && authorization is null) return Refused(context, "no Authorization header");

        var body = await ReadCappedAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            LogTooLarge(request.ContentLength, options.Value.MaxBodyBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, TeamsJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
            return BadRequest("The body must be a JSON activity with a type.");

        // After parsing: the token's serviceurl claim and the key's endorsements are checked against the activity (§3.2).
        var auth = await authenticator.AuthenticateAsync(authorization, activity, cancellationToken);
        if (!auth.Succeeded) return Refused(context, auth.Failure ?? "refused");

        switch (activity.Type)
        {
            case "message":
                return await AcceptMessageAsync(activity, choice: null, cancellationToken);
            case "invoke" when activity.Name == AdaptiveCardAction:
                return await ExecuteActionAsync(activity, cancellationToken);
            case "invoke":
                // The SDK answers an invoke it does not implement 501 with an empty body (§2.4).
                LogIgnored(activity.Type, activity.Name);
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            case "conversationUpdate" or "installationUpdate":
                return await WelcomeAsync(activity, cancellationToken);
            default:
                // typing, messageReaction, …: acknowledged and ignored (§2.3, A2014).
                LogIgnored(activity.Type, activity.Name);
                return Results.Ok();
        }
    }

    private IResult Refused(HttpContext context, string reason)
    {
        // Whether a header came, never its value: a token is a secret even when it is wrong.
        LogRefused(reason, context.Request.Headers.Authorization.Count > 0, context.Connection.RemoteIpAddress?.ToString());
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    /// <summary>Why no reply may go to this activity's serviceUrl, or null (emulator mode: loopback only, §8).</summary>
    private IResult? CannotReply(Activity activity)
    {
        if (ActivityTranslator.Validate(activity) is { } problem) return BadRequest(problem);
        if (mode.Emulator && !IsLoopback(activity.ServiceUrl!))
        {
            // Unauthenticated, the bot would POST wherever a caller points it. botframework.md §8: emulator mode is
            // for a client on this machine only, so replies go to loopback addresses and nowhere else.
            LogNotLoopback(activity.ServiceUrl!);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return null;
    }

    private async Task<IResult> AcceptMessageAsync(Activity activity, string? choice, CancellationToken cancellationToken)
    {
        if (CannotReply(activity) is { } refusal) return refusal;

        var message = ActivityTranslator.ToIncoming(activity, mode.Emulator, time.GetUtcNow(), choice);
        // A redelivery finds its inbox row: same 200, no second turn and no second reply.
        if (!await inbox.AcceptAsync(message))
        {
            LogDuplicate(message.ChannelMessageId);
            return Results.Ok();
        }
        if (message.ChoiceValue is { } chosen && choice is null) await TryShowChoiceAsync(activity, chosen, cancellationToken);
        return Results.Ok();
    }

    /// <summary>
    /// Action.Execute (§5.2): the pressed choice goes through the inbox like a submit; the invoke is answered at once
    /// with the card as answered, which Teams puts in place of the old one.
    /// </summary>
    private async Task<IResult> ExecuteActionAsync(Activity activity, CancellationToken cancellationToken)
    {
        var action = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("action", out var a) ? a : default;
        if (action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type) || type.GetString() != "Action.Execute")
            // As the SDK does: an adaptiveCard/action that is not Action.Execute is a 400 error response (§5.2).
            return InvokeError(StatusCodes.Status400BadRequest, "BadRequest", "Only Action.Execute is supported.");
        var choice = action.TryGetProperty("data", out var data) ? ActivityTranslator.ChoiceOf(data) : null;
        if (choice is null) return InvokeError(StatusCodes.Status400BadRequest, "BadRequest", "The action carries no choice.");

        var accepted = await AcceptMessageAsync(activity, choice, cancellationToken);
        if (accepted is not Microsoft.AspNetCore.Http.HttpResults.Ok) return accepted;

        // §5.2: HTTP 200 whenever the invoke was processed; the outcome is in statusCode.
        var prompt = await PromptAnsweredByAsync(activity, cancellationToken);
        object answer = prompt is null
            ? new { statusCode = 200, type = "application/vnd.microsoft.activity.message",
                    value = TeamsTexts.Catalog.Get("ChoiceReceived", activity.Locale ?? TextCatalog.Chinese, choice) }
            : new { statusCode = 200, type = AdaptiveCards.ContentType, value = AdaptiveCards.Answered(prompt, choice) };
        return Results.Json(answer, TeamsJson.Options);
    }

    /// <summary>
    /// The person who installed the bot for themselves can be reached proactively from now on, before they ever write
    /// (§4.5: store the reference from conversationUpdate too). Only from an authenticated activity, so only a
    /// serviceUrl the token vouched for is kept (§4.6).
    /// </summary>
    private async Task RememberInstallerAsync(Activity activity, ConversationAddress address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sender = ActivityTranslator.SenderOf(activity, emulator: false);
        var participant = await directory.FindParticipantAsync(sender.Channel, sender.Id, false, cancellationToken)
            ?? (sender.AlternateId is { } alternate ? await directory.FindParticipantAsync(sender.Channel, alternate, false, cancellationToken) : null);
        if (participant is null) return;
        await db.RememberAddressAsync(participant.Id, address, now, cancellationToken);
    }

    private static IResult InvokeError(int status, string code, string message) =>
        Results.Json(new { statusCode = status, type = "application/vnd.microsoft.error", value = new { code, message } },
            TeamsJson.Options, statusCode: status);

    /// <summary>
    /// After an Action.Submit, replace the card with its answered form so the buttons cannot be pressed again
    /// (§5.1: only by PUT, with replyToId = the card's message). Teams only, best effort: the choice is already in the
    /// inbox, so a failed update is logged and the person still gets their answer.
    /// </summary>
    private async Task TryShowChoiceAsync(Activity activity, string choice, CancellationToken cancellationToken)
    {
        if (mode.Emulator || activity.ChannelId != BotFrameworkSender.TeamsChannelId || string.IsNullOrEmpty(activity.ReplyToId)) return;
        var prompt = await PromptAnsweredByAsync(activity, cancellationToken);
        if (prompt is null) return;

        var address = BotFrameworkAddress.FromJson(ActivityTranslator.AddressOf(activity).Data)!;
        var updated = new Activity
        {
            Type = "message",
            ChannelId = address.ChannelId,
            From = address.Bot,
            Recipient = address.User,
            Conversation = new ConversationAccount { Id = activity.Conversation!.Id },
            Attachments = [AdaptiveCards.Attachment(AdaptiveCards.Answered(prompt, choice))],
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CardUpdateTimeout);
        try
        {
            var result = await sender.UpdateAsync(address, activity.Conversation.Id!, activity.ReplyToId, updated, timeout.Token);
            if (result is not SendResult.Sent) LogCardNotUpdated(activity.ReplyToId, result.ToString());
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogCardUpdateFailed(ex, activity.ReplyToId);
        }
    }

    /// <summary>The prompt the bot sent as the message the action came from (replyToId), if it was ours.</summary>
    private async Task<OutgoingMessage?> PromptAnsweredByAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(activity.ReplyToId)) return null;
        var payload = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Channel == ActivityTranslator.AddressChannel && m.ConversationId == activity.Conversation!.Id
                        && m.SentMessageId == activity.ReplyToId)
            .Select(m => m.Payload)
            .FirstOrDefaultAsync(cancellationToken);
        return payload is null ? null : WireJson.ReadOutgoing(payload) is { ChoiceList.Count: > 0 } prompt ? prompt : null;
    }

    /// <summary>
    /// The bot was added to a conversation, or a person to the bot's 1:1, or the app installed (§2.3): greet and say
    /// what the bot does, through the outbox like any reply. At most once a day per conversation: Teams sends both
    /// installationUpdate and conversationUpdate for one install, and may redeliver either.
    /// </summary>
    private async Task<IResult> WelcomeAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botAdded = activity.MembersAdded?.Any(m => m.Id is { Length: > 0 } id && id == activity.Recipient?.Id) == true;
        var personal = activity.Conversation?.ConversationType is null or "personal";
        var userAdded = personal && activity.MembersAdded?.Any(m => m.Id is { Length: > 0 } id && id != activity.Recipient?.Id) == true;
        var installed = activity.Type == "installationUpdate" && activity.Action is "add" or "add-upgrade";
        if (!(botAdded || userAdded || installed))
        {
            LogIgnored(activity.Type!, activity.Action);
            return Results.Ok();
        }
        if (CannotReply(activity) is { } refusal) return refusal;

        var now = time.GetUtcNow();
        var key = $"botframework-welcome/{activity.ChannelId}/{activity.Conversation!.Id}/{department.LocalDate(now):yyyy-MM-dd}";
        if (key.Length > 200 || await outbox.HasKeyAsync(key, cancellationToken)) return Results.Ok();

        var language = TextCatalog.NormalizeLanguage(activity.Locale);
        var address = ActivityTranslator.AddressOf(activity);
        if (personal && !mode.Emulator) await RememberInstallerAsync(activity, address, now, cancellationToken);
        outbox.Enqueue(address, new OutgoingMessage(TeamsTexts.Catalog.Get("Welcome", language, department.PropertyName)),
            recipientId: null, replyToId: null, deduplicationKey: key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same welcome was enqueued by a concurrent delivery (unique key): that one goes out.
            db.ChangeTracker.Clear();
            if (await outbox.HasKeyAsync(key, CancellationToken.None)) return Results.Ok();
            throw;
        }
        outboxSignal.Signal.Notify();
        return Results.Ok();
    }

    internal static bool IsLoopback(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    private IResult BadRequest(string detail)
    {
        LogBadRequest(detail);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid activity");
    }

    /// <summary>The body, or null when it is larger than <paramref name="max"/>, by Content-Length or by what actually arrives.</summary>
    internal static async Task<MemoryStream?> ReadCappedAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max) return null;
        // Sized by Content-Length when there is one, and read through a pooled chunk: under load every callback
        // allocated a fresh 16 KiB chunk and regrew the stream (README, "Benchmarks").
        var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // A chunked or lying body is cut off at the cap instead of being buffered whole.
                if (buffer.Length + read > max) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        buffer.Position = 0;
        return buffer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework request with 401: {Reason} (Authorization header present: {HasAuthorization}, remote {Remote})")]
    private partial void LogRefused(string reason, bool hasAuthorization, string? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an unauthenticated (emulator mode) activity with 403: its serviceUrl {ServiceUrl} is not on this machine")]
    private partial void LogNotLoopback(string serviceUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework request with 413: Content-Length {ContentLength}, limit {Limit} bytes")]
    private partial void LogTooLarge(long? contentLength, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework request with 400: {Detail}")]
    private partial void LogBadRequest(string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a Bot Framework {Type} activity (name {Name})")]
    private partial void LogIgnored(string type, string? name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not show the choice on card {ActivityId}: {Result}")]
    private partial void LogCardNotUpdated(string activityId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not show the choice on card {ActivityId}")]
    private partial void LogCardUpdateFailed(Exception exception, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework activity {ChannelMessageId} was delivered again; acknowledged without effect")]
    private partial void LogDuplicate(string channelMessageId);
}

using System.Text.Json;
using Bot.Conversations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Connector's (or an emulator's) inbound activities, answered per
/// botframework.md §2.4. A message is stored in the inbox before the 200; the reply goes out later through the outbox.
/// </summary>
public sealed partial class TeamsMessagesEndpoint(
    Inbox inbox,
    IActivityAuthenticator authenticator,
    TeamsChannelMode mode,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<TeamsMessagesEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        // §2.4 wants empty bodies for 401/413/501; the app-wide status code pages would fill them in.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        var request = context.Request;
        var cancellationToken = context.RequestAborted;

        var auth = await authenticator.AuthenticateAsync(request, cancellationToken);
        if (!auth.Succeeded)
        {
            // Whether a header came, never its value: a token is a secret even when it is wrong.
            LogRefused(auth.Failure ?? "refused", request.Headers.Authorization.Count > 0, context.Connection.RemoteIpAddress?.ToString());
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

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

        switch (activity.Type)
        {
            case "message":
                return await AcceptMessageAsync(activity, cancellationToken);
            case "invoke":
                // No invoke is implemented yet; the SDK answers an unknown invoke 501 with an empty body (§2.4).
                LogIgnored(activity.Type, activity.Name);
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            default:
                // conversationUpdate, installationUpdate, typing, …: acknowledged and ignored (§2.3, A2014).
                LogIgnored(activity.Type, activity.Name);
                return Results.Ok();
        }
    }

    private async Task<IResult> AcceptMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ActivityTranslator.Validate(activity) is { } problem) return BadRequest(problem);
        if (mode.Emulator && !IsLoopback(activity.ServiceUrl!))
        {
            // Unauthenticated, the bot would POST wherever a caller points it. botframework.md §8: emulator mode is
            // for a client on this machine only, so replies go to loopback addresses and nowhere else.
            LogNotLoopback(activity.ServiceUrl!);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var message = ActivityTranslator.ToIncoming(activity, mode.Emulator, time.GetUtcNow());
        // A redelivery finds its inbox row: same 200, no second turn and no second reply.
        if (!await inbox.AcceptAsync(message, cancellationToken))
            LogDuplicate(message.ChannelMessageId);
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
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // A chunked or lying body is cut off at the cap instead of being buffered whole.
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework activity {ChannelMessageId} was delivered again; acknowledged without effect")]
    private partial void LogDuplicate(string channelMessageId);
}

using System.Text;
using Bot.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

/// <summary>
/// Replies to owners through 微信客服 with kf/send_msg (wecom.md §9.1 step 5), only inside the allowance the
/// customer's last message opened: 48 hours and 5 messages, counted locally so the bot stops before WeCom refuses
/// (95001 / 95002). Prompts go as text with numbered choices (a msgmenu rendering would be the native form).
/// </summary>
public sealed partial class WeComKfSender(
    WeComApiClient api,
    IOptions<WeComOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<WeComKfSender> logger) : IChannelSender
{
    public static readonly TimeSpan WindowLength = TimeSpan.FromHours(48);
    public const int WindowMessages = 5;

    public string Channel => WeComKfSync.Channel;

    public async Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured || string.IsNullOrWhiteSpace(o.KfOpenKfId)) return new SendResult.Failed("WeCom kf is not configured (WeCom:KfOpenKfId).");
        var customer = envelope.Address.ConversationId;
        var openKfId = string.IsNullOrEmpty(envelope.Address.Data) ? o.KfOpenKfId : envelope.Address.Data;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var window = await db.Set<KfWindow>().SingleOrDefaultAsync(w => w.OpenKfId == openKfId && w.ExternalUserId == customer, cancellationToken);
        var now = time.GetUtcNow();
        var content = envelope.Message.TextWithNumberedChoices();
        if (Encoding.UTF8.GetByteCount(content) > 2048) content = content[..Math.Min(content.Length, 680)] + "…";

        // The customer has just opened a case link: the welcome code carries this one message (§9.1 step 3).
        if (window is { WelcomeCode: { Length: > 0 } code, WelcomeCodeUntil: { } until } && now <= until)
        {
            window.WelcomeCode = null;
            window.WelcomeCodeUntil = null;
            await db.SaveChangesAsync(CancellationToken.None);
            var welcome = await api.KfSendOnEventAsync(new KfSendOnEventRequest { Code = code, MsgType = "text", Text = new WeComContent(content) }, cancellationToken);
            if (welcome.Ok) return new SendResult.Sent(welcome.MsgId);
            LogWelcomeCodeRefused(envelope.OutboxId, welcome.ErrCode);
        }

        if (window is null || now - window.LastCustomerMessageAt > WindowLength)
            return await ClosedAsync(envelope, "48 hours have passed since the customer's last message (95002)", cancellationToken);
        if (window.SentSinceCustomerMessage >= WindowMessages)
            return await ClosedAsync(envelope, "5 messages were sent since the customer's last message (95001)", cancellationToken);

        var response = await api.KfSendAsync(new KfSendRequest
        {
            ToUser = customer,
            OpenKfId = openKfId,
            // ≤ 32 bytes, unique per kf account: a resend of the same outbox row is the same msgid.
            MsgId = "o" + envelope.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MsgType = "text",
            Text = new WeComContent(content),
        }, cancellationToken);

        var error = $"WeCom kf errcode {response.ErrCode}: {response.ErrMsg}";
        if (WeComErrors.Transient(response.ErrCode, error, o) is { } transient) return transient;
        switch (response.ErrCode)
        {
            case 0:
                window.SentSinceCustomerMessage++;
                await db.SaveChangesAsync(CancellationToken.None);
                return new SendResult.Sent(response.MsgId);
            case KfErrors.WindowMessagesUsed or KfErrors.WindowExpired:
                // WeCom counted differently (messages sent from the WeCom client count too): trust it from now on.
                window.SentSinceCustomerMessage = WindowMessages;
                await db.SaveChangesAsync(CancellationToken.None);
                return new SendResult.Failed(error);
            default:
                return new SendResult.Failed(error);
        }
    }

    /// <summary>
    /// The window cannot carry the message. An owner with a callback waiting is then called or visited instead: the
    /// callbacks feature hands the survey to the responsible staff (第9篇 三), as it does for an owner it cannot reach.
    /// </summary>
    private async Task<SendResult> ClosedAsync(OutboundEnvelope envelope, string why, CancellationToken cancellationToken)
    {
        LogWindowClosed(envelope.OutboxId, why);
        if (envelope.RecipientId is { } ownerId)
        {
            await using var scope = scopes.CreateAsyncScope();
            var handed = await scope.ServiceProvider.GetRequiredService<CallbackSurveys>().CannotReachOwnerAsync(ownerId, time.GetUtcNow(), cancellationToken);
            if (handed > 0)
            {
                await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync(CancellationToken.None);
                scope.ServiceProvider.GetRequiredService<OutboxSignal>().Signal.Notify();
                LogHandedToStaff(envelope.OutboxId, handed);
            }
        }
        return new SendResult.Failed("WeCom kf window closed: " + why);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId}: the kf welcome code was refused with errcode {ErrCode}")]
    private partial void LogWelcomeCodeRefused(long outboxId, int errCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {OutboxId} could not reach the owner through kf: {Count} callback(s) handed to staff to call or visit")]
    private partial void LogHandedToStaff(long outboxId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} not sent through WeCom kf: {Why}; the owner must write first")]
    private partial void LogWindowClosed(long outboxId, string why);
}

using System.Threading.Channels;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

/// <summary>
/// 微信客服 intake (wecom.md §9.1): a kf_msg_or_event callback only says "there is news"; this pulls it with
/// kf/sync_msg from the persisted cursor, puts customers' messages into the inbox (channel wecom-kf, de-duplicated by
/// msgid), renews each customer's 48-hour / 5-message allowance, and binds an owner who arrives through a case's
/// signed link (enter_session's scene_param) to their external_userid. Runs behind the callback, which only queues.
/// </summary>
public sealed partial class WeComKfSync(
    IServiceScopeFactory scopes,
    WeComApiClient api,
    IOptions<WeComOptions> options,
    TimeProvider time,
    ILogger<WeComKfSync> logger) : BackgroundService
{
    /// <summary>How long a welcome_code can be used (wecom.md §9.1 step 3: 20 seconds).</summary>
    public static readonly TimeSpan WelcomeCodeLifetime = TimeSpan.FromSeconds(20);

    public const string Channel = "wecom-kf";

    /// <summary>A guard against a cursor that never ends (has_more forever).</summary>
    private const int MaxPagesPerSync = 50;

    private readonly Channel<string?> _requests = System.Threading.Channels.Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queued by the callback endpoint; <paramref name="syncToken"/> is the event's Token (valid 10 minutes).</summary>
    public void Request(string? syncToken) => _requests.Writer.TryWrite(syncToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var token in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SyncAsync(token, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next kf event syncs again from the persisted cursor: nothing is lost.
                LogSyncFailed(ex);
            }
        }
    }

    /// <summary>Runs every queued sync now (tests and maintenance drive it; the hosted service does otherwise).</summary>
    public async Task<int> SyncQueuedAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        while (_requests.Reader.TryRead(out var token)) taken += await SyncAsync(token, cancellationToken);
        return taken;
    }

    /// <summary>Pulls everything after the cursor. Returns how many customer messages went into the inbox.</summary>
    public async Task<int> SyncAsync(string? syncToken, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured || string.IsNullOrWhiteSpace(o.KfOpenKfId)) return 0;
        var taken = 0;
        for (var page = 0; page < MaxPagesPerSync; page++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var cursor = await db.Set<KfCursor>().SingleOrDefaultAsync(c => c.OpenKfId == o.KfOpenKfId, cancellationToken);
            var request = new KfSyncRequest { Cursor = string.IsNullOrEmpty(cursor?.Cursor) ? null : cursor.Cursor, Token = syncToken, OpenKfId = o.KfOpenKfId };
            var response = await api.KfSyncAsync(request, cancellationToken);
            if (response.ErrCode == KfErrors.SyncTokenInvalid && syncToken is not null)
            {
                // §8.4: an expired event token; without one the call is only rate-limited harder.
                syncToken = null;
                response = await api.KfSyncAsync(request with { Token = null }, cancellationToken);
            }
            if (response.ErrCode != 0)
            {
                LogSyncRefused(response.ErrCode, response.ErrMsg);
                return taken;
            }

            foreach (var message in response.MsgList ?? [])
                taken += await TakeAsync(scope.ServiceProvider, db, message, cancellationToken) ? 1 : 0;

            if (cursor is null)
            {
                cursor = new KfCursor { OpenKfId = o.KfOpenKfId };
                db.Add(cursor);
            }
            if (!string.IsNullOrEmpty(response.NextCursor)) cursor.Cursor = response.NextCursor;
            cursor.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            if (!response.More) break;
        }
        return taken;
    }

    private async Task<bool> TakeAsync(IServiceProvider services, BotDbContext db, KfMessage m, CancellationToken cancellationToken)
    {
        var openKfId = m.OpenKfId ?? options.Value.KfOpenKfId;
        switch (m)
        {
            case { Origin: 3, MsgType: "text", MsgId: { Length: > 0 } msgId, ExternalUserId: { Length: > 0 } customer, Text: { } text }
                when !string.IsNullOrWhiteSpace(text.Content) || !string.IsNullOrWhiteSpace(text.MenuId):
            {
                var incoming = new IncomingMessage(
                    new ConversationAddress(Channel, customer, openKfId),
                    msgId,
                    new ChannelUser(Channel, customer),
                    // A tapped msgmenu item comes back as text with its id: the id is the choice value (§9.1 step 8).
                    string.IsNullOrWhiteSpace(text.MenuId) ? text.Content : null,
                    string.IsNullOrWhiteSpace(text.MenuId) ? null : text.MenuId,
                    time.GetUtcNow(),
                    ReplyToId: "");
                if (!await services.GetRequiredService<Inbox>().AcceptAsync(incoming, cancellationToken)) return false;
                await RenewWindowAsync(db, openKfId, customer, DateTimeOffset.FromUnixTimeSeconds(m.SendTime), cancellationToken);
                return true;
            }
            case { MsgType: "event", Event: { EventType: "enter_session" } e }:
                await EnterSessionAsync(services, db, openKfId, e, cancellationToken);
                return false;
            case { MsgType: "event", Event: { EventType: "msg_send_fail" } e }:
                LogSendFailed(e.FailMsgId, e.FailType);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Each customer message opens a new allowance: 48 hours, 5 messages (§9.1 step 5).</summary>
    private static async Task RenewWindowAsync(BotDbContext db, string openKfId, string customer, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var window = await db.Set<KfWindow>().SingleOrDefaultAsync(w => w.OpenKfId == openKfId && w.ExternalUserId == customer, cancellationToken);
        if (window is null)
        {
            window = new KfWindow { OpenKfId = openKfId, ExternalUserId = customer };
            db.Add(window);
        }
        if (sentAt < window.LastCustomerMessageAt) return;
        window.LastCustomerMessageAt = sentAt;
        window.SentSinceCustomerMessage = 0;
    }

    /// <summary>
    /// An owner opened a kf link. With a case token we signed, the external_userid becomes that owner's wecom-kf
    /// identity; the welcome_code (20 s, one message) greets them. The survey itself belongs to the callbacks feature,
    /// which does not exist yet: this is where it will hook in (send its first question instead of the greeting).
    /// </summary>
    private async Task EnterSessionAsync(IServiceProvider services, BotDbContext db, string openKfId, KfEvent e, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(e.ExternalUserId)) return;
        var bound = KfCaseToken.Read(options.Value.KfCaseTokenKey, e.SceneParam);
        Owner? owner = null;
        if (bound is { } b)
        {
            owner = await db.Set<Owner>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == b.OwnerId, cancellationToken);
            if (owner is not null)
            {
                var identity = await db.Set<ChannelIdentity>()
                    .SingleOrDefaultAsync(i => i.Channel == Channel && i.ChannelUserId == e.ExternalUserId, cancellationToken);
                if (identity is null) db.Add(new ChannelIdentity { Channel = Channel, ChannelUserId = e.ExternalUserId, OwnerId = owner.Id });
                else
                {
                    identity.OwnerId = owner.Id;
                    identity.PersonId = null;
                    identity.UnreachableSince = null;
                }
                LogOwnerBound(owner.Id, b.CaseId);
            }
        }
        else if (!string.IsNullOrEmpty(e.SceneParam))
        {
            LogBadCaseToken();
        }

        // A case's link (issue 7's callbacks): the owner is surveyed on this kf conversation; the welcome code carries
        // the first question, since kf/send_msg may only answer a customer who has written (§9.1 step 5).
        if (owner is not null && bound is { } link && long.TryParse(link.CaseId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var caseId)
            && await StartSurveyAsync(services, db, openKfId, e, owner.Id, caseId, cancellationToken))
            return;

        if (string.IsNullOrEmpty(e.WelcomeCode)) return;
        var language = TextCatalog.NormalizeLanguage(owner?.Language);
        var property = services.GetRequiredService<DepartmentProfile>().PropertyName;
        var text = owner is null
            ? WeComTexts.Catalog.Get("KfWelcome", language, property)
            : WeComTexts.Catalog.Get("KfWelcomeOwner", language, owner.FormOfAddress, property);
        var response = await api.KfSendOnEventAsync(new KfSendOnEventRequest { Code = e.WelcomeCode, MsgType = "text", Text = new WeComContent(text) }, cancellationToken);
        if (!response.Ok) LogWelcomeRefused(response.ErrCode);
    }

    /// <summary>
    /// Puts the case's survey in front of the owner who just arrived: this kf conversation becomes the owner's address,
    /// the welcome code is kept for the sender (20 s, one message), and the callbacks feature enqueues its first
    /// question. False when the case has no survey waiting (the owner is then simply greeted).
    /// </summary>
    private async Task<bool> StartSurveyAsync(IServiceProvider services, BotDbContext db, string openKfId, KfEvent e, string ownerId, long caseId,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = await db.Set<KfWindow>().SingleOrDefaultAsync(w => w.OpenKfId == openKfId && w.ExternalUserId == e.ExternalUserId, cancellationToken);
        if (window is null)
        {
            window = new KfWindow { OpenKfId = openKfId, ExternalUserId = e.ExternalUserId!, LastCustomerMessageAt = DateTimeOffset.UnixEpoch };
            db.Add(window);
        }
        window.WelcomeCode = string.IsNullOrEmpty(e.WelcomeCode) ? null : e.WelcomeCode;
        window.WelcomeCodeUntil = window.WelcomeCode is null ? null : now + WelcomeCodeLifetime;
        await db.RememberAddressAsync(ownerId, new ConversationAddress(Channel, e.ExternalUserId!, openKfId), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var delivery = await services.GetRequiredService<CallbackSurveys>().StartForOwnerAsync(ownerId, caseId, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        services.GetRequiredService<OutboxSignal>().Signal.Notify();
        LogSurveyStarted(ownerId, caseId, delivery);
        return delivery == SurveyDelivery.Sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom kf: survey of case {CaseId} for owner {OwnerId}: {Delivery}")]
    private partial void LogSurveyStarted(string ownerId, long caseId, SurveyDelivery delivery);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom kf sync failed; the next kf event syncs again from the saved cursor")]
    private partial void LogSyncFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom kf/sync_msg refused with errcode {ErrCode}: {ErrMsg}")]
    private partial void LogSyncRefused(int errCode, string? errMsg);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom kf message {FailMsgId} could not be delivered (fail_type {FailType})")]
    private partial void LogSendFailed(string? failMsgId, int? failType);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom kf: owner {OwnerId} arrived through the link of case {CaseId} and is bound")]
    private partial void LogOwnerBound(string ownerId, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom kf: enter_session carried a scene_param that is not a case token we signed; nobody is bound")]
    private partial void LogBadCaseToken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom kf welcome (send_msg_on_event) refused with errcode {ErrCode}")]
    private partial void LogWelcomeRefused(int errCode);
}

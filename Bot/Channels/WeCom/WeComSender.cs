using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

/// <summary>
/// Sends outbox messages to a member with message/send (wecom.md §8.2): a prompt with choices as a
/// button_interaction template card whose button keys are the choice values (its text also lists the numbered choices,
/// which can be typed back), anything else as text or markdown. After a card click it greys out the clicked card
/// (update_template_card, best effort). errcodes are classified for the dispatcher's retries (§8.4).
/// </summary>
public sealed partial class WeComSender(
    WeComApiClient api,
    IOptions<WeComOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<WeComSender> logger) : IChannelSender
{
    private const int MaxButtons = 6;
    private const int MaxKeyBytes = 1024;
    private const int MaxTextBytes = 2048;
    private const int MaxTitleChars = 36;
    // The card's body text must carry the whole prompt; a longer one goes as plain text with numbered choices.
    private const int MaxCardTextChars = 500;

    // response_codes work once (§8.3): a reply retried by the outbox must not spend the code again.
    private readonly ConcurrentDictionary<string, byte> _usedResponseCodes = new(StringComparer.Ordinal);

    public string Channel => WeComTranslator.Channel;

    public async Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured) return new SendResult.Failed("WeCom is not configured (section WeCom).");
        var userId = envelope.Address.ConversationId;

        if (WeComTranslator.CardClickOf(envelope.ReplyToId) is { } click)
            await UpdateClickedCardAsync(userId, envelope.RecipientId, click.TaskId, click.ResponseCode, click.Value, cancellationToken);

        var request = BuildRequest(o, userId, envelope.OutboxId, envelope.Message);
        var response = await api.SendMessageAsync(request, cancellationToken);
        return await ClassifyAsync(response, userId, envelope, cancellationToken);
    }

    internal static WeComSendRequest BuildRequest(WeComOptions o, string userId, long outboxId, OutgoingMessage message)
    {
        var interval = (int)Math.Clamp(o.DuplicateCheckInterval.TotalSeconds, 1, 4 * 3600);
        var withNumbers = message.TextWithNumberedChoices();
        var choices = message.ChoiceList;
        if (choices.Count is > 0 and <= MaxButtons
            && choices.All(c => Encoding.UTF8.GetByteCount(c.Value) <= MaxKeyBytes && c.Value.Length > 0)
            && choices.Select(c => c.Value).Distinct(StringComparer.Ordinal).Count() == choices.Count
            && withNumbers.Length <= MaxCardTextChars)
        {
            var title = message.Text.Split('\n', 2)[0];
            if (title.Length > MaxTitleChars) title = title[..(MaxTitleChars - 1)] + "…";
            return new WeComSendRequest
            {
                ToUser = userId,
                MsgType = "template_card",
                AgentId = o.AgentId,
                TemplateCard = new WeComTemplateCard
                {
                    CardType = "button_interaction",
                    MainTitle = new WeComMainTitle(title),
                    // The whole prompt with numbered choices: readable where buttons are not, answerable by number.
                    SubTitleText = withNumbers,
                    TaskId = TaskIdFor(o, userId, outboxId, withNumbers),
                    ButtonList = [.. choices.Select(c => new WeComButton(c.Label, c.Value))],
                },
                EnableDuplicateCheck = 1,
                DuplicateCheckInterval = interval,
            };
        }

        var content = TruncateUtf8(withNumbers, MaxTextBytes);
        var markdown = string.Equals(o.TextFormat, "markdown", StringComparison.OrdinalIgnoreCase);
        return new WeComSendRequest
        {
            ToUser = userId,
            MsgType = markdown ? "markdown" : "text",
            AgentId = o.AgentId,
            Text = markdown ? null : new WeComContent(content),
            Markdown = markdown ? new WeComContent(content) : null,
            EnableDuplicateCheck = 1,
            DuplicateCheckInterval = interval,
        };
    }

    /// <summary>
    /// "m{outboxId}_{hash}": the outbox id finds the prompt again when its button is clicked; the hash keeps it unique
    /// across databases. Deterministic, so a retried send is the same JSON and WeCom's duplicate check holds.
    /// </summary>
    internal static string TaskIdFor(WeComOptions o, string userId, long outboxId, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{o.CorpId}|{o.AgentId}|{userId}|{outboxId}|{text}"));
        return $"m{outboxId}_{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    internal static long? OutboxIdOf(string taskId)
    {
        if (!taskId.StartsWith('m')) return null;
        var end = taskId.IndexOf('_');
        return end > 1 && long.TryParse(taskId.AsSpan(1, end - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    private async Task<SendResult> ClassifyAsync(WeComApiResponse response, string userId, OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var error = $"WeCom errcode {response.ErrCode}: {response.ErrMsg}";
        if (WeComErrors.Transient(response.ErrCode, error, o) is { } transient) return transient;
        switch (response.ErrCode)
        {
            case 0:
                return new SendResult.Sent(response.MsgId);
            case WeComErrors.NoValidRecipient:
                await MarkUnreachableAsync(userId, envelope.RecipientId, cancellationToken);
                return new SendResult.Failed(error);
            default:
                return new SendResult.Failed(error);
        }
    }

    /// <summary>
    /// 81013 (§8.2): the userid left the company or the app's range. The identity is marked (no proactive message is
    /// sent to it again) and the 客服主任 are told, once per userid and day, so someone fixes the directory.
    /// </summary>
    private async Task MarkUnreachableAsync(string userId, string? recipientId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        var identity = await db.Set<ChannelIdentity>()
            .SingleOrDefaultAsync(i => i.Channel == WeComTranslator.Channel && i.ChannelUserId == userId, cancellationToken);
        if (identity is not null) identity.UnreachableSince ??= now;
        var personId = identity?.PersonId ?? recipientId;
        var name = personId is null ? null : (await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken))?.Name;

        var notified = await SupervisorNotices.TellAsync(db, scope.ServiceProvider.GetRequiredService<INotifier>(), personId,
            language => WeComTexts.Catalog.Get("RecipientUnreachable", language, userId, name ?? WeComTexts.Catalog.Get("UnknownPerson", language)),
            supervisor => $"wecom-81013:{userId}:{now:yyyyMMdd}:{supervisor.Id}", cancellationToken);
        await db.SaveChangesAsync(CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<OutboxSignal>().Signal.Notify();
        LogUnreachable(userId, identity is not null, notified);
    }

    /// <summary>
    /// Greys out the clicked card for the clicking member, showing what was chosen (§8.3). Best effort: a failure is
    /// logged and the reply still goes out.
    /// </summary>
    private async Task UpdateClickedCardAsync(string userId, string? recipientId, string taskId, string responseCode, string? value,
        CancellationToken cancellationToken)
    {
        if (!_usedResponseCodes.TryAdd(responseCode, 0)) return;
        if (_usedResponseCodes.Count > 10_000) _usedResponseCodes.Clear();
        try
        {
            var (label, language) = await ChosenLabelAsync(userId, recipientId, taskId, value, cancellationToken);
            var replaceName = label is null ? WeComTexts.Catalog.Get("CardAnswered", language) : WeComTexts.Catalog.Get("CardChosen", language, label);
            var response = await api.UpdateTemplateCardAsync(new WeComUpdateCardRequest
            {
                UserIds = [userId],
                AgentId = options.Value.AgentId,
                ResponseCode = responseCode,
                Button = new WeComReplaceName(replaceName),
            }, cancellationToken);
            if (!response.Ok) LogCardNotUpdated(taskId, response.ErrCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCardNotUpdated(taskId, ex.GetType().Name);
        }
    }

    /// <summary>
    /// The label of the pressed choice and the member's language. The reply names the pressed value; the prompt's outbox
    /// row (named by the task_id, and sent to this member) holds the labels.
    /// </summary>
    private async Task<(string? Label, string Language)> ChosenLabelAsync(string userId, string? recipientId, string taskId, string? value,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var language = TextCatalog.Chinese;
        if (recipientId is not null && await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == recipientId, cancellationToken) is { } person)
            language = TextCatalog.NormalizeLanguage(person.Language);

        if (value is null || OutboxIdOf(taskId) is not { } outboxId) return (null, language);
        var prompt = await db.Set<OutboxMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == outboxId, cancellationToken);
        if (prompt is null || prompt.ConversationId != userId) return (null, language);

        var label = WireJson.ReadOutgoing(prompt.Payload).ChoiceList.FirstOrDefault(c => c.Value == value)?.Label;
        return (label, language);
    }

    private static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var budget = maxBytes - Encoding.UTF8.GetByteCount("…");
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget) break;
            builder.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }
        return builder.Append('…').ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom errcode 81013 for userid {UserId}: not in the app's range or gone. Identity marked: {Marked}; supervisors notified: {Notified}")]
    private partial void LogUnreachable(string userId, bool marked, int notified);

    [LoggerMessage(Level = LogLevel.Information, Message = "The clicked WeCom card {TaskId} was not greyed out ({Reason}); the reply is sent anyway")]
    private partial void LogCardNotUpdated(string taskId, string reason);
}

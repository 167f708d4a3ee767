using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Runs one inbound message as a turn, in one transaction: load the conversation state, let the engine route it,
/// then save the state, the feature's changes, the replies (outbox) and the inbox row's outcome together.
/// A crash before the commit leaves the inbox row pending, and the whole turn runs again; after it, nothing repeats.
/// </summary>
public sealed partial class TurnProcessor(
    BotDbContext db,
    ConversationEngine engine,
    IDirectoryStore directory,
    Outbox outbox,
    OutboxSignal outboxSignal,
    TimeProvider time,
    IOptions<ConversationOptions> options,
    ILogger<TurnProcessor> logger)
{
    public async Task ProcessAsync(long inboxId, CancellationToken cancellationToken)
    {
        var row = await db.Set<InboxMessage>().SingleAsync(m => m.Id == inboxId, cancellationToken);
        if (row.Status != InboxStatus.Pending) return;
        var message = WireJson.ReadIncoming(row.Payload);
        var now = time.GetUtcNow();

        try
        {
            // One transaction for the whole turn: a feature may write early (to learn a new row's id) and still
            // have nothing of the turn kept if it fails later.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RunTurnAsync(row, message, now, cancellationToken);
            row.Status = InboxStatus.Done;
            row.ProcessedAt = now;
            row.LeaseUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing of the failed turn may be saved: drop its changes, then record the failure on its own.
            db.ChangeTracker.Clear();
            row = await db.Set<InboxMessage>().SingleAsync(m => m.Id == inboxId, cancellationToken);
            row.Attempts++;
            // Hold the row back a little before the next attempt: a locked database or a flaky store may recover.
            row.LeaseUntil = now + options.Value.FirstRetryDelay * row.Attempts;
            row.Error = ex.GetType().Name + ": " + ex.Message;
            if (row.Attempts >= options.Value.MaxTurnAttempts)
            {
                LogTurnFailed(ex, row.Id, row.Channel, row.Attempts);
                row.Status = InboxStatus.Failed;
                row.ProcessedAt = now;
                await ApologiseAsync(message, cancellationToken);
            }
            else
            {
                LogTurnRetry(ex, row.Id, row.Channel, row.Attempts);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        outboxSignal.Signal.Notify();
    }

    private async Task RunTurnAsync(InboxMessage row, IncomingMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sender = message.Sender;
        var participant = await FindSenderAsync(sender, cancellationToken);
        if (participant is null)
        {
            // Unknown person: one polite sentence, no state, nothing else (we do not know who to help or how).
            LogUnknownSender(sender.Channel, row.ConversationId);
            var language = TextCatalog.NormalizeLanguage(message.Locale);
            outbox.Enqueue(message.Address, new OutgoingMessage(ConversationTexts.Catalog.Get("NotRegistered", language)), null, message.ReplyTo);
            return;
        }

        var stateRecord = await db.Set<ConversationStateRecord>()
            .SingleOrDefaultAsync(s => s.Channel == message.Address.Channel && s.ConversationId == message.Address.ConversationId, cancellationToken);
        var state = stateRecord is null ? new ConversationState() : WireJson.Read<ConversationState>(stateRecord.State);

        var turn = new TurnContext(message, participant, state, now);
        await engine.HandleAsync(turn, cancellationToken);
        state.LastActivityAt = now;

        if (stateRecord is null)
        {
            stateRecord = new ConversationStateRecord
            {
                Channel = message.Address.Channel,
                ConversationId = message.Address.ConversationId,
                State = "",
            };
            db.Add(stateRecord);
        }
        stateRecord.ParticipantId = participant.Id;
        stateRecord.State = WireJson.Write(state);
        stateRecord.UpdatedAt = now;

        await db.RememberAddressAsync(participant.Id, message.Address, now, cancellationToken);
        await ReachableAgainAsync(sender, cancellationToken);

        foreach (var reply in turn.Replies)
            outbox.Enqueue(message.Address, reply, participant.Id, message.ReplyTo);
    }

    /// <summary>
    /// Someone who writes to us on a channel can be reached there again, whatever a channel said before (WeCom 81013,
    /// Teams 403 MessageWritesBlocked): the mark that kept proactive messages off that identity is lifted.
    /// </summary>
    private async Task ReachableAgainAsync(ChannelUser sender, CancellationToken cancellationToken)
    {
        // Local ids (chat page, emulator) are not channel identities: nothing is ever marked on them.
        if (sender.IsLocalId) return;
        var ids = sender.AlternateId is { Length: > 0 } alternate ? new[] { sender.Id, alternate } : [sender.Id];
        await db.Set<ChannelIdentity>()
            .Where(i => i.Channel == sender.Channel && ids.Contains(i.ChannelUserId) && i.UnreachableSince != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UnreachableSince, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>The directory's person or owner behind the sender: by the channel's id, else by its alternate id.</summary>
    private async Task<Participant?> FindSenderAsync(ChannelUser sender, CancellationToken cancellationToken) =>
        await directory.FindParticipantAsync(sender.Channel, sender.Id, sender.IsLocalId, cancellationToken)
        ?? (sender.AlternateId is { Length: > 0 } alternate
            ? await directory.FindParticipantAsync(sender.Channel, alternate, sender.IsLocalId, cancellationToken)
            : null);

    private async Task ApologiseAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var participant = await FindSenderAsync(message.Sender, cancellationToken);
        var language = participant?.Language ?? TextCatalog.NormalizeLanguage(message.Locale);
        outbox.Enqueue(message.Address, new OutgoingMessage(ConversationTexts.Catalog.Get("SomethingWentWrong", language)),
            participant?.Id, message.ReplyTo);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message from an unregistered {Channel} user in conversation {ConversationId}")]
    private partial void LogUnknownSender(string channel, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn for inbox message {InboxId} ({Channel}) failed on attempt {Attempt}; it will be retried")]
    private partial void LogTurnRetry(Exception exception, long inboxId, string channel, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn for inbox message {InboxId} ({Channel}) failed {Attempt} times; giving up")]
    private partial void LogTurnFailed(Exception exception, long inboxId, string channel, int attempt);
}

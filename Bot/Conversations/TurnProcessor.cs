using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Runs inbound messages as turns. Each turn is all or nothing: load the conversation state, let the engine route it,
/// then save the state, the feature's changes, the replies (outbox) and the inbox row's outcome together. A crash
/// before the commit leaves the inbox rows pending, and their turns run again; after it, nothing repeats.
/// </summary>
/// <remarks>
/// A batch of turns (at most one per conversation, as the inbox worker claims them) shares one transaction, with a
/// savepoint around each turn: a failing turn is rolled back to its savepoint and recorded as failed, the others are
/// kept. One begin and one commit per batch instead of per turn — on SQLite every commit takes the single write lock
/// again, which the inbox's group commit needs too (README, "/api/messages under load"). The conversation states and
/// the senders' references are read once for the batch (<see cref="TurnPreload"/>), not once per turn.
/// </remarks>
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
    private const string TurnSavepoint = "turn";

    /// <summary>
    /// Runs the turns of these inbox rows, in this order, in one transaction; rows no longer pending are skipped.
    /// Returns how many turns ran (failed ones included).
    /// </summary>
    public async Task<int> ProcessAsync(IReadOnlyList<long> inboxIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<InboxMessage>().AsNoTracking()
            .Where(m => inboxIds.Contains(m.Id) && m.Status == InboxStatus.Pending)
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        if (rows.Count == 0) return 0;
        var messages = rows.Values.ToDictionary(r => r.Id, r => WireJson.ReadIncoming(r.Payload));
        // Who sent them, for the whole batch in one go (the directory's first question in every turn). Read before the
        // turns: a directory change made by a turn reaches the same person's other conversations from the next batch.
        ChannelIdentityKey[] senderKeys = [.. messages.Values.SelectMany(m => SenderKeys(m.Sender)).Distinct()];
        var senders = await directory.FindParticipantsAsync(senderKeys, cancellationToken);

        // The savepoints below are the turns' own; EF's automatic one around every SaveChanges would only add two statements.
        db.Database.AutoSavepointsEnabled = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            using var preload = await TurnPreload.LoadAsync(db, [.. messages.Values.Select(m => m.Address)],
                [.. messages.Values.Select(m => FindSender(senders, m.Sender)?.Id).OfType<string>()],
                senderKeys, cancellationToken);
            foreach (var id in inboxIds)
            {
                if (rows.GetValueOrDefault(id) is not { } row) continue;
                await transaction.CreateSavepointAsync(TurnSavepoint, cancellationToken);
                var message = messages[row.Id];
                var participant = FindSender(senders, message.Sender);
                var now = time.GetUtcNow();
                try
                {
                    await RunTurnAsync(row, message, participant, preload, now, cancellationToken);
                    db.Attach(row);
                    row.Status = InboxStatus.Done;
                    row.ProcessedAt = now;
                    row.LeaseUntil = null;
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Nothing of the failed turn may be kept: back to its savepoint, then record the failure on its own.
                    await transaction.RollbackToSavepointAsync(TurnSavepoint, cancellationToken);
                    db.ChangeTracker.Clear();
                    await RecordFailureAsync(row, message, participant, now, ex, cancellationToken);
                }
                await transaction.ReleaseSavepointAsync(TurnSavepoint, cancellationToken);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        outboxSignal.Signal.Notify();
        return rows.Count;
    }

    private async Task RecordFailureAsync(InboxMessage failed, IncomingMessage message, Participant? participant, DateTimeOffset now, Exception ex,
        CancellationToken cancellationToken)
    {
        // As it is after the rollback (the turn may have marked its copy done before failing).
        var row = await db.Set<InboxMessage>().SingleAsync(m => m.Id == failed.Id, cancellationToken);
        row.Attempts++;
        // Hold the row back a little before the next attempt: a locked database or a flaky store may recover.
        row.LeaseUntil = now + options.Value.FirstRetryDelay * row.Attempts;
        row.Error = ex.GetType().Name + ": " + ex.Message;
        if (row.Attempts >= options.Value.MaxTurnAttempts)
        {
            LogTurnFailed(ex, row.Id, row.Channel, row.Attempts);
            row.Status = InboxStatus.Failed;
            row.ProcessedAt = now;
            Apologise(message, participant);
        }
        else
        {
            LogTurnRetry(ex, row.Id, row.Channel, row.Attempts);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RunTurnAsync(InboxMessage row, IncomingMessage message, Participant? participant, TurnPreload preload,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sender = message.Sender;
        if (participant is null)
        {
            // Unknown person: one polite sentence, no state, nothing else (we do not know who to help or how).
            LogUnknownSender(sender.Channel, row.ConversationId);
            var language = TextCatalog.NormalizeLanguage(message.Locale);
            outbox.Enqueue(message.Address, new OutgoingMessage(ConversationTexts.Catalog.Get("NotRegistered", language)), null, message.ReplyTo);
            return;
        }

        if (!preload.TryTakeState(message.Address, out var stateRecord))
            stateRecord = await db.Set<ConversationStateRecord>()
                .SingleOrDefaultAsync(s => s.Channel == message.Address.Channel && s.ConversationId == message.Address.ConversationId, cancellationToken);
        var state = stateRecord is null ? new ConversationState() : WireJson.Read<ConversationState>(stateRecord.State);

        var lastTurn = state.LastActivityAt;
        var turn = new TurnContext(message, participant, state, now)
        {
            ChoicesOfferedSince = ct => ChoicesOfferedSinceAsync(participant.Id, message.Address, lastTurn, ct),
        };
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

        if (preload.TakeReferences(participant.Id) is { } references) db.RememberAddress(references, participant.Id, message.Address, now);
        else await db.RememberAddressAsync(participant.Id, message.Address, now, cancellationToken);
        await ReachableAgainAsync(sender, preload, cancellationToken);

        foreach (var reply in turn.Replies)
            outbox.Enqueue(message.Address, reply, participant.Id, message.ReplyTo);
    }

    /// <summary>The choices of the latest proactive message (no reply-to) sent to this person in this conversation since their last turn.</summary>
    private async Task<IReadOnlyList<Choice>?> ChoicesOfferedSinceAsync(string participantId, ConversationAddress address, DateTimeOffset? since,
        CancellationToken cancellationToken)
    {
        var payload = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.RecipientId == participantId && o.ReplyToId == null && o.SentAt != null && (since == null || o.SentAt > since)
                        && o.Channel == address.Channel && o.ConversationId == address.ConversationId)
            .OrderByDescending(o => o.SentAt)
            .Select(o => o.Payload)
            .FirstOrDefaultAsync(cancellationToken);
        return payload is null ? null : WireJson.Read<OutgoingMessage>(payload).ChoiceList;
    }

    /// <summary>
    /// Someone who writes to us on a channel can be reached there again, whatever a channel said before (WeCom 81013,
    /// Teams 403 MessageWritesBlocked): the mark that kept proactive messages off that identity is lifted.
    /// </summary>
    private async Task ReachableAgainAsync(ChannelUser sender, TurnPreload preload, CancellationToken cancellationToken)
    {
        // Local ids (chat page, emulator) are not channel identities: nothing is ever marked on them.
        if (sender.IsLocalId) return;
        var ids = sender.AlternateId is { Length: > 0 } alternate ? new[] { sender.Id, alternate } : [sender.Id];
        // Almost nobody is marked: only those who were when the batch began, or were saved by it since, need the update.
        if (!ids.Any(id => preload.MayBeMarkedUnreachable(sender.Channel, id))) return;
        await db.Set<ChannelIdentity>()
            .Where(i => i.Channel == sender.Channel && ids.Contains(i.ChannelUserId) && i.UnreachableSince != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UnreachableSince, (DateTimeOffset?)null), cancellationToken);
    }

    private static IEnumerable<ChannelIdentityKey> SenderKeys(ChannelUser sender) =>
        sender.AlternateId is { Length: > 0 } alternate
            ? [new(sender.Channel, sender.Id, sender.IsLocalId), new(sender.Channel, alternate, sender.IsLocalId)]
            : [new(sender.Channel, sender.Id, sender.IsLocalId)];

    /// <summary>The directory's person or owner behind the sender: by the channel's id, else by its alternate id.</summary>
    private static Participant? FindSender(IReadOnlyDictionary<(string Channel, string ChannelUserId), Participant> senders, ChannelUser sender) =>
        senders.GetValueOrDefault((sender.Channel, sender.Id))
        ?? (sender.AlternateId is { Length: > 0 } alternate ? senders.GetValueOrDefault((sender.Channel, alternate)) : null);

    private void Apologise(IncomingMessage message, Participant? participant)
    {
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

using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Callbacks;

/// <summary>
/// Puts the survey in the owner's conversation: the address is the one the notifier would use (where the owner last
/// talked to us, else the first channel that can reach them), and that conversation's state is set to the survey's
/// step, so the owner's next message — "1", "满意", a pressed button — answers it. The state row's version settles a
/// race with a turn the owner is taking at the same moment (the loser's unit rolls back and the job tries again).
/// </summary>
internal sealed class OwnerReach(BotDbContext db, Notifier notifier, Outbox outbox, TimeProvider time) : IOwnerReach
{
    /// <summary>A flow the owner left unanswered this long ago no longer holds the conversation.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(30);

    public async Task<SurveyDelivery> StartFlowAsync(string ownerId, IConversationFlow flow, string step, IReadOnlyDictionary<string, string> data,
        OutgoingMessage prompt, string deduplicationKey, CancellationToken cancellationToken)
    {
        if (await outbox.HasKeyAsync(deduplicationKey, cancellationToken)) return SurveyDelivery.Sent;
        if (await notifier.AddressForAsync(ownerId, cancellationToken) is not { } address) return SurveyDelivery.Unreachable;

        var now = time.GetUtcNow();
        var record = await db.Set<ConversationStateRecord>()
            .SingleOrDefaultAsync(s => s.Channel == address.Channel && s.ConversationId == address.ConversationId, cancellationToken);
        var state = record is null ? new ConversationState() : WireJson.Read<ConversationState>(record.State);
        var sameSurvey = state.Flow == flow.Name && data.All(d => state.Data.GetValueOrDefault(d.Key) == d.Value);
        var abandoned = state.LastActivityAt is { } last && now - last > AbandonedAfter;
        if (state.InFlow && !sameSurvey && !abandoned) return SurveyDelivery.Busy;
        // Already answering this very survey (they asked for it with 回访, or took up the invitation): the questions are in
        // front of them, and starting over at the invitation would throw their answers away.
        if (sameSurvey && !abandoned && state.Step != step) return SurveyDelivery.Sent;

        state.EndFlow();
        state.StartOrContinue(flow.Name, step);
        foreach (var (key, value) in data) state.Data[key] = value;
        state.PendingChoices = [.. prompt.ChoiceList];
        // Counted from the prompt: another survey waits for this one to be answered or left for a while.
        state.LastActivityAt = now;
        if (record is null)
        {
            record = new ConversationStateRecord { Channel = address.Channel, ConversationId = address.ConversationId, State = "" };
            db.Add(record);
        }
        record.ParticipantId = ownerId;
        record.State = WireJson.Write(state);
        record.UpdatedAt = now;
        outbox.Enqueue(address, prompt, ownerId, replyToId: null, deduplicationKey);
        return SurveyDelivery.Sent;
    }
}

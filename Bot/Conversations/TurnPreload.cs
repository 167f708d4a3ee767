using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Conversations;

/// <summary>
/// What every turn of a batch reads first, read for the whole batch in three statements instead of two or three per
/// turn: the conversations' states, the senders' conversation references, and which of the senders' channel identities
/// are marked unreachable (a turn clears such a mark, and with the list it need not try for everyone else). Each is
/// handed out once, attached to the batch's context as if the turn had just read it. One that anything in the batch has
/// saved since (a turn that starts an owner's survey writes that owner's conversation state) is dropped, and the turn
/// reads it from the database instead. The state's version still guards against a writer outside the batch
/// (OwnerReach's own job): its turn fails on the conflict and runs again.
/// </summary>
internal sealed class TurnPreload : IDisposable
{
    private readonly BotDbContext _db;
    private readonly Dictionary<(string Channel, string ConversationId), ConversationStateRecord?> _states;
    private readonly Dictionary<string, List<ConversationReference>> _references;
    private readonly HashSet<(string Channel, string ChannelUserId)> _unreachable;

    private TurnPreload(BotDbContext db, Dictionary<(string, string), ConversationStateRecord?> states,
        Dictionary<string, List<ConversationReference>> references, HashSet<(string, string)> unreachable)
    {
        _db = db;
        _states = states;
        _references = references;
        _unreachable = unreachable;
        db.SavingChanges += OnSaving;
    }

    public static async Task<TurnPreload> LoadAsync(BotDbContext db, IReadOnlyCollection<ConversationAddress> conversations,
        IReadOnlyCollection<string> participantIds, IReadOnlyCollection<ChannelIdentityKey> senders, CancellationToken cancellationToken)
    {
        var conversationIds = conversations.Select(a => a.ConversationId).Distinct().ToList();
        var states = await db.Set<ConversationStateRecord>().AsNoTracking()
            .Where(s => conversationIds.Contains(s.ConversationId))
            .ToListAsync(cancellationToken);
        var byConversation = new Dictionary<(string, string), ConversationStateRecord?>();
        foreach (var address in conversations)
            byConversation[(address.Channel, address.ConversationId)] =
                states.Find(s => s.Channel == address.Channel && s.ConversationId == address.ConversationId);

        var ids = participantIds.Distinct().ToList();
        var references = await db.Set<ConversationReference>().AsNoTracking()
            .Where(r => ids.Contains(r.ParticipantId))
            .ToListAsync(cancellationToken);
        var byParticipant = ids.ToDictionary(id => id, id => references.FindAll(r => r.ParticipantId == id), StringComparer.Ordinal);

        // Local ids (chat page, emulator) are not channel identities: nothing is ever marked on them.
        var userIds = senders.Where(k => !k.IdIsLocal).Select(k => k.ChannelUserId).Distinct().ToList();
        var unreachable = userIds.Count == 0 ? [] : (await db.Set<ChannelIdentity>().AsNoTracking()
                .Where(i => userIds.Contains(i.ChannelUserId) && i.UnreachableSince != null)
                .Select(i => new { i.Channel, i.ChannelUserId })
                .ToListAsync(cancellationToken))
            .Select(i => (i.Channel, i.ChannelUserId)).ToHashSet();
        return new TurnPreload(db, byConversation, byParticipant, unreachable);
    }

    /// <summary>
    /// Whether this identity may carry an unreachable mark: it did when the batch began, or something in the batch has
    /// saved it since.
    /// </summary>
    public bool MayBeMarkedUnreachable(string channel, string channelUserId) => _unreachable.Contains((channel, channelUserId));

    /// <summary>
    /// True when this conversation's state was preloaded and is still as read: <paramref name="record"/> is then the row,
    /// tracked, or null when the conversation had none. False: read it.
    /// </summary>
    public bool TryTakeState(ConversationAddress address, out ConversationStateRecord? record)
    {
        if (!_states.Remove((address.Channel, address.ConversationId), out record)) return false;
        if (record is not null) _db.Attach(record);
        return true;
    }

    /// <summary>The participant's references as preloaded and tracked, or null when they must be read.</summary>
    public List<ConversationReference>? TakeReferences(string participantId)
    {
        if (!_references.Remove(participantId, out var references)) return null;
        foreach (var reference in references) _db.Attach(reference);
        return references;
    }

    /// <summary>Every save in the batch, a feature's own included, drops the preloaded copies of the rows it writes.</summary>
    /// <remarks>One pass over the tracked entries: each call of <c>Entries</c> detects changes across the whole context.</remarks>
    private void OnSaving(object? sender, SavingChangesEventArgs e)
    {
        foreach (var entry in _db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            switch (entry.Entity)
            {
                case ConversationStateRecord state:
                    _states.Remove((state.Channel, state.ConversationId));
                    break;
                case ConversationReference reference:
                    _references.Remove(reference.ParticipantId);
                    break;
                case ChannelIdentity identity:
                    _unreachable.Add((identity.Channel, identity.ChannelUserId));
                    break;
            }
        }
    }

    public void Dispose() => _db.SavingChanges -= OnSaving;
}

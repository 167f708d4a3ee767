namespace Bot.Domain.Features.Handover;

/// <summary>Handover records in the database. A turn's changes are saved with the turn; jobs use the escalation store's unit of work.</summary>
public interface IHandoverStore
{
    /// <summary>The record with its items, tracked for changes.</summary>
    Task<HandoverRecord?> FindAsync(long id, CancellationToken cancellationToken);

    Task<HandoverRecord?> FindForShiftAsync(string post, DateOnly date, string shiftCode, CancellationToken cancellationToken);

    /// <summary>Records submitted to this successor and not yet accepted, oldest first.</summary>
    Task<IReadOnlyList<HandoverRecord>> AwaitingAsync(string successorId, CancellationToken cancellationToken);

    /// <summary>Records not locked whose outgoing person is this one and which have an open question.</summary>
    Task<IReadOnlyList<HandoverRecord>> WithQuestionsForAsync(string outgoingId, CancellationToken cancellationToken);

    /// <summary>Records of shifts on or after <paramref name="from"/>, newest first; only those of one person when given.</summary>
    Task<IReadOnlyList<HandoverRecord>> RecentAsync(DateOnly from, string? personId, CancellationToken cancellationToken);

    /// <summary>Records not yet accepted of shifts on or after <paramref name="from"/> (the watch looks at them).</summary>
    Task<IReadOnlyList<HandoverRecord>> NotAcceptedSinceAsync(DateOnly from, CancellationToken cancellationToken);

    /// <summary>Locked records the shift lead has not signed yet, of shifts up to <paramref name="to"/>.</summary>
    Task<IReadOnlyList<HandoverRecord>> UnreviewedAsync(DateOnly to, CancellationToken cancellationToken);

    void Add(HandoverRecord record);

    /// <summary>Writes what is pending inside the current unit of work (to learn a new record's id).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}

using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Keys;

/// <summary>The key register, loans, trail and reports in the database. A turn's changes are saved with the turn.</summary>
public interface IKeyStore
{
    Task<Key?> FindKeyAsync(string code, CancellationToken cancellationToken);

    Task<IReadOnlyList<Key>> AllKeysAsync(CancellationToken cancellationToken);

    Task<KeyLoan?> FindLoanAsync(long id, CancellationToken cancellationToken);

    Task<KeyLoan?> OpenLoanAsync(string keyCode, CancellationToken cancellationToken);

    /// <summary>Every open loan (requested, out or awaiting receipt), oldest first.</summary>
    Task<IReadOnlyList<KeyLoan>> OpenLoansAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds the loan and writes it at once. False when the key already has an open loan: the database's unique index
    /// on the open loan decided, so of two requests at the same moment exactly one gets the key.
    /// </summary>
    Task<bool> TryOpenLoanAsync(KeyLoan loan, CancellationToken cancellationToken);

    Task<IReadOnlyList<KeyEvent>> TrailAsync(string keyCode, int max, CancellationToken cancellationToken);

    void Record(KeyEvent keyEvent);

    void Add(KeyIncidentReport report);

    /// <summary>The latest written report of this kind about a key (who reported the damage, to be told of the repair), or null.</summary>
    Task<KeyIncidentReport?> LatestIncidentAsync(string keyCode, IncidentKind kind, CancellationToken cancellationToken);

    void Add(AreaKeyHandover handover);

    Task<AreaKeyHandover?> FindHandoverAsync(long id, CancellationToken cancellationToken);

    /// <summary>Area key sets handed back and not yet counted in by the control room (第4篇 1.1.2), oldest first.</summary>
    Task<IReadOnlyList<AreaKeyHandover>> UncountedReturnsAsync(CancellationToken cancellationToken);

    /// <summary>Writes what is pending inside the current unit of work (to learn a new row's id).</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Active people holding any of the roles.</summary>
    Task<IReadOnlyList<Person>> PeopleWithAsync(Roles roles, CancellationToken cancellationToken);

    /// <summary>A member of staff by local id or exact name (null when unknown or the name is ambiguous).</summary>
    Task<Person?> FindStaffAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>Who checked in on a rostered shift of a date (read from the duty feature's attendance).</summary>
    Task<IReadOnlyList<(string PersonId, DateTimeOffset CheckedInAt)>> CheckedInAsync(DateOnly date, string shiftCode, CancellationToken cancellationToken);

    /// <summary>Inserts a claim row inside the current unit; a second claim of the same key makes the unit lose its race.</summary>
    void Claim(string key, DateTimeOffset now);

    Task<bool> IsClaimedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as one unit (changes and messages together); false when another instance won.</summary>
    Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken);

    /// <summary>Keeps a record of a refused request (a non-staff identity asking for a key), in the log.</summary>
    void LogRefused(string participantId, string what);
}

/// <summary>Configuration section <c>Keys</c> as the rules need it.</summary>
/// <param name="EscalateAfter">How long past the curfew a key may stay out before the shift lead hears of it.</param>
/// <param name="DefaultLoan">The curfew when the borrower is not on shift now.</param>
/// <param name="AreaCollectShift">The shift that collects the area key set after check-in (第4篇 1.1.1).</param>
/// <param name="AreaReturnShift">The shift that returns it at its end (1.1.2).</param>
/// <param name="AreaPost">Only people at this roster post are prompted (empty: everyone on the shift).</param>
public sealed record KeysPolicy(TimeSpan EscalateAfter, TimeSpan DefaultLoan, string AreaCollectShift, string AreaReturnShift, string AreaPost);

using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>Escalation cases in the database. Changes are saved by <see cref="CommitAsync"/> together with the messages they cause.</summary>
public interface IEscalationStore
{
    Task<EscalationCase?> FindOpenAsync(string kind, string subject, CancellationToken cancellationToken);

    Task<EscalationCase?> FindAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Cases not resolved that involve the person (told about them, or handed them).</summary>
    Task<IReadOnlyList<EscalationCase>> OpenForAsync(string personId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationCase>> AllOpenAsync(CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="max"/> cases of a kind raised by any of <paramref name="raisers"/>, newest first.</summary>
    Task<IReadOnlyList<EscalationCase>> RaisedByAsync(string kind, IReadOnlyCollection<string> raisers, int max, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="max"/> cases of a kind, whoever raised them, newest first (with their notices).</summary>
    Task<IReadOnlyList<EscalationCase>> LatestOfKindAsync(string kind, int max, CancellationToken cancellationToken);

    /// <summary>The newest case of this kind raised by the person that is not resolved, or null.</summary>
    Task<EscalationCase?> LatestOpenRaisedByAsync(string kind, string raisedById, CancellationToken cancellationToken);

    void Add(EscalationCase escalation);

    /// <summary>Writes what is pending inside the current unit of work (to learn a new case's id); committing is the caller's.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as one unit: everything it changed and every message it enqueued is saved together,
    /// or nothing is. False when another instance changed the same case first.
    /// </summary>
    Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken);
}

/// <summary>Who stands at each level of the chain right now.</summary>
public interface IEscalationDirectory
{
    /// <summary>The shift lead(s) on duty at <paramref name="now"/> from the roster; for the other levels, everyone with the role.</summary>
    Task<IReadOnlyList<Person>> PeopleAtAsync(EscalationLevel level, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Person?> FindPersonAsync(string id, CancellationToken cancellationToken);

    /// <summary>An owner who raised a case (留言), to be told how it went.</summary>
    Task<Owner?> FindOwnerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Everyone who gets the daily digest: shift leads and every level above.</summary>
    Task<IReadOnlyList<Person>> SupervisorsAsync(CancellationToken cancellationToken);

    /// <summary>A member of staff by local id or exact name (for 转交).</summary>
    Task<Person?> FindStaffAsync(string idOrName, CancellationToken cancellationToken);
}

/// <summary>
/// Whether someone the case never reached may take it up all the same (a feature's rule, e.g. the person on duty at
/// night with an owner's message held for the morning). Who takes it up joins the case as if told of it.
/// </summary>
public interface ICaseTakeUp
{
    Task<bool> MayTakeUpAsync(EscalationCase escalation, Person actor, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Whether a colleague is on shift now, from the roster (the duty feature knows), so a case handed to them is not left unseen.</summary>
public interface IShiftPresence
{
    /// <summary>
    /// Null when the person is on shift now (or check-in for their shift is open), or is not a shift worker (nothing on the
    /// roster near now). Otherwise their next shift as it reads ("夜班 23:00", "11-27（周五）早班 07:00"), or "" when none is near.
    /// </summary>
    Task<string?> OffShiftAsync(string personId, DateTimeOffset now, string language, CancellationToken cancellationToken);
}

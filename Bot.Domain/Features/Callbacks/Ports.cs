using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Callbacks;

/// <summary>Callback cases, callbacks and phone requests in the database, with the directory lookups they need.</summary>
public interface ICallbackStore
{
    Task<CallbackCase?> FindCaseByExternalIdAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>The case with all its callbacks (the history).</summary>
    Task<CallbackCase?> FindCaseAsync(long id, CancellationToken cancellationToken);

    Task<Callback?> FindAsync(long callbackId, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>The owner's callbacks not yet answered, oldest first.</summary>
    Task<IReadOnlyList<Callback>> PendingForOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Callbacks whose window opened on or after <paramref name="from"/> (for the rates), and every open rectification.</summary>
    Task<IReadOnlyList<Callback>> ForStatsAsync(DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Open staff tasks and open rectifications, oldest first (the caller picks those it may see).</summary>
    Task<IReadOnlyList<Callback>> OpenWorkAsync(CancellationToken cancellationToken);

    /// <summary>Callbacks whose survey is still the owner's to answer (scheduled or sent), soonest due first.</summary>
    Task<IReadOnlyList<Callback>> AwaitingOwnersAsync(CancellationToken cancellationToken);

    Task<bool> UnitExistsAsync(string unitCode, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="max"/> cases of a unit with their callbacks, newest first.</summary>
    Task<IReadOnlyList<CallbackCase>> CasesOfUnitAsync(string unitCode, int max, CancellationToken cancellationToken);

    Task<IReadOnlyList<Owner>> OwnersOfUnitAsync(string unitCode, CancellationToken cancellationToken);

    Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>The owner asked not to be contacted proactively: marks them do-not-disturb, inside the caller's unit of work.</summary>
    Task SetDoNotDisturbAsync(string ownerId, CancellationToken cancellationToken);

    Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken);

    /// <summary>An active member of staff by local id or exact (unique) name.</summary>
    Task<Person?> FindStaffAsync(string idOrName, CancellationToken cancellationToken);

    Task<IReadOnlyList<Person>> PeopleWithAnyRoleAsync(Roles roles, CancellationToken cancellationToken);

    Task<PhoneRequest?> FindPhoneRequestAsync(long id, CancellationToken cancellationToken);

    /// <summary>Phone requests not yet decided, oldest first.</summary>
    Task<IReadOnlyList<PhoneRequest>> PendingPhoneRequestsAsync(CancellationToken cancellationToken);

    void Add(CallbackCase callbackCase);

    void Add(Callback callback);

    void Add(PhoneRequest request);

    /// <summary>Writes what is pending inside the current unit of work (to learn new ids); committing is the caller's.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as one unit, saved with the messages it enqueued; false when another instance won the race.</summary>
    Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken);
}

/// <summary>Whether an owner's survey could be put in front of them.</summary>
public enum SurveyDelivery
{
    /// <summary>Sent (or the owner is already answering this survey); the owner's next answer continues it.</summary>
    Sent,
    /// <summary>The owner is in the middle of another conversation: try again shortly.</summary>
    Busy,
    /// <summary>No channel can reach the owner now (no identity, or the channel's window is closed): the staff call instead.</summary>
    Unreachable,
}

/// <summary>
/// Puts a survey in front of an owner: sends the prompt to the owner's conversation on whatever channel identity the
/// owner has (local chat now, WeChat Customer Service later) and makes that conversation continue in the survey flow,
/// so "1" or "满意" answers it. A channel that cannot send now (WeCom kf outside its reply window) simply offers no
/// address, and the answer is <see cref="SurveyDelivery.Unreachable"/>.
/// </summary>
public interface IOwnerReach
{
    Task<SurveyDelivery> StartFlowAsync(string ownerId, IConversationFlow flow, string step, IReadOnlyDictionary<string, string> data,
        OutgoingMessage prompt, string deduplicationKey, CancellationToken cancellationToken);
}

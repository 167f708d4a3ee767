namespace Bot.Domain.Features.Calls;

public enum CallOutcome
{
    /// <summary>Recorded; what becomes of it is not said yet.</summary>
    Open,
    /// <summary>Answered on the spot.</summary>
    Answered,
    /// <summary>For a colleague who was not there: passed on to them (第10篇 一.3: 传呼他人).</summary>
    PassedOn,
    /// <summary>A request to act on: raised to the shift lead as a case, which climbs if nobody takes it.</summary>
    Escalated,
}

/// <summary>
/// A line of the phone log (电话记录): what a caller told or asked, written down point by point as it was said
/// (第10篇 一.3: 将对方要求逐条记录在案), who took the call and when, and what was done with it.
/// </summary>
public sealed class PhoneCall
{
    public const int MaxMatterLength = 300;

    public long Id { get; init; }
    public required string TakenById { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    /// <summary>The unit the call was about, when the caller gave one ("3-1-502").</summary>
    public string? UnitCode { get; init; }
    public required string Matter { get; init; }
    public CallOutcome Outcome { get; private set; }
    public string? PassedToId { get; private set; }
    public long? EscalationId { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>
    /// When the colleague a call was passed on to said they dealt with it (called back, or did what was asked): until then
    /// it waits in their 待办, not only in a message they may have scrolled past (第10篇 一.3).
    /// </summary>
    public DateTimeOffset? DoneAt { get; private set; }
    public int Version { get; set; }

    public void Answered(DateTimeOffset at) => Decide(CallOutcome.Answered, at);

    public void PassedOn(string toId, DateTimeOffset at)
    {
        Decide(CallOutcome.PassedOn, at);
        PassedToId = toId;
    }

    public void Done(DateTimeOffset at)
    {
        if (Outcome != CallOutcome.PassedOn || DoneAt is not null) throw new InvalidOperationException($"Call {Id} is {Outcome}, done {DoneAt}.");
        DoneAt = at;
    }

    public void Escalated(long escalationId, DateTimeOffset at)
    {
        Decide(CallOutcome.Escalated, at);
        EscalationId = escalationId;
    }

    private void Decide(CallOutcome outcome, DateTimeOffset at)
    {
        if (Outcome != CallOutcome.Open) throw new InvalidOperationException($"Call {Id} is {Outcome}.");
        Outcome = outcome;
        DecidedAt = at;
    }
}

public interface IPhoneLog
{
    void Add(PhoneCall call);

    Task FlushAsync(CancellationToken cancellationToken);

    Task<PhoneCall?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Calls whose outcome is not said yet, oldest first.</summary>
    Task<IReadOnlyList<PhoneCall>> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Calls passed on to the person that they have not yet said are dealt with, oldest first.</summary>
    Task<IReadOnlyList<PhoneCall>> PassedOnToAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Every call taken since <paramref name="from"/>, and every one still open, oldest first.</summary>
    Task<IReadOnlyList<PhoneCall>> SinceOrOpenAsync(DateTimeOffset from, CancellationToken cancellationToken);
}

namespace Bot.Domain.Features.Duty;

public enum SwapStatus
{
    /// <summary>Waiting for the colleague to accept or decline.</summary>
    AwaitingColleague,
    /// <summary>The colleague accepted; waiting for the requester's direct superior (第2篇 1.8).</summary>
    AwaitingApproval,
    /// <summary>Approved: the roster was changed.</summary>
    Approved,
    /// <summary>The colleague declined.</summary>
    Declined,
    /// <summary>The superior rejected it.</summary>
    Rejected,
    /// <summary>Too late or the roster changed underneath it: nothing was swapped.</summary>
    Lapsed,
}

/// <summary>
/// 调班: two people exchange their shifts on one date. No private swaps (第2篇 1.8, 第7篇 1.1.5): the colleague
/// agrees and the requester's direct superior approves in advance; only then does the roster change.
/// </summary>
public sealed class ShiftSwap
{
    public long Id { get; init; }
    public required string RequesterId { get; init; }
    public required string ColleagueId { get; init; }
    /// <summary>Who approves: the requester's direct superior (or, when that is the colleague, the colleague's).</summary>
    public required string ApproverId { get; init; }
    public required DateOnly Date { get; init; }
    public required long RequesterAssignmentId { get; init; }
    public required string RequesterShiftCode { get; init; }
    public required long ColleagueAssignmentId { get; init; }
    public required string ColleagueShiftCode { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public SwapStatus Status { get; private set; } = SwapStatus.AwaitingColleague;
    public DateTimeOffset? ColleagueAnsweredAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }
    public int Version { get; set; }

    public bool IsPending => Status is SwapStatus.AwaitingColleague or SwapStatus.AwaitingApproval;

    /// <summary>Whose answer the swap waits for now, if anyone's.</summary>
    public string? WaitingFor => Status switch
    {
        SwapStatus.AwaitingColleague => ColleagueId,
        SwapStatus.AwaitingApproval => ApproverId,
        _ => null,
    };

    public void Accepted(DateTimeOffset at)
    {
        Require(SwapStatus.AwaitingColleague);
        Status = SwapStatus.AwaitingApproval;
        ColleagueAnsweredAt = at;
    }

    public void Declined(DateTimeOffset at, string? note)
    {
        Require(SwapStatus.AwaitingColleague);
        Status = SwapStatus.Declined;
        ColleagueAnsweredAt = at;
        DecidedAt = at;
        Note = note;
    }

    public void Approved(DateTimeOffset at)
    {
        Require(SwapStatus.AwaitingApproval);
        Status = SwapStatus.Approved;
        DecidedAt = at;
    }

    public void Rejected(DateTimeOffset at, string? note)
    {
        Require(SwapStatus.AwaitingApproval);
        Status = SwapStatus.Rejected;
        DecidedAt = at;
        Note = note;
    }

    public void Lapsed(DateTimeOffset at)
    {
        if (!IsPending) throw new InvalidOperationException($"Swap {Id} is {Status}, not pending.");
        Status = SwapStatus.Lapsed;
        DecidedAt = at;
    }

    private void Require(SwapStatus status)
    {
        if (Status != status) throw new InvalidOperationException($"Swap {Id} is {Status}, not {status}.");
    }
}

/// <summary>Swaps and the roster rows they change. Writes are saved with the turn (or the caller's unit of work).</summary>
public interface ISwapStore
{
    Task<ShiftSwap?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The pending swap that holds a roster assignment, if any (one at a time, held by a unique key).</summary>
    Task<ShiftSwap?> PendingHoldingAsync(long assignmentId, CancellationToken cancellationToken);

    /// <summary>Pending swaps waiting for this person's answer (as colleague or as approver).</summary>
    Task<IReadOnlyList<ShiftSwap>> WaitingForAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Every pending swap (for the digest).</summary>
    Task<IReadOnlyList<ShiftSwap>> AllPendingAsync(CancellationToken cancellationToken);

    /// <summary>A roster row, tracked, so a change to it is saved with the swap.</summary>
    Task<RosterAssignment?> AssignmentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Adds the swap and holds both of its assignments; writes it at once (the id goes into the buttons).</summary>
    Task AddAsync(ShiftSwap swap, CancellationToken cancellationToken);

    /// <summary>Lets go of the swap's assignments once it is no longer pending.</summary>
    Task ReleaseAsync(ShiftSwap swap, CancellationToken cancellationToken);
}

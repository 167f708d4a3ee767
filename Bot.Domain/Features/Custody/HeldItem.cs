using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Custody;

public enum HeldItemKind
{
    /// <summary>代存: left at the front desk for someone to collect.</summary>
    Store,
    /// <summary>代转: handed in to be passed on to someone.</summary>
    Pass,
}

public enum HeldItemStatus
{
    /// <summary>Asked for; the front desk takes nothing in until a supervisor approves (第11篇 4).</summary>
    Requested,
    Refused,
    /// <summary>Taken in and kept locked in the counter (第11篇 9), handed over with the shift.</summary>
    Held,
    /// <summary>Collected by, or passed on to, the one it was for.</summary>
    Collected,
}

/// <summary>
/// An item the front desk keeps or passes on for someone. 第11篇 4: the front desk keeps or passes on nothing for anyone
/// unless 客务主管 or the department manager approves; what it holds is locked in the counter (9) and handed over with the
/// shift (5, 8).
/// </summary>
public sealed class HeldItem
{
    /// <summary>Who approves: 客务主管 (the supervisor) or the department manager, and those above them.</summary>
    public const Roles Approvers = Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public const int MaxWhatLength = 100;
    public const int MaxForLength = 64;

    public long Id { get; init; }
    public HeldItemKind Kind { get; init; }
    public required string What { get; init; }
    /// <summary>Whom it is for: "3-1-502 陈先生", "装修师傅王师傅".</summary>
    public required string ForWhom { get; init; }
    public required string RequestedById { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public HeldItemStatus Status { get; private set; }
    public string? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? CollectedAt { get; private set; }
    /// <summary>Who took it, as the front desk wrote it ("陈先生本人", "其家人").</summary>
    public string? CollectedBy { get; private set; }
    public string? HandedOutById { get; private set; }
    public int Version { get; set; }

    public void Approve(string byId, DateTimeOffset at) => Decide(HeldItemStatus.Held, byId, at);

    public void Refuse(string byId, DateTimeOffset at) => Decide(HeldItemStatus.Refused, byId, at);

    public void Collect(string? by, string handedOutById, DateTimeOffset at)
    {
        if (Status != HeldItemStatus.Held) throw new InvalidOperationException($"Held item {Id} is {Status}.");
        Status = HeldItemStatus.Collected;
        CollectedBy = string.IsNullOrWhiteSpace(by) ? null : by.Length > MaxForLength ? by[..MaxForLength] : by;
        HandedOutById = handedOutById;
        CollectedAt = at;
    }

    private void Decide(HeldItemStatus status, string byId, DateTimeOffset at)
    {
        if (Status != HeldItemStatus.Requested) throw new InvalidOperationException($"Held item {Id} is {Status}.");
        Status = status;
        DecidedById = byId;
        DecidedAt = at;
    }
}

public interface IHeldItemStore
{
    void Add(HeldItem item);

    Task FlushAsync(CancellationToken cancellationToken);

    Task<HeldItem?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Requested or held, oldest first.</summary>
    Task<IReadOnlyList<HeldItem>> OpenAsync(CancellationToken cancellationToken);
}

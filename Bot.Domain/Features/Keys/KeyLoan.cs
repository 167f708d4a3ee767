namespace Bot.Domain.Features.Keys;

/// <summary>What a unit key is borrowed for (钥匙借用登记表, 第4篇 1.2.2). <see cref="AreaSet"/> is the shift's area key set (1.1.1).</summary>
public enum LoanPurpose
{
    Viewing,
    Repair,
    OwnerRequest,
    Other,
    AreaSet,
}

public enum LoanStatus
{
    /// <summary>Taking the key out of the office waits for a supervisor (第4篇 1.2.5).</summary>
    AwaitingApproval,
    /// <summary>Waits for the custodian to hand it over in person (two people).</summary>
    AwaitingHandOut,
    Out,
    /// <summary>The checklist is done; the custodian has yet to confirm receipt.</summary>
    AwaitingReceipt,
    Returned,
    /// <summary>Refused by the supervisor or the custodian before it went out.</summary>
    Declined,
    /// <summary>Reported lost while out (第4篇 1.2.7). A damaged key stays on its loan until it is returned.</summary>
    Lost,
}

/// <summary>
/// One loan of a key: who borrowed it and is accountable, who holds it now, why, until when, and every confirmation.
/// While a loan is open its <see cref="OpenKeyCode"/> is the key's code, unique in the database, so two loans of one
/// key can never be open together however the requests race.
/// </summary>
public sealed class KeyLoan
{
    public long Id { get; init; }
    public required string KeyCode { get; init; }
    /// <summary>The member of staff who signed it out and stays accountable (also for a contractor, 第4篇 1.2.6).</summary>
    public required string BorrowerId { get; init; }
    public required string HolderId { get; set; }
    public required LoanPurpose Purpose { get; init; }
    public string? ContractorName { get; init; }
    public string? ContractorCompany { get; init; }
    /// <summary>Taken out of the office (第4篇 1.2.5): needs <see cref="ApprovedById"/>.</summary>
    public bool OffSite { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    /// <summary>The curfew: by default the end of the borrower's shift.</summary>
    public required DateTimeOffset DueBack { get; init; }
    public LoanStatus Status { get; private set; }
    public string? OpenKeyCode { get; private set; }

    public string? ApprovedById { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? HandedOutById { get; private set; }
    public DateTimeOffset? HandedOutAt { get; private set; }
    public string? ReturnedById { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? ReceivedById { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    /// <summary>The last failed return checklist item, kept until the key comes back (第4篇 1.2.3).</summary>
    public string? ReturnProblem { get; private set; }
    public string? TransferToId { get; private set; }
    /// <summary>The area key handover sheet (钥匙交接单) the loan belongs to.</summary>
    public long? HandoverId { get; init; }

    public DateTimeOffset? RemindedAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    /// <summary>The day the custodian's daily list named this loan, and the day a reason was recorded (第4篇 1.2.4).</summary>
    public DateOnly? ListedOn { get; private set; }
    public DateOnly? ReasonOn { get; private set; }
    public string? Reason { get; private set; }
    public int Version { get; set; }

    public bool IsOpen => OpenKeyCode is not null;
    public bool IsOut => Status is LoanStatus.Out or LoanStatus.AwaitingReceipt;
    public bool IsOverdue(DateTimeOffset now) => Status == LoanStatus.Out && now >= DueBack;
    public bool LacksReason => ListedOn is { } listed && ReasonOn != listed && IsOut;

    public static KeyLoan Request(Key key, string borrowerId, LoanPurpose purpose, DateTimeOffset now, DateTimeOffset dueBack,
        string? contractorName = null, string? contractorCompany = null, bool offSite = false) => new KeyLoan
    {
        KeyCode = key.Code,
        BorrowerId = borrowerId,
        HolderId = borrowerId,
        Purpose = purpose,
        ContractorName = contractorName,
        ContractorCompany = contractorCompany,
        OffSite = offSite,
        RequestedAt = now,
        DueBack = dueBack,
    }.Opened(offSite ? LoanStatus.AwaitingApproval : LoanStatus.AwaitingHandOut);

    /// <summary>An area key collected with the shift's set: the count was the confirmation (第4篇 1.1.1).</summary>
    public static KeyLoan AreaSet(Key key, string collectorId, long handoverId, DateTimeOffset now, DateTimeOffset dueBack)
    {
        var loan = new KeyLoan
        {
            KeyCode = key.Code, BorrowerId = collectorId, HolderId = collectorId, Purpose = LoanPurpose.AreaSet,
            RequestedAt = now, DueBack = dueBack, HandoverId = handoverId,
        }.Opened(LoanStatus.Out);
        loan.HandedOutAt = now;
        return loan;
    }

    private KeyLoan Opened(LoanStatus status)
    {
        Status = status;
        OpenKeyCode = KeyCode;
        return this;
    }

    public void Approve(string supervisorId, DateTimeOffset now)
    {
        ApprovedById = supervisorId;
        ApprovedAt = now;
        Status = LoanStatus.AwaitingHandOut;
    }

    public void Decline()
    {
        Status = LoanStatus.Declined;
        OpenKeyCode = null;
    }

    public void HandOut(string custodianId, DateTimeOffset now)
    {
        HandedOutById = custodianId;
        HandedOutAt = now;
        Status = LoanStatus.Out;
    }

    public void ChecklistFailed(string problem) => ReturnProblem = problem;

    public void Return(string personId, DateTimeOffset now)
    {
        ReturnedById = personId;
        ReturnedAt = now;
        ReturnProblem = null;
        TransferToId = null;
        Status = LoanStatus.AwaitingReceipt;
    }

    public void Receive(string custodianId, DateTimeOffset now)
    {
        ReceivedById = custodianId;
        ReceivedAt = now;
        Status = LoanStatus.Returned;
        OpenKeyCode = null;
    }

    public void ReportLost()
    {
        Status = LoanStatus.Lost;
        OpenKeyCode = null;
    }

    public void OfferTo(string personId) => TransferToId = personId;

    public void CancelTransfer() => TransferToId = null;

    public void TransferAccepted()
    {
        HolderId = TransferToId ?? HolderId;
        TransferToId = null;
    }

    public void Reminded(DateTimeOffset now) => RemindedAt = now;

    public void Escalated(DateTimeOffset now) => EscalatedAt = now;

    public void Listed(DateOnly day) => ListedOn = day;

    public void RecordReason(string reason, DateOnly day)
    {
        Reason = reason;
        ReasonOn = day;
    }
}

/// <summary>What happened to a key, for its custody trail (钥匙记录).</summary>
public enum KeyEventKind
{
    Requested,
    Approved,
    Declined,
    HandedOut,
    ChecklistFailed,
    Returned,
    ReturnedByOther,
    Received,
    TransferOffered,
    Transferred,
    Reminded,
    Escalated,
    ReasonRecorded,
    Lost,
    Damaged,
    AreaCollected,
    AreaReturned,
    AreaCountWrong,
    /// <summary>A key reported damaged, repaired: the damage mark cleared (第4篇 1.2.7).</summary>
    Repaired,
    /// <summary>A key reported damaged, replaced by a new one cut for the unit: the damage mark cleared.</summary>
    Replaced,
}

/// <summary>One step in a key's custody trail, with the time and who acted.</summary>
public sealed class KeyEvent
{
    public long Id { get; init; }
    public required string KeyCode { get; init; }
    public required DateTimeOffset At { get; init; }
    public required KeyEventKind Kind { get; init; }
    public string? ActorId { get; init; }
    public long? LoanId { get; init; }
    public string? Note { get; init; }
}

public enum IncidentKind
{
    Lost,
    Damaged,
}

/// <summary>The written report of a lost or damaged key (第4篇 1.1.3, 1.2.7): what, when, where, how.</summary>
public sealed class KeyIncidentReport
{
    public long Id { get; init; }
    public required string KeyCode { get; init; }
    public required IncidentKind Kind { get; init; }
    public required string ReporterId { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public required string What { get; init; }
    public required string When { get; init; }
    public required string Where { get; init; }
    public required string How { get; init; }
    public long? EscalationId { get; set; }
}

public enum AreaHandoverKind
{
    Collect,
    Return,
}

/// <summary>
/// One line of the 钥匙交接单 (第4篇 1.1.1–1.1.2): the area key set collected by the early shift or returned by the
/// middle shift, with the count each side confirmed.
/// </summary>
public sealed class AreaKeyHandover
{
    public long Id { get; init; }
    public required AreaHandoverKind Kind { get; init; }
    public required string PersonId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required int Expected { get; init; }
    public required int Counted { get; init; }
    public string? ReceiverId { get; private set; }
    public int? ReceiverCount { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public int Version { get; set; }

    public bool CountIsRight => Counted == Expected && (ReceiverCount is null || ReceiverCount == Expected);

    public void Confirm(string receiverId, int count, DateTimeOffset now)
    {
        ReceiverId = receiverId;
        ReceiverCount = count;
        ConfirmedAt = now;
    }
}

/// <summary>A prompt or check already done, claimed by a unique key so a job firing twice acts once.</summary>
public sealed class KeyClaim
{
    public required string Key { get; init; }
    public required DateTimeOffset At { get; init; }
}

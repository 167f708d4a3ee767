namespace Bot.Domain.Features.Escalation;

public enum Severity
{
    Normal,
    /// <summary>Never waits for quiet hours.</summary>
    Urgent,
}

public enum EscalationStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>The chain of responsibility (逐级负责制, 第3篇 1.3): the shift lead on duty, then 客服主任, 客服部经理, 总经理.</summary>
public enum EscalationLevel
{
    ShiftLead = 0,
    Supervisor = 1,
    DepartmentManager = 2,
    GeneralManager = 3,
}

/// <summary>What a feature asks to escalate. The subject names what it is about, so repeated triggers become one case.</summary>
/// <param name="StartAt">Where the chain starts: the shift lead by default; an emergency goes straight to 客服部经理 (第2篇 1.6).</param>
/// <param name="AboutId">The person the case is about (who missed the check-in, holds the overdue key): never alerted about
/// themselves; the chain goes past them to the next person up.</param>
public sealed record EscalationRequest(string Kind, string Subject, Severity Severity, string Details, string? RaisedById,
    EscalationLevel StartAt = EscalationLevel.ShiftLead, string? AboutId = null);

/// <summary>
/// One escalated matter and where it stands in the chain. State changes go through the verbs below; the store
/// saves them with an optimistic version, so two instances acting on the same case change it once.
/// </summary>
public sealed class EscalationCase
{
    public long Id { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>What the case is about; an owner's follow-up (<see cref="AddDetail"/>) is appended.</summary>
    public string Details { get; private set; } = "";
    public string? RaisedById { get; init; }
    /// <summary>The person the case is about, whom the chain passes over (<see cref="EscalationRequest.AboutId"/>).</summary>
    public string? AboutId { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    /// <summary>The first level told; loops start here again.</summary>
    public EscalationLevel StartAt { get; init; }

    public EscalationStatus Status { get; private set; } = EscalationStatus.Open;
    /// <summary>-1 until the first level has been notified.</summary>
    public int Level { get; private set; } = -1;
    /// <summary>How many times the chain has started again from the bottom.</summary>
    public int Loop { get; private set; }
    /// <summary>When the case next needs attention (climb, re-notify, or send after quiet hours); null when resolved.</summary>
    public DateTimeOffset? NextActionAt { get; private set; }
    public string? AssigneeId { get; private set; }
    public string? AcknowledgedById { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? ResolvedById { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolutionNote { get; private set; }
    /// <summary>Kind and subject while the case is not resolved (unique), so a repeated trigger finds the open case.</summary>
    public string? OpenKey { get; private set; }
    public int Version { get; set; }
    public List<EscalationNotice> Notices { get; init; } = [];

    public static EscalationCase Raise(EscalationRequest request, DateTimeOffset now) => new()
    {
        Kind = request.Kind,
        Subject = request.Subject,
        Severity = request.Severity,
        Details = request.Details,
        RaisedById = request.RaisedById,
        AboutId = request.AboutId,
        RaisedAt = now,
        StartAt = request.StartAt,
        OpenKey = KeyOf(request.Kind, request.Subject),
        NextActionAt = now,
    };

    public static string KeyOf(string kind, string subject) => $"{kind}|{subject}";

    /// <summary>The column holds 2000 characters; an addition past that is cut, with an ellipsis to say so.</summary>
    public const int MaxDetails = 2000;

    /// <summary>A line added to the details (an owner writing again about the same matter), kept within the column.</summary>
    public void AddDetail(string line)
    {
        var joined = Details + "\n" + line;
        Details = joined.Length <= MaxDetails ? joined : joined[..(MaxDetails - 1)] + "…";
    }

    public bool IsClosed => Status == EscalationStatus.Resolved;

    /// <summary>Whether this person may act on the case: they were told about it, or it was handed to them.</summary>
    public bool Involves(string personId) => AssigneeId == personId || Notices.Any(n => n.PersonId == personId);

    public IEnumerable<string> PeopleToInform() =>
        Notices.Select(n => n.PersonId).Append(RaisedById).Append(AssigneeId).OfType<string>().Distinct(StringComparer.Ordinal);

    public void MovedTo(int level, int loop, DateTimeOffset nextActionAt)
    {
        Level = level;
        Loop = loop;
        NextActionAt = nextActionAt;
    }

    public void WaitUntil(DateTimeOffset nextActionAt) => NextActionAt = nextActionAt;

    public void Noticed(string personId, DateTimeOffset at) =>
        Notices.Add(new EscalationNotice { PersonId = personId, Level = Level, Loop = Loop, At = at });

    public void Acknowledge(string personId, DateTimeOffset now, DateTimeOffset remindAt)
    {
        Status = EscalationStatus.Acknowledged;
        AcknowledgedById = personId;
        AcknowledgedAt = now;
        NextActionAt = remindAt;
    }

    public void Resolve(string personId, string note, DateTimeOffset now)
    {
        Status = EscalationStatus.Resolved;
        ResolvedById = personId;
        ResolvedAt = now;
        ResolutionNote = note;
        NextActionAt = null;
        OpenKey = null;
    }

    /// <summary>转交: the case waits for the new holder's 收到, and climbs on if it does not come.</summary>
    public void HandTo(string personId, DateTimeOffset ackBy)
    {
        AssigneeId = personId;
        Status = EscalationStatus.Open;
        AcknowledgedById = null;
        AcknowledgedAt = null;
        NextActionAt = ackBy;
    }
}

/// <summary>Who was told about a case, at which level and loop: they may act on it and learn its outcome.</summary>
public sealed class EscalationNotice
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public required string PersonId { get; init; }
    public int Level { get; init; }
    public int Loop { get; init; }
    public DateTimeOffset At { get; init; }
}

namespace Bot.Domain.Features.Callbacks;

/// <summary>The kinds of completed work that are called back (第9篇 一), each with its own window and rate target.</summary>
public enum CaseType
{
    Complaint,
    MinorRepair,
    RepairProject,
    SpecialService,
    Activity,
    Other,
}

/// <summary>满意 / 基本满意 / 不满意 (第9篇 四.3).</summary>
public enum Rating
{
    NotSatisfied = 1,
    Basic = 2,
    Satisfied = 3,
}

/// <summary>Special services are called back at the middle of the period and after it ends (第9篇 一.3); everything else once.</summary>
public enum CallbackStage
{
    Final,
    Middle,
}

public enum CallbackStatus
{
    /// <summary>Waiting for its window, contact hours, or a later time the owner asked for.</summary>
    Scheduled,
    /// <summary>The survey was sent to the owner; the reminder may follow.</summary>
    Invited,
    /// <summary>The owner did not answer (or cannot be reached): the responsible staff call or visit and record it.</summary>
    StaffTask,
    /// <summary>Answered and confirmed: the 《回访记录》 is complete (五.1).</summary>
    Done,
}

public enum RectificationStatus
{
    None,
    Open,
    Done,
}

/// <summary>
/// A completed piece of work that must be called back: who it was for, where, what, and who answers for it.
/// Registered by staff in chat or by the 报事报修 system through the admin API, idempotent by <see cref="ExternalId"/>.
/// Its <see cref="Callbacks"/> are the history: one per owner and stage, and another round after each rectification (五.2).
/// </summary>
public sealed class CallbackCase
{
    public long Id { get; init; }
    /// <summary>The calling system's case id; unique when set.</summary>
    public string? ExternalId { get; init; }
    public required CaseType Type { get; init; }
    public required string UnitCode { get; init; }
    public required string Summary { get; init; }
    /// <summary>Owner ids, ';'-separated (an activity names several participants).</summary>
    public required string OwnerIds { get; init; }
    /// <summary>Responsible staff ids, ';'-separated: they get the staff tasks and the rectifications.</summary>
    public required string ResponsibleIds { get; init; }
    /// <summary>When the work was completed (the complaint resolved, the repair finished, the activity held, the special service's period ended).</summary>
    public required DateTimeOffset CompletedAt { get; init; }
    public DateTimeOffset? PeriodStart { get; init; }
    public string? RegisteredById { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public List<Callback> Callbacks { get; init; } = [];

    public IReadOnlyList<string> Owners => Split(OwnerIds);

    public IReadOnlyList<string> Responsible => Split(ResponsibleIds);

    public static string Join(IEnumerable<string> ids) => string.Join(';', ids);

    private static string[] Split(string ids) => ids.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// One callback to one owner: its window, where it stands, and the owner's answers once recorded. State changes go
/// through the verbs below and are saved with an optimistic <see cref="Version"/>, so a job fired twice acts once.
/// </summary>
public sealed class Callback
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public CallbackCase Case { get; init; } = null!;
    public required string OwnerId { get; init; }
    /// <summary>1 for the first callback; one more after each rectification (五.2).</summary>
    public int Round { get; init; } = 1;
    public CallbackStage Stage { get; init; }
    /// <summary>The window (第9篇 一): from when the callback may be made, and by when it must be.</summary>
    public required DateTimeOffset DueFrom { get; init; }
    public required DateTimeOffset DueBy { get; init; }
    /// <summary>When the responsible staff take over if the owner has not answered.</summary>
    public required DateTimeOffset TaskAt { get; init; }

    public CallbackStatus Status { get; private set; } = CallbackStatus.Scheduled;
    /// <summary>When the job next looks at it; null when nothing more is scheduled.</summary>
    public DateTimeOffset? NextActionAt { get; private set; }
    public DateTimeOffset? InvitedAt { get; private set; }
    public DateTimeOffset? RemindedAt { get; private set; }
    public DateTimeOffset? TaskAssignedAt { get; private set; }
    /// <summary>The window closed without a callback and it was escalated.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }
    public Rating? Quality { get; private set; }
    public Rating? Effect { get; private set; }
    public Rating? Overall { get; private set; }
    public string? Shortcomings { get; private set; }
    public string? Suggestions { get; private set; }
    /// <summary>The member of staff who recorded the owner's answers (代录); null when the owner answered in chat.</summary>
    public string? RecordedById { get; private set; }

    public RectificationStatus Rectification { get; private set; }
    public DateTimeOffset? RectifiedAt { get; private set; }
    public string? RectifiedById { get; private set; }
    public int Version { get; set; }

    public bool IsDone => Status == CallbackStatus.Done;

    public bool OnTime => CompletedAt is { } at && at <= DueBy;

    /// <summary>Answered with 不满意 on any question (quality, effect or overall): not a satisfied callback (五.2).</summary>
    public bool LeftUnsatisfied => IsDone && (Quality == Rating.NotSatisfied || Effect == Rating.NotSatisfied || Overall == Rating.NotSatisfied);

    public static Callback Schedule(CallbackCase forCase, string ownerId, CallbackStage stage, int round, DateTimeOffset dueFrom, DateTimeOffset dueBy, DateTimeOffset taskAt)
    {
        var callback = new Callback
        {
            Case = forCase, OwnerId = ownerId, Stage = stage, Round = round, DueFrom = dueFrom, DueBy = dueBy, TaskAt = taskAt,
        };
        callback.NextActionAt = dueFrom;
        return callback;
    }

    public void Invited(DateTimeOffset now, DateTimeOffset next)
    {
        Status = CallbackStatus.Invited;
        InvitedAt ??= now;
        NextActionAt = next;
    }

    public void Reminded(DateTimeOffset now, DateTimeOffset next)
    {
        RemindedAt = now;
        NextActionAt = next;
    }

    public void WaitUntil(DateTimeOffset next) => NextActionAt = next;

    /// <summary>不方便 / 稍后: asked again later, still inside the window (the staff task time stays).</summary>
    public void Rescheduled(DateTimeOffset at)
    {
        Status = CallbackStatus.Scheduled;
        NextActionAt = at;
    }

    public void AssignedToStaff(DateTimeOffset now)
    {
        Status = CallbackStatus.StaffTask;
        TaskAssignedAt = now;
        NextActionAt = DueBy > now ? DueBy : now;
    }

    public void Escalated(DateTimeOffset now)
    {
        EscalatedAt = now;
        NextActionAt = null;
    }

    /// <summary>The owner's confirmed answers: the 《回访记录》 with the owner's confirmation standing for the signature (五.1).</summary>
    public void Record(SurveyAnswers answers, string? recordedById, DateTimeOffset now)
    {
        Status = CallbackStatus.Done;
        CompletedAt = now;
        Quality = answers.Quality;
        Effect = answers.Effect;
        Overall = answers.Overall;
        Shortcomings = answers.Shortcomings;
        Suggestions = answers.Suggestions;
        RecordedById = recordedById;
        NextActionAt = null;
        // Still not satisfied → rectify, then call back again (五.2). 不满意 on any question counts: an owner who rates the
        // effect 不满意 ("还是漏") is not satisfied with the work, whatever the overall word was.
        if (answers.AnyNotSatisfied) Rectification = RectificationStatus.Open;
    }

    public void MarkRectified(string personId, DateTimeOffset now)
    {
        Rectification = RectificationStatus.Done;
        RectifiedAt = now;
        RectifiedById = personId;
    }
}

/// <summary>What the owner said (第9篇 四): quality, effect, overall satisfaction, shortcomings, suggestions.</summary>
public sealed record SurveyAnswers(Rating Quality, Rating Effect, Rating Overall, string? Shortcomings, string? Suggestions)
{
    /// <summary>不满意 on any question: rectified and called back again (五.2), and not counted as satisfied.</summary>
    public bool AnyNotSatisfied => Quality == Rating.NotSatisfied || Effect == Rating.NotSatisfied || Overall == Rating.NotSatisfied;

    /// <summary>满意 on every question: only then is the owner thanked for being satisfied.</summary>
    public bool AllSatisfied => Quality == Rating.Satisfied && Effect == Rating.Satisfied && Overall == Rating.Satisfied;
}

public enum PhoneRequestStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>A member of staff asking for an owner's phone number: given only after a supervisor approves (第11篇 3).</summary>
public sealed class PhoneRequest
{
    public long Id { get; init; }
    public required string RequesterId { get; init; }
    public required string UnitCode { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public PhoneRequestStatus Status { get; private set; }
    public string? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public int Version { get; set; }

    public void Decide(bool approve, string personId, DateTimeOffset now)
    {
        Status = approve ? PhoneRequestStatus.Approved : PhoneRequestStatus.Refused;
        DecidedById = personId;
        DecidedAt = now;
    }
}

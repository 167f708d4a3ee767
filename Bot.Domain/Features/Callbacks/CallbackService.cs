using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Callbacks;

/// <summary>A case to register: from the 登记回访 flow or the admin API.</summary>
/// <param name="OwnerIds">Empty = every owner of the unit.</param>
public sealed record CaseRegistration(
    string? ExternalId,
    CaseType Type,
    string UnitCode,
    IReadOnlyList<string> OwnerIds,
    string Summary,
    IReadOnlyList<string> Responsible,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? PeriodStart = null,
    DateTimeOffset? PeriodEnd = null);

/// <summary>The outcome of a registration: the case (new or the existing one with that external id), or why it was refused.</summary>
public sealed record RegistrationResult(CallbackCase? Case, bool Existing, string? ErrorKey = null, object[]? ErrorArgs = null)
{
    public string Error(string language) => ErrorKey is null ? "" : CallbackTexts.Catalog.Get(ErrorKey, language, ErrorArgs ?? []);
}

/// <summary>
/// Callbacks (第9篇): registers completed work with its due windows, chases each callback through invitation,
/// reminder, staff task and escalation, and schedules the next round when a rectification is done (五.2).
/// </summary>
public sealed class CallbackService(
    ICallbackStore store,
    CallbackSurveys surveys,
    CallbackNotices notices,
    EscalationService escalations,
    CallbackPolicy policy,
    DepartmentProfile department) : IScheduledWork
{
    Task<int> IScheduledWork.ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken) => ProcessDueAsync(now, cancellationToken);

    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    /// <summary>Checks and adds a case with its callbacks, inside the caller's unit of work. A known external id returns that case, unchanged.</summary>
    public async Task<RegistrationResult> RegisterAsync(CaseRegistration registration, string? registeredById, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var externalId = registration.ExternalId?.Trim();
        if (externalId is { Length: > 0 } && await store.FindCaseByExternalIdAsync(externalId, cancellationToken) is { } existing)
            return new RegistrationResult(existing, Existing: true);

        if (await CheckAsync(registration, now, cancellationToken) is { } refusal) return refusal;
        var unit = registration.UnitCode.Trim();
        var owners = registration.OwnerIds.Count > 0
            ? registration.OwnerIds.Select(o => o.Trim()).Distinct(StringComparer.Ordinal).ToList()
            : [.. (await store.OwnersOfUnitAsync(unit, cancellationToken)).Select(o => o.Id)];
        var responsible = new List<string>();
        foreach (var who in registration.Responsible)
            responsible.Add((await store.FindStaffAsync(who, cancellationToken))!.Id);

        var completedAt = registration.Type == CaseType.SpecialService ? registration.PeriodEnd!.Value : registration.CompletedAt ?? now;
        var callbackCase = new CallbackCase
        {
            ExternalId = externalId is { Length: > 0 } ? externalId : null,
            Type = registration.Type,
            UnitCode = unit,
            Summary = registration.Summary.Trim(),
            OwnerIds = CallbackCase.Join(owners),
            ResponsibleIds = CallbackCase.Join(responsible.Distinct(StringComparer.Ordinal)),
            CompletedAt = completedAt,
            PeriodStart = registration.Type == CaseType.SpecialService ? registration.PeriodStart : null,
            RegisteredById = registeredById,
            RegisteredAt = now,
        };
        store.Add(callbackCase);
        var window = policy.WindowOf(registration.Type);
        foreach (var owner in owners)
        {
            // 第9篇 一.3: a special service is called back at the middle of its period and again after it ends.
            if (registration.Type == CaseType.SpecialService)
            {
                var middle = registration.PeriodStart!.Value + (registration.PeriodEnd!.Value - registration.PeriodStart.Value) / 2;
                AddCallback(callbackCase, owner, CallbackStage.Middle, 1, middle, middle + window);
            }
            AddCallback(callbackCase, owner, CallbackStage.Final, 1, completedAt, completedAt + window);
        }
        // The ids go into the reply ("回访单 #12").
        await store.FlushAsync(cancellationToken);
        return new RegistrationResult(callbackCase, Existing: false);
    }

    private async Task<RegistrationResult?> CheckAsync(CaseRegistration r, DateTimeOffset now, CancellationToken cancellationToken)
    {
        static RegistrationResult No(string key, params object[] args) => new(null, false, key, args);
        var unit = r.UnitCode.Trim();
        if (r.Summary.Trim().Length == 0) return No("NoSummary");
        if (!await store.UnitExistsAsync(unit, cancellationToken)) return No("UnknownUnit", unit);
        if (r.OwnerIds.Count == 0 && (await store.OwnersOfUnitAsync(unit, cancellationToken)).Count == 0) return No("NoOwnerForUnit", unit);
        foreach (var ownerId in r.OwnerIds)
        {
            if (await store.FindOwnerAsync(ownerId.Trim(), cancellationToken) is not { } owner) return No("UnknownOwner", ownerId);
            // An activity's participants come from anywhere in the estate; every other case is about the owner's own unit.
            if (r.Type != CaseType.Activity && owner.Units.All(u => u.UnitCode != unit)) return No("OwnerNotOfUnit", ownerId, unit);
        }
        if (r.Responsible.Count == 0) return No("NoResponsible");
        foreach (var who in r.Responsible)
            if (await store.FindStaffAsync(who, cancellationToken) is null) return No("UnknownStaff", who);
        if (r.Type == CaseType.SpecialService)
        {
            if (r.PeriodStart is not { } start || r.PeriodEnd is not { } end || end <= start) return No("NeedPeriod");
        }
        else if (r.CompletedAt is { } completed && completed > now) return No("CompletedInFuture");
        return null;
    }

    private Callback AddCallback(CallbackCase callbackCase, string ownerId, CallbackStage stage, int round, DateTimeOffset dueFrom, DateTimeOffset dueBy)
    {
        var callback = Callback.Schedule(callbackCase, ownerId, stage, round, dueFrom, dueBy, policy.TaskAt(dueFrom, dueBy));
        callbackCase.Callbacks.Add(callback);
        return callback;
    }

    /// <summary>
    /// Acts on every due callback: invite inside contact hours, remind, hand to the responsible staff, escalate when
    /// the window closed. Each callback is one atomic unit claimed by its version, so a double fire acts once.
    /// </summary>
    public async Task<int> ProcessDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var id in await store.DueAsync(now, 100, cancellationToken))
        {
            var didAct = false;
            var won = await store.AtomicallyAsync(async () =>
            {
                var callback = await store.FindAsync(id, cancellationToken);
                // Re-checked inside the unit: another instance may have acted since the list was read.
                if (callback?.NextActionAt is not { } due || due > now || callback.IsDone) return;
                didAct = await ActAsync(callback, now, cancellationToken);
            }, cancellationToken);
            if (won && didAct) acted++;
        }
        return acted;
    }

    private async Task<bool> ActAsync(Callback callback, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (callback.Status)
        {
            case CallbackStatus.StaffTask:
                if (now < callback.DueBy)
                {
                    callback.WaitUntil(callback.DueBy);
                    return false;
                }
                await EscalateAsync(callback, now, cancellationToken);
                return true;

            case CallbackStatus.Scheduled or CallbackStatus.Invited when now >= callback.TaskAt:
                await notices.StaffTaskAsync(callback, CallbackNotices.Reason.Silent, now, cancellationToken);
                callback.AssignedToStaff(now);
                return true;
        }

        if (await store.FindOwnerAsync(callback.OwnerId, cancellationToken) is not { } owner || owner.DoNotDisturb)
        {
            // Never prompted in chat (the owner asked not to be disturbed): the responsible staff call back in person.
            await notices.StaffTaskAsync(callback, CallbackNotices.Reason.DoNotDisturb, now, cancellationToken);
            callback.AssignedToStaff(now);
            return true;
        }
        if (!policy.InContactHours(TimeOnly.FromDateTime(department.ToLocal(now).DateTime)))
        {
            callback.WaitUntil(Min(NextContactStart(now), callback.TaskAt));
            return false;
        }
        if (callback.Status == CallbackStatus.Invited && callback.RemindedAt is not null)
        {
            callback.WaitUntil(callback.TaskAt);
            return false;
        }

        var reminder = callback.Status == CallbackStatus.Invited;
        switch (await surveys.InviteAsync(callback, owner, reminder, now, cancellationToken))
        {
            case SurveyDelivery.Sent when reminder:
                callback.Reminded(now, callback.TaskAt);
                return true;
            case SurveyDelivery.Sent:
                callback.Invited(now, Min(now + policy.ReminderAfter, callback.TaskAt));
                return true;
            case SurveyDelivery.Busy:
                callback.WaitUntil(Min(now + policy.BusyRetryAfter, callback.TaskAt));
                return false;
            default:
                await notices.StaffTaskAsync(callback, CallbackNotices.Reason.Unreachable, now, cancellationToken);
                callback.AssignedToStaff(now);
                return true;
        }
    }

    private async Task EscalateAsync(Callback callback, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var c = callback.Case;
        var zh = TextCatalog.Chinese;
        var names = new List<string>();
        foreach (var id in c.Responsible) names.Add((await store.FindPersonAsync(id, cancellationToken))?.Name ?? id);
        // Chinese: supervisors read escalations in the department's language; the alert around it is localised.
        var subject = Texts.Get("OverdueSubject", zh, callback.Id, c.UnitCode);
        var details = Texts.Get("OverdueDetails", zh, CallbackTexts.TypeName(c.Type, zh), c.Summary,
            department.ToLocal(callback.DueBy).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), string.Join("、", names));
        await escalations.RaiseAsync(new EscalationRequest("callbacks.overdue", subject, Severity.Normal, details, null), now, cancellationToken);
        callback.Escalated(now);
    }

    /// <summary>整改完成: the rectification is done; a new callback round is scheduled at once (第9篇 五.2).</summary>
    public async Task<Callback> RectifiedAsync(long callbackId, Person actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var callback = await FindForStaffAsync(callbackId, actor, cancellationToken);
        if (callback.Rectification != RectificationStatus.Open) throw new BotRuleException(Texts, "NoOpenRectification", callbackId);
        callback.MarkRectified(actor.Id, now);
        var window = policy.WindowOf(callback.Case.Type);
        var next = AddCallback(callback.Case, callback.OwnerId, callback.Stage, callback.Round + 1, now, now + window);
        store.Add(next);
        await store.FlushAsync(cancellationToken);
        return next;
    }

    /// <summary>A callback the person may act on: one of its responsible staff, or a shift lead and above.</summary>
    public async Task<Callback> FindForStaffAsync(long callbackId, Person actor, CancellationToken cancellationToken)
    {
        var callback = await store.FindAsync(callbackId, cancellationToken) ?? throw new BotRuleException(Texts, "NotFound", callbackId);
        if (!CallbackNotices.MayActOn(callback, actor)) throw new BotRuleException(Texts, "NotYours", callbackId);
        return callback;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private DateTimeOffset NextContactStart(DateTimeOffset now)
    {
        var today = department.LocalDate(now);
        var candidate = department.ToInstant(today, policy.ContactStart);
        return candidate > now ? candidate : department.ToInstant(today.AddDays(1), policy.ContactStart);
    }
}

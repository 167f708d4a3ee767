using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Escalation;

/// <summary>The outcome of a supervisor's action on a case, to be said back to them.</summary>
public enum ActionOutcome
{
    Done,
    NotFound,
    AlreadyResolved,
    AlreadyAcknowledged,
    NotYours,
    UnknownPerson,
    /// <summary>答复业主 on a case no owner raised.</summary>
    NotAnOwners,
    /// <summary>转交 to the person who holds the case.</summary>
    ToSelf,
    /// <summary>收到 from one who handed the case to a colleague, who has not said 收到 yet.</summary>
    HandedToOther,
}

/// <summary>
/// The escalation engine, used by every feature: raise a case (repeated triggers for the same subject join the open
/// case), notify the chain level by level (the shift lead on duty → 客服主任 → 客服部经理 → 总经理, 第3篇 1.3),
/// climb when nobody acknowledges in time, skip empty levels, loop, remind when acknowledged but not resolved, and
/// keep normal cases for after quiet hours. Supervisors act with 收到 / 已处理 / 转交; everyone involved learns the outcome.
/// </summary>
public sealed class EscalationService(
    IEscalationStore store,
    IEscalationDirectory directory,
    INotifier notifier,
    EscalationPolicy policy,
    DepartmentProfile department,
    IEnumerable<ICaseTakeUp> takeUps) : IScheduledWork
{
    Task<int> IScheduledWork.ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken) => ProcessDueAsync(now, cancellationToken);

    private static readonly TextCatalog Texts = EscalationTexts.Catalog;
    private const int TopLevel = (int)EscalationLevel.GeneralManager;

    /// <summary>Raises a case, or returns the open one about the same subject. Level one hears of it at once unless quiet hours hold a normal case.</summary>
    public async Task<EscalationCase> RaiseAsync(EscalationRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.FindOpenAsync(request.Kind, request.Subject, cancellationToken) is { } open) return open;
        var escalation = EscalationCase.Raise(request, now);
        store.Add(escalation);
        // The id goes into the alert ("收到 12"), so the case is written first, inside the caller's unit of work.
        await store.FlushAsync(cancellationToken);
        await ActAsync(escalation, now, cancellationToken);
        return escalation;
    }

    /// <summary>
    /// Acts on every case that is due: climb, re-notify, or send what quiet hours held back. Each case is one atomic
    /// unit claimed by its version, so a job fired on two instances changes a case once.
    /// </summary>
    public async Task<int> ProcessDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var id in await store.DueAsync(now, 100, cancellationToken))
        {
            var didAct = false;
            var won = await store.AtomicallyAsync(async () =>
            {
                var escalation = await store.FindAsync(id, cancellationToken);
                // Re-checked inside the unit: another instance may have acted since the list was read.
                if (escalation?.NextActionAt is not { } due || due > now || escalation.IsClosed) return;
                await ActAsync(escalation, now, cancellationToken);
                didAct = true;
            }, cancellationToken);
            if (won && didAct) acted++;
        }
        return acted;
    }

    public async Task<(ActionOutcome Outcome, EscalationCase? Case)> AcknowledgeAsync(long id, Person actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (refusal, escalation) = await JoinAsync(id, actor, now, cancellationToken);
        if (refusal is not null) return (refusal.Value, escalation);
        if (escalation!.Status == EscalationStatus.Acknowledged && escalation.AcknowledgedById != actor.Id)
            return (ActionOutcome.AlreadyAcknowledged, escalation);
        // An old 收到 button of one who has since handed the case on (转交) does not take it back unnoticed: the colleague
        // it was handed to is the one asked. Whoever the case reached after the hand-over (it climbs if unanswered) may.
        if (escalation.Status == EscalationStatus.Open && escalation.AssigneeId is { } holder && holder != actor.Id
            && escalation.Notices.Where(n => n.PersonId == holder).Select(n => n.At).DefaultIfEmpty().Max() is var handedAt
            && !escalation.Notices.Any(n => n.PersonId == actor.Id && n.At > handedAt))
            return (ActionOutcome.HandedToOther, escalation);

        escalation.Acknowledge(actor.Id, now, now + policy.ResolveReminder);
        await InformAsync(escalation, actor, "InformAcknowledged", now, cancellationToken, null, actor.Name);
        return (ActionOutcome.Done, escalation);
    }

    public async Task<(ActionOutcome Outcome, EscalationCase? Case)> ResolveAsync(long id, Person actor, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (refusal, escalation) = await JoinAsync(id, actor, now, cancellationToken);
        if (refusal is not null) return (refusal.Value, escalation);

        escalation!.Resolve(actor.Id, note, now);
        await InformAsync(escalation, actor, "InformResolved", now, cancellationToken, null, actor.Name, note);
        return (ActionOutcome.Done, escalation);
    }

    /// <summary>
    /// 答复业主: the staff's answer to an owner's message goes to the owner, in chat, as the front desk would put it; it is
    /// kept on the case and the others already told hear of it. A case nobody had taken up is taken up by the one who
    /// answers (the chain stops climbing; the owner is not also sent 已受理 — the answer says more). At night the owner
    /// gets it when quiet hours end, but for an urgent matter at once. True in <c>HeldUntilMorning</c> when it waits.
    /// </summary>
    public async Task<(ActionOutcome Outcome, EscalationCase? Case, bool HeldUntilMorning)> ReplyToOwnerAsync(long id, Person actor, string reply, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (refusal, escalation) = await JoinAsync(id, actor, now, cancellationToken);
        if (refusal is not null) return (refusal.Value, escalation, false);
        if (await OwnerOfAsync(escalation!, cancellationToken) is not { } owner) return (ActionOutcome.NotAnOwners, escalation, false);

        if (escalation!.Status != EscalationStatus.Acknowledged) escalation.Acknowledge(actor.Id, now, now + policy.ResolveReminder);
        var clock = department.ToLocal(now).ToString("HH:mm", CultureInfo.InvariantCulture);
        escalation.AddDetail(Texts.Get("ReplyDetail", TextCatalog.Chinese, clock, actor.Name, reply));
        await InformAsync(escalation, actor, "InformReplied", now, cancellationToken, null, actor.Name, reply);
        var quiet = HeldForOwner(escalation, now);
        var language = TextCatalog.NormalizeLanguage(owner.Language);
        var when = department.ToLocal(escalation.RaisedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        await notifier.NotifyAsync(owner.Id, new OutgoingMessage(Texts.Get("OwnerReply", language, owner.FormOfAddress, when, department.PropertyName, reply)),
            $"esc:{escalation.Id}:reply:{now.ToUnixTimeMilliseconds()}", quiet ? QuietEnd(now) : now, cancellationToken);
        return (ActionOutcome.Done, escalation, quiet);
    }

    /// <summary>The owner who raised the case (留言), or null when staff or the system did.</summary>
    public async Task<Owner?> OwnerOfAsync(EscalationCase escalation, CancellationToken cancellationToken) =>
        escalation.RaisedById is { } raiser && await directory.FindPersonAsync(raiser, cancellationToken) is null
            ? await directory.FindOwnerAsync(raiser, cancellationToken)
            : null;

    /// <summary>
    /// Closes the open case about <paramref name="subject"/> when what it was about has settled by itself (the person
    /// reported missing has checked in after all). Everyone already alerted is told, so nobody goes on arranging cover
    /// that is no longer needed and the case stops climbing. False when no such case is open.
    /// </summary>
    public async Task<bool> SettleAsync(string kind, string subject, Person settledBy, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.FindOpenAsync(kind, subject, cancellationToken) is not { } open) return false;
        open.Resolve(settledBy.Id, note, now);
        // Nobody dealt with it ("已由王五处理完毕" about 王五's own late check-in read oddly): it has lifted.
        await InformAsync(open, settledBy, "InformSettled", now, cancellationToken, null, note);
        return true;
    }

    /// <summary>
    /// Closes case <paramref name="id"/> because the matter it was raised for was closed where it is kept (an emergency's
    /// duty-log entry closed with 结案 by the recorder or the person on duty, who need not be among those alerted). The
    /// case stops climbing, and everyone it alerted, and its raiser, hears once who closed it and how. Null when there is
    /// no such open case; else the names of those told. <paramref name="alreadyTold"/> has heard it in the feature's own words.
    /// </summary>
    public async Task<IReadOnlyList<string>?> CloseWithAsync(long id, Person closedBy, string note, DateTimeOffset now, CancellationToken cancellationToken,
        Person? alreadyTold = null)
    {
        if (await store.FindAsync(id, cancellationToken) is not { IsClosed: false } escalation) return null;
        escalation.Resolve(closedBy.Id, note, now);
        await InformAsync(escalation, closedBy, "InformResolved", now, cancellationToken, alreadyTold, closedBy.Name, note);
        return await NotifiedNamesAsync(escalation, cancellationToken, closedBy.Id);
    }

    public async Task<(ActionOutcome Outcome, EscalationCase? Case, Person? To)> HandOverAsync(long id, Person actor, string toWhom, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (refusal, escalation) = await CheckAsync(id, actor, now, cancellationToken);
        if (refusal is not null) return (refusal.Value, escalation, null);
        var target = await directory.FindStaffAsync(toWhom, cancellationToken);
        if (target is null) return (ActionOutcome.UnknownPerson, escalation, null);
        if (target.Id == actor.Id) return (ActionOutcome.ToSelf, escalation, target);

        escalation!.HandTo(target.Id, now + policy.AckTimeout(escalation));
        await NotifyAsync(escalation, target, now, cancellationToken, handedBy: actor);
        await InformAsync(escalation, actor, "InformHandedOver", now, cancellationToken, target, actor.Name, target.Name);
        return (ActionOutcome.Done, escalation, target);
    }

    public Task<EscalationCase?> LatestOpenRaisedByAsync(string kind, string raisedById, CancellationToken cancellationToken) =>
        store.LatestOpenRaisedByAsync(kind, raisedById, cancellationToken);

    /// <summary>
    /// Adds to an open case what its raiser wrote after it (an owner's "什么时候能来？" a minute after the leak): kept in
    /// the details, and sent to the staff already told of the case — with the buttons still theirs to press — so it is
    /// dealt with as one matter instead of a second case climbing the chain. Nobody told yet (quiet hours): the details
    /// carry it when they are.
    /// </summary>
    public async Task AddDetailAsync(EscalationCase escalation, string line, DateTimeOffset now, CancellationToken cancellationToken)
    {
        escalation.AddDetail(line);
        var id = escalation.Id.ToString(CultureInfo.InvariantCulture);
        var owner = await OwnerOfAsync(escalation, cancellationToken);
        foreach (var personId in escalation.PeopleToInform().Where(p => p != escalation.RaisedById))
        {
            if (await directory.FindPersonAsync(personId, cancellationToken) is not { } person) continue;
            var language = TextCatalog.NormalizeLanguage(person.Language);
            var choices = ActionChoices(escalation, language, all: escalation.Status != EscalationStatus.Acknowledged, ownerRaised: owner is not null);
            await notifier.NotifyAsync(person.Id, new OutgoingMessage(Texts.Get("Addition", language, escalation.Id, escalation.Subject, line), choices),
                $"esc:{id}:add:{now.ToUnixTimeMilliseconds()}:{person.Id}", cancellationToken);
        }
    }

    public Task<IReadOnlyList<EscalationCase>> OpenForAsync(string personId, CancellationToken cancellationToken) =>
        store.OpenForAsync(personId, cancellationToken);

    /// <summary>
    /// The names of everyone the case has alerted so far, in the order they were told, but <paramref name="exceptId"/>:
    /// for "已通知 …" replies.
    /// </summary>
    public async Task<IReadOnlyList<string>> NotifiedNamesAsync(EscalationCase escalation, CancellationToken cancellationToken, string? exceptId = null)
    {
        var names = new List<string>();
        foreach (var personId in escalation.Notices.Select(n => n.PersonId).Where(id => id != exceptId).Distinct(StringComparer.Ordinal))
            if (await directory.FindPersonAsync(personId, cancellationToken) is { } person) names.Add(person.Name);
        return names;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may act on case <paramref name="id"/> now: null, or why not (closed, not theirs,
    /// none such). Not told of it, they may still when a feature's rule lets them take it up (<see cref="ICaseTakeUp"/>).
    /// </summary>
    public async Task<(ActionOutcome? Refusal, EscalationCase? Case)> CheckAsync(long id, Person actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var escalation = await store.FindAsync(id, cancellationToken);
        if (escalation is null) return (ActionOutcome.NotFound, null);
        if (escalation.IsClosed) return (ActionOutcome.AlreadyResolved, escalation);
        if (!escalation.Involves(actor.Id) && !await MayTakeUpAsync(escalation, actor, now, cancellationToken)) return (ActionOutcome.NotYours, escalation);
        return (null, escalation);
    }

    private async Task<bool> MayTakeUpAsync(EscalationCase escalation, Person actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var takeUp in takeUps)
            if (await takeUp.MayTakeUpAsync(escalation, actor, now, cancellationToken)) return true;
        return false;
    }

    /// <summary>
    /// <see cref="CheckAsync"/>, and one who takes the case up without having been told of it joins it as if told: they
    /// hear its outcome and may go on acting on it.
    /// </summary>
    private async Task<(ActionOutcome? Refusal, EscalationCase? Case)> JoinAsync(long id, Person actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (refusal, escalation) = await CheckAsync(id, actor, now, cancellationToken);
        if (refusal is null && !escalation!.Involves(actor.Id)) escalation.Noticed(actor.Id, now);
        return (refusal, escalation);
    }

    private async Task ActAsync(EscalationCase escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (escalation.Severity == Severity.Normal && policy.IsQuiet(LocalTime(now)))
        {
            escalation.WaitUntil(QuietEnd(now));
            return;
        }

        if (escalation.Status == EscalationStatus.Acknowledged)
        {
            await RemindAsync(escalation, now, cancellationToken);
            return;
        }

        var (level, loop, people) = await NextLevelAsync(escalation, now, cancellationToken);
        escalation.MovedTo(level, loop, now + policy.AckTimeout(escalation));
        foreach (var person in people) await NotifyAsync(escalation, person, now, cancellationToken);
    }

    /// <summary>
    /// The next level up that has somebody; an empty level is skipped, not waited on. Past the top the chain loops or
    /// stays. The person the case is about is nobody's level: a shift lead who missed the check-in is not asked to find
    /// cover for themselves, the case goes to the 客服主任.
    /// </summary>
    private async Task<(int Level, int Loop, IReadOnlyList<Person> People)> NextLevelAsync(EscalationCase escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var loop = escalation.Loop;
        var bottom = (int)escalation.StartAt;
        for (var level = Math.Max(escalation.Level + 1, bottom); level <= TopLevel; level++)
        {
            var people = await PeopleAtAsync(escalation, level, now, cancellationToken);
            if (people.Count > 0) return (level, loop, people);
        }
        if (policy.Loop && (escalation.Level < 0 || loop < policy.MaxLoops))
        {
            var nextLoop = escalation.Level < 0 ? loop : loop + 1;
            for (var level = bottom; level <= TopLevel; level++)
            {
                var people = await PeopleAtAsync(escalation, level, now, cancellationToken);
                if (people.Count > 0) return (level, nextLoop, people);
            }
        }
        // No loop (or loops used up): the last level keeps hearing of it until someone answers.
        var stay = Math.Max(escalation.Level, bottom);
        for (var level = stay; level >= bottom; level--)
        {
            var people = await PeopleAtAsync(escalation, level, now, cancellationToken);
            if (people.Count > 0) return (level, loop, people);
        }
        return (stay, loop, []);
    }

    private async Task<IReadOnlyList<Person>> PeopleAtAsync(EscalationCase escalation, int level, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = await directory.PeopleAtAsync((EscalationLevel)level, now, cancellationToken);
        return escalation.AboutId is { } about ? [.. people.Where(p => p.Id != about)] : people;
    }

    /// <summary>
    /// Tells the staff on duty on site (值班人员) of an urgent case beside the chain, when the chain has nobody on site
    /// to reach: at night there is no shift lead, and the 客服主任 it reaches first is at home. They may say 收到 and
    /// 已处理 as the chain may (第2篇 1.6: 值班人员必须及时处理各类突发事件).
    /// </summary>
    public Task AlertOnDutyAsync(EscalationCase escalation, IEnumerable<string> personIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        AlertBesideAsync(escalation, personIds, "AlertOnDuty", now, cancellationToken);

    /// <summary>
    /// Tells the day's duty manager (值班经理, 第2篇 1.1) of an urgent case beside the chain: urgent matters go to both
    /// managers at once (第14篇 3.3), day or night. Nothing when they are already told (on the chain).
    /// </summary>
    public Task AlertDutyManagerAsync(EscalationCase escalation, string personId, DateTimeOffset now, CancellationToken cancellationToken) =>
        AlertBesideAsync(escalation, [personId], "AlertDutyManager", now, cancellationToken);

    private async Task AlertBesideAsync(EscalationCase escalation, IEnumerable<string> personIds, string lineKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var personId in personIds.Distinct(StringComparer.Ordinal))
        {
            // Whoever already heard of it (on the chain, or the one who raised it) is not told twice.
            if (personId == escalation.RaisedById || escalation.Notices.Any(n => n.PersonId == personId)) continue;
            if (await directory.FindPersonAsync(personId, cancellationToken) is not { Active: true } person) continue;
            await NotifyAsync(escalation, person, now, cancellationToken, besideLine: lineKey);
        }
    }

    private async Task NotifyAsync(EscalationCase escalation, Person person, DateTimeOffset now, CancellationToken cancellationToken, Person? handedBy = null,
        string? besideLine = null)
    {
        var language = TextCatalog.NormalizeLanguage(person.Language);
        // One look-up each, as before: a member of staff by name, else an owner by form of address (and their 答复业主 button).
        var staff = escalation.RaisedById is { } raiserId ? await directory.FindPersonAsync(raiserId, cancellationToken) : null;
        var owner = staff is null && escalation.RaisedById is { } ownerId ? await directory.FindOwnerAsync(ownerId, cancellationToken) : null;
        var raiser = staff?.Name ?? owner?.FormOfAddress;
        var levelLine = handedBy is not null
            ? Texts.Get("AlertHandedToYou", language, handedBy.Name)
            : besideLine is not null ? Texts.Get(besideLine, language)
            : Texts.Get("AlertLevel", language, escalation.Level + 1, EscalationTexts.LevelName((EscalationLevel)Math.Max(escalation.Level, 0), language));
        var text = Texts.Get("Alert", language,
            EscalationTexts.SeverityName(escalation.Severity, language),
            escalation.Id,
            escalation.Subject,
            escalation.Details,
            raiser ?? Texts.Get("RaisedBySystem", language),
            department.ToLocal(escalation.RaisedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
            levelLine);
        var id = escalation.Id.ToString(CultureInfo.InvariantCulture);
        escalation.Noticed(person.Id, now);
        // The key names the scheduled action, so the same alert is never enqueued twice for it.
        await notifier.NotifyAsync(person.Id, new OutgoingMessage(text, ActionChoices(escalation, language, all: true, ownerRaised: owner is not null)),
            $"esc:{id}:{now.ToUnixTimeMilliseconds()}:{person.Id}", cancellationToken);
    }

    /// <summary>
    /// 收到 / 已处理 / 转交 for this case as buttons; once it is taken up (<paramref name="all"/> false), 已处理 alone. An
    /// owner's message can also be answered in chat (答复业主).
    /// </summary>
    private static Choice[] ActionChoices(EscalationCase escalation, string language, bool all, bool ownerRaised)
    {
        Choice Button(string word) => new($"{Texts.Get(word, language)} {escalation.Id.ToString(CultureInfo.InvariantCulture)}", Texts.Get(word, language));
        Choice[] actions = all ? [Button("WordAcknowledge"), Button("WordResolve"), Button("WordHandOver")] : [Button("WordResolve")];
        return ownerRaised ? [.. actions, Button("WordReplyOwner")] : actions;
    }

    private async Task RemindAsync(EscalationCase escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        escalation.WaitUntil(now + policy.ResolveReminder);
        var holderId = escalation.AcknowledgedById ?? escalation.AssigneeId;
        if (holderId is null || await directory.FindPersonAsync(holderId, cancellationToken) is not { } holder) return;
        var language = TextCatalog.NormalizeLanguage(holder.Language);
        var text = Texts.Get("Reminder", language, escalation.Id, escalation.Subject,
            department.ToLocal(escalation.AcknowledgedAt ?? now).ToString("HH:mm", CultureInfo.InvariantCulture));
        await notifier.NotifyAsync(holder.Id,
            new OutgoingMessage(text, ActionChoices(escalation, language, all: false, ownerRaised: await OwnerOfAsync(escalation, cancellationToken) is not null)),
            $"esc:{escalation.Id}:remind:{now.ToUnixTimeMilliseconds()}", cancellationToken);
    }

    /// <summary>Tells the raiser and everyone notified what happened — not the actor (who gets the reply), nor <paramref name="alreadyTold"/>.</summary>
    private async Task InformAsync(EscalationCase escalation, Person actor, string key, DateTimeOffset now, CancellationToken cancellationToken,
        Person? alreadyTold, params object[] args)
    {
        foreach (var personId in escalation.PeopleToInform().Where(p => p != actor.Id && p != alreadyTold?.Id))
        {
            if (await directory.FindPersonAsync(personId, cancellationToken) is not { } person)
            {
                // An owner who left a message (留言) raised the case: told when it is taken up and when it is dealt
                // with, in the front desk's words, without the staff's internal notes.
                if (await directory.FindOwnerAsync(personId, cancellationToken) is { } owner)
                    await InformOwnerAsync(escalation, owner, key, now, cancellationToken);
                continue;
            }
            var language = TextCatalog.NormalizeLanguage(person.Language);
            var text = Texts.Get(key, language, [escalation.Id, escalation.Subject, .. args]);
            await notifier.NotifyAsync(person.Id, new OutgoingMessage(text),
                $"esc:{escalation.Id}:{key}:{now.ToUnixTimeMilliseconds()}:{person.Id}", cancellationToken);
        }
    }

    private async Task InformOwnerAsync(EscalationCase escalation, Owner owner, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ownerKey = key switch
        {
            "InformAcknowledged" => "OwnerInformAcknowledged",
            "InformResolved" => "OwnerInformResolved",
            _ => null,
        };
        if (ownerKey is null) return;
        var language = TextCatalog.NormalizeLanguage(owner.Language);
        var when = department.ToLocal(escalation.RaisedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        var notBefore = HeldForOwner(escalation, now) ? QuietEnd(now) : now;
        await notifier.NotifyAsync(owner.Id, new OutgoingMessage(Texts.Get(ownerKey, language, owner.FormOfAddress, when)),
            $"esc:{escalation.Id}:{ownerKey}:{owner.Id}", notBefore, cancellationToken);
    }

    private TimeOnly LocalTime(DateTimeOffset now) => TimeOnly.FromDateTime(department.ToLocal(now).DateTime);

    /// <summary>
    /// Whether what the staff tell an owner now waits for the morning. The front desk does not write to owners at night:
    /// what happens in quiet hours reaches them when those end. Not an urgent matter ("水管爆了"): the owner is up and
    /// waiting, and "已受理" or "师傅10分钟内到，请先关闭总阀" in the morning is no answer (第2篇 1.6: handled at once).
    /// </summary>
    private bool HeldForOwner(EscalationCase escalation, DateTimeOffset now) =>
        escalation.Severity != Severity.Urgent && policy.IsQuiet(LocalTime(now));

    /// <summary>The next end of quiet hours after <paramref name="now"/>.</summary>
    private DateTimeOffset QuietEnd(DateTimeOffset now)
    {
        var end = policy.QuietEnd ?? TimeOnly.MinValue;
        var today = department.LocalDate(now);
        var candidate = department.ToInstant(today, end);
        return candidate > now ? candidate : department.ToInstant(today.AddDays(1), end);
    }
}

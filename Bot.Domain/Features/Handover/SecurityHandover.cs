using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Handover;

public enum SecurityEntryKind
{
    /// <summary>投诉</summary>
    Complaint,
    /// <summary>服务要求</summary>
    ServiceRequest,
}

public enum SecurityEntryStatus
{
    /// <summary>Taken over from security: pending work for customer service.</summary>
    Pending,
    /// <summary>Handed to the security control room with the work book at 18:00.</summary>
    HandedToSecurity,
}

/// <summary>
/// One line of the work book shared with the security control room (工作交接本, 第14篇 3): a complaint or service request
/// taken over in the morning, pending until handled or handed back to security in the evening.
/// </summary>
public sealed class SecurityHandoverEntry
{
    public long Id { get; init; }
    public SecurityEntryKind Kind { get; init; }
    public required string Text { get; init; }
    public bool Urgent { get; init; }
    public required string RecordedById { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public SecurityEntryStatus Status { get; private set; } = SecurityEntryStatus.Pending;
    public string? HandedById { get; private set; }
    public DateTimeOffset? HandedAt { get; private set; }
    public int Version { get; set; }

    public void HandToSecurity(string personId, DateTimeOffset now)
    {
        Status = SecurityEntryStatus.HandedToSecurity;
        HandedById = personId;
        HandedAt = now;
    }
}

public enum SecuritySlot
{
    /// <summary>08:00: take over the night's complaints and service requests (第14篇 3.1).</summary>
    Morning,
    /// <summary>18:00: hand the work book to the control room (第14篇 3.2).</summary>
    Evening,
}

/// <summary>One prompt of one working day: unique per date and slot, so the job fired twice prompts once.</summary>
public sealed class SecurityHandoverRound
{
    public long Id { get; init; }
    public required DateOnly Date { get; init; }
    public required SecuritySlot Slot { get; init; }
    public DateTimeOffset PromptedAt { get; init; }
}

public interface ISecurityHandoverStore
{
    Task<IReadOnlyList<SecurityHandoverEntry>> PendingAsync(CancellationToken cancellationToken);

    Task<SecurityHandoverEntry?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>The prompt of that working day and slot, if it was sent.</summary>
    Task<SecurityHandoverRound?> RoundAsync(DateOnly date, SecuritySlot slot, CancellationToken cancellationToken);

    void Add(SecurityHandoverEntry entry);

    void Add(SecurityHandoverRound round);

    Task FlushAsync(CancellationToken cancellationToken);
}

/// <summary>
/// With the security control room (第14篇 3): at 08:00 on working days the person on duty at the duty office is prompted
/// to take over the night's complaints and service requests; at 18:00 to hand the open ones to security. Each prompt
/// claims its (date, slot) row first.
/// </summary>
public sealed class SecurityHandover(
    ISecurityHandoverStore store,
    IRosterStore roster,
    ShiftSchedule shifts,
    HandoverService handovers,
    HandoverPolicy policy,
    DepartmentProfile department,
    IEscalationStore units) : IScheduledWork
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = department.ToLocal(now);
        // Working days (第14篇 3.1). Public holidays follow the roster's own holiday arrangements, not this calendar.
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return 0;
        var slot = local.Hour < 12 ? SecuritySlot.Morning : SecuritySlot.Evening;
        var today = department.LocalDate(now);
        var onDuty = await OnDutyAsync(now, cancellationToken);
        if (onDuty.Count == 0) return 0;

        var sent = 0;
        await units.AtomicallyAsync(async () =>
        {
            store.Add(new SecurityHandoverRound { Date = today, Slot = slot, PromptedAt = now });
            // A second fire (or instance) fails here on the unique (date, slot) and the whole unit is rolled back.
            await store.FlushAsync(cancellationToken);
            var pending = slot == SecuritySlot.Evening ? await store.PendingAsync(cancellationToken) : [];
            foreach (var personId in onDuty.Distinct(StringComparer.Ordinal))
            {
                var enqueued = await handovers.NotifyAsync(personId, $"security:{today:yyyy-MM-dd}:{slot}:{personId}", language =>
                {
                    if (slot == SecuritySlot.Morning)
                    {
                        var word = Texts.Get("WordIntake", language);
                        return new OutgoingMessage(Texts.Get("SecurityMorningPrompt", language), [new Choice(word, word)]);
                    }
                    var handWord = Texts.Get("WordToSecurity", language);
                    return new OutgoingMessage(Texts.Get("SecurityEveningPrompt", language, pending.Count, Lines(pending, language)), [new Choice(handWord, handWord)]);
                }, cancellationToken);
                if (enqueued) sent++;
            }
        }, cancellationToken);
        return sent;
    }

    /// <summary>Who is on at the duty office now (the fallback post, 第2篇 1.2): the one security hands to and takes from.</summary>
    public async Task<IReadOnlyList<string>> OnDutyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var onDuty = new List<string>();
        foreach (var day in new[] { today.AddDays(-1), today })
            foreach (var (assignment, _) in await roster.OnDateAsync(day, cancellationToken))
                if (assignment.Post == policy.FallbackPost && shifts.Find(assignment.ShiftCode) is { } shift
                    && handovers.At(assignment, shift) is var at && at.Start <= now && now < at.End)
                    onDuty.Add(assignment.PersonId);
        return onDuty;
    }

    internal static string Lines(IEnumerable<SecurityHandoverEntry> entries, string language) =>
        string.Join("\n", entries.Select(e => Texts.Get("SecurityEntryLine", language, e.Id, Texts.Get($"SecurityKind{e.Kind}", language),
            e.Urgent ? Texts.Get("UrgentMark", language) : "", e.Text)));
}

/// <summary>
/// 夜间登记 / night intake: records a complaint or service request taken over from the security control room as pending
/// work (第14篇 3.1). "夜间登记 投诉 紧急 5-1-101 楼道有烟味": an urgent one goes to 客服部经理 at once, and the person is
/// reminded to tell security's manager too (3.3).
/// </summary>
public sealed class SecurityIntakeCommand(ISecurityHandoverStore store, EscalationService escalations) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;
    private static readonly HashSet<string> ComplaintWords = new(StringComparer.Ordinal) { "投诉", "complaint" };
    private static readonly HashSet<string> ServiceWords = new(StringComparer.Ordinal) { "服务", "报修", "需求", "服务要求", "service", "request" };
    private static readonly HashSet<string> UrgentWords = new(StringComparer.Ordinal) { "紧急", "urgent" };

    public CommandInfo Info { get; } = new("security-intake", ["夜间登记"], ["night intake"], Texts, "IntakeDescription", HelpOrder: 35, TakesUrgentWord: true);

    // A matter this long is not carried in a button's value (WeCom caps a card button's key); its writer is asked to resend it.
    private const int MaxAskedText = 200;

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        SecurityEntryKind? kind = null;
        var urgent = false;
        while (words.Count > 0)
        {
            var w = TextInput.ForMatching(words[0]);
            if (ComplaintWords.Contains(w)) kind = SecurityEntryKind.Complaint;
            else if (ServiceWords.Contains(w)) kind = SecurityEntryKind.ServiceRequest;
            else if (UrgentWords.Contains(w)) urgent = true;
            else break;
            words.RemoveAt(0);
        }
        var text = string.Join(' ', words);
        if (kind is null && text.Length is > 0 and <= MaxAskedText)
        {
            // "3-1-502 楼上漏水" without its kind: asked which, with the matter kept in the buttons.
            var word = Info.WordFor(language);
            var prefix = urgent ? $"{word} {Texts.Get("WordUrgent", language)}" : word;
            turn.Ask(Texts.Get("IntakeAskKind", language, text),
            [
                new Choice($"{prefix} {Texts.Get("SecurityKindComplaint", language)} {text}", Texts.Get("SecurityKindComplaint", language)),
                new Choice($"{prefix} {Texts.Get("SecurityKindServiceRequest", language)} {text}", Texts.Get("SecurityKindServiceRequest", language)),
            ]);
            return;
        }
        if (kind is null || text.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("IntakeUsage", language));
            return;
        }
        var entry = new SecurityHandoverEntry { Kind = kind.Value, Text = text, Urgent = urgent, RecordedById = turn.Sender.Id, RecordedAt = turn.Now };
        store.Add(entry);
        await store.FlushAsync(cancellationToken);
        var kindName = Texts.Get($"SecurityKind{kind}", language);
        if (!urgent)
        {
            turn.Reply(Texts.Get("IntakeRecorded", language, entry.Id, kindName, text));
            return;
        }
        // 第14篇 3.3: urgent matters go to the managers at once.
        var subject = Texts.Get("SecurityUrgentSubject", TextCatalog.Chinese, entry.Id, text.Length > 60 ? text[..60] : text);
        await escalations.RaiseAsync(new EscalationRequest("handover.security-urgent", subject, Severity.Urgent,
            Texts.Get("SecurityUrgentDetails", TextCatalog.Chinese, entry.Id, Texts.Get($"SecurityKind{kind}", TextCatalog.Chinese), text),
            turn.Sender.Id, EscalationLevel.DepartmentManager), turn.Now, cancellationToken);
        turn.Reply(Texts.Get("IntakeUrgent", language, entry.Id, kindName, text));
    }
}

/// <summary>交保安 / to security: the pending work book goes to the security control room (第14篇 3.2).</summary>
public sealed class HandToSecurityCommand(ISecurityHandoverStore store, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("to-security", ["交保安"], ["to security"], Texts, "ToSecurityDescription", HelpOrder: 36);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var pending = await store.PendingAsync(cancellationToken);
        foreach (var entry in pending) entry.HandToSecurity(turn.Sender.Id, turn.Now);
        turn.Reply(pending.Count == 0
            ? Texts.Get("ToSecurityNothing", language)
            : Texts.Get("ToSecurityDone", language, pending.Count, SecurityHandover.Lines(pending, language),
                department.ToLocal(turn.Now).ToString("HH:mm", CultureInfo.InvariantCulture)));
    }
}

/// <summary>
/// 第14篇 3: a complaint taken over from security, once dealt with, is called back like any complaint (第9篇 一: within
/// 3 days). <c>转回访 编号 房号</c> registers it with the callbacks feature for that unit's owners, the sender responsible;
/// the entry's number is the case's external id, so asking twice finds the same case.
/// </summary>
public sealed class ComplaintToCallbackCommand(ISecurityHandoverStore store, CallbackService callbacks) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("complaint-callback", ["转回访"], ["complaint callback"], Texts, "ToCallbackDescription", HelpOrder: 37);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length < 2 || !long.TryParse(words[0].TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            turn.AskForArguments(Info, Texts.Get("ToCallbackUsage", language));
            return;
        }
        if (await store.FindAsync(id, cancellationToken) is not { } entry)
        {
            turn.Reply(Texts.Get("ToCallbackNotFound", language, id));
            return;
        }
        if (entry.Kind != SecurityEntryKind.Complaint)
        {
            turn.Reply(Texts.Get("ToCallbackNotComplaint", language, id));
            return;
        }
        var registration = new CaseRegistration($"night-{id}", CaseType.Complaint, words[1], [], entry.Text, [turn.Sender.Id], turn.Now);
        var result = await callbacks.RegisterAsync(registration, turn.Sender.Id, turn.Now, cancellationToken);
        if (result.Case is not { } registered)
        {
            turn.Reply(result.Error(language));
            return;
        }
        turn.Reply(Texts.Get(result.Existing ? "ToCallbackExisting" : "ToCallbackDone", language, id, registered.Id, registered.UnitCode));
    }
}

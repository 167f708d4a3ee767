using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>
/// 收到 / 已处理 / 转交 from chat, and the list of one's open cases. "收到 12" names the case; without a number the
/// person's only open case is meant, or they are asked to pick. 已处理 needs a note and 转交 a person: when they are
/// missing the bot asks for them as a flow.
/// </summary>
public sealed class EscalationCommands(EscalationService escalations, IDirectoryStore people, IEnumerable<ICaseClosedFollowUp> followUps,
    IEnumerable<IResolvedElsewhere> elsewhere, IEnumerable<IShiftPresence> presence) : IConversationFlow
{
    private static readonly TextCatalog Texts = EscalationTexts.Catalog;
    private const string NoteStep = "note";
    private const string AssigneeStep = "assignee";
    private const string ReplyStep = "reply";
    private const string CaseKey = "case";

    public string Name => "escalation";

    public async ValueTask AcknowledgeAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await ResolveCaseAsync(turn, arguments, "WordAcknowledge", cancellationToken) is not var (id, _, actor)) return;
        var (outcome, escalation) = await escalations.AcknowledgeAsync(id, actor, turn.Now, cancellationToken);
        await SayAsync(turn, outcome, id, escalation, "Acknowledged", cancellationToken);
    }

    public async ValueTask ResolveAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        // "已处理" from someone with no case open, where another feature's item waits on them (a call passed on): that item,
        // rather than "没有待处理的升级事项" to one who was told to say 已处理.
        if (!StartsWithNumber(arguments) && await people.FindPersonAsync(turn.Sender.Id, cancellationToken) is { } person
            && (await escalations.OpenForAsync(person.Id, cancellationToken)).Count == 0)
            foreach (var other in elsewhere)
                if (await other.TryResolveAsync(turn, person, cancellationToken)) return;
        if (await ResolveCaseAsync(turn, arguments, "WordResolve", cancellationToken) is not var (id, rest, actor)) return;
        // An old 已处理 button of a case closed since: said now, before a note is asked for and written in vain.
        if (await escalations.CheckAsync(id, actor, turn.Now, cancellationToken) is ({ } refusal, var closed))
        {
            await SayAsync(turn, refusal, id, closed, "Resolved", cancellationToken);
            return;
        }
        if (rest.Length == 0)
        {
            turn.State.Data[CaseKey] = id.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, NoteStep, Texts.Get("AskNote", turn.Language, id));
            return;
        }
        await CloseAsync(turn, id, actor, rest, cancellationToken);
    }

    /// <summary>
    /// 已处理 with its note: the case is closed and everyone told as always; then what the case's own feature asks of the
    /// closer (an owner's message: what to call back), only when it was this turn that closed it.
    /// </summary>
    private async Task CloseAsync(TurnContext turn, long id, Person actor, string note, CancellationToken cancellationToken)
    {
        var (outcome, escalation) = await escalations.ResolveAsync(id, actor, note, turn.Now, cancellationToken);
        await SayAsync(turn, outcome, id, escalation, "Resolved", cancellationToken);
        if (outcome != ActionOutcome.Done || escalation is null) return;
        foreach (var followUp in followUps) await followUp.FollowUpAsync(turn, escalation, actor, cancellationToken);
    }

    public async ValueTask HandOverAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await ResolveCaseAsync(turn, arguments, "WordHandOver", cancellationToken) is not var (id, rest, actor)) return;
        if (rest.Length == 0)
        {
            turn.State.Data[CaseKey] = id.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, AssigneeStep, Texts.Get("AskAssignee", turn.Language, id));
            return;
        }
        await HandOverToAsync(turn, id, actor, rest, cancellationToken);
    }

    /// <summary>答复业主 [编号] 答复: the answer to an owner's message, sent to the owner; without it, it is asked for.</summary>
    public async ValueTask ReplyToOwnerAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await ResolveCaseAsync(turn, arguments, "WordReplyOwner", cancellationToken, ownersOnly: true) is not var (id, rest, actor)) return;
        if (rest.Length == 0)
        {
            turn.State.Data[CaseKey] = id.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, ReplyStep, Texts.Get("AskReply", turn.Language, id));
            return;
        }
        await ReplyAsync(turn, id, actor, rest, cancellationToken);
    }

    private async Task ReplyAsync(TurnContext turn, long id, Person actor, string reply, CancellationToken cancellationToken)
    {
        var (outcome, escalation, held) = await escalations.ReplyToOwnerAsync(id, actor, reply.Length > 500 ? reply[..500] : reply, turn.Now, cancellationToken);
        if (outcome == ActionOutcome.NotAnOwners)
        {
            turn.Reply(Texts.Get("NotAnOwners", turn.Language, id));
            return;
        }
        await SayAsync(turn, outcome, id, escalation, held ? "RepliedAtNight" : "Replied", cancellationToken,
            escalation is null ? "" : (await escalations.OwnerOfAsync(escalation, cancellationToken))?.FormOfAddress ?? "");
    }

    public async ValueTask ListAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var open = await escalations.OpenForAsync(turn.Sender.Id, cancellationToken);
        if (open.Count == 0)
        {
            turn.Reply(Texts.Get("NoneOpen", turn.Language));
            return;
        }
        var lines = open.Select(c => Texts.Get("ListLine", turn.Language, c.Id, EscalationTexts.SeverityName(c.Severity, turn.Language),
            c.Subject, EscalationTexts.StatusName(c.Status, turn.Language)));
        // The next step of each case as a button, so the list is where one acts: 收到 while it waits for someone, 已处理
        // (which asks for the note) once it is taken. Six at most, as a phone shows them.
        var (ack, resolve, reply) = (Texts.Get("WordAcknowledge", turn.Language), Texts.Get("WordResolve", turn.Language), Texts.Get("WordReplyOwner", turn.Language));
        var next = new List<Choice>();
        foreach (var c in open)
        {
            next.Add(c.Status == EscalationStatus.Acknowledged ? new Choice($"{resolve} {c.Id}", $"{resolve} #{c.Id}") : new Choice($"{ack} {c.Id}", $"{ack} #{c.Id}"));
            // An owner's message can be answered from here too.
            if (await escalations.OwnerOfAsync(c, cancellationToken) is not null) next.Add(new Choice($"{reply} {c.Id}", $"{reply} #{c.Id}"));
        }
        next = [.. next.Take(6)];
        turn.Ask(string.Join("\n", [Texts.Get("ListTitle", turn.Language, open.Count), .. lines]), next);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var step = turn.State.Step;
        if (!turn.State.Data.TryGetValue(CaseKey, out var caseText) || !long.TryParse(caseText, CultureInfo.InvariantCulture, out var id)
            || await people.FindPersonAsync(turn.Sender.Id, cancellationToken) is not { } actor)
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", turn.Language));
            return;
        }
        var answer = turn.Said;
        if (answer.Length == 0)
        {
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", turn.Language));
            return;
        }
        // "有啥事", "这个怎么处理？": a question is not how the case was dealt with — the note goes to everyone told of it
        // and into the duty log (第2篇 1.3). Asked again.
        if (step == NoteStep && TextInput.IsQuestion(answer))
        {
            turn.AskAgain(Texts.Get("NoteNotAQuestion", turn.Language, id));
            return;
        }
        turn.EndFlow();
        if (step == AssigneeStep)
        {
            await HandOverToAsync(turn, id, actor, answer, cancellationToken);
            return;
        }
        if (step == ReplyStep)
        {
            await ReplyAsync(turn, id, actor, answer, cancellationToken);
            return;
        }
        await CloseAsync(turn, id, actor, answer, cancellationToken);
    }

    private async Task HandOverToAsync(TurnContext turn, long id, Person actor, string toWhom, CancellationToken cancellationToken)
    {
        var (outcome, escalation, target) = await escalations.HandOverAsync(id, actor, toWhom, turn.Now, cancellationToken);
        if (outcome == ActionOutcome.UnknownPerson)
        {
            turn.Reply(Texts.Get("UnknownPerson", turn.Language, toWhom));
            return;
        }
        if (outcome == ActionOutcome.ToSelf)
        {
            turn.Reply(Texts.Get("HandOverToSelf", turn.Language, id));
            return;
        }
        // Handed to someone at home: done as asked, but said in the same reply, so the case does not sit unseen until their shift.
        if (outcome == ActionOutcome.Done && target is not null && await OffShiftNoteAsync(target, turn, cancellationToken) is { } note)
        {
            turn.Reply(Texts.Get("HandedOver", turn.Language, id, target.Name) + "\n" + note);
            return;
        }
        await SayAsync(turn, outcome, id, escalation, "HandedOver", cancellationToken, target?.Name ?? "");
    }

    /// <summary>"吴九现在不在班（夜班 23:00 开始）…" when the roster has them off now; null when on shift or not a shift worker.</summary>
    private async Task<string?> OffShiftNoteAsync(Person target, TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var p in presence)
            if (await p.OffShiftAsync(target.Id, turn.Now, turn.Language, cancellationToken) is { } next)
                return next.Length > 0
                    ? Texts.Get("HandedToOffShift", turn.Language, target.Name, next)
                    : Texts.Get("HandedToOffShiftNoNext", turn.Language, target.Name);
        return null;
    }

    private static bool StartsWithNumber(string arguments) =>
        TextInput.Normalize(arguments.Trim().TrimStart('#', '＃')) is { Length: > 0 } first && char.IsAsciiDigit(first[0]);

    /// <summary>The case meant by "收到 12" or plain "收到" (the person's only open case), and what followed the number.</summary>
    /// <param name="ownersOnly">Only cases an owner raised are meant (答复业主).</param>
    private async Task<(long Id, string Remainder, Person Actor)?> ResolveCaseAsync(TurnContext turn, string arguments, string wordKey, CancellationToken cancellationToken,
        bool ownersOnly = false)
    {
        if (await people.FindPersonAsync(turn.Sender.Id, cancellationToken) is not { } actor) return null;
        var parts = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (id, parts.Length > 1 ? parts[1] : "", actor);

        var open = (await escalations.OpenForAsync(actor.Id, cancellationToken)).ToList();
        if (ownersOnly)
        {
            var owners = new List<EscalationCase>();
            foreach (var c in open)
                if (await escalations.OwnerOfAsync(c, cancellationToken) is not null) owners.Add(c);
            open = owners;
        }
        if (open.Count == 1) return (open[0].Id, arguments.Trim(), actor);
        if (open.Count == 0)
        {
            turn.Reply(Texts.Get(ownersOnly ? "NoOwnerMessageOpen" : "NoneOpen", turn.Language));
            return null;
        }
        var word = Texts.Get(wordKey, turn.Language);
        // What was said after the word (the note of 已处理, the colleague of 转交) goes with the pick, not asked again.
        var said = arguments.Trim();
        turn.Ask(Texts.Get("WhichOne", turn.Language),
            [.. open.Select(c => new Choice(said.Length == 0 ? $"{word} {c.Id}" : $"{word} {c.Id} {said}", $"#{c.Id} {c.Subject}"))]);
        return null;
    }

    private async Task SayAsync(TurnContext turn, ActionOutcome outcome, long id, EscalationCase? escalation, string doneKey, CancellationToken cancellationToken, string extra = "")
    {
        var language = turn.Language;
        var byId = escalation?.ResolvedById ?? escalation?.AcknowledgedById;
        var by = byId is null ? "" : (await people.FindPersonAsync(byId, cancellationToken))?.Name ?? byId;
        turn.Reply(outcome switch
        {
            ActionOutcome.Done => Texts.Get(doneKey, language, id, extra),
            ActionOutcome.AlreadyResolved => Texts.Get("AlreadyResolved", language, id, by),
            ActionOutcome.AlreadyAcknowledged => Texts.Get("AlreadyAcknowledged", language, id, by),
            ActionOutcome.NotYours => Texts.Get("NotYours", language, id),
            ActionOutcome.HandedToOther => Texts.Get("HandedToOther", language, id,
                escalation?.AssigneeId is { } holder ? (await people.FindPersonAsync(holder, cancellationToken))?.Name ?? holder : ""),
            _ => Texts.Get("NotFound", language, id),
        });
    }
}

internal static class EscalationRoles
{
    /// <summary>Who escalations are mainly for; anyone handed a case may still act on it (the alert says how).</summary>
    public const Roles Supervisors = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;
}

/// <summary>收到 / ack: acknowledges an escalation (the chain stops climbing).</summary>
public sealed class AcknowledgeCommand(EscalationCommands commands) : IBotCommand
{
    public CommandInfo Info { get; } = new("ack", ["收到"], ["ack", "acknowledge"], EscalationTexts.Catalog, "AcknowledgeDescription", HelpOrder: 20, ListedFor: EscalationRoles.Supervisors,
        Urgent: true);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        commands.AcknowledgeAsync(turn, arguments, cancellationToken);
}

/// <summary>已处理 / resolve: closes an escalation with a note.</summary>
public sealed class ResolveCommand(EscalationCommands commands) : IBotCommand
{
    public CommandInfo Info { get; } = new("resolve", ["已处理", "处理完毕"], ["resolve", "resolved"], EscalationTexts.Catalog, "ResolveDescription", HelpOrder: 21, ListedFor: EscalationRoles.Supervisors);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        commands.ResolveAsync(turn, arguments, cancellationToken);
}

/// <summary>转交 / forward: hands an escalation to a colleague.</summary>
public sealed class HandOverCommand(EscalationCommands commands) : IBotCommand
{
    public CommandInfo Info { get; } = new("forward", ["转交"], ["forward", "hand over"], EscalationTexts.Catalog, "HandOverDescription", HelpOrder: 22, ListedFor: EscalationRoles.Supervisors);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        commands.HandOverAsync(turn, arguments, cancellationToken);
}

/// <summary>答复业主 / reply owner: answers an owner's message (留言) in chat; the owner gets it in the front desk's words.</summary>
public sealed class ReplyOwnerCommand(EscalationCommands commands) : IBotCommand
{
    public CommandInfo Info { get; } = new("reply-owner", ["答复业主", "回复业主"], ["reply owner"], EscalationTexts.Catalog, "ReplyOwnerDescription", HelpOrder: 23,
        ListedFor: EscalationRoles.Supervisors, AnswersInline: true);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        commands.ReplyToOwnerAsync(turn, turn.AsTyped(arguments), cancellationToken);
}

/// <summary>升级事项 / escalations: the open cases that involve me.</summary>
public sealed class MyEscalationsCommand(EscalationCommands commands) : IBotCommand
{
    public CommandInfo Info { get; } = new("escalations", ["升级事项", "待处理事项"], ["escalations"], EscalationTexts.Catalog, "ListDescription", HelpOrder: 23, ListedFor: EscalationRoles.Supervisors,
        LookUp: true);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        commands.ListAsync(turn, cancellationToken);
}

/// <summary>
/// 测试升级 / test escalation: lets a supervisor see the chain work end to end. "测试升级 一般 空调报修" raises a normal
/// case; without a severity it is urgent.
/// </summary>
public sealed class TestEscalationCommand(EscalationService escalations, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = EscalationTexts.Catalog;

    public CommandInfo Info { get; } = new("test-escalation", ["测试升级"], ["test escalation"], Texts, "TestDescription",
        Roles: EscalationRoles.Supervisors, HelpOrder: 80);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var words = arguments.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var severity = Severity.Urgent;
        if (words.Length > 0 && TextInput.ForMatching(words[0]) is "一般" or "普通" or "normal")
        {
            severity = Severity.Normal;
            words = words[1..];
        }
        else if (words.Length > 0 && TextInput.ForMatching(words[0]) is "紧急" or "urgent") words = words[1..];

        var details = words.Length > 0 ? string.Join(' ', words) : Texts.Get("TestDetails", turn.Language);
        // Each test is its own case: the subject carries the moment it was raised.
        var subject = Texts.Get("TestSubject", turn.Language, details.Length > 40 ? details[..40] : details,
            department.ToLocal(turn.Now).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        var escalation = await escalations.RaiseAsync(new EscalationRequest("test", subject, severity, details, turn.Sender.Id), turn.Now, cancellationToken);
        turn.Reply(Texts.Get("TestRaised", turn.Language, escalation.Id));
    }
}

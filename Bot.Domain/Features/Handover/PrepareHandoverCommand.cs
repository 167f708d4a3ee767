using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Tickets;

namespace Bot.Domain.Features.Handover;

/// <summary>
/// 交班 / hand over: the outgoing person prepares the handover section by section (第1篇 1.2–1.6, 2.3; 第11篇 5–8 at the
/// front desk; 第14篇 2.1 checklist), then signs it over to the successor from the roster. Every answer is saved as it
/// is given, so 交班 again resumes where it stopped. Keys still out are added from the keys feature before signing.
/// </summary>
public sealed class PrepareHandoverCommand(HandoverService handovers) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;
    private static readonly char[] Separators = [';', '；', '|', '｜'];
    // What staff type between the parts as often as the semicolon asked for (commas on a phone keyboard, one per line).
    private static readonly char[] LooseSeparators = [',', '，', '、', '\n', '\r'];
    private static readonly HashSet<string> TakeBackWords = new(StringComparer.Ordinal) { "撤回", "撤销", "删除上一条", "undo", "take back" };
    private static readonly HashSet<string> DoneWords = new(StringComparer.Ordinal) { "完成", "无", "没有", "好了", "结束", "下一步", "done", "none", "no", "nothing", "next" };
    private static readonly HashSet<string> HandledWords = new(StringComparer.Ordinal) { "已处理", "处理完", "已解决", "handled", "done", "resolved" };
    private static readonly HashSet<string> UnhandledWords = new(StringComparer.Ordinal) { "未处理", "未解决", "处理中", "unhandled", "open", "pending" };
    private const string IdKey = "handover";
    private const string OkValue = "ok";
    private const string NotOkValue = "not-ok";
    private const string AllOkValue = "all-ok";
    // "yes" and "no", so that a typed 是 / 不是 answers them too (TextInput.MatchChoice).
    private const string YesValue = "yes";
    private const string NoValue = "no";
    private const string SubmitValue = "submit";
    // The step after ✗ without a note: what is wrong with the item, asked before the next one.
    private const string NoteSuffix = ":note";
    // A finding typed in place of ✓ / ✗ ("空调外机有异响"), waiting to be confirmed as the item's ✗ and its note.
    private const string FoundSuffix = ":found";
    private const string FoundKey = "found";
    // An unfinished-work line typed with fewer than its four parts ("3栋电梯异响 已报工程部 明天上午来修"): what was
    // given is kept and the missing parts are asked one at a time, rather than the whole line refused.
    private const string UnfinishedStep = "unfinished";
    private static readonly string[] UnfinishedParts = ["matter", "cause", "course", "result"];

    /// <summary>Where the handover stands in help, first of its commands; its part of 待办 stands there too.</summary>
    internal const int HelpOrder = 31;

    public string Name => "handover-prepare";

    public CommandInfo Info { get; } = new("handover", ["交班", "交接班", "准备交班"], ["hand over", "handover"], Texts, "PrepareDescription", HelpOrder: HelpOrder);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await handovers.CurrentShiftAsync(turn.Sender.Id, turn.Now, cancellationToken) is not { } shift)
        {
            turn.Reply(Texts.Get("NoShiftToHandOver", language));
            return;
        }
        var record = await handovers.RecordForAsync(shift, turn.Sender.Id, turn.Now, cancellationToken);
        if (record.OutgoingId != turn.Sender.Id)
        {
            if (record.Status != HandoverStatus.Preparing || record.Items.Count > 0)
            {
                turn.Reply(Texts.Get("SomeoneElseHandsOver", language, handovers.Title(record, language), await handovers.NameOfAsync(record.OutgoingId, cancellationToken)));
                return;
            }
            record.OutgoingId = turn.Sender.Id;
        }
        switch (record.Status)
        {
            case HandoverStatus.Submitted:
                turn.Reply(Texts.Get("WaitingForSuccessor", language, handovers.Title(record, language), await handovers.NameOfAsync(record.SuccessorId, cancellationToken)));
                return;
            case HandoverStatus.Refused:
                turn.Reply(Texts.Get("RefusedWaitingForLead", language, record.Id));
                return;
            case HandoverStatus.Accepted:
                turn.Reply(Texts.Get("AlreadyAcceptedYouMayLeave", language, handovers.Title(record, language), await handovers.NameOfAsync(record.AcceptedById, cancellationToken)));
                return;
        }

        turn.State.Data[IdKey] = record.Id.ToString(CultureInfo.InvariantCulture);
        var steps = StepsFor(record);
        var step = steps.Contains(record.Progress) ? record.Progress : steps[0];
        if (record.Progress.Length == 0) turn.Reply(Texts.Get("PrepareIntro", language, handovers.Title(record, language)));
        else turn.Reply(Texts.Get("PrepareResumed", language, handovers.Title(record, language), record.Items.Count));
        await GoToAsync(turn, record, step, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!turn.State.Data.TryGetValue(IdKey, out var idText) || !long.TryParse(idText, CultureInfo.InvariantCulture, out var id)
            || await handovers.Store.FindAsync(id, cancellationToken) is not { Status: HandoverStatus.Preparing } record
            || record.OutgoingId != turn.Sender.Id)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("PreparationGone", language));
            return;
        }
        var step = turn.State.Step ?? "";
        var steps = StepsFor(record);
        var answer = turn.Said;
        // 交班 typed again in the middle: where the preparation stands, as after a break (never taken as an item or a note).
        if (turn.Message.ChoiceValue is null && Info.Words.Any(w => TextInput.ForMatching(w) == TextInput.ForMatching(answer)))
        {
            await HandleAsync(turn, "", cancellationToken);
            return;
        }
        var key = turn.Choice?.Value ?? TextInput.ForMatching(answer);

        if (step == HandoverRecord.ReviewStep)
        {
            if (key == SubmitValue) await SubmitAsync(turn, record, cancellationToken);
            else turn.Ask(Texts.Get("AskSubmitAgain", language), ReviewChoices(language));
            return;
        }

        if (step.StartsWith(UnfinishedStep + ":", StringComparison.Ordinal))
        {
            await ContinueUnfinishedAsync(turn, record, step[(UnfinishedStep.Length + 1)..], answer, key, cancellationToken);
            return;
        }

        if (step.EndsWith(NoteSuffix, StringComparison.Ordinal) && TryCheckStep(step[..^NoteSuffix.Length], out var notedSection, out var notedIndex))
        {
            // 第1篇 1.5, 第14篇 2.1: an item found not in order is handed over with what is wrong with it.
            var checkStep = step[..^NoteSuffix.Length];
            var items = CheckItems(record, notedSection);
            if (notedIndex >= items.Count)
            {
                await GoToAsync(turn, record, Next(steps, checkStep), cancellationToken);
                return;
            }
            var said = turn.Choice is null ? CheckAnswer.Read(answer) : null;
            if (key == OkValue || said is { Ok: true, Note: null })
            {
                // ✓ after all (pressed on the item's own card, or typed alone): in order, as if pressed first.
                record.Add(notedSection, items[notedIndex], turn.Sender.Id, turn.Now, ok: true);
                await GoToAsync(turn, record, Next(steps, checkStep), cancellationToken);
                return;
            }
            if (answer.Length == 0 || turn.Message.ChoiceValue is not null)
            {
                turn.AskInFlow(this, step, Texts.Get("AskCheckNote", language, items[notedIndex]));
                return;
            }
            // "✗ 电池坏" here too: the note is what follows the mark.
            record.Add(notedSection, items[notedIndex], turn.Sender.Id, turn.Now, ok: false, note: said is { Ok: false, Note: { } after } ? after : answer);
            await GoToAsync(turn, record, Next(steps, checkStep), cancellationToken);
            return;
        }

        if (step.EndsWith(FoundSuffix, StringComparison.Ordinal) && TryCheckStep(step[..^FoundSuffix.Length], out var foundSection, out var foundIndex))
        {
            var checkStep = step[..^FoundSuffix.Length];
            var items = CheckItems(record, foundSection);
            if (foundIndex >= items.Count || !turn.State.Data.TryGetValue(FoundKey, out var found))
            {
                await GoToAsync(turn, record, checkStep, cancellationToken);
                return;
            }
            if (key == YesValue)
            {
                record.Add(foundSection, items[foundIndex], turn.Sender.Id, turn.Now, ok: false, note: found);
                turn.State.Data.Remove(FoundKey);
                await GoToAsync(turn, record, Next(steps, checkStep), cancellationToken);
                return;
            }
            turn.State.Data.Remove(FoundKey);
            if (key == NoValue)
            {
                await GoToAsync(turn, record, checkStep, cancellationToken);
                return;
            }
            // Anything else is a new answer to the item itself (✓ after all, ✗ with another note, another finding).
            step = checkStep;
        }

        if (TryCheckStep(step, out var section, out var index))
        {
            var items = CheckItems(record, section);
            if (index >= items.Count)
            {
                await GoToAsync(turn, record, Next(steps, step), cancellationToken);
                return;
            }
            if (key == AllOkValue || key == TextInput.ForMatching(Texts.Get("AllOkLabel", language)) || (turn.Choice is null && CheckAnswer.IsAllOk(answer)))
            {
                for (var i = index; i < items.Count; i++) record.Add(section, items[i], turn.Sender.Id, turn.Now, ok: true);
                await GoToAsync(turn, record, FirstAfter(steps, section), cancellationToken);
                return;
            }
            var verdict = key switch
            {
                OkValue => new CheckVerdict(true, null),
                NotOkValue => new CheckVerdict(false, null),
                _ => turn.Choice is null ? CheckAnswer.Read(answer) : null,
            };
            if (verdict is not { } checkedAs)
            {
                if (turn.Message.ChoiceValue is null && turn.Choice is null && CheckAnswer.DescribesSomething(answer))
                {
                    // The finding alone ("空调外机有异响"): most likely the item's ✗ and what is wrong, but a signed record
                    // goes to the successor, so it is asked once rather than guessed.
                    var finding = answer.Length > 500 ? answer[..500] : answer;
                    turn.State.Data[FoundKey] = finding;
                    turn.AskInFlow(this, step + FoundSuffix, Texts.Get("CheckFoundConfirm", language, items[index], finding), FoundChoices(language));
                    return;
                }
                turn.Ask(Texts.Get("CheckNotUnderstood", language, items[index]), CheckChoices(language));
                return;
            }
            var (ok, note) = checkedAs;
            if (!ok && note is null)
            {
                // Recorded once the note is given; the progress stays on the item, so 交班 again asks it afresh.
                turn.AskInFlow(this, step + NoteSuffix, Texts.Get("AskCheckNote", language, items[index]));
                return;
            }
            record.Add(section, items[index], turn.Sender.Id, turn.Now, ok: ok, note: note);
            await GoToAsync(turn, record, Next(steps, step), cancellationToken);
            return;
        }

        if (DoneWords.Contains(key) || key == TextInput.ForMatching(Texts.Get("WordDone", language)))
        {
            await GoToAsync(turn, record, Next(steps, step), cancellationToken);
            return;
        }
        if (TakeBackWords.Contains(key))
        {
            // A line written by mistake (a typo, a message meant for something else) is taken back before it is signed.
            turn.Ask(record.TakeBackLast(SectionOf(step), turn.Sender.Id) is { } taken
                ? Texts.Get("ItemTakenBack", language, handovers.Line(taken, language))
                : Texts.Get("NothingToTakeBack", language), DoneChoices(language), textAnswersToo: true);
            return;
        }
        if (answer.Length == 0)
        {
            turn.Ask(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", language), DoneChoices(language), textAnswersToo: true);
            return;
        }
        var parts = answer.Split(Separators, StringSplitOptions.TrimEntries);
        HandoverItem item;
        switch (step)
        {
            case "unfinished":
                // 第1篇 1.2: every issue handed over states its cause, course and result.
                // Commas instead of semicolons are taken when they make exactly the four parts; more would be guessing.
                var loose = answer.Split(LooseSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 4 && loose.Length == 4) parts = loose;
                // More comma parts than four would be a guess at which is which: the format is asked for instead.
                if (parts.Length < 4 && loose.Length < 4)
                {
                    // 第1篇 1.2 asks all four; the ones not given are asked for, in their order, keeping what was given.
                    var given = parts.Where(p => p.Length > 0).Select(p => p.Length > 500 ? p[..500] : p).ToArray();
                    for (var i = 0; i < given.Length; i++) turn.State.Data[UnfinishedKey(UnfinishedParts[i])] = given[i];
                    AskUnfinishedPart(turn, UnfinishedParts[given.Length], given[0]);
                    return;
                }
                if (parts.Length < 4 || parts.Take(4).Any(p => p.Length == 0))
                {
                    turn.Ask(Texts.Get("UnfinishedFormat", language), DoneChoices(language), textAnswersToo: true);
                    return;
                }
                item = record.Add(HandoverSection.UnfinishedWork, parts[0], turn.Sender.Id, turn.Now, cause: parts[1], course: parts[2], result: string.Join("；", parts.Skip(3)));
                break;
            case "incidents":
                // 第1篇 1.3: handled or not, everything major is handed over.
                if (ParseIncident(answer, parts) is not var (matter, handled, note))
                {
                    turn.Ask(Texts.Get("IncidentFormat", language), DoneChoices(language), textAnswersToo: true);
                    return;
                }
                item = record.Add(HandoverSection.Incident, matter, turn.Sender.Id, turn.Now, handled: handled, note: note);
                break;
            default:
                item = record.Add(ListSection(step), answer, turn.Sender.Id, turn.Now);
                break;
        }
        turn.Ask(Texts.Get("ItemRecorded", language, handovers.Line(item, language)), DoneChoices(language), textAnswersToo: true);
    }

    private static string UnfinishedKey(string part) => UnfinishedStep + "." + part;

    private void AskUnfinishedPart(TurnContext turn, string part, string matter) =>
        turn.AskInFlow(this, UnfinishedStep + ":" + part, Texts.Get(part switch
        {
            "cause" => "AskUnfinishedCause",
            "course" => "AskUnfinishedCourse",
            _ => "AskUnfinishedResult",
        }, turn.Language, matter), part == "cause" ? UnknownChoices(turn.Language) : null, textAnswersToo: true);

    /// <summary>One missing part of an unfinished-work line answered; the line is recorded once all four are there.</summary>
    private async Task ContinueUnfinishedAsync(TurnContext turn, HandoverRecord record, string part, string answer, string key, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var data = turn.State.Data;
        var at = Array.IndexOf(UnfinishedParts, part);
        if (at < 1 || !data.TryGetValue(UnfinishedKey("matter"), out var matter))
        {
            await GoToAsync(turn, record, UnfinishedStep, cancellationToken);
            return;
        }
        if (TakeBackWords.Contains(key))
        {
            // The line is not written yet: taking it back drops what was given of it.
            foreach (var p in UnfinishedParts) data.Remove(UnfinishedKey(p));
            turn.Reply(Texts.Get("UnfinishedDropped", language, matter));
            await GoToAsync(turn, record, UnfinishedStep, cancellationToken);
            return;
        }
        var value = turn.Choice?.Label ?? answer;
        if (value.Length == 0 || turn.Message.ChoiceValue is not null && turn.Choice is null)
        {
            AskUnfinishedPart(turn, part, matter);
            return;
        }
        data[UnfinishedKey(part)] = value.Length > 500 ? value[..500] : value;
        if (at + 1 < UnfinishedParts.Length)
        {
            AskUnfinishedPart(turn, UnfinishedParts[at + 1], matter);
            return;
        }
        var item = record.Add(HandoverSection.UnfinishedWork, matter, turn.Sender.Id, turn.Now,
            cause: data[UnfinishedKey("cause")], course: data[UnfinishedKey("course")], result: data[UnfinishedKey("result")]);
        foreach (var p in UnfinishedParts) data.Remove(UnfinishedKey(p));
        turn.AskInFlow(this, UnfinishedStep, Texts.Get("ItemRecorded", language, handovers.Line(item, language)), DoneChoices(language), textAnswersToo: true);
    }

    private static Choice[] UnknownChoices(string language) => [new(Texts.Get("WordUnknown", language), Texts.Get("WordUnknown", language))];

    /// <summary>
    /// An incident line: "事项；已处理/未处理；说明" as asked, or the same with commas, 、, spaces or line breaks between
    /// ("电梯3号停运，已处理，维保已修复"): the first piece after the matter that says handled or not divides the matter
    /// from the note. Null when no piece says it, or nothing comes before it.
    /// </summary>
    private static (string Matter, bool Handled, string? Note)? ParseIncident(string answer, string[] parts)
    {
        if (parts.Length >= 2 && parts[0].Length > 0 && HandledState(parts[1]) is { } stated)
            return (parts[0], stated, parts.Length > 2 ? string.Join("；", parts.Skip(2)) : null);
        for (var start = 0; start < answer.Length; start++)
        {
            if (!IsLooseBreak(answer[start]) || (start > 0 && IsLooseBreak(answer[start - 1]))) continue;
            var from = start;
            while (from < answer.Length && IsLooseBreak(answer[from])) from++;
            var to = from;
            while (to < answer.Length && !IsLooseBreak(answer[to])) to++;
            if (HandledState(answer[from..to]) is not { } handled) continue;
            var matter = answer[..start].Trim();
            if (matter.Length == 0) return null;
            var note = answer[to..].Trim().TrimStart([.. Separators, .. LooseSeparators, ' ']).Trim();
            return (matter, handled, note.Length > 0 ? note : null);
        }
        return null;
    }

    private static bool IsLooseBreak(char c) => char.IsWhiteSpace(c) || Array.IndexOf(Separators, c) >= 0 || Array.IndexOf(LooseSeparators, c) >= 0;

    private static bool? HandledState(string word)
    {
        var key = TextInput.ForMatching(word);
        return HandledWords.Contains(key) ? true : UnhandledWords.Contains(key) ? false : null;
    }

    private async Task GoToAsync(TurnContext turn, HandoverRecord record, string step, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        record.ProgressTo(step);
        if (step == HandoverRecord.ReviewStep)
        {
            // 第1篇 1.5: keys are handed over with the shift; the keys feature knows which are still out.
            record.ClearKeysOut();
            foreach (var key in await handovers.KeysHeldByAsync(record.OutgoingId, cancellationToken))
                record.Add(HandoverSection.KeyOut, Texts.Get("KeyOutText", language, key.Code, key.Opens, key.HolderName, handovers.Clock(key.Since),
                    key.DueBack is { } due ? handovers.Clock(due) : "—"), turn.Sender.Id, turn.Now);
            // 第11篇 5: a call written down and not yet dealt with is unfinished work.
            record.ClearOpenCalls();
            foreach (var call in await handovers.OpenCallsTakenByAsync(record.OutgoingId, cancellationToken))
                record.Add(HandoverSection.OpenCall, Texts.Get("OpenCallText", language, call.Id, handovers.Clock(call.TakenAt),
                    call.UnitCode is null ? call.Matter : call.UnitCode + " " + call.Matter), turn.Sender.Id, turn.Now);
            // 第11篇 4, 9: what the front desk keeps for people is locked in the counter and handed over with it.
            record.ClearHeldItems();
            if (record.FrontDesk)
                foreach (var held in await handovers.FrontDeskHoldsAsync(cancellationToken))
                    record.Add(HandoverSection.HeldItem, Texts.Get("HeldItemText", language, held.Id, held.What, held.ForWhom, handovers.Clock(held.Since)),
                        turn.Sender.Id, turn.Now);
            // 第12篇 1: the tickets the front desk sells for the cinema stay in the counter, handed over with it; 3 and 7:
            // takings still held are the outgoing person's to hand in, whatever their post.
            record.ClearTickets();
            var tickets = await handovers.TicketsAsync(record.OutgoingId, cancellationToken);
            if (record.FrontDesk)
                foreach (var title in tickets.Titles)
                    record.Add(HandoverSection.Tickets, Texts.Get("TicketStockText", language, TicketTexts.Film(title.Title), title.Stock, TicketTexts.Money(title.Price)),
                        turn.Sender.Id, turn.Now);
            if (tickets.Takings > 0)
                record.Add(HandoverSection.Tickets, Texts.Get("TicketTakingsText", language, TicketTexts.Money(tickets.Takings)), turn.Sender.Id, turn.Now);
            // 第1篇 1.3: the shift's major events and emergencies are handed over whether handled or not.
            record.ClearDutyEvents();
            foreach (var e in await handovers.MajorEventsOfAsync(record, turn.Now, cancellationToken))
                record.Add(HandoverSection.DutyEvent, e.Open
                    ? Texts.Get("DutyEventOpenText", language, e.Id, handovers.Clock(e.RecordedAt), Texts.Get($"Block{e.Block}", language), e.Summary)
                    : Texts.Get("DutyEventClosedText", language, e.Id, handovers.Clock(e.RecordedAt), Texts.Get($"Block{e.Block}", language), e.Summary, e.Handling ?? "—"),
                    turn.Sender.Id, turn.Now);
            // 第1篇 1.2, 1.3: what the duty log still has open at this post (a problem found on a round, say) is unfinished
            // work the successor takes on; it does not hold up the handover, only open major events do (2.4).
            record.ClearOpenDutyLog();
            foreach (var e in await handovers.OpenDutyEntriesOfAsync(record, cancellationToken))
                record.Add(HandoverSection.OpenDutyLog, Texts.Get("OpenDutyLogText", language, e.Id, handovers.Clock(e.RecordedAt),
                    DutyLogTexts.KindName(e.Kind, language), e.What), turn.Sender.Id, turn.Now);
            var summary = await handovers.DescribeAsync(record, language, cancellationToken);
            turn.AskInFlow(this, step, Texts.Get("ReviewPrompt", language, summary), ReviewChoices(language));
            return;
        }
        if (TryCheckStep(step, out var section, out var index))
        {
            var items = CheckItems(record, section);
            turn.AskInFlow(this, step, Texts.Get(section == HandoverSection.SharedItem ? "AskShared" : "AskCheck", language, items[index], index + 1, items.Count),
                CheckChoices(language));
            return;
        }
        turn.AskInFlow(this, step, Texts.Get(step switch
        {
            "unfinished" => "AskUnfinished",
            "instructions" => "AskInstructions",
            "repairs" => "AskRepairs",
            "incidents" => "AskIncidents",
            "letters" => "AskLetters",
            _ => "AskCounter",
        }, language), DoneChoices(language), textAnswersToo: true);
    }

    private async Task SubmitAsync(TurnContext turn, HandoverRecord record, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        turn.EndFlow();
        if (await handovers.BlockedByEventsAsync(turn.Now, language, cancellationToken) is { } blocked)
        {
            turn.Reply(blocked + "\n" + Texts.Get("ResumeLater", language));
            return;
        }
        if (await handovers.SuccessorAsync(record, cancellationToken) is not var (successorId, successorName))
        {
            turn.Reply(Texts.Get("NoSuccessor", language, handovers.Title(record, language)));
            return;
        }
        record.Submit(successorId, turn.Now);
        await NotifySuccessorAsync(handovers, record, turn.Sender.DisplayName, cancellationToken);
        turn.Reply(Texts.Get("Submitted", language, handovers.Title(record, language), successorName, record.Items.Count));
    }

    /// <summary>Tells the successor there is a handover to check, with the button that starts it.</summary>
    internal static Task<bool> NotifySuccessorAsync(HandoverService handovers, HandoverRecord record, string outgoingName, CancellationToken cancellationToken) =>
        handovers.NotifyAsync(record.SuccessorId!, $"handover:{record.Id}:to:{record.SuccessorId}:{record.ReopenCount}", language =>
        {
            var word = Texts.Get("WordAccept", language);
            return new OutgoingMessage(Texts.Get("SubmittedToYou", language, outgoingName, handovers.Title(record, language), record.Items.Count),
                [new Choice($"{word} {record.Id}", word)]);
        }, cancellationToken);

    private List<string> StepsFor(HandoverRecord record)
    {
        var post = handovers.Policy.Find(record.Post);
        var steps = new List<string> { "unfinished", "instructions", "repairs", "incidents" };
        if (record.FrontDesk) steps.AddRange(["letters", "counter"]);
        steps.AddRange(Enumerable.Range(0, post?.SharedItems.Count ?? 0).Select(i => $"shared:{i}"));
        steps.AddRange(Enumerable.Range(0, post?.Checklist.Count ?? 0).Select(i => $"check:{i}"));
        steps.Add(HandoverRecord.ReviewStep);
        return steps;
    }

    private IReadOnlyList<string> CheckItems(HandoverRecord record, HandoverSection section) =>
        handovers.Policy.Find(record.Post) is { } post ? section == HandoverSection.SharedItem ? post.SharedItems : post.Checklist : [];

    private static string Next(List<string> steps, string step) =>
        steps.IndexOf(step) is var i and >= 0 && i + 1 < steps.Count ? steps[i + 1] : HandoverRecord.ReviewStep;

    private static string FirstAfter(List<string> steps, HandoverSection section)
    {
        var prefix = section == HandoverSection.SharedItem ? "shared:" : "check:";
        var last = steps.FindLastIndex(s => s.StartsWith(prefix, StringComparison.Ordinal));
        return last >= 0 && last + 1 < steps.Count ? steps[last + 1] : HandoverRecord.ReviewStep;
    }

    private static bool TryCheckStep(string step, out HandoverSection section, out int index)
    {
        section = step.StartsWith("shared:", StringComparison.Ordinal) ? HandoverSection.SharedItem : HandoverSection.Checklist;
        var colon = step.IndexOf(':', StringComparison.Ordinal);
        index = 0;
        return colon > 0 && (step.StartsWith("shared:", StringComparison.Ordinal) || step.StartsWith("check:", StringComparison.Ordinal))
            && int.TryParse(step[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>The section a list step writes into.</summary>
    private static HandoverSection SectionOf(string step) => step switch
    {
        "unfinished" => HandoverSection.UnfinishedWork,
        "incidents" => HandoverSection.Incident,
        _ => ListSection(step),
    };

    private static HandoverSection ListSection(string step) => step switch
    {
        "instructions" => HandoverSection.Instruction,
        "repairs" => HandoverSection.PublicRepair,
        "letters" => HandoverSection.Letters,
        _ => HandoverSection.CounterItem,
    };

    private static Choice[] DoneChoices(string language) => [new(Texts.Get("WordDone", language), Texts.Get("WordDone", language))];

    private static Choice[] FoundChoices(string language) =>
        [new(YesValue, Texts.Get("FoundYesLabel", language)), new(NoValue, Texts.Get("FoundNoLabel", language))];

    private static Choice[] CheckChoices(string language) =>
        [new(OkValue, Texts.Get("OkLabel", language)), new(NotOkValue, Texts.Get("NotOkLabel", language)), new(AllOkValue, Texts.Get("AllOkLabel", language))];

    private static Choice[] ReviewChoices(string language) =>
        [new(SubmitValue, Texts.Get("SubmitLabel", language)), new("取消", Texts.Get("KeepDraftLabel", language))];

    /// <summary>Used by the scheduled prompt: the word that starts this flow.</summary>
    internal static string Word(string language) => Texts.Get("WordPrepare", language);
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Handover;

/// <summary>
/// The handover's part of 待办, read only: what the feature itself would ask of this person now, with the button its own
/// notice offers. Their own 交班 from the prompt before the shift ends (第1篇 2.2) until it is signed over; a handover to
/// take over (接班) once they can do it in person (第14篇 1.2); questions on their handover to answer (答复, 1.5); for a
/// shift lead, a refused handover to decide (1.6, 第1篇 2.4 ⑷) and the locked records to sign (2.3); and at the duty
/// office, after the evening prompt, the work book to hand to security (3.2). Whatever keeps someone past the end of
/// their shift (第2篇 2.4) is pressing.
/// </summary>
public sealed class HandoverTodos(HandoverService handovers, SecurityHandover security, ISecurityHandoverStore securityStore) : ITodos
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    // A question or a refusal quoted in a line is cut to this: the line points to it, the record holds it whole.
    private const int MaxQuoted = 20;

    public int Order => PrepareHandoverCommand.HelpOrder;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        if (!asked.Person.IsStaff) return [];
        var todos = new List<Todo>();
        if (await HandOverAsync(asked, cancellationToken) is { } own) todos.Add(own);
        todos.AddRange(await TakeOverAsync(asked, cancellationToken));
        todos.AddRange(await AnswersAsync(asked, cancellationToken));
        // 第14篇 1.6, 2.3: the shift lead decides refusals and signs the records (as the digest and the reminder go to them).
        if (asked.Person.HasAny(Roles.ShiftLead))
        {
            todos.AddRange(await RefusalsAsync(asked, cancellationToken));
            todos.AddRange(await ReviewsAsync(asked, cancellationToken));
        }
        if (await ToSecurityAsync(asked, cancellationToken) is { } book) todos.Add(book);
        return todos;
    }

    /// <summary>
    /// My shift at a handover post ends within the prompt's lead time (or has ended, while 交班 still finds it) and its
    /// handover is not signed over. Only once checked in: someone who never came on has nothing to hand over — that
    /// absence is attendance's to report.
    /// </summary>
    private async Task<Todo?> HandOverAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var me = asked.Person.Id;
        if (await handovers.CurrentShiftAsync(me, asked.Now, cancellationToken) is not { } shift
            || asked.Now < shift.End - handovers.Policy.PrepareBefore || !await handovers.CheckedInAsync(shift, cancellationToken)) return null;
        var a = shift.Assignment;
        var record = await handovers.Store.FindForShiftAsync(a.Post, a.Date, a.ShiftCode, cancellationToken);
        // As 交班 decides: signed over already, or someone else's preparation under way, is not mine to do.
        if (record is not null && (record.Status != HandoverStatus.Preparing || record.OutgoingId != me && record.Items.Count > 0)) return null;
        var language = asked.Language;
        var ended = asked.Now >= shift.End;
        var word = Texts.Get("WordPrepare", language);
        return new Todo(Texts.Get(ended ? "TodoHandOverLate" : "TodoHandOver", language, shift.Shift.DisplayName(language), a.Post, Clock(shift.End)),
            new Choice(word, word), Pressing: ended);
    }

    /// <summary>
    /// Handovers signed over to me with something for me to do: an item to check (again, once answered) or the signature.
    /// Not while every open item waits on the outgoing person's answer, and not before check-in opens for the shift I come
    /// on for: taking over is done in person (第14篇 1.2), and 接班 would only say when.
    /// </summary>
    private async Task<IEnumerable<Todo>> TakeOverAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var language = asked.Language;
        var todos = new List<Todo>();
        foreach (var record in await handovers.Store.AwaitingAsync(asked.Person.Id, cancellationToken))
        {
            if (record.NextToCheck() is null && record.OpenQuestions > 0) continue;
            if (await handovers.CheckInOpensForAsync(record, asked.Person.Id, cancellationToken) is { } opens && asked.Now < opens) continue;
            var title = handovers.Title(record, language);
            var outgoing = await handovers.NameOfAsync(record.OutgoingId, cancellationToken);
            var line = record.NextToCheck() is null ? Texts.Get("TodoTakeOverSign", language, title)
                : record.Items.Any(i => i.State == HandoverItemState.Answered) ? Texts.Get("TodoTakeOverAnswered", language, title, outgoing)
                : Texts.Get("TodoTakeOver", language, title, outgoing);
            // 第2篇 2.4: past the end of the shift, the outgoing person is held until I take over.
            var late = false;
            if (handovers.EndOf(record) is { } end && asked.Now >= end)
            {
                line += Texts.Get("TodoTakeOverLate", language, Clock(end));
                late = true;
            }
            var word = Texts.Get("WordAccept", language);
            todos.Add(new Todo(line, Command(word, record.Id), Pressing: late));
        }
        return todos;
    }

    /// <summary>
    /// Questions the successor asked on my handover (第14篇 1.5), one line each, while the successor is checking it (a
    /// refused one is the shift lead's to decide). 答复 answers the record's first open question.
    /// </summary>
    private async Task<IEnumerable<Todo>> AnswersAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var language = asked.Language;
        var todos = new List<Todo>();
        foreach (var record in await handovers.Store.WithQuestionsForAsync(asked.Person.Id, cancellationToken))
        {
            if (record.Status != HandoverStatus.Submitted) continue;
            var title = handovers.Title(record, language);
            var successor = await handovers.NameOfAsync(record.SuccessorId, cancellationToken);
            // Past the end of my shift, the successor cannot finish and I may not leave (第14篇 1.7, 第2篇 2.4).
            var end = handovers.EndOf(record);
            var late = end is { } ended && asked.Now >= ended;
            var word = Texts.Get("WordAnswer", language);
            foreach (var item in record.InOrder.Where(i => i.State == HandoverItemState.Questioned))
            {
                var line = Texts.Get("TodoAnswer", language, title, successor, item.Number, Quoted(item.Question ?? "", language));
                if (late) line += Texts.Get("TodoAnswerLate", language, Clock(end!.Value));
                todos.Add(new Todo(line, Command(word, record.Id), Pressing: late));
            }
        }
        return todos;
    }

    /// <summary>
    /// Refused handovers whose shift lead I am (as the alert reaches them): the outgoing person may not leave until I
    /// re-open it or name a cover, so always pressing. The button is the alert's, the record in full.
    /// </summary>
    private async Task<IEnumerable<Todo>> RefusalsAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var language = asked.Language;
        var today = handovers.Department.LocalDate(asked.Now);
        var todos = new List<Todo>();
        // The same days the watch and the digest look at.
        foreach (var record in await handovers.Store.NotAcceptedSinceAsync(today.AddDays(-1), cancellationToken))
        {
            if (record.Status != HandoverStatus.Refused) continue;
            if (!(await handovers.ShiftLeadsForAsync(record, cancellationToken)).Any(p => p.Id == asked.Person.Id)) continue;
            var title = handovers.Title(record, language);
            var line = record.SuccessorUnfit
                ? Texts.Get("TodoUnfit", language, title, await handovers.NameOfAsync(record.SuccessorId, cancellationToken))
                : Texts.Get("TodoRefused", language, title, await handovers.NameOfAsync(record.RefusedById, cancellationToken),
                    Quoted(record.RefusalReason ?? "", language));
            todos.Add(new Todo(line, Command(Texts.Get("WordShow", language), record.Id), Pressing: true));
        }
        return todos;
    }

    /// <summary>
    /// Locked records not yet signed by a shift lead (第14篇 2.3), by day with the reminder's button; pressing once the
    /// next morning's reminder time has passed.
    /// </summary>
    private async Task<IEnumerable<Todo>> ReviewsAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var language = asked.Language;
        var department = handovers.Department;
        var word = Texts.Get("WordReview", language);
        return (await handovers.Store.UnreviewedAsync(department.LocalDate(asked.Now), cancellationToken)).GroupBy(r => r.Date).Select(day =>
        {
            var dayText = day.Key.ToString("MM-dd", CultureInfo.InvariantCulture);
            var due = department.ToInstant(day.Key.AddDays(1), handovers.Policy.ReviewReminderAt);
            return new Todo(Texts.Get("TodoReview", language, dayText, day.Count()), new Choice($"{word} {dayText}", $"{word} {dayText}"),
                Pressing: asked.Now >= due);
        }).ToList();
    }

    /// <summary>
    /// 第14篇 3.2: once today's evening prompt has gone out, whoever is on at the duty office hands the pending work book to
    /// security with 交保安 — due now, so pressing. (The morning's intake has no state to tell whether it was done, and a
    /// pending entry no command of its own, so neither is listed.)
    /// </summary>
    private async Task<Todo?> ToSecurityAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var today = handovers.Department.LocalDate(asked.Now);
        if (await securityStore.RoundAsync(today, SecuritySlot.Evening, cancellationToken) is not { } round
            || !(await security.OnDutyAsync(asked.Now, cancellationToken)).Contains(asked.Person.Id)) return null;
        var pending = await securityStore.PendingAsync(cancellationToken);
        if (pending.Count == 0) return null;
        var language = asked.Language;
        var word = Texts.Get("WordToSecurity", language);
        return new Todo(Texts.Get("TodoToSecurity", language, Clock(round.PromptedAt), pending.Count), new Choice(word, word), Pressing: true);
    }

    /// <summary>The button of the feature's own notice: "接班 12", "答复 12", "交接记录 12".</summary>
    private static Choice Command(string word, long id)
    {
        var value = $"{word} {id.ToString(CultureInfo.InvariantCulture)}";
        return new Choice(value, value);
    }

    private static string Quoted(string text, string language) =>
        text.Length <= MaxQuoted ? text : Texts.Get("TodoCut", language, text[..MaxQuoted]);

    private string Clock(DateTimeOffset instant) => handovers.Department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}

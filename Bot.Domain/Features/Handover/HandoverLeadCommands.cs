using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Handover;

internal static class HandoverRoles
{
    /// <summary>Who reviews, re-opens and finds cover: the shift lead (第14篇 2.3), and above.</summary>
    public const Roles Leads = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager;
}

/// <summary>
/// 审阅交接 / sign handovers: the shift lead reviews and signs the day's locked handovers (第14篇 2.3). "审阅交接 11-26"
/// signs that day's; without a date every locked handover not yet signed.
/// </summary>
public sealed class ReviewHandoversCommand(HandoverService handovers) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("handover-review", ["审阅交接"], ["sign handovers", "review handovers"], Texts, "ReviewDescription",
        Roles: HandoverRoles.Leads, HelpOrder: 37);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = handovers.Department.LocalDate(turn.Now);
        DateOnly? day = null;
        if (arguments.Length > 0)
        {
            if (!TryParseDay(arguments, today, out var parsed))
            {
                turn.Reply(Texts.Get("ReviewDateNotUnderstood", language, arguments));
                return;
            }
            day = parsed;
        }
        var unsigned = (await handovers.Store.UnreviewedAsync(day ?? today, cancellationToken)).Where(r => day is null || r.Date == day).ToList();
        var signed = unsigned.Where(r => r.Review(turn.Sender.Id, turn.Now)).ToList();
        var notYet = (await handovers.Store.NotAcceptedSinceAsync(day ?? today.AddDays(-1), cancellationToken))
            .Where(r => day is null ? r.Date <= today : r.Date == day).ToList();
        var lines = new List<string>
        {
            signed.Count == 0 ? Texts.Get("NothingToReview", language) : Texts.Get("ReviewedCount", language, signed.Count),
        };
        lines.AddRange(signed.Select(r => Texts.Get("ReviewedItem", language, handovers.Title(r, language))));
        if (notYet.Count > 0)
        {
            lines.Add(Texts.Get("NotYetAcceptedTitle", language, notYet.Count));
            lines.AddRange(notYet.Select(r => Texts.Get("ReviewedItem", language, handovers.Title(r, language) + " — " + HandoverTexts.StatusName(r.Status, language))));
        }
        turn.Reply(string.Join("\n", lines));
    }

    internal static bool TryParseDay(string text, DateOnly today, out DateOnly day)
    {
        var t = TextInput.Normalize(text);
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        if (DateOnly.TryParseExact($"{today.Year}-{t}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            // "12-31" read on 01-01 is last year's.
            if (day > today) day = day.AddYears(-1);
            return true;
        }
        return false;
    }
}

/// <summary>重开交接 / reopen handover: only the shift lead, with a reason; the successor checks and signs again.</summary>
public sealed class ReopenHandoverCommand(HandoverService handovers) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("handover-reopen", ["重开交接"], ["reopen handover"], Texts, "ReopenDescription",
        Roles: HandoverRoles.Leads, HelpOrder: 38);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (id, reason) = HandoverService.ParseId(arguments);
        if (id is null || reason.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("ReopenUsage", language));
            return;
        }
        if (await handovers.Store.FindAsync(id.Value, cancellationToken) is not { } record)
        {
            turn.Reply(Texts.Get("NotFound", language, id.Value));
            return;
        }
        record.Reopen(turn.Sender.Id, reason, turn.Now);
        foreach (var personId in new[] { record.OutgoingId, record.SuccessorId }.OfType<string>().Distinct(StringComparer.Ordinal))
            await handovers.NotifyAsync(personId, $"handover:{record.Id}:reopened:{record.ReopenCount}:{personId}", l =>
            {
                var word = Texts.Get(personId == record.SuccessorId ? "WordAccept" : "WordShow", l);
                return new OutgoingMessage(Texts.Get("ReopenedTell", l, turn.Sender.DisplayName, handovers.Title(record, l), reason),
                    [new Choice($"{word} {record.Id}", word)]);
            }, cancellationToken);
        turn.Reply(Texts.Get("Reopened", language, handovers.Title(record, language), reason));
    }
}

/// <summary>补充交接 / add to handover: the outgoing person or the shift lead adds an item after signing; it is marked as added later.</summary>
public sealed class AddToHandoverCommand(HandoverService handovers) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("handover-add", ["补充交接"], ["add to handover"], Texts, "AddDescription", HelpOrder: 39);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (id, text) = HandoverService.ParseId(arguments);
        if (id is null || text.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("AddUsage", language));
            return;
        }
        if (await handovers.Store.FindAsync(id.Value, cancellationToken) is not { } record)
        {
            turn.Reply(Texts.Get("NotFound", language, id.Value));
            return;
        }
        if (record.OutgoingId != turn.Sender.Id && !turn.Sender.HasAny(HandoverRoles.Leads))
            throw new BotRuleException(Texts, "OnlyOutgoingOrLeadAdds", record.Id);
        if (record.IsLocked) throw new BotRuleException(Texts, "Locked", record.Id);
        if (record.Status == HandoverStatus.Preparing)
        {
            turn.Reply(Texts.Get("StillPreparingUsePrepare", language, record.Id));
            return;
        }
        var item = record.Add(HandoverSection.Addition, text, turn.Sender.Id, turn.Now);
        if (record.SuccessorId is { } successor && successor != turn.Sender.Id)
            await handovers.NotifyAsync(successor, $"handover:{record.Id}:added:{item.Number}", l =>
            {
                var word = Texts.Get("WordAccept", l);
                return new OutgoingMessage(Texts.Get("AddedTell", l, turn.Sender.DisplayName, handovers.Title(record, l), handovers.Line(item, l)),
                    [new Choice($"{word} {record.Id}", word)]);
            }, cancellationToken);
        turn.Reply(Texts.Get("Added", language, handovers.Line(item, language)));
    }
}

/// <summary>
/// 接班人不宜接班 / successor unfit: the successor shows signs of drinking or is not clear-headed (第1篇 2.4 ⑷). With no
/// cover the handover is refused and the shift lead is alerted to find cover (顶班).
/// </summary>
public sealed class SuccessorUnfitCommand(HandoverService handovers) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("handover-unfit", ["接班人不宜接班", "不宜接班"], ["successor unfit"], Texts, "UnfitDescription", HelpOrder: 40);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (id, reason) = HandoverService.ParseId(arguments);
        HandoverRecord? record = null;
        if (id is { } wanted) record = await handovers.Store.FindAsync(wanted, cancellationToken);
        else if (await handovers.CurrentShiftAsync(turn.Sender.Id, turn.Now, cancellationToken) is { } shift)
            record = await handovers.Store.FindForShiftAsync(shift.Assignment.Post, shift.Assignment.Date, shift.Assignment.ShiftCode, cancellationToken);
        if (record is null)
        {
            turn.Reply(Texts.Get("UnfitUsage", language));
            return;
        }
        if (record.OutgoingId != turn.Sender.Id && !turn.Sender.HasAny(HandoverRoles.Leads))
            throw new BotRuleException(Texts, "OnlyOutgoingOrLeadAdds", record.Id);
        if (reason.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("UnfitUsage", language));
            return;
        }
        var successor = await handovers.NameOfAsync(record.SuccessorId, cancellationToken);
        record.DeclareSuccessorUnfit(turn.Sender.Id, reason, turn.Now);
        var told = await handovers.AlertShiftLeadAsync(record, "handover.no-cover", "UnfitSubject", "UnfitDetails", Severity.Urgent, turn.Now, cancellationToken,
            successor, await handovers.NameOfAsync(record.OutgoingId, cancellationToken), reason, record.Post);
        turn.Reply(Texts.Get("UnfitDone", language, handovers.Title(record, language), successor, HandoverService.Describe(told, language)));
    }
}

/// <summary>顶班 / cover: the shift lead names who takes over instead of the successor; they check every item afresh.</summary>
public sealed class CoverHandoverCommand(HandoverService handovers, IEscalationDirectory people) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public CommandInfo Info { get; } = new("handover-cover", ["顶班"], ["cover"], Texts, "CoverDescription", Roles: HandoverRoles.Leads, HelpOrder: 41);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (id, who) = HandoverService.ParseId(arguments);
        if (id is null || who.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("CoverUsage", language));
            return;
        }
        if (await handovers.Store.FindAsync(id.Value, cancellationToken) is not { } record)
        {
            turn.Reply(Texts.Get("NotFound", language, id.Value));
            return;
        }
        if (await people.FindStaffAsync(who, cancellationToken) is not { } cover || cover.Id == record.OutgoingId)
        {
            turn.Reply(Texts.Get("UnknownPerson", language, who));
            return;
        }
        record.AssignCover(cover.Id);
        await PrepareHandoverCommand.NotifySuccessorAsync(handovers, record, await handovers.NameOfAsync(record.OutgoingId, cancellationToken), cancellationToken);
        turn.Reply(Texts.Get("CoverAssigned", language, handovers.Title(record, language), cover.Name));
    }
}

/// <summary>
/// 交接记录 / handovers: the last seven days' handovers I gave or took (shift leads and above: everyone's);
/// "交接记录 12" shows one in full.
/// </summary>
public sealed class HandoverRecordsCommand(HandoverService handovers) : IBotCommand
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;
    private const int Days = 7;

    public CommandInfo Info { get; } = new("handovers", ["交接记录", "交接班记录"], ["handovers"], Texts, "RecordsDescription", HelpOrder: 34, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var lead = turn.Sender.HasAny(HandoverRoles.Leads);
        var (id, _) = HandoverService.ParseId(arguments);
        if (id is { } wanted)
        {
            var record = await handovers.Store.FindAsync(wanted, cancellationToken);
            if (record is null || !lead && record.OutgoingId != turn.Sender.Id && record.SuccessorId != turn.Sender.Id)
            {
                turn.Reply(Texts.Get("NotFound", language, wanted));
                return;
            }
            turn.Reply(await handovers.DescribeAsync(record, language, cancellationToken));
            return;
        }
        var today = handovers.Department.LocalDate(turn.Now);
        var records = await handovers.Store.RecentAsync(today.AddDays(-(Days - 1)), lead ? null : turn.Sender.Id, cancellationToken);
        if (records.Count == 0)
        {
            turn.Reply(Texts.Get("NoRecords", language, Days));
            return;
        }
        var lines = new List<string> { Texts.Get("RecordsTitle", language, Days, records.Count) };
        foreach (var r in records)
            lines.Add(Texts.Get("RecordsLine", language, handovers.Title(r, language), await handovers.NameOfAsync(r.OutgoingId, cancellationToken),
                await handovers.NameOfAsync(r.SuccessorId, cancellationToken), HandoverTexts.StatusName(r.Status, language),
                r.ReviewedAt is null ? "" : Texts.Get("ReviewedMark", language)));
        turn.Reply(string.Join("\n", lines));
    }
}

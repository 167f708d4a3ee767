using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Custody;

/// <summary>The front-desk custody slice's text catalog (CustodyTexts.resx, CustodyTexts.en.resx).</summary>
public static class CustodyTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Custody.CustodyTexts", typeof(CustodyTexts).Assembly);
}

/// <summary>An item held at the front desk, for the handover (第11篇 5, 9): what, for whom, since when.</summary>
public sealed record HeldOut(long Id, string What, string ForWhom, DateTimeOffset Since);

/// <summary>What the front desk holds now, for the front-desk handover. The custody feature answers it.</summary>
public interface IHeldItems
{
    Task<IReadOnlyList<HeldOut>> HeldAsync(CancellationToken cancellationToken);
}

public sealed class HeldItemsList(IHeldItemStore store) : IHeldItems
{
    public async Task<IReadOnlyList<HeldOut>> HeldAsync(CancellationToken cancellationToken) =>
        [.. (await store.OpenAsync(cancellationToken)).Where(i => i.Status == HeldItemStatus.Held)
            .Select(i => new HeldOut(i.Id, i.What, i.ForWhom, i.DecidedAt ?? i.RequestedAt))];
}

/// <summary>What the custody commands share: reading "快递一件 给 3-1-502 陈先生", who approves, telling people.</summary>
public sealed class CustodyDesk(IHeldItemStore store, Colleagues colleagues, DepartmentProfile department)
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;
    // Longest first: "转交给" before "交给" before "给".
    private static readonly string[] ForWords = ["转交给", "留给", "转给", "交给", "转交", "给", " for ", " to "];

    public IHeldItemStore Store => store;

    public string Stamp(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>How many days an item may wait at the counter before someone should call the person it is for.</summary>
    public const int LongHeldDays = 2;

    /// <summary>Held <see cref="LongHeldDays"/> days or more by the calendar: taken in on the 26th, from the 28th on.</summary>
    public bool HeldLong(HeldItem item, DateOnly day) =>
        item.Status == HeldItemStatus.Held && department.LocalDate(item.DecidedAt ?? item.RequestedAt) <= day.AddDays(-LongHeldDays);

    /// <summary>"#3 快递一件（顺丰） → 3-1-502 陈先生"</summary>
    public static string Describe(HeldItem item, string language) => Texts.Get("ItemLine", language, item.Id, item.What, item.ForWhom);

    /// <summary>"快递一件 给 3-1-502 陈先生": what, and whom it is for; null when either is missing.</summary>
    public static (string What, string ForWhom)? Parse(string text)
    {
        var t = text.Trim();
        foreach (var word in ForWords)
        {
            // From the second character: "给排水图纸 给 王师傅" names what before it names whom.
            var at = t.Length > 1 ? t.IndexOf(word, 1, StringComparison.OrdinalIgnoreCase) : -1;
            if (at <= 0) continue;
            var what = t[..at].Trim(' ', '，', ',');
            var forWhom = t[(at + word.Length)..].Trim(' ', '，', ',');
            if (what.Length == 0 || forWhom.Length == 0) return null;
            return (what.Length > HeldItem.MaxWhatLength ? what[..HeldItem.MaxWhatLength] : what,
                forWhom.Length > HeldItem.MaxForLength ? forWhom[..HeldItem.MaxForLength] : forWhom);
        }
        return null;
    }

    /// <summary>Who approves a request now: the supervisors (客务主管); with none, the department manager, then the general manager.</summary>
    public Task<IReadOnlyList<Person>> ApproversAsync(string exceptId, DateTimeOffset now, CancellationToken cancellationToken) =>
        colleagues.FirstAtAsync([EscalationLevel.Supervisor, EscalationLevel.DepartmentManager, EscalationLevel.GeneralManager], exceptId, now, cancellationToken);

    public Task<string> NameAsync(string? personId, CancellationToken cancellationToken) => colleagues.NameAsync(personId, cancellationToken);

    public Task TellAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        colleagues.TellAsync(personId, key, message, cancellationToken);

    /// <summary>"批准代存 3" (its number and what followed), or the open ones that fit offered as buttons.</summary>
    public async Task<(HeldItem Item, string Said)?> PickAsync(TurnContext turn, string arguments, string wordKey, Func<HeldItem, bool> fits,
        string noneKey, CancellationToken cancellationToken)
    {
        var words = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && long.TryParse(TextInput.Normalize(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return (await store.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "NotFound", id),
                words.Length > 1 ? turn.AsTyped(words[1]) : "");
        var open = (await store.OpenAsync(cancellationToken)).Where(fits).ToList();
        var rest = turn.AsTyped(arguments.Trim());
        if (open.Count == 0)
        {
            turn.Reply(Texts.Get(noneKey, turn.Language));
            return null;
        }
        if (open.Count == 1) return (open[0], rest);
        turn.Ask(Texts.Get("WhichItem", turn.Language),
            [.. open.Select(i => Texts.Action(wordKey, i.Id, turn.Language, then: rest.Length == 0 ? null : rest) with { Label = Describe(i, turn.Language) })]);
        return null;
    }
}

/// <summary>
/// 代存物品 / 代转物品 物品 给 某人: the front desk asks before it keeps or passes on anything for anyone (第11篇 4); 客务主管
/// (or the department manager) approves in chat, and only then is the item taken in and locked in the counter.
/// </summary>
public sealed class HoldItemCommand(CustodyDesk desk, HeldItemKind kind) : IBotCommand
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;

    public CommandInfo Info { get; } = kind == HeldItemKind.Store
        ? new("custody-store", ["代存物品", "寄存物品", "代收物品", ParcelWord], ["hold item"], Texts, "StoreDescription", HelpOrder: 95, ListedFor: Roles.FrontDesk)
        : new("custody-pass", ["代转物品", "转交物品"], ["pass item"], Texts, "PassDescription", HelpOrder: 96, ListedFor: Roles.FrontDesk);

    /// <summary>代收快递: the front desk's most common custody, a parcel for an owner — "代收快递 3-1-502 陈先生" needs no 给.</summary>
    private const string ParcelWord = "代收快递";

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var typed = turn.AsTyped(arguments).Trim();
        var parcel = kind == HeldItemKind.Store && TextInput.ForMatching(turn.Text).StartsWith(ParcelWord, StringComparison.Ordinal);
        var parsed = CustodyDesk.Parse(typed);
        if (parcel && typed.Length > 0)
            parsed = parsed is var (count, to) ? (Texts.Get("Parcel", language) + count, to) : (Texts.Get("Parcel", language), typed);
        if (parsed is not var (what, forWhom))
        {
            turn.AskForArguments(Info, Texts.Get(kind == HeldItemKind.Store ? "StoreUsage" : "PassUsage", language));
            return;
        }
        var item = new HeldItem { Kind = kind, What = what, ForWhom = forWhom, RequestedById = turn.Sender.Id, RequestedAt = turn.Now };
        if (turn.Sender.HasAny(HeldItem.Approvers))
        {
            item.Approve(turn.Sender.Id, turn.Now);
            desk.Store.Add(item);
            await desk.Store.FlushAsync(cancellationToken);
            turn.Reply(Texts.Get("HeldAtOnce", language, CustodyDesk.Describe(item, language), item.Id));
            return;
        }
        var approvers = await desk.ApproversAsync(turn.Sender.Id, turn.Now, cancellationToken);
        if (approvers.Count == 0) throw new BotRuleException(Texts, "NoApprover");
        desk.Store.Add(item);
        await desk.Store.FlushAsync(cancellationToken);
        foreach (var approver in approvers)
            await desk.TellAsync(approver.Id, $"custody:{item.Id}:ask:{approver.Id}", l => new OutgoingMessage(
                Texts.Get(kind == HeldItemKind.Store ? "AskStore" : "AskPass", l, turn.Sender.DisplayName, CustodyDesk.Describe(item, l)),
                [Texts.Action("WordApprove", item.Id, l, "ApproveLabel"), Texts.Action("WordRefuse", item.Id, l, "RefuseLabel")]), cancellationToken);
        turn.Reply(Texts.Get("Requested", language, CustodyDesk.Describe(item, language),
            string.Join(language == TextCatalog.English ? ", " : "、", approvers.Select(a => a.Name))));
    }
}

/// <summary>
/// 批准代存 N / 不批准代存 N [原因]: 客务主管 or the department manager decides (第11篇 4); the front desk hears. Pressed on
/// the request itself, so help lists it (like every custody command) only where the front desk reads it.
/// </summary>
public sealed class DecideItemCommand(CustodyDesk desk, bool approve) : IBotCommand
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;

    public CommandInfo Info { get; } = approve
        ? new("custody-approve", ["批准代存", "批准代转"], ["approve item"], Texts, "ApproveDescription", Roles: HeldItem.Approvers, HelpOrder: 97, TakesRemark: true,
            ListedFor: Roles.FrontDesk)
        : new("custody-refuse", ["不批准代存", "不批准代转"], ["refuse item"], Texts, "RefuseDescription", Roles: HeldItem.Approvers, HelpOrder: 98, TakesRemark: true,
            ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await desk.PickAsync(turn, arguments, approve ? "WordApprove" : "WordRefuse", i => i.Status == HeldItemStatus.Requested,
                "NoneRequested", cancellationToken) is not var (item, why))
            return;
        if (item.Status != HeldItemStatus.Requested)
            throw new BotRuleException(Texts, "AlreadyDecided", item.Id, await desk.NameAsync(item.DecidedById, cancellationToken));
        var me = turn.Sender.DisplayName;
        if (approve)
        {
            item.Approve(turn.Sender.Id, turn.Now);
            // "批准代存 3 放二号柜": the approver's words reach the front desk with the approval, as a refusal's reason does.
            await desk.TellAsync(item.RequestedById, $"custody:{item.Id}:approved", l => new OutgoingMessage(
                Texts.Get("ApprovedToYou", l, me, CustodyDesk.Describe(item, l), item.Id)
                + (why.Length == 0 ? "" : Texts.Get("ApprovalRemark", l, why.Length > 200 ? why[..200] : why))), cancellationToken);
            turn.Reply(Texts.Get("ApprovedReply", language, CustodyDesk.Describe(item, language)));
            return;
        }
        item.Refuse(turn.Sender.Id, turn.Now);
        await desk.TellAsync(item.RequestedById, $"custody:{item.Id}:refused", l => new OutgoingMessage(why.Length == 0
            ? Texts.Get("RefusedToYou", l, me, CustodyDesk.Describe(item, l))
            : Texts.Get("RefusedToYouWhy", l, me, CustodyDesk.Describe(item, l), why)), cancellationToken);
        turn.Reply(Texts.Get("RefusedReply", language, CustodyDesk.Describe(item, language)));
    }
}

/// <summary>物品取走 N [领取人]: the one it was for has collected it (or it was passed on); it leaves the counter.</summary>
public sealed class CollectItemCommand(CustodyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;

    public CommandInfo Info { get; } = new("custody-collect", ["物品取走", "物品已取", "已转交"], ["item collected"], Texts, "CollectDescription", HelpOrder: 99, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await desk.PickAsync(turn, arguments, "WordCollect", i => i.Status == HeldItemStatus.Held, "NoneHeld", cancellationToken) is not var (item, by))
            return;
        if (item.Status != HeldItemStatus.Held)
            throw new BotRuleException(Texts, item.Status == HeldItemStatus.Collected ? "AlreadyCollected" : "NotHeld", item.Id);
        item.Collect(by, turn.Sender.Id, turn.Now);
        turn.Reply(Texts.Get(by.Length == 0 ? "CollectedReply" : "CollectedReplyBy", turn.Language, CustodyDesk.Describe(item, turn.Language), by));
    }
}

/// <summary>代存记录: what the front desk holds now and what waits for approval, with a 取走 button each.</summary>
public sealed class HeldItemsCommand(CustodyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;

    public CommandInfo Info { get; } = new("custody-list", ["代存记录", "前台物品", "有快递", "有没有快递", "代存的东西"], ["held items"], Texts, "ListDescription", HelpOrder: 94,
        LookUp: true, ListedFor: Roles.FrontDesk, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var open = await desk.Store.OpenAsync(cancellationToken);
        if (open.Count == 0)
        {
            turn.Reply(Texts.Get("ListEmpty", language));
            return;
        }
        var lines = new List<string> { Texts.Get("ListTitle", language, open.Count) };
        foreach (var item in open)
            lines.Add(Texts.Get(item.Status == HeldItemStatus.Held ? "ListHeld" : "ListRequested", language, CustodyDesk.Describe(item, language),
                desk.Stamp(item.DecidedAt ?? item.RequestedAt), await desk.NameAsync(item.RequestedById, cancellationToken)));
        var held = open.Where(i => i.Status == HeldItemStatus.Held).Take(6).ToList();
        turn.Reply(string.Join("\n", lines), held.Count == 0 ? null : [.. held.Select(i => Texts.NumberedAction("WordCollect", i.Id, language))]);
    }
}

/// <summary>
/// The supervisor digest's custody section: requests still waiting for approval, and items held at the front desk for
/// two days or more — someone should call the person they are for, rather than the counter filling up.
/// </summary>
public sealed class CustodyDigestSection(CustodyDesk desk) : IDigestSection
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;

    public int Order => 27;

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var item in await desk.Store.OpenAsync(cancellationToken))
        {
            // Taken in on the 26th: listed from the 28th's digest on.
            if (item.Status == HeldItemStatus.Held && !desk.HeldLong(item, day)) continue;
            lines.Add(Texts.Get(item.Status == HeldItemStatus.Held ? "ListHeld" : "ListRequested", language, CustodyDesk.Describe(item, language),
                desk.Stamp(item.DecidedAt ?? item.RequestedAt), await desk.NameAsync(item.RequestedById, cancellationToken)));
        }
        return lines.Count == 0 ? null : string.Join("\n", [Texts.Get("DigestSection", language, lines.Count), .. lines]);
    }
}

/// <summary>
/// What waits on a person at the front desk, for 待办: for the front desk, every item held in the counter until it is
/// collected or passed on (第11篇 9) — held two days or more it is pressing, time to call the one it is for; for 客务主管
/// (or whoever is asked when there is none), the requests waiting for their approval (第11篇 4). Each with the button
/// 代存记录 or the request offers; nothing is changed.
/// </summary>
public sealed class CustodyTodos(CustodyDesk desk, DepartmentProfile department) : ITodos
{
    private static readonly TextCatalog Texts = CustodyTexts.Catalog;

    // 代存记录's help order, where front-desk custody stands in help.
    public int Order => 94;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, language) = (asked.Person, asked.Language);
        var frontDesk = me.HasAny(Roles.FrontDesk);
        if (!frontDesk && !me.HasAny(HeldItem.Approvers)) return [];
        var today = department.LocalDate(asked.Now);
        var todos = new List<Todo>();
        var approversOf = new Dictionary<string, IReadOnlyList<Person>>(StringComparer.Ordinal);
        foreach (var item in await desk.Store.OpenAsync(cancellationToken))
        {
            if (item.Status == HeldItemStatus.Held && frontDesk)
            {
                var since = item.DecidedAt ?? item.RequestedAt;
                var late = desk.HeldLong(item, today);
                todos.Add(new Todo(late
                    ? Texts.Get($"TodoHeldLong{item.Kind}", language, CustodyDesk.Describe(item, language), desk.Stamp(since),
                        ConversationTexts.Duration(asked.Now - since, language))
                    : Texts.Get($"TodoHeld{item.Kind}", language, CustodyDesk.Describe(item, language), desk.Stamp(since)),
                    Texts.NumberedAction("WordCollect", item.Id, language), Pressing: late));
            }
            else if (item.Status == HeldItemStatus.Requested && item.RequestedById != me.Id)
            {
                // Those the request went to: the supervisors, or with none the level above (第11篇 4).
                if (!approversOf.TryGetValue(item.RequestedById, out var approvers))
                    approversOf[item.RequestedById] = approvers = await desk.ApproversAsync(item.RequestedById, asked.Now, cancellationToken);
                if (approvers.Any(p => p.Id == me.Id))
                    todos.Add(new Todo(Texts.Get($"TodoAsk{item.Kind}", language, await desk.NameAsync(item.RequestedById, cancellationToken),
                        CustodyDesk.Describe(item, language)), Texts.NumberedAction("WordApprove", item.Id, language)));
            }
        }
        return todos;
    }
}

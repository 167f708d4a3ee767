using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Hazards;

/// <summary>
/// What the hazardous-materials commands share (第13篇): reading "鼠药 2包 地下室灭鼠", who approves, telling people,
/// and how a line of the 《危险品使用登记表》 reads.
/// </summary>
public sealed partial class HazardDesk(IHazardStore store, HazardPolicy policy, Colleagues colleagues, DepartmentProfile department)
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;
    private static readonly char[] Separators = [' ', ',', '，', '、', ':', '：'];

    public IHazardStore Store => store;

    public HazardPolicy Policy => policy;

    public string Clock(DateTimeOffset instant) => department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>HH:mm on <paramref name="today"/>, MM-dd HH:mm on another day (the digest reads yesterday's lines).</summary>
    public string When(DateTimeOffset instant, DateOnly today) => department.LocalDate(instant) == today ? Clock(instant) : Stamp(instant);

    public string Stamp(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Materials(string language) => string.Join(language == TextCatalog.English ? ", " : "、", policy.Materials);

    /// <summary>
    /// "鼠药 2包 3号楼地下室灭鼠" (or "鼠药2包 …"): the material of the list, the quantity with its unit, and what for.
    /// Null for a part missing; a material not on the list is refused with the list.
    /// </summary>
    public (string Material, decimal Quantity, string Unit, string Purpose)? ParseDraw(string text, string language)
    {
        var typed = text.Trim();
        if (typed.Length == 0) return null;
        var folded = TextInput.ForMatching(typed);
        var material = policy.Materials.Where(m => folded.StartsWith(TextInput.ForMatching(m), StringComparison.Ordinal)).MaxBy(m => m.Length);
        if (material is null)
            throw new BotRuleException(Texts, "UnknownMaterial", typed.Split(Separators, 2, StringSplitOptions.RemoveEmptyEntries)[0], Materials(language));
        var rest = typed[Math.Min(material.Length, typed.Length)..].TrimStart(Separators);
        var parts = rest.Split(Separators, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || ParseAmount(parts[0]) is not var (quantity, unit) || unit is null) return null;
        var purpose = parts[1].Length > 200 ? parts[1][..200] : parts[1];
        return (material, quantity, unit, purpose);
    }

    /// <summary>"2包", "0.5瓶", "两包", "半瓶", "500ml", "0": a positive or zero amount and its unit (null when not written).</summary>
    public static (decimal Quantity, string? Unit)? ParseAmount(string text)
    {
        var t = TextInput.Normalize(text).Replace(" ", "", StringComparison.Ordinal);
        if (Amount().Match(t) is not { Success: true } m) return null;
        var number = m.Groups["n"].Value;
        decimal quantity;
        if (number == "半") quantity = 0.5m;
        else if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var digits)) quantity = digits;
        else if (ClockInput.TryNumber(number, out var words)) quantity = words;
        else return null;
        if (quantity > 100_000) return null;
        var unit = m.Groups["u"].Value;
        return (quantity, unit.Length == 0 ? null : unit.Length > 8 ? unit[..8] : unit);
    }

    [GeneratedRegex(@"^(?<n>[0-9]{1,6}(?:\.[0-9]{1,2})?|[零〇一二两三四五六七八九十]{1,3}|半)(?<u>[^0-9\s.]{0,8})$")]
    private static partial Regex Amount();

    /// <summary>Who approves and hands out a request: the shift lead(s) on duty; with none, the supervisors, then anyone above.</summary>
    public Task<IReadOnlyList<Person>> ApproversAsync(string exceptId, DateTimeOffset now, CancellationToken cancellationToken) =>
        colleagues.FirstAtAsync([EscalationLevel.ShiftLead, EscalationLevel.Supervisor, EscalationLevel.DepartmentManager, EscalationLevel.GeneralManager],
            exceptId, now, cancellationToken);

    public Task<string> NameAsync(string? personId, CancellationToken cancellationToken) => colleagues.NameAsync(personId, cancellationToken);

    /// <summary>Tells a person in their language; the key makes a repeat send nothing twice.</summary>
    public Task TellAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        colleagues.TellAsync(personId, key, message, cancellationToken);

    /// <summary>"#3 鼠药 2包（3号楼地下室灭鼠）"</summary>
    public static string Describe(HazardUse use, string language) =>
        Texts.Get("UseLine", language, use.Id, use.Material, HazardTexts.Amount(use.Quantity, use.Unit), use.Purpose);

    /// <summary>A line of 危险品记录: what, who, when drawn and by whom, and where it stands.</summary>
    public async Task<string> RecordLineAsync(HazardUse use, DateOnly today, string language, CancellationToken cancellationToken)
    {
        var user = await NameAsync(use.UserId, cancellationToken);
        var by = await NameAsync(use.DecidedById, cancellationToken);
        var state = use.Status switch
        {
            HazardUseStatus.Requested => Texts.Get("StateRequested", language, When(use.RequestedAt, today)),
            HazardUseStatus.Issued => Texts.Get("StateIssued", language, When(use.IssuedAt!.Value, today), by),
            HazardUseStatus.Returned => Texts.Get("StateReturned", language, When(use.IssuedAt!.Value, today), by, When(use.ReturnedAt!.Value, today),
                HazardTexts.Amount(use.Used!.Value, use.Unit), HazardTexts.Amount(use.ReturnedQuantity!.Value, use.Unit)),
            _ => Texts.Get("StateRefused", language, by),
        };
        return Texts.Get("RecordLine", language, Describe(use, language), user, state);
    }

    /// <summary>
    /// The request a shift lead approves or refuses (发放 / 不发放危险品), and what was said after it: still waiting, and
    /// not their own — approving one's own request would skip the second person the policy puts between a member of
    /// staff and the poison (第13篇 3.0).
    /// </summary>
    public async Task<(HazardUse Use, string Said)?> RequestToDecideAsync(TurnContext turn, string arguments, string wordKey, CancellationToken cancellationToken)
    {
        if (await PickAsync(turn, arguments, wordKey, u => u.Status == HazardUseStatus.Requested && u.UserId != turn.Sender.Id,
                "NoneRequested", cancellationToken) is not var (use, said))
            return null;
        if (use.Status != HazardUseStatus.Requested) throw new BotRuleException(Texts, "AlreadyDecided", use.Id, await NameAsync(use.DecidedById, cancellationToken));
        if (use.UserId == turn.Sender.Id) throw new BotRuleException(Texts, "OwnRequest", use.Id);
        return (use, said);
    }

    /// <summary>The use meant by "发放危险品 12" (the number and what followed it), or null with the open ones offered.</summary>
    public async Task<(HazardUse Use, string Said)?> PickAsync(TurnContext turn, string arguments, string wordKey, Func<HazardUse, bool> fits,
        string noneKey, CancellationToken cancellationToken)
    {
        var words = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && long.TryParse(TextInput.Normalize(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return (await store.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "NotFound", id), words.Length > 1 ? words[1] : "");
        var rest = arguments.Trim();
        var open = (await store.OpenAsync(cancellationToken)).Where(fits).ToList();
        if (open.Count == 0)
        {
            turn.Reply(Texts.Get(noneKey, turn.Language));
            return null;
        }
        // One open and nothing else it could be: that one. Several: each a button, carrying what was said after the word.
        if (open.Count == 1) return (open[0], rest);
        var choices = new List<Choice>();
        foreach (var use in open)
            choices.Add(Texts.Action(wordKey, use.Id, turn.Language, then: rest.Length == 0 ? null : rest) with
            {
                Label = Texts.Get("UseChoice", turn.Language, Describe(use, turn.Language), await NameAsync(use.UserId, cancellationToken)),
            });
        turn.Ask(Texts.Get("WhichUse", turn.Language), choices);
        return null;
    }
}

/// <summary>
/// 领用危险品 鼠药 2包 用途: a shift lead or above draws it from the store and it is registered at once (第13篇 2.0);
/// anyone else asks, and the shift lead on duty approves and hands it out in person (3.0).
/// </summary>
public sealed class DrawHazardCommand(HazardDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public CommandInfo Info { get; } = new("hazard-draw", ["领用危险品", "申请危险品"], ["draw hazard"], Texts, "DrawDescription", HelpOrder: 60);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (desk.ParseDraw(turn.AsTyped(arguments), language) is not var (material, quantity, unit, purpose))
        {
            turn.AskForArguments(Info, Texts.Get("DrawUsage", language, desk.Materials(language)));
            return;
        }
        if (quantity <= 0) throw new BotRuleException(Texts, "QuantityPositive");

        if (turn.Sender.HasAny(HazardUse.Approvers))
        {
            var drawn = HazardUse.Drawn(material, quantity, unit, purpose, turn.Sender.Id, turn.Sender.Id, turn.Now);
            desk.Store.Add(drawn);
            await desk.Store.FlushAsync(cancellationToken);
            turn.Reply(Texts.Get("Drawn", language, HazardDesk.Describe(drawn, language), desk.Clock(turn.Now), drawn.Id));
            return;
        }

        var approvers = await desk.ApproversAsync(turn.Sender.Id, turn.Now, cancellationToken);
        if (approvers.Count == 0) throw new BotRuleException(Texts, "NoApprover");
        var use = new HazardUse { Material = material, Quantity = quantity, Unit = unit, Purpose = purpose, UserId = turn.Sender.Id, RequestedAt = turn.Now };
        desk.Store.Add(use);
        await desk.Store.FlushAsync(cancellationToken);
        foreach (var approver in approvers)
            await desk.TellAsync(approver.Id, $"hazard:{use.Id}:ask:{approver.Id}", l => new OutgoingMessage(
                Texts.Get("AskApprover", l, turn.Sender.DisplayName, HazardDesk.Describe(use, l)),
                [Texts.Action("WordIssue", use.Id, l, "IssueLabel"), Texts.Action("WordRefuse", use.Id, l, "RefuseLabel")]), cancellationToken);
        turn.Reply(Texts.Get("Requested", language, HazardDesk.Describe(use, language),
            string.Join(language == TextCatalog.English ? ", " : "、", approvers.Select(a => a.Name))));
    }
}

/// <summary>发放危险品 N: the shift lead approves the use and hands it out in person (第13篇 3.0).</summary>
public sealed class IssueHazardCommand(HazardDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public CommandInfo Info { get; } = new("hazard-issue", ["发放危险品", "批准危险品"], ["issue hazard"], Texts, "IssueDescription",
        Roles: HazardUse.Approvers, HelpOrder: 61);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await desk.RequestToDecideAsync(turn, arguments, "WordIssue", cancellationToken) is not var (use, _)) return;
        var language = turn.Language;
        use.Issue(turn.Sender.Id, turn.Now);
        await desk.TellAsync(use.UserId, $"hazard:{use.Id}:issued", l => new OutgoingMessage(
            Texts.Get("IssuedToYou", l, turn.Sender.DisplayName, HazardDesk.Describe(use, l), use.Id)), cancellationToken);
        turn.Reply(Texts.Get("IssuedReply", language, HazardDesk.Describe(use, language), await desk.NameAsync(use.UserId, cancellationToken)));
    }
}

/// <summary>不发放危险品 N [原因]: the request is not approved; the person hears why.</summary>
public sealed class RefuseHazardCommand(HazardDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public CommandInfo Info { get; } = new("hazard-refuse", ["不发放危险品", "拒绝危险品"], ["refuse hazard"], Texts, "RefuseDescription",
        Roles: HazardUse.Approvers, HelpOrder: 62);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await desk.RequestToDecideAsync(turn, arguments, "WordRefuse", cancellationToken) is not var (use, reason)) return;
        use.Refuse(turn.Sender.Id, turn.Now);
        var why = turn.AsTyped(reason);
        await desk.TellAsync(use.UserId, $"hazard:{use.Id}:refused", l => new OutgoingMessage(why.Length == 0
            ? Texts.Get("RefusedToYou", l, turn.Sender.DisplayName, HazardDesk.Describe(use, l))
            : Texts.Get("RefusedToYouWhy", l, turn.Sender.DisplayName, HazardDesk.Describe(use, l), why)), cancellationToken);
        turn.Reply(Texts.Get("RefusedReply", turn.Language, use.Id, await desk.NameAsync(use.UserId, cancellationToken)));
    }
}

/// <summary>
/// 退回危险品 [N] 剩余数量 | 用完: the use ends; what is left went back to the store, and the register says how much was
/// used (第13篇 4.0). By the person who drew it, or a shift lead or above.
/// </summary>
public sealed class ReturnHazardCommand(HazardDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;
    private static readonly HashSet<string> AllUsed = new(StringComparer.Ordinal) { "用完", "用完了", "已用完", "全部用完", "没有剩", "无剩余", "all used", "used up", "none left" };

    public CommandInfo Info { get; } = new("hazard-return", ["退回危险品", "归还危险品"], ["return hazard"], Texts, "ReturnDescription", HelpOrder: 63);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var mayAct = turn.Sender.HasAny(HazardUse.Approvers);
        bool Mine(HazardUse u) => u.Status == HazardUseStatus.Issued && u.UserId == turn.Sender.Id;
        // "退回危险品 2" with one line out and none of mine numbered 2: the amount left, not a line number.
        var alone = TextInput.ForMatching(arguments);
        if (long.TryParse(alone, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && (await desk.Store.OpenAsync(cancellationToken)).Where(Mine).ToList() is [var only] && only.Id != number)
            arguments = $"{only.Id} {alone}";
        if (await desk.PickAsync(turn, arguments, "WordReturn", Mine, "NoneIssued", cancellationToken) is not var (use, said))
            return;
        if (use.Status != HazardUseStatus.Issued)
            throw new BotRuleException(Texts, use.Status == HazardUseStatus.Returned ? "AlreadyReturned" : "NotIssued", use.Id);
        if (use.UserId != turn.Sender.Id && !mayAct) throw new BotRuleException(Texts, "NotYours", use.Id);

        decimal left;
        var key = TextInput.ForMatching(said);
        if (AllUsed.Contains(key)) left = 0;
        else if (HazardDesk.ParseAmount(key) is var (amount, unit) && (unit is null || string.Equals(unit, use.Unit, StringComparison.OrdinalIgnoreCase)))
        {
            if (amount > use.Quantity) throw new BotRuleException(Texts, "MoreThanDrawn", HazardTexts.Amount(amount, use.Unit), HazardTexts.Amount(use.Quantity, use.Unit));
            left = amount;
        }
        else
        {
            // How much is left is the register's point (第13篇 4.0): asked for, in the unit it was drawn in.
            turn.AskForArguments(Info, Texts.Get("AskLeft", language, HazardDesk.Describe(use, language), use.Id, use.Unit));
            return;
        }
        use.Return(left, turn.Sender.Id, turn.Now);
        if (use.DecidedById is { } issuer && issuer != turn.Sender.Id)
            await desk.TellAsync(issuer, $"hazard:{use.Id}:returned", l => new OutgoingMessage(Texts.Get("ReturnedToIssuer", l, turn.Sender.DisplayName,
                HazardDesk.Describe(use, l), HazardTexts.Amount(use.Used!.Value, use.Unit), HazardTexts.Amount(left, use.Unit))), cancellationToken);
        turn.Reply(Texts.Get(left == 0 ? "ReturnedAllUsed" : "Returned", language, HazardDesk.Describe(use, language),
            HazardTexts.Amount(use.Used!.Value, use.Unit), HazardTexts.Amount(left, use.Unit)));
    }
}

/// <summary>
/// 危险品异常 [编号] 情况: anything unusual while using a hazardous material goes to the shift lead and the supervisor at
/// once (第13篇 5.0) — an urgent escalation, which climbs if nobody says 收到.
/// </summary>
public sealed class HazardAnomalyCommand(HazardDesk desk, EscalationService escalations) : IBotCommand
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public CommandInfo Info { get; } = new("hazard-anomaly", ["危险品异常"], ["hazard anomaly"], Texts, "AnomalyDescription", HelpOrder: 65);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var said = turn.AsTyped(arguments);
        // "危险品异常 3 药包破损" names the line; otherwise the one line the person has out, if any.
        HazardUse? use = null;
        var words = said.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2 && long.TryParse(words[0].TrimStart('#', '＃'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            use = await desk.Store.FindAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "NotFound", id);
            said = words[1];
        }
        else if ((await desk.Store.OpenAsync(cancellationToken)).Where(u => u.UserId == turn.Sender.Id && u.Status == HazardUseStatus.Issued).ToList() is [var only])
            use = only;
        if (said.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("AnomalyAsk", language));
            return;
        }
        var what = said.Length > 300 ? said[..300] : said;
        var line = use is null ? "" : HazardDesk.Describe(use, TextCatalog.Chinese);
        var escalation = await escalations.RaiseAsync(new EscalationRequest("hazards.anomaly",
            Texts.Get("AnomalySubject", TextCatalog.Chinese, turn.Sender.DisplayName, desk.Stamp(turn.Now), line),
            Severity.Urgent,
            Texts.Get(use is null ? "AnomalyDetails" : "AnomalyDetailsWithLine", TextCatalog.Chinese, turn.Sender.DisplayName, what, line),
            turn.Sender.Id), turn.Now, cancellationToken);
        var told = await escalations.NotifiedNamesAsync(escalation, cancellationToken, exceptId: turn.Sender.Id);
        turn.Reply(told.Count == 0
            ? Texts.Get("AnomalyReported", language, escalation.Id)
            : Texts.Get("AnomalyReportedTo", language, escalation.Id, string.Join(language == TextCatalog.English ? ", " : "、", told)));
    }
}

/// <summary>危险品记录: the register for shift leads and above — today's lines and every one still out.</summary>
public sealed class HazardRecordCommand(HazardDesk desk, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public CommandInfo Info { get; } = new("hazard-record", ["危险品记录", "危险品登记"], ["hazard record"], Texts, "RecordDescription",
        Roles: HazardUse.Approvers, HelpOrder: 64, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.ToInstant(department.LocalDate(turn.Now), TimeOnly.MinValue);
        var uses = await desk.Store.SinceOrOpenAsync(today, cancellationToken);
        if (uses.Count == 0)
        {
            turn.Reply(Texts.Get("RecordEmpty", language));
            return;
        }
        var lines = new List<string> { Texts.Get("RecordTitle", language, uses.Count) };
        foreach (var use in uses) lines.Add(await desk.RecordLineAsync(use, department.LocalDate(turn.Now), language, cancellationToken));
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>
/// Issued and not brought back within <see cref="HazardPolicy.ReturnWithin"/>: the holder is reminded to return what is
/// left, and the one who handed it out is told (第13篇 4.0). Claimed in the database, so a double fire acts once.
/// </summary>
public sealed class HazardWatch(HazardDesk desk) : IScheduledWork
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var overdue in await desk.Store.OverdueAsync(now - desk.Policy.ReturnWithin, cancellationToken))
        {
            var done = false;
            var won = await desk.Store.AtomicallyAsync(async () =>
            {
                // Re-read inside the unit: 退回 or another instance may have changed it since the list was read.
                if (await desk.Store.FindAsync(overdue.Id, cancellationToken) is not { Status: HazardUseStatus.Issued, RemindedAt: null } use) return;
                use.Reminded(now);
                var since = desk.Clock(use.IssuedAt!.Value);
                await desk.TellAsync(use.UserId, $"hazard:{use.Id}:remind", l => new OutgoingMessage(
                    Texts.Get("ReturnReminder", l, HazardDesk.Describe(use, l), since, use.Id), [Texts.NumberedAction("WordReturn", use.Id, l)]), cancellationToken);
                if (use.DecidedById is { } issuer && issuer != use.UserId)
                    await desk.TellAsync(issuer, $"hazard:{use.Id}:remind-issuer", l => new OutgoingMessage(
                        Texts.Get("ReturnOverdueToIssuer", l, HazardDesk.Describe(use, l), since)), cancellationToken);
                done = true;
            }, cancellationToken);
            if (won && done) acted++;
        }
        return acted;
    }
}

/// <summary>
/// The supervisor digest's hazardous-materials section: every line still requested or out (第13篇 4.0). Now (今日概况):
/// what is drawn and not yet returned, with who has it, those out longer than the policy allows marked.
/// </summary>
public sealed class HazardDigestSection(HazardDesk desk) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    public int Order => 25;

    public int NowOrder => 32;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var out_ = new List<string>();
        foreach (var use in (await desk.Store.OpenAsync(cancellationToken)).Where(u => u.Status == HazardUseStatus.Issued))
        {
            var who = await desk.NameAsync(use.UserId, cancellationToken);
            out_.Add(now - use.IssuedAt!.Value >= desk.Policy.ReturnWithin
                ? Texts.Get("NowOutLate", language, use.Material, who, ConversationTexts.Duration(now - use.IssuedAt!.Value, language))
                : Texts.Get("NowOut", language, use.Material, who));
        }
        return out_.Count == 0 ? [] : [Texts.Get("NowNotReturned", language, out_.Count, string.Join(Texts.Get("NowSeparator", language), out_))];
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var open = await desk.Store.OpenAsync(cancellationToken);
        if (open.Count == 0) return null;
        var lines = new List<string> { Texts.Get("DigestSection", language, open.Count) };
        foreach (var use in open) lines.Add(await desk.RecordLineAsync(use, day, language, cancellationToken));
        return string.Join("\n", lines);
    }
}

/// <summary>Hazardous materials a person drew and has not returned, for whoever retires them (第13篇 4.0).</summary>
public sealed class HazardHoldings(HazardDesk desk) : IHoldings
{
    public async Task<IReadOnlyList<string>> OfAsync(string personId, string language, CancellationToken cancellationToken) =>
        [.. (await desk.Store.OpenAsync(cancellationToken)).Where(u => u.Status == HazardUseStatus.Issued && u.UserId == personId)
            .Select(u => HazardTexts.Catalog.Get("HoldingHazard", language, HazardDesk.Describe(u, language), desk.Stamp(u.IssuedAt!.Value)))];
}

/// <summary>
/// What waits on a person in hazardous materials, for 待办: what they drew and have not returned (第13篇 4.0), pressing once
/// out longer than <see cref="HazardPolicy.ReturnWithin"/>; for a shift lead or above, the requests waiting for them to
/// approve and hand out in person (3.0) — those the request would go to now — and what they handed out that is overdue,
/// to follow up as the reminder asks. Each with the button its own notification offers; nothing is changed.
/// </summary>
public sealed class HazardTodos(HazardDesk desk, DepartmentProfile department) : ITodos
{
    private static readonly TextCatalog Texts = HazardTexts.Catalog;

    // 领用危险品's help order, where hazardous materials stand in help.
    public int Order => 60;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, now, language) = (asked.Person, asked.Now, asked.Language);
        var today = department.LocalDate(now);
        var open = await desk.Store.OpenAsync(cancellationToken);
        var todos = new List<Todo>();
        // Overdue as HazardWatch sees it: issued ReturnWithin ago or more.
        bool Overdue(HazardUse use) => now - use.IssuedAt!.Value >= desk.Policy.ReturnWithin;

        foreach (var use in open.Where(u => u.Status == HazardUseStatus.Issued && u.UserId == me.Id))
        {
            var line = Overdue(use)
                ? Texts.Get("TodoOutOverdue", language, HazardDesk.Describe(use, language), desk.When(use.IssuedAt!.Value, today),
                    ConversationTexts.Duration(now - use.IssuedAt!.Value, language))
                : Texts.Get("TodoOut", language, HazardDesk.Describe(use, language), desk.When(use.IssuedAt!.Value, today));
            todos.Add(new Todo(line, Texts.NumberedAction("WordReturn", use.Id, language), Pressing: Overdue(use)));
        }
        if (!me.HasAny(HazardUse.Approvers)) return todos;

        // 第13篇 4.0: the reminder tells the issuer to follow up; only the user brings back what is left, so no button.
        foreach (var use in open.Where(u => u.Status == HazardUseStatus.Issued && u.DecidedById == me.Id && u.UserId != me.Id && Overdue(u)))
            todos.Add(new Todo(Texts.Get("TodoIssuedOverdue", language, await desk.NameAsync(use.UserId, cancellationToken), HazardDesk.Describe(use, language),
                desk.When(use.IssuedAt!.Value, today), ConversationTexts.Duration(now - use.IssuedAt!.Value, language)), Pressing: true));

        // The shift lead on duty, else the level above: whoever the request would go to now, as the shifts change.
        var approversOf = new Dictionary<string, IReadOnlyList<Person>>(StringComparer.Ordinal);
        foreach (var use in open.Where(u => u.Status == HazardUseStatus.Requested && u.UserId != me.Id))
        {
            if (!approversOf.TryGetValue(use.UserId, out var approvers))
                approversOf[use.UserId] = approvers = await desk.ApproversAsync(use.UserId, now, cancellationToken);
            if (approvers.Any(p => p.Id == me.Id))
                todos.Add(new Todo(Texts.Get("TodoRequest", language, await desk.NameAsync(use.UserId, cancellationToken), HazardDesk.Describe(use, language)),
                    Texts.NumberedAction("WordIssue", use.Id, language)));
        }
        return todos;
    }
}

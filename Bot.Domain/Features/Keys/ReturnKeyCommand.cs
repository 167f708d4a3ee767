using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// 还钥匙 / return key (第4篇 1.2.3): before a unit key goes back, the person confirms the power is cut, the doors and
/// windows are shut and the unit is locked, each by button. A "no" keeps the loan open, records the problem and alerts
/// the custodian and the shift lead; otherwise the custodian is asked to confirm receipt. Someone other than the
/// holder may bring a key back; the trail says so. Words written after the key ("还钥匙 3-1-502 钥匙环断了") are the
/// returner's remark: kept on the trail and passed to the custodian, while each check is still confirmed by button.
/// </summary>
public sealed class ReturnKeyCommand(IKeyStore store, KeyDesk desk, EscalationService escalations) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private static readonly string[] Checklist = ["CheckPower", "CheckWindows", "CheckLocked"];
    private const string WhichStep = "which";
    private const string RemarkKey = "remark";

    public string Name => "keys.return";

    public CommandInfo Info { get; } = new("return-key", ["还钥匙", "归还钥匙"], ["return key"], Texts, "ReturnDescription", HelpOrder: 21);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length > 0)
        {
            var (key, remark) = await desk.ResolveLeadingAsync(arguments, KeyDesk.Again(Info, turn.Language), cancellationToken);
            var loan = await store.OpenLoanAsync(key.Code, cancellationToken);
            if (loan is not { Status: LoanStatus.Out })
                throw new BotRuleException(Texts, loan?.Status == LoanStatus.AwaitingReceipt ? "ReturnAlreadyRegistered" : "KeyNotOut", key.Code);
            await BeginAsync(turn, loan, key, remark, cancellationToken);
            return;
        }

        var mine = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.HolderId == turn.Sender.Id && l.Status == LoanStatus.Out && l.Purpose != LoanPurpose.AreaSet).ToList();
        switch (mine.Count)
        {
            case 0:
                turn.Reply(Texts.Get("NothingToReturn", turn.Language));
                return;
            case 1:
                await BeginAsync(turn, mine[0], await store.FindKeyAsync(mine[0].KeyCode, cancellationToken) ?? throw new BotRuleException(Texts, "KeyUnknown", mine[0].KeyCode), null, cancellationToken);
                return;
            default:
                turn.State.Data.Clear();
                turn.AskInFlow(this, WhichStep, Texts.Get("AskWhichToReturn", turn.Language), [.. mine.Select(l => new Choice(l.KeyCode, l.KeyCode))]);
                return;
        }
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.State.Step == WhichStep)
        {
            turn.EndFlow();
            await HandleAsync(turn, turn.Choice?.Value ?? turn.Text, cancellationToken);
            return;
        }
        var index = Array.IndexOf(Checklist, turn.State.Step);
        var loanId = long.Parse(turn.State.Data.GetValueOrDefault("loan") ?? "0", CultureInfo.InvariantCulture);
        var loan = await store.FindLoanAsync(loanId, cancellationToken);
        if (index < 0 || loan is not { Status: LoanStatus.Out } || await store.FindKeyAsync(loan.KeyCode, cancellationToken) is not { } key)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("ReturnNoLongerOpen", turn.Language));
            return;
        }
        var remark = turn.State.Data.GetValueOrDefault(RemarkKey);
        switch (turn.Choice?.Value)
        {
            case "yes" when index + 1 < Checklist.Length:
                Ask(turn, index + 1, key, again: false);
                return;
            case "yes":
                turn.EndFlow();
                await RegisterReturnAsync(turn, loan, key, remark, checkedOnReturn: true, cancellationToken);
                return;
            case "no":
                turn.EndFlow();
                await ChecklistFailedAsync(turn, loan, key, Checklist[index], remark, null, cancellationToken);
                return;
        }
        // Typed, not pressed: what the person wrote about the item is not thrown away (第4篇 1.2.3 asks them to confirm
        // each; anything but a confirmation is not one).
        switch (TypedAnswer(turn.Said))
        {
            case (true, var reason):
                // "阳台窗户关不上", "业主在家呢 窗户他自己开着": the item is not done, and why goes with the alert.
                turn.EndFlow();
                await ChecklistFailedAsync(turn, loan, key, Checklist[index], remark, reason, cancellationToken);
                return;
            case (false, var said) when said is not null:
                // Words that neither confirm nor deny ("窗户关好了，业主在家"): kept as the returner's remark, and the
                // item is asked again by button rather than guessed.
                turn.State.Data[RemarkKey] = remark is null ? said : remark + "；" + said;
                Ask(turn, index, key, again: true, noted: said);
                return;
            default:
                Ask(turn, index, key, again: true);
                return;
        }
    }

    // A typed answer with one of these in it says the item is not done ("关不上", "没锁", "开着", "坏了").
    private static readonly string[] NotDoneWords = ["没", "不", "未", "无法", "开着", "坏", "忘", "not", "can't", "cannot", "won't", "open", "broken"];

    // …unless it says all is well in the same words ("没事", "没毛病"): then it is only a remark, and asked again.
    private static readonly string[] FineWords = ["没事", "没毛病", "不用担心", "no problem"];

    /// <summary>
    /// A typed answer that no button matched: (true, the words) when it says the item is not done; (false, the words)
    /// when it is a remark that neither confirms nor denies; (false, null) when there is nothing to keep.
    /// </summary>
    private static (bool NotDone, string? Words) TypedAnswer(string said)
    {
        var text = TextInput.Normalize(said);
        if (text.Length == 0) return (false, null);
        // The person's own words are kept as written; the folded form is only for reading them.
        var own = said.Trim();
        var words = own.Length > MaxReason ? own[..MaxReason] : own;
        var verdict = CheckAnswer.Read(text);
        if (verdict is { Ok: false }) return (true, words);
        var key = TextInput.ForMatching(text);
        // "正常，窗户没开" or "没事，都关了" is no clear "not done": kept and asked again, not guessed either way.
        if (verdict is { Ok: true } || FineWords.Any(w => key.Contains(w, StringComparison.Ordinal))) return (false, words);
        if (NotDoneWords.Any(w => key.Contains(w, StringComparison.Ordinal))) return (true, words);
        return (false, CheckAnswer.DescribesSomething(text) ? words : null);
    }

    private const int MaxReason = 200;

    private async Task BeginAsync(TurnContext turn, KeyLoan loan, Key key, string? remark, CancellationToken cancellationToken)
    {
        if (loan.Purpose == LoanPurpose.AreaSet) throw new BotRuleException(Texts, "UseAreaReturn");
        turn.State.Data.Clear();
        turn.State.Data["loan"] = loan.Id.ToString(CultureInfo.InvariantCulture);
        if (remark is not null) turn.State.Data[RemarkKey] = remark;
        // The checklist is about a unit left behind: unit and show-flat keys (第4篇 1.2.3).
        if (key.Kind is KeyKind.Unit or KeyKind.ShowFlat) Ask(turn, 0, key, again: false);
        else
        {
            turn.EndFlow();
            await RegisterReturnAsync(turn, loan, key, remark, checkedOnReturn: false, cancellationToken);
        }
    }

    private void Ask(TurnContext turn, int index, Key key, bool again, string? noted = null)
    {
        var language = turn.Language;
        if (noted is not null)
        {
            turn.AskInFlow(this, Checklist[index], Texts.Get("ChecklistRemarkKept", language, noted)
                + Texts.Get("ChecklistQuestion", language, index + 1, Checklist.Length, Texts.Get(Checklist[index], language)),
                [new Choice("yes", Texts.Get("Yes", language)), new Choice("no", Texts.Get("No", language))]);
            return;
        }
        // A remark does not stand in for the checks: each is still confirmed by button (第4篇 1.2.3), so it is said
        // back as kept, not as the answer.
        var remarked = turn.State.Data.GetValueOrDefault(RemarkKey) is { } remark ? Texts.Get("ReturnRemarkNoted", language, remark) + "\n" : "";
        var intro = index == 0 && !again ? remarked + Texts.Get("ChecklistIntro", language, KeyDesk.Describe(key)) + "\n" : "";
        var text = (again ? Texts.Get("PleaseChoose", language) : intro)
            + Texts.Get("ChecklistQuestion", language, index + 1, Checklist.Length, Texts.Get(Checklist[index], language));
        turn.AskInFlow(this, Checklist[index], text, [new Choice("yes", Texts.Get("Yes", language)), new Choice("no", Texts.Get("No", language))]);
    }

    private async Task RegisterReturnAsync(TurnContext turn, KeyLoan loan, Key key, string? remark, bool checkedOnReturn,
        CancellationToken cancellationToken)
    {
        var byOther = loan.HolderId != turn.Sender.Id;
        var holder = await desk.NameAsync(loan.HolderId, cancellationToken);
        // Every item confirmed now: a check that failed earlier on this loan has been put right, so its alert stops
        // climbing the chain and those it reached hear it is over (as a late check-in settles the missed one).
        if (checkedOnReturn && loan.ReturnProblem is not null && await store.FindStaffAsync(turn.Sender.Id, cancellationToken) is { } returner)
            foreach (var item in Checklist)
                await escalations.SettleAsync(ChecklistKind, ChecklistSubject(key, item), returner,
                    Texts.Get("ChecklistSettled", TextCatalog.Chinese, turn.Sender.DisplayName, KeyDesk.Describe(key), KeysTexts.Clock(turn.Now, desk.Department)),
                    turn.Now, cancellationToken);
        loan.Return(turn.Sender.Id, turn.Now);
        desk.Record(key.Code, byOther ? KeyEventKind.ReturnedByOther : KeyEventKind.Returned, turn.Sender.Id, turn.Now, loan.Id,
            Note(byOther ? Texts.Get("ReturnedForNote", TextCatalog.Chinese, holder) : null, remark));
        var custodians = (await desk.CustodiansAsync(key, cancellationToken)).Where(c => c.Id != turn.Sender.Id).ToList();
        foreach (var custodian in custodians)
            await desk.TellAsync(custodian.Id, $"keys:receipt:{loan.Id}:{custodian.Id}", language =>
            (
                Texts.Get(byOther ? "ReceiptRequestByOther" : "ReceiptRequest", language, turn.Sender.DisplayName, KeyDesk.Describe(key) + KeysTexts.DamagedMark(key, language), holder,
                    loan.Id, checkedOnReturn ? Texts.Get("ReceiptChecked", language) : "")
                    + (remark is null ? "" : "\n" + Texts.Get("ReceiptRemark", language, remark)),
                [KeysTexts.Action("WordReceive", loan.Id, language)]
            ), cancellationToken);
        if (byOther)
            await desk.TellAsync(loan.HolderId, $"keys:returned-for:{loan.Id}", "ReturnedForYou", [turn.Sender.DisplayName, KeyDesk.Describe(key)], cancellationToken);
        turn.Reply(Texts.Get(byOther ? "ReturnRegisteredForOther" : "ReturnRegistered", turn.Language, KeyDesk.Describe(key),
            string.Join(KeysTexts.Separator(turn.Language), custodians.Select(c => c.Name)), holder));
    }

    private async Task ChecklistFailedAsync(TurnContext turn, KeyLoan loan, Key key, string item, string? remark, string? reason,
        CancellationToken cancellationToken)
    {
        var problem = Texts.Get(item + "Failed", TextCatalog.Chinese);
        // What the returner wrote about it ("阳台窗户关不上") goes with the problem wherever it is told.
        var problemTold = reason is null ? problem : Texts.Get("ChecklistProblemWhy", TextCatalog.Chinese, problem, reason);
        loan.ChecklistFailed(problem);
        desk.Record(key.Code, KeyEventKind.ChecklistFailed, turn.Sender.Id, turn.Now, loan.Id, Note(problemTold, remark));
        var custodians = await desk.CustodiansAsync(key, cancellationToken);
        foreach (var custodian in custodians)
            await desk.TellAsync(custodian.Id, $"keys:checklist:{loan.Id}:{turn.Now.ToUnixTimeSeconds()}:{custodian.Id}", "ChecklistAlert",
                [turn.Sender.DisplayName, KeyDesk.Describe(key), problemTold], cancellationToken);
        // The shift lead on duty hears of it through the escalation chain (and it climbs if nobody answers); with no
        // shift lead on duty (at night) the chain starts higher, so the reply names who was actually told.
        var escalation = await escalations.RaiseAsync(new EscalationRequest(ChecklistKind,
            ChecklistSubject(key, item),
            Severity.Urgent,
            Texts.Get("ChecklistDetails", TextCatalog.Chinese, turn.Sender.DisplayName, KeyDesk.Describe(key), problemTold),
            turn.Sender.Id), turn.Now, cancellationToken);
        var told = custodians.Where(c => c.Id != turn.Sender.Id).Select(c => c.Name)
            .Concat(await escalations.NotifiedNamesAsync(escalation, cancellationToken, exceptId: turn.Sender.Id))
            .Distinct(StringComparer.Ordinal).ToList();
        var failed = Texts.Get(item + "Failed", turn.Language);
        if (reason is not null) failed = Texts.Get("ChecklistProblemWhy", turn.Language, failed, reason);
        turn.Reply(told.Count == 0
            ? Texts.Get("ChecklistFailedReply", turn.Language, failed, key.Opens)
            : Texts.Get("ChecklistFailedReplyTold", turn.Language, failed, key.Opens,
                string.Join(KeysTexts.Separator(turn.Language), told)));
    }

    private const string ChecklistKind = "keys.checklist";

    /// <summary>The failed check's case: one per unit and item, so a later return with every item confirmed can settle it.</summary>
    private static string ChecklistSubject(Key key, string item) =>
        Texts.Get("ChecklistSubject", TextCatalog.Chinese, key.Opens, Texts.Get(item + "Failed", TextCatalog.Chinese));

    /// <summary>The trail's note: what the bot knows (代 … 归还, the failed check) and the returner's own words.</summary>
    private static string? Note(string? known, string? remark) =>
        remark is null ? known : known is null ? Texts.Get("TrailRemark", TextCatalog.Chinese, remark) : known + "；" + Texts.Get("TrailRemark", TextCatalog.Chinese, remark);
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// The custodian's and supervisor's buttons on a loan: each names the loan by its number ("确认交出 12"). Typed without a
/// number, the loan is the one waiting for this person; with several waiting, they are offered to choose from.
/// </summary>
internal static partial class LoanArguments
{
    /// <summary>
    /// For a command that takes words after the loan ("未还原因 3 业主还没回来", "拒绝交出 12 钥匙不在柜内"): the loan, its key
    /// and those words (null when none). Without a number the words are all there is, and the loan is the one waiting;
    /// with several waiting, each choice carries the words along, so they are not lost.
    /// </summary>
    public static async Task<(KeyLoan Loan, Key Key, string? Words)?> FindWithWordsAsync(
        IKeyStore store, TurnContext turn, CommandInfo command, string arguments, Func<KeyLoan, bool> waitingForSender,
        CancellationToken cancellationToken)
    {
        var text = TextInput.Normalize(arguments);
        var number = LeadingNumber().Match(text);
        // The number is read from the folded text; the words are kept as the person wrote them (folding is char for char).
        var written = arguments.Trim().Trim('\u3000').Trim();
        if (written.Length != text.Length) written = text;
        var words = (number.Success ? written[number.Length..] : written).Trim(WordSeparators);
        var said = words.Length == 0 ? null : words;
        var found = await FindAsync(store, turn, command, number.Success ? number.Groups[1].Value : "", waitingForSender, cancellationToken, said);
        return found is var (loan, key) ? (loan, key, said) : null;
    }

    private static readonly char[] WordSeparators = [' ', ',', '，', ':', '：', '、', '。', '.', ';', '；'];

    // "12", "#12" and what follows after a space or punctuation or straight on in Chinese ("3业主还没回来"), but not the
    // start of a unit ("3-1-502") or a code.
    [System.Text.RegularExpressions.GeneratedRegex(@"^#?(\d+)(?=$|[\s,，:：、。.;；]|[^\x00-\x7F])")]
    private static partial System.Text.RegularExpressions.Regex LeadingNumber();

    /// <summary>The loan and its key, or null when the person was asked to choose (the reply is already on the turn).</summary>
    public static async Task<(KeyLoan Loan, Key Key)?> FindAsync(
        IKeyStore store, TurnContext turn, CommandInfo command, string arguments, Func<KeyLoan, bool> waitingForSender,
        CancellationToken cancellationToken, string? words = null)
    {
        var text = TextInput.ForMatching(arguments).TrimStart('#');
        var after = words is null ? "" : " " + words;
        // Choices carry the Chinese word, which every language understands; the text names the word in the reader's.
        var word = command.ChineseWords[0];
        var shown = command.WordFor(turn.Language);
        if (text.Length == 0)
        {
            var waiting = (await store.OpenLoansAsync(cancellationToken)).Where(waitingForSender).ToList();
            if (waiting.Count == 0) throw new BotRuleException(KeysTexts.Catalog, "NoLoanWaiting", shown);
            if (waiting.Count > 1)
            {
                var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
                turn.Ask(KeysTexts.Catalog.Get("WhichLoan", turn.Language, waiting.Count),
                    [.. waiting.Select(l => new Choice($"{word} {l.Id}{after}", $"#{l.Id} {KeyDesk.Describe(l.KeyCode, keys)}"))]);
                return null;
            }
            var only = waiting[0];
            var onlyKey = await store.FindKeyAsync(only.KeyCode, cancellationToken) ?? throw new BotRuleException(KeysTexts.Catalog, "LoanNotFound", only.Id);
            return (only, onlyKey);
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new BotRuleException(KeysTexts.Catalog, "LoanNumberNeeded", shown);
        var loan = await store.FindLoanAsync(id, cancellationToken) ?? throw new BotRuleException(KeysTexts.Catalog, "LoanNotFound", id);
        var key = await store.FindKeyAsync(loan.KeyCode, cancellationToken) ?? throw new BotRuleException(KeysTexts.Catalog, "LoanNotFound", id);
        return (loan, key);
    }
}

/// <summary>
/// 确认交出 12 / hand out 12: the custodian confirms handing the key over in person. Two people take part in every
/// loan (第4篇 1.2.2), so nobody confirms their own.
/// </summary>
public sealed class HandOutCommand(IKeyStore store, KeyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = new("key-hand-out", ["确认交出"], ["hand out"], Texts, "HandOutDescription", Roles: Roles.KeyCustodian | Roles.ShiftLead, HelpOrder: 40);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await LoanArguments.FindAsync(store, turn, Info, arguments,
                l => l.Status == LoanStatus.AwaitingHandOut && l.BorrowerId != turn.Sender.Id, cancellationToken) is not var (loan, key)) return;
        if (loan.BorrowerId == turn.Sender.Id) throw new BotRuleException(Texts, "NotYourOwnLoan");
        if (loan.Status != LoanStatus.AwaitingHandOut)
            throw new BotRuleException(Texts, loan.Status == LoanStatus.AwaitingApproval ? "LoanAwaitsApproval" : "LoanNotAwaitingHandOut", loan.Id);

        loan.HandOut(turn.Sender.Id, turn.Now);
        key.Status = KeyStatus.Out;
        desk.Record(key.Code, KeyEventKind.HandedOut, turn.Sender.Id, turn.Now, loan.Id);
        var due = KeysTexts.Clock(loan.DueBack, desk.Department);
        await desk.TellAsync(loan.BorrowerId, $"keys:handed:{loan.Id}", "HandedOutToBorrower", [turn.Sender.DisplayName, KeyDesk.Describe(key), due], cancellationToken,
            l => [new Choice($"{Texts.Get("WordReturn", l)} {key.Code}", Texts.Get("WordReturn", l))]);
        turn.Reply(Texts.Get("HandedOut", turn.Language, KeyDesk.Describe(key), await desk.NameAsync(loan.BorrowerId, cancellationToken), due));
    }
}

/// <summary>
/// 拒绝交出 12: the custodian refuses (the key is not in its place, the purpose is not right); the loan closes. Why goes to
/// the borrower with the refusal — written after the number ("拒绝交出 12 钥匙不在柜内"), or asked for — so they are not
/// left to guess.
/// </summary>
public sealed class RefuseHandOutCommand(IKeyStore store, KeyDesk desk) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const string ReasonStep = "reason";
    private const string NoReason = "none";
    private const int MaxReason = 200;

    public string Name => "keys.refuse-hand-out";

    public CommandInfo Info { get; } = new("key-refuse-hand-out", ["拒绝交出"], ["refuse hand out"], Texts, "RefuseHandOutDescription", Roles: Roles.KeyCustodian | Roles.ShiftLead, HelpOrder: 41, ListedFor: Roles.KeyCustodian);

    private static bool Refusable(KeyLoan loan) => loan.Status is LoanStatus.AwaitingHandOut or LoanStatus.AwaitingApproval;

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await LoanArguments.FindWithWordsAsync(store, turn, Info, arguments,
                l => Refusable(l) && l.BorrowerId != turn.Sender.Id, cancellationToken) is not var (loan, key, reason)) return;
        if (!Refusable(loan)) throw new BotRuleException(Texts, "LoanNotAwaitingHandOut", loan.Id);
        if (reason is not null)
        {
            await RefuseAsync(turn, loan, key, reason, cancellationToken);
            return;
        }
        turn.State.Data.Clear();
        turn.State.Data["loan"] = loan.Id.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, ReasonStep, Texts.Get("AskRefuseReason", turn.Language, KeyDesk.Describe(key), await desk.NameAsync(loan.BorrowerId, cancellationToken)),
            [new Choice(NoReason, Texts.Get("RefuseWithoutReason", turn.Language))], textAnswersToo: true);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var reason = turn.Choice?.Value == NoReason ? null : turn.Said;
        if (reason is { Length: 0 })
        {
            turn.Reply(Texts.Get("IncidentAnswerNeeded", turn.Language));
            return;
        }
        var loan = await store.FindLoanAsync(long.Parse(turn.State.Data.GetValueOrDefault("loan") ?? "0", CultureInfo.InvariantCulture), cancellationToken);
        turn.EndFlow();
        if (loan is null || !Refusable(loan) || await store.FindKeyAsync(loan.KeyCode, cancellationToken) is not { } key)
        {
            turn.Reply(Texts.Get("ReturnNoLongerOpen", turn.Language));
            return;
        }
        await RefuseAsync(turn, loan, key, reason, cancellationToken);
    }

    private async Task RefuseAsync(TurnContext turn, KeyLoan loan, Key key, string? reason, CancellationToken cancellationToken)
    {
        if (reason is { Length: > MaxReason }) reason = reason[..MaxReason];
        loan.Decline();
        desk.Record(key.Code, KeyEventKind.Declined, turn.Sender.Id, turn.Now, loan.Id, reason);
        await desk.TellAsync(loan.BorrowerId, $"keys:refused:{loan.Id}", reason is null ? "HandOutRefusedToBorrower" : "HandOutRefusedToBorrowerWhy",
            [turn.Sender.DisplayName, KeyDesk.Describe(key), reason ?? ""], cancellationToken);
        turn.Reply(reason is null
            ? Texts.Get("HandOutRefused", turn.Language, KeyDesk.Describe(key), loan.Id)
            : Texts.Get("HandOutRefusedWhy", turn.Language, KeyDesk.Describe(key), loan.Id, await desk.NameAsync(loan.BorrowerId, cancellationToken)));
    }
}

/// <summary>批准带出 12 / 不批准带出 12: a supervisor decides on taking a key out of the office (第4篇 1.2.5); recorded on the loan.</summary>
public sealed class ApproveOffSiteCommand(IKeyStore store, KeyDesk desk, bool approve) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = approve
        ? new("key-approve", ["批准带出"], ["approve key"], Texts, "ApproveDescription", Roles: KeyDesk.Approvers, HelpOrder: 42)
        : new("key-disapprove", ["不批准带出"], ["refuse key"], Texts, "DisapproveDescription", Roles: KeyDesk.Approvers, HelpOrder: 43, ListedFor: Roles.Supervisor);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await LoanArguments.FindAsync(store, turn, Info, arguments,
                l => l.Status == LoanStatus.AwaitingApproval && l.BorrowerId != turn.Sender.Id, cancellationToken) is not var (loan, key)) return;
        if (loan.BorrowerId == turn.Sender.Id) throw new BotRuleException(Texts, "NotYourOwnLoan");
        if (loan.Status != LoanStatus.AwaitingApproval) throw new BotRuleException(Texts, "LoanNotAwaitingApproval", loan.Id);
        var borrower = await desk.NameAsync(loan.BorrowerId, cancellationToken);
        if (!approve)
        {
            loan.Decline();
            desk.Record(key.Code, KeyEventKind.Declined, turn.Sender.Id, turn.Now, loan.Id, Texts.Get("OffSiteNote", TextCatalog.Chinese));
            await desk.TellAsync(loan.BorrowerId, $"keys:disapproved:{loan.Id}", "DisapprovedToBorrower", [turn.Sender.DisplayName, KeyDesk.Describe(key)], cancellationToken);
            turn.Reply(Texts.Get("Disapproved", turn.Language, KeyDesk.Describe(key), borrower));
            return;
        }
        loan.Approve(turn.Sender.Id, turn.Now);
        desk.Record(key.Code, KeyEventKind.Approved, turn.Sender.Id, turn.Now, loan.Id, Texts.Get("OffSiteNote", TextCatalog.Chinese));
        var custodians = await desk.AskHandOutAsync(key, loan, borrower,
            KeysTexts.Purpose(loan.Purpose, TextCatalog.Chinese) + "，" + Texts.Get("OffSiteApprovedNote", TextCatalog.Chinese, turn.Sender.DisplayName), cancellationToken);
        await desk.TellAsync(loan.BorrowerId, $"keys:approved:{loan.Id}", "ApprovedToBorrower",
            [turn.Sender.DisplayName, KeyDesk.Describe(key), string.Join("、", custodians)], cancellationToken);
        turn.Reply(Texts.Get("Approved", turn.Language, KeyDesk.Describe(key), borrower));
    }
}

/// <summary>确认收回 12 / receive 12: the custodian confirms the key is back in its place (第4篇 1.2.3); the loan closes.</summary>
public sealed class ReceiveCommand(IKeyStore store, KeyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = new("key-receive", ["确认收回"], ["receive key"], Texts, "ReceiveDescription", Roles: Roles.KeyCustodian | Roles.ShiftLead, HelpOrder: 44);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await LoanArguments.FindAsync(store, turn, Info, arguments,
                l => l.Status == LoanStatus.AwaitingReceipt && l.ReturnedById != turn.Sender.Id, cancellationToken) is not var (loan, key)) return;
        if (loan.Status != LoanStatus.AwaitingReceipt) throw new BotRuleException(Texts, "LoanNotAwaitingReceipt", loan.Id);
        if (loan.ReturnedById == turn.Sender.Id) throw new BotRuleException(Texts, "NotYourOwnLoan");
        loan.Receive(turn.Sender.Id, turn.Now);
        if (key.Status == KeyStatus.Out) key.Status = KeyStatus.In;
        desk.Record(key.Code, KeyEventKind.Received, turn.Sender.Id, turn.Now, loan.Id);
        foreach (var personId in new[] { loan.ReturnedById, loan.BorrowerId }.OfType<string>().Distinct(StringComparer.Ordinal))
            await desk.TellAsync(personId, $"keys:received:{loan.Id}:{personId}", "ReceivedToBorrower", [turn.Sender.DisplayName, KeyDesk.Describe(key), KeysTexts.Clock(turn.Now, desk.Department)], cancellationToken);
        // A key reported damaged comes back damaged: it stays marked so, and is not lent until it is repaired.
        turn.Reply(Texts.Get(key.Status == KeyStatus.Damaged ? "ReceivedDamaged" : "Received", turn.Language, KeyDesk.Describe(key), key.StoragePlace, key.Code));
    }
}

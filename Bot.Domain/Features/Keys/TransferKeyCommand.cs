using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// 转交钥匙 / transfer key: the holder hands a key to another member of staff; the receiver accepts by button, and
/// only then is the key in their name (both confirm). The borrower stays on the loan as the one who signed it out.
/// </summary>
public sealed class TransferKeyCommand(IKeyStore store, KeyDesk desk) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const string WhichStep = "which", ToWhomStep = "to";

    public string Name => "keys.transfer";

    public CommandInfo Info { get; } = new("transfer-key", ["转交钥匙"], ["transfer key"], Texts, "TransferDescription", HelpOrder: 26);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        turn.State.Data.Clear();
        var mine = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.HolderId == turn.Sender.Id && l.Status == LoanStatus.Out).ToList();
        if (arguments.Length > 0)
        {
            // "转交钥匙 3-1-502 李四": the key and to whom.
            var (key, toWhom) = await desk.ResolveLeadingAsync(arguments, KeyDesk.Again(Info, turn.Language), cancellationToken);
            mine = [.. mine.Where(l => l.KeyCode == key.Code)];
            if (mine.Count == 0) throw new BotRuleException(Texts, "TransferNotYours", key.Code);
            if (toWhom is not null)
            {
                if (await ReceiverAsync(turn, toWhom, cancellationToken) is { } named)
                {
                    await OfferAsync(turn, mine[0], named, cancellationToken);
                    return;
                }
                // Nobody of that name: told so, and asked to whom.
                turn.Reply(Texts.Get("TransferUnknownPerson", turn.Language, toWhom));
            }
        }
        if (mine.Count == 0)
        {
            turn.Reply(Texts.Get("NothingToTransfer", turn.Language));
            return;
        }
        if (mine.Count > 1)
        {
            turn.AskInFlow(this, WhichStep, Texts.Get("AskWhichToTransfer", turn.Language), [.. mine.Select(l => new Choice(l.KeyCode, l.KeyCode))]);
            return;
        }
        AskToWhom(turn, mine[0]);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.State.Step == WhichStep)
        {
            turn.EndFlow();
            await HandleAsync(turn, turn.Choice?.Value ?? turn.Text, cancellationToken);
            return;
        }
        var loan = await store.FindLoanAsync(long.Parse(turn.State.Data.GetValueOrDefault("loan") ?? "0", CultureInfo.InvariantCulture), cancellationToken);
        if (loan is not { Status: LoanStatus.Out } || loan.HolderId != turn.Sender.Id)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("ReturnNoLongerOpen", turn.Language));
            return;
        }
        if (await ReceiverAsync(turn, turn.Text, cancellationToken) is not { } receiver)
        {
            turn.Reply(Texts.Get("TransferUnknownPerson", turn.Language, turn.Text));
            return;
        }
        await OfferAsync(turn, loan, receiver, cancellationToken);
    }

    /// <summary>The member of staff named ("李四", "给李四", "交给李四"), but not the holder themselves.</summary>
    private async Task<Person?> ReceiverAsync(TurnContext turn, string name, CancellationToken cancellationToken)
    {
        var bare = name.Trim();
        foreach (var lead in new[] { "交给", "给", "to " })
            if (bare.StartsWith(lead, StringComparison.OrdinalIgnoreCase)) { bare = bare[lead.Length..].Trim(); break; }
        return await store.FindStaffAsync(bare, cancellationToken) is { } person && person.Id != turn.Sender.Id ? person : null;
    }

    private async Task OfferAsync(TurnContext turn, KeyLoan loan, Person receiver, CancellationToken cancellationToken)
    {
        turn.EndFlow();
        loan.OfferTo(receiver.Id);
        var key = await store.FindKeyAsync(loan.KeyCode, cancellationToken);
        var described = key is null ? loan.KeyCode : KeyDesk.Describe(key);
        desk.Record(loan.KeyCode, KeyEventKind.TransferOffered, turn.Sender.Id, turn.Now, loan.Id, receiver.Name);
        await desk.TellAsync(receiver.Id, $"keys:transfer:{loan.Id}:{receiver.Id}:{turn.Now.ToUnixTimeSeconds()}", "TransferOffer",
            [turn.Sender.DisplayName, described, KeysTexts.Clock(loan.DueBack, desk.Department), loan.Id], cancellationToken,
            l => [KeysTexts.Action("WordAcceptTransfer", loan.Id, l), KeysTexts.Action("WordRefuseTransfer", loan.Id, l)]);
        turn.Reply(Texts.Get("TransferOffered", turn.Language, described, receiver.Name));
    }

    private void AskToWhom(TurnContext turn, KeyLoan loan)
    {
        turn.State.Data["loan"] = loan.Id.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, ToWhomStep, Texts.Get("AskTransferTo", turn.Language, loan.KeyCode));
    }
}

/// <summary>接收钥匙 12 / 拒收钥匙 12: the receiver of a transfer confirms (or refuses) taking the key.</summary>
public sealed class AcceptTransferCommand(IKeyStore store, KeyDesk desk, bool accept) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = accept
        ? new("key-accept-transfer", ["接收钥匙"], ["accept key"], Texts, "AcceptTransferDescription", HelpOrder: 46, ListedFor: Roles.KeyCustodian)
        : new("key-refuse-transfer", ["拒收钥匙"], ["refuse key transfer"], Texts, "RefuseTransferDescription", HelpOrder: 47, ListedFor: Roles.KeyCustodian);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await LoanArguments.FindAsync(store, turn, Info, arguments,
                l => l.TransferToId == turn.Sender.Id && l.Status == LoanStatus.Out, cancellationToken) is not var (loan, key)) return;
        if (loan.TransferToId != turn.Sender.Id || loan.Status != LoanStatus.Out) throw new BotRuleException(Texts, "NoTransferForYou", loan.Id);
        var giver = loan.HolderId;
        var giverName = await desk.NameAsync(giver, cancellationToken);
        if (!accept)
        {
            loan.CancelTransfer();
            await desk.TellAsync(giver, $"keys:transfer-refused:{loan.Id}:{turn.Now.ToUnixTimeSeconds()}", "TransferRefusedToGiver", [turn.Sender.DisplayName, KeyDesk.Describe(key)], cancellationToken);
            turn.Reply(Texts.Get("TransferRefused", turn.Language, KeyDesk.Describe(key), giverName));
            return;
        }
        loan.TransferAccepted();
        desk.Record(key.Code, KeyEventKind.Transferred, turn.Sender.Id, turn.Now, loan.Id, Texts.Get("TransferNote", TextCatalog.Chinese, giverName, turn.Sender.DisplayName));
        await desk.TellAsync(giver, $"keys:transferred:{loan.Id}:{turn.Now.ToUnixTimeSeconds()}", "TransferDoneToGiver", [turn.Sender.DisplayName, KeyDesk.Describe(key)], cancellationToken);
        turn.Reply(Texts.Get("TransferAccepted", turn.Language, KeyDesk.Describe(key), giverName, KeysTexts.Clock(loan.DueBack, desk.Department)));
    }
}

/// <summary>未还原因 12 / key reason 12: the custodian records why a key on the daily list is not back (第4篇 1.2.4).</summary>
public sealed class KeyReasonCommand(IKeyStore store, KeyDesk desk) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const string ReasonStep = "reason";

    public string Name => "keys.reason";

    public CommandInfo Info { get; } = new("key-reason", ["未还原因"], ["key reason"], Texts, "ReasonDescription", Roles: KeyDesk.Overseers, HelpOrder: 48, ListedFor: Roles.KeyCustodian);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await LoanArguments.FindWithWordsAsync(store, turn, Info, arguments, l => l.IsOut, cancellationToken) is not var (loan, key, reason)) return;
        if (!loan.IsOut) throw new BotRuleException(Texts, "KeyNotOut", key.Code);
        // "未还原因 3 业主还没回来 师傅在等": the reason came with the number, so it is recorded without asking for it.
        if (reason is not null)
        {
            Record(turn, loan, reason);
            return;
        }
        turn.State.Data.Clear();
        turn.State.Data["loan"] = loan.Id.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, ReasonStep, Texts.Get("AskReason", turn.Language, KeyDesk.Describe(key), await desk.NameAsync(loan.HolderId, cancellationToken)));
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var reason = turn.Said;
        if (reason.Length == 0)
        {
            turn.Reply(Texts.Get("IncidentAnswerNeeded", turn.Language));
            return;
        }
        var loan = await store.FindLoanAsync(long.Parse(turn.State.Data.GetValueOrDefault("loan") ?? "0", CultureInfo.InvariantCulture), cancellationToken);
        turn.EndFlow();
        if (loan is not { IsOut: true })
        {
            turn.Reply(Texts.Get("ReturnNoLongerOpen", turn.Language));
            return;
        }
        Record(turn, loan, reason);
    }

    private void Record(TurnContext turn, KeyLoan loan, string reason)
    {
        reason = reason.Length > 200 ? reason[..200] : reason;
        loan.RecordReason(reason, desk.Department.LocalDate(turn.Now));
        desk.Record(loan.KeyCode, KeyEventKind.ReasonRecorded, turn.Sender.Id, turn.Now, loan.Id, reason);
        turn.Reply(Texts.Get("ReasonRecorded", turn.Language, loan.KeyCode, reason));
    }
}

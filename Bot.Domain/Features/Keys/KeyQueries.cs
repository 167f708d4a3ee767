using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Keys;

/// <summary>钥匙 3-1-502 在哪 / where is key …: where the key is, or who holds it and for how long.</summary>
public sealed class WhereIsKeyCommand(IKeyStore store, KeyDesk desk, KeysOutCommand allOut) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private static readonly string[] ReturnedWords = ["还回来了", "已归还", "归还了", "已还", "还了", "returned"];
    // "钥匙都在吗", "钥匙都在哪": no key named, all of them asked about — the keys out, which is the answer.
    private static readonly string[] AllWords = ["都在吗", "都在不在", "都在", "都回来了吗", "全部", "所有", "哪些借出", "借出情况", "all"];

    public CommandInfo Info { get; } = new("where-key", ["钥匙", "钥匙在哪", "钥匙在哪里", "钥匙在哪儿"], ["where is key", "key"], Texts, "WhereDescription", HelpOrder: 22, AnswersWhere: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var text = TextInput.WithoutWhereQuestion(TextInput.ForMatching(arguments));
        if (text.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("WhereUsage", turn.Language));
            return;
        }
        if (AllWords.Any(w => text.StartsWith(w, StringComparison.Ordinal)))
        {
            await allOut.HandleAsync(turn, "", cancellationToken);
            return;
        }
        // "钥匙还了", "钥匙 3-1-502 还回来了": a return said the other way round; offered as 还钥匙, which asks the checks.
        if (ReturnedWords.FirstOrDefault(w => text.EndsWith(w, StringComparison.Ordinal)) is { } returned)
        {
            var which = text[..^returned.Length].Trim();
            var word = Texts.Get("WordReturn", turn.Language);
            var value = which.Length == 0 ? word : $"{word} {which}";
            turn.Ask(Texts.Get("ReturnSaidOtherWayRound", turn.Language, value), [new Choice(value, value)]);
            return;
        }
        // "钥匙收到了", "钥匙还了 门开好了 业主进去了", "钥匙柜2号格的钥匙不见了": no key named, or a key and more, with
        // something to do in the words — offered as the commands that do it, not looked up as a key called "收到了".
        var (named, _, after) = await desk.FindAsync(text, cancellationToken);
        if ((named is null || after is not null) && await IntentsAsync(turn, named is null ? text : after!, named, cancellationToken) is { Count: > 0 } offered)
        {
            turn.Ask(Texts.Get("KeyIntentOffer", turn.Language), offered);
            return;
        }
        var key = named ?? await desk.ResolveAsync(text, KeyDesk.Again(Info, turn.Language), cancellationToken);
        var language = turn.Language;
        var loan = await store.OpenLoanAsync(key.Code, cancellationToken);
        if (loan is { IsOut: true, HandedOutAt: { } since })
        {
            var holder = await desk.NameAsync(loan.HolderId, cancellationToken);
            var line = Texts.Get(loan.Status == LoanStatus.AwaitingReceipt ? "WhereAwaitingReceipt" : "WhereOut", language,
                KeyDesk.Describe(key) + KeysTexts.DamagedMark(key, language), holder, ConversationTexts.Duration(turn.Now - since, language), KeysTexts.Clock(since, desk.Department),
                KeysTexts.Clock(loan.DueBack, desk.Department));
            if (loan.IsOverdue(turn.Now)) line += Texts.Get("WhereOverdue", language, ConversationTexts.Duration(turn.Now - loan.DueBack, language));
            turn.Reply(line);
            return;
        }
        if (loan is not null)
        {
            turn.Reply(Texts.Get("WhereRequested", language, KeyDesk.Describe(key), await desk.NameAsync(loan.BorrowerId, cancellationToken), key.StoragePlace));
            return;
        }
        var custodian = await desk.NameAsync(key.CustodianId, cancellationToken);
        turn.Reply(key.Status == KeyStatus.In
            ? Texts.Get("WhereIn", language, KeyDesk.Describe(key), key.StoragePlace, custodian.Length > 0 ? custodian : "—")
            : Texts.Get("WhereStatus", language, KeyDesk.Describe(key), KeysTexts.Status(key.Status, language)));
    }

    /// <summary>
    /// The commands the words ask for (还 → 还钥匙, 收到 → 确认收回 when a receipt waits on the person, 丢/不见 → 钥匙丢失,
    /// 坏/断 → 钥匙损坏), each with the key when one was named; empty when the words ask for none.
    /// </summary>
    private async Task<IReadOnlyList<Choice>> IntentsAsync(TurnContext turn, string words, Key? key, CancellationToken cancellationToken)
    {
        var said = TextInput.ForMatching(words);
        var language = turn.Language;
        var choices = new List<Choice>();
        void Offer(string word, bool withKey = true)
        {
            var value = key is null || !withKey ? word : $"{word} {key.Code}";
            if (choices.All(c => c.Value != value)) choices.Add(new Choice(value, value));
        }
        if (KeyIntents.Says(said, KeyIntents.Received))
        {
            // The custodian's 确认收回, for what is waiting on them; 待办 would list the same.
            var waiting = turn.Sender.HasAny(Roles.KeyCustodian | Roles.ShiftLead)
                ? (await store.OpenLoansAsync(cancellationToken)).Where(l => l.Status == LoanStatus.AwaitingReceipt && l.Purpose != LoanPurpose.AreaSet
                    && l.ReturnedById != turn.Sender.Id && (key is null || l.KeyCode == key.Code)).ToList()
                : [];
            var word = Texts.Get("WordReceive", language);
            if (waiting.Count == 1) choices.Add(KeysTexts.Action("WordReceive", waiting[0].Id, language));
            else if (waiting.Count > 1) choices.Add(new Choice(word, word));
            else if (turn.Sender.HasAny(Roles.KeyCustodian | Roles.ShiftLead)) throw new BotRuleException(Texts, "NoLoanWaiting", word);
            // Anyone else saying they got a key: what is in their name now.
            else Offer(Texts.Get("WordMyKeys", language), withKey: false);
        }
        if (KeyIntents.Says(said, KeyIntents.Return)) Offer(Texts.Get("WordReturn", language));
        if (KeyIntents.Says(said, KeyIntents.Lost)) Offer(Texts.Get("WordLost", language));
        if (KeyIntents.Says(said, KeyIntents.Damaged)) Offer(Texts.Get("WordDamaged", language));
        return choices;
    }
}

/// <summary>The everyday words for what is done with a key, and the command each means.</summary>
file static class KeyIntents
{
    public static readonly string[] Return = ["还了", "归还", "还回", "还给", "交还", "已还", "returned", "give back"];
    public static readonly string[] Received = ["收到", "收回", "拿回来", "交回来了", "received", "got it back"];
    public static readonly string[] Lost = ["丢", "不见", "找不到", "遗失", "lost", "missing"];
    public static readonly string[] Damaged = ["坏", "断", "损", "弯了", "broken", "damaged"];

    public static bool Says(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}

/// <summary>
/// 借出钥匙 / keys out: every key not in its cabinet — with whom, since when, when due, late ones first — so the custodian
/// and the shift see at a glance what is still out (第4篇 1.2.3, 1.2.4); also "钥匙都在吗".
/// </summary>
public sealed class KeysOutCommand(IKeyStore store, KeyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = new("keys-out", ["借出钥匙", "钥匙借出情况", "借出的钥匙", "哪些钥匙借出", "谁借了钥匙", "钥匙没还", "没还的钥匙"], ["keys out"], Texts, "KeysOutDescription",
        HelpOrder: 24, ListedFor: KeyDesk.Overseers, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        // Out, or brought back and waiting for the custodian to take it in: either way not in the cabinet yet.
        var out_ = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.IsOut)
            .OrderByDescending(l => l.IsOverdue(turn.Now)).ThenBy(l => l.DueBack).ToList();
        if (out_.Count == 0)
        {
            turn.Reply(Texts.Get("KeysOutNone", language));
            return;
        }
        var lines = new List<string> { Texts.Get("KeysOutTitle", language, out_.Count) };
        foreach (var loan in out_)
        {
            var line = Texts.Get(loan.Status == LoanStatus.AwaitingReceipt ? "KeysOutReturningLine" : "KeysOutLine", language,
                KeysTexts.Described(loan.KeyCode, keys, language), await desk.NameAsync(loan.HolderId, cancellationToken),
                ConversationTexts.Duration(turn.Now - (loan.HandedOutAt ?? loan.RequestedAt), language), KeysTexts.Clock(loan.DueBack, desk.Department));
            if (loan.Status != LoanStatus.AwaitingReceipt && loan.IsOverdue(turn.Now))
                line += Texts.Get("KeysOutLate", language, ConversationTexts.Duration(turn.Now - loan.DueBack, language));
            lines.Add(line);
        }
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>我的钥匙 / my keys: the keys the person holds or has asked for, with how long and when due.</summary>
public sealed class MyKeysCommand(IKeyStore store, KeyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = new("my-keys", ["我的钥匙"], ["my keys"], Texts, "MyKeysDescription", HelpOrder: 23, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        // Held by me: a key I handed on by 转交钥匙 is the receiver's once they accepted it, not mine as well (the
        // borrower stays on the loan as the one who signed it out, but no longer holds the key).
        var mine = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.HolderId == turn.Sender.Id).ToList();
        if (mine.Count == 0)
        {
            turn.Reply(Texts.Get("MyKeysNone", language));
            return;
        }
        var lines = mine.Select(l => Texts.Get(l.IsOut ? "MyKeysLine" : "MyKeysPendingLine", language,
            KeysTexts.Described(l.KeyCode, keys, language),
            ConversationTexts.Duration(turn.Now - (l.HandedOutAt ?? l.RequestedAt), language),
            KeysTexts.Clock(l.DueBack, desk.Department),
            Texts.Get($"LoanStatus{l.Status}", language)));
        turn.Reply(string.Join("\n", [Texts.Get("MyKeysTitle", language, mine.Count), .. lines]));
    }
}

/// <summary>钥匙记录 A-01 / key trail: every step of a key's custody with times, for the custodian and supervisors.</summary>
public sealed class KeyTrailCommand(IKeyStore store, KeyDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const int MaxEvents = 30;

    public CommandInfo Info { get; } = new("key-trail", ["钥匙记录", "钥匙轨迹"], ["key trail", "key history"], Texts, "TrailDescription", Roles: KeyDesk.Overseers, HelpOrder: 45);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("TrailUsage", turn.Language));
            return;
        }
        var key = await desk.ResolveAsync(arguments, KeyDesk.Again(Info, turn.Language), cancellationToken);
        var events = await store.TrailAsync(key.Code, MaxEvents, cancellationToken);
        var language = turn.Language;
        if (events.Count == 0)
        {
            turn.Reply(Texts.Get("TrailEmpty", language, KeyDesk.Describe(key)));
            return;
        }
        // Returned and not yet received: said so, not only "已借出" under a line that reads 登记归还.
        var status = KeysTexts.Status(key.Status, language);
        if (await store.OpenLoanAsync(key.Code, cancellationToken) is { Status: LoanStatus.AwaitingReceipt })
            status += Texts.Get("TrailAwaitingReceipt", language, Texts.Get("LoanStatusAwaitingReceipt", language));
        var lines = new List<string> { Texts.Get("TrailTitle", language, KeyDesk.Describe(key), status) };
        foreach (var e in events)
        {
            var actor = e.ActorId is null ? Texts.Get("System", language) : await desk.NameAsync(e.ActorId, cancellationToken);
            var line = Texts.Get("TrailLine", language, KeysTexts.Stamp(e.At, desk.Department), actor, Texts.Get($"Event{e.Kind}", language));
            if (e.Note is { Length: > 0 } note) line += Texts.Get("TrailNote", language, note);
            if (e.LoanId is { } loanId) line += Texts.Get("TrailLoan", language, loanId);
            lines.Add(line);
        }
        turn.Reply(string.Join("\n", lines));
    }
}

using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Keys;

/// <summary>A key that is not in its cabinet: who holds it, since when and when it is due back.</summary>
public sealed record KeyOut(string Code, string Opens, string HolderId, string HolderName, DateTimeOffset Since, DateTimeOffset? DueBack);

/// <summary>
/// The keys still out, for the handover record (第1篇 1.5: keys are handed over with the shift) and anyone else who
/// must list them. The keys feature answers it.
/// </summary>
public interface IKeysOut
{
    /// <summary>Keys out on a loan held by the person (borrowed by them, or transferred to them).</summary>
    Task<IReadOnlyList<KeyOut>> HeldByAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Every key out now.</summary>
    Task<IReadOnlyList<KeyOut>> AllOutAsync(CancellationToken cancellationToken);
}

/// <summary>The keys a person holds, for whoever retires them.</summary>
public sealed class KeyHoldings(IKeysOut keys, Conversations.DepartmentProfile department) : Directory.IHoldings
{
    public async Task<IReadOnlyList<string>> OfAsync(string personId, string language, CancellationToken cancellationToken) =>
        [.. (await keys.HeldByAsync(personId, cancellationToken)).Select(k => KeysTexts.Catalog.Get("HoldingKey", language, k.Code, k.Opens,
            department.ToLocal(k.Since).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)))];
}

/// <summary>
/// What waits on a person in keys, for 待办: the keys out in their name to bring back (第4篇 1.2.3; past the curfew
/// pressing, with how late), a transfer offered to them to accept, a taking-out to approve (1.2.5), and for the custodian
/// the keys to hand out or take back in person (1.2.2), the area key set to count in (1.1.2) and the reasons the daily
/// list still lacks (1.2.4). Each with the button its own notification offers; nothing is changed.
/// </summary>
public sealed class KeyTodos(IKeyStore store, KeyDesk desk) : ITodos
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    /// <summary>Those who confirm a hand-out, a receipt or an area count (the commands' own roles).</summary>
    private const Roles KeyHands = Roles.KeyCustodian | Roles.ShiftLead;

    // 借钥匙's help order, where keys stand in help.
    public int Order => 20;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, now, language) = (asked.Person, asked.Now, asked.Language);
        var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        var open = await store.OpenLoansAsync(cancellationToken);
        var todos = new List<Todo>();
        string Described(KeyLoan loan) => KeysTexts.Described(loan.KeyCode, keys, language);
        bool Among(IEnumerable<Person> people) => people.Any(p => p.Id == me.Id);

        // In my name: the area key set goes back with the middle shift (归还区域钥匙), not by 还钥匙, so it is not mine to return.
        foreach (var loan in open.Where(l => l.HolderId == me.Id && l.Status == LoanStatus.Out && l.Purpose != LoanPurpose.AreaSet))
        {
            var word = Texts.Get("WordReturn", language);
            var action = new Choice($"{word} {loan.KeyCode}", $"{word} {loan.KeyCode}");
            todos.Add(loan.IsOverdue(now)
                ? new Todo(Texts.Get("TodoKeyOverdue", language, Described(loan), ConversationTexts.Duration(now - loan.DueBack, language),
                    KeysTexts.Clock(loan.DueBack, desk.Department)), action, Pressing: true)
                : new Todo(Texts.Get("TodoKeyOut", language, Described(loan), ConversationTexts.Duration(now - (loan.HandedOutAt ?? loan.RequestedAt), language),
                    KeysTexts.Clock(loan.DueBack, desk.Department)), action));
        }

        foreach (var loan in open.Where(l => l.TransferToId == me.Id && l.Status == LoanStatus.Out))
            todos.Add(new Todo(Texts.Get("TodoTransfer", language, await desk.NameAsync(loan.HolderId, cancellationToken), Described(loan), loan.Id),
                Texts.NumberedAction("WordAcceptTransfer", loan.Id, language)));

        // A request still waiting at its curfew lapses (KeyWatch), so it waits on nobody any more.
        bool Lapsed(KeyLoan loan) => now >= loan.DueBack;

        if (me.HasAny(KeyDesk.Approvers))
            foreach (var loan in open.Where(l => l.Status == LoanStatus.AwaitingApproval && l.BorrowerId != me.Id && !Lapsed(l)))
                if (Among(await desk.OffSiteApproversAsync(loan.BorrowerId, cancellationToken)))
                    todos.Add(new Todo(Texts.Get("TodoApproval", language, await desk.NameAsync(loan.BorrowerId, cancellationToken), Described(loan), loan.Id),
                        Texts.NumberedAction("WordApprove", loan.Id, language)));

        if (me.HasAny(KeyHands))
        {
            foreach (var loan in open.Where(l => l.Status == LoanStatus.AwaitingHandOut && l.BorrowerId != me.Id && !Lapsed(l)))
                if (keys.TryGetValue(loan.KeyCode, out var key) && Among(await desk.HandOutCustodiansAsync(key, loan, cancellationToken)))
                    todos.Add(new Todo(Texts.Get("TodoHandOut", language, await desk.NameAsync(loan.BorrowerId, cancellationToken), Described(loan), loan.Id),
                        Texts.NumberedAction("WordHandOut", loan.Id, language)));

            // Brought back and waiting to be taken in: the key's custodians are asked, not the one who brought it.
            foreach (var loan in open.Where(l => l.Status == LoanStatus.AwaitingReceipt && l.Purpose != LoanPurpose.AreaSet && l.ReturnedById != me.Id))
                if (Among(await desk.CustodiansAsync(keys.GetValueOrDefault(loan.KeyCode), cancellationToken)))
                    todos.Add(new Todo(Texts.Get("TodoReceipt", language, await desk.NameAsync(loan.ReturnedById, cancellationToken), Described(loan), loan.Id),
                        Texts.NumberedAction("WordReceive", loan.Id, language)));

            // The area key set handed back, counted in by the control room (第4篇 1.1.2), as its receipt request asked.
            var areaKey = open.Where(l => l.Purpose == LoanPurpose.AreaSet && l.Status == LoanStatus.AwaitingReceipt)
                .Select(l => keys.GetValueOrDefault(l.KeyCode)).OfType<Key>().MinBy(k => k.Code, StringComparer.Ordinal);
            foreach (var handover in await store.UncountedReturnsAsync(cancellationToken))
                if (handover.PersonId != me.Id && Among(await desk.CustodiansAsync(areaKey, cancellationToken)))
                    todos.Add(new Todo(Texts.Get("TodoAreaCount", language, await desk.NameAsync(handover.PersonId, cancellationToken), handover.Counted, handover.Id),
                        Texts.NumberedAction("WordCountArea", handover.Id, language)));
        }

        // 第4篇 1.2.7: a key reported damaged is the custodian's to have mended or replaced; until then it cannot be lent,
        // so it waits on them (the report itself went to the department manager).
        if (me.HasAny(Roles.KeyCustodian))
            foreach (var key in keys.Values.Where(k => k.Status == KeyStatus.Damaged).OrderBy(k => k.Code, StringComparer.Ordinal))
                if (Among(await desk.CustodiansAsync(key, cancellationToken)))
                {
                    var word = Texts.Get("WordRepaired", language);
                    todos.Add(new Todo(Texts.Get("TodoDamaged", language, KeyDesk.Describe(key)), new Choice($"{word} {key.Code}", $"{word} {key.Code}")));
                }

        // 第4篇 1.2.4: the daily list named the key and no reason is recorded yet; the button is the daily list's own.
        if (me.HasAny(Roles.KeyCustodian))
            foreach (var loan in open.Where(l => l.LacksReason))
                todos.Add(new Todo(Texts.Get("TodoReason", language, Described(loan), await desk.NameAsync(loan.HolderId, cancellationToken), loan.Id),
                    new Choice($"{Texts.Get("WordReason", language)} {loan.Id}", Texts.Get("ReasonButton", language, loan.KeyCode))));
        return todos;
    }
}

/// <summary>The unit's key: in its place, or out with whom since when — for the unit's record (业户).</summary>
public sealed class KeyUnitFacts(IKeyStore store, IKeysOut keys, Conversations.DepartmentProfile department) : Directory.IUnitFacts
{
    public int Order => 30;

    public async Task<IReadOnlyList<string>> AboutAsync(Directory.UnitAsked unit, CancellationToken cancellationToken)
    {
        var mine = (await store.AllKeysAsync(cancellationToken)).Where(k => k.Opens == unit.Code).ToList();
        if (mine.Count == 0) return [];
        var out_ = (await keys.AllOutAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        return [.. mine.Select(k => out_.TryGetValue(k.Code, out var held)
            ? KeysTexts.Catalog.Get("UnitFactOut", unit.Language, k.Code, held.HolderName,
                department.ToLocal(held.Since).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            : KeysTexts.Catalog.Get("UnitFactIn", unit.Language, k.Code, k.StoragePlace))];
    }
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// The area key set and its 钥匙交接单 (第4篇 1.1.1–1.1.2): the early shift collects the set from the control room
/// after arriving and confirms the count; the middle shift returns it after its shift and the receiver confirms the
/// count. A wrong count escalates to the shift lead.
/// </summary>
public sealed class AreaKeys(IKeyStore store, KeyDesk desk, EscalationService escalations, ShiftSchedule shifts, KeysPolicy policy)
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    /// <summary>The count a person gave: a typed number is the count itself (not a choice's number); a pressed or typed label is its value.</summary>
    public static int? CountFrom(TurnContext turn)
    {
        var typed = TextInput.ForMatching(turn.Message.ChoiceValue ?? turn.Text);
        if (!int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && !int.TryParse(turn.Choice?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out count)) return null;
        return count <= 999 ? count : null;
    }

    public async Task<IReadOnlyList<Key>> SetAsync(CancellationToken cancellationToken) =>
        [.. (await store.AllKeysAsync(cancellationToken)).Where(k => k.Kind == KeyKind.Area && k.Status is KeyStatus.In or KeyStatus.Out)];

    public async Task<IReadOnlyList<KeyLoan>> OutAsync(CancellationToken cancellationToken) =>
        [.. (await store.OpenLoansAsync(cancellationToken)).Where(l => l.Purpose == LoanPurpose.AreaSet && l.Status == LoanStatus.Out)];

    /// <summary>When the set is due back: the end of today's return shift (the middle shift by default).</summary>
    public DateTimeOffset DueBack(DateTimeOffset now)
    {
        var today = desk.Department.LocalDate(now);
        if (shifts.Find(policy.AreaReturnShift) is not { } shift) return now + policy.DefaultLoan;
        var end = desk.Department.ToInstant(shift.CrossesMidnight ? today.AddDays(1) : today, shift.End);
        return end > now ? end : now + policy.DefaultLoan;
    }

    public async Task<AreaKeyHandover> CollectAsync(Participant person, int counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inPlace = (await SetAsync(cancellationToken)).Where(k => k.Status == KeyStatus.In).ToList();
        var handover = new AreaKeyHandover { Kind = AreaHandoverKind.Collect, PersonId = person.Id, At = now, Expected = inPlace.Count, Counted = counted };
        store.Add(handover);
        await store.FlushAsync(cancellationToken);
        var due = DueBack(now);
        foreach (var key in inPlace)
        {
            if (!await store.TryOpenLoanAsync(KeyLoan.AreaSet(key, person.Id, handover.Id, now, due), cancellationToken)) continue;
            key.Status = KeyStatus.Out;
            desk.Record(key.Code, KeyEventKind.AreaCollected, person.Id, now, null, Texts.Get("HandoverNote", TextCatalog.Chinese, handover.Id, counted, inPlace.Count));
        }
        if (counted != inPlace.Count) await WrongCountAsync(handover, person.DisplayName, inPlace, now, cancellationToken);
        return handover;
    }

    public async Task<AreaKeyHandover> ReturnAsync(Participant person, int counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var loans = await OutAsync(cancellationToken);
        var handover = new AreaKeyHandover { Kind = AreaHandoverKind.Return, PersonId = person.Id, At = now, Expected = loans.Count, Counted = counted };
        store.Add(handover);
        await store.FlushAsync(cancellationToken);
        foreach (var loan in loans)
        {
            loan.Return(person.Id, now);
            desk.Record(loan.KeyCode, KeyEventKind.AreaReturned, person.Id, now, loan.Id, Texts.Get("HandoverNote", TextCatalog.Chinese, handover.Id, counted, loans.Count));
        }
        var keys = (await store.AllKeysAsync(cancellationToken)).Where(k => loans.Any(l => l.KeyCode == k.Code)).ToList();
        if (counted != loans.Count) await WrongCountAsync(handover, person.DisplayName, keys, now, cancellationToken);
        foreach (var custodian in (await desk.CustodiansAsync(keys.FirstOrDefault(), cancellationToken)).Where(c => c.Id != person.Id))
            await desk.TellAsync(custodian.Id, $"keys:area-receipt:{handover.Id}:{custodian.Id}", "AreaReceiptRequest",
                [person.DisplayName, counted, loans.Count, handover.Id], cancellationToken,
                l => [KeysTexts.Action("WordCountArea", handover.Id, l)]);
        return handover;
    }

    /// <summary>The receiver counts what came back; the loans close and the keys are in again.</summary>
    public async Task ConfirmReturnAsync(AreaKeyHandover handover, Participant receiver, int counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        handover.Confirm(receiver.Id, counted, now);
        var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        var loans = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.Purpose == LoanPurpose.AreaSet && l.Status == LoanStatus.AwaitingReceipt).ToList();
        foreach (var loan in loans)
        {
            loan.Receive(receiver.Id, now);
            if (keys.TryGetValue(loan.KeyCode, out var key) && key.Status == KeyStatus.Out) key.Status = KeyStatus.In;
            desk.Record(loan.KeyCode, KeyEventKind.Received, receiver.Id, now, loan.Id, Texts.Get("HandoverNote", TextCatalog.Chinese, handover.Id, counted, handover.Expected));
        }
        if (counted != handover.Expected)
            await WrongCountAsync(handover, receiver.DisplayName, [.. loans.Select(l => keys.GetValueOrDefault(l.KeyCode)).OfType<Key>()], now, cancellationToken);
    }

    private async Task WrongCountAsync(AreaKeyHandover handover, string who, IReadOnlyList<Key> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counted = handover.ReceiverCount ?? handover.Counted;
        foreach (var key in keys)
            desk.Record(key.Code, KeyEventKind.AreaCountWrong, handover.ReceiverId ?? handover.PersonId, now, null,
                Texts.Get("HandoverNote", TextCatalog.Chinese, handover.Id, counted, handover.Expected));
        await escalations.RaiseAsync(new EscalationRequest("keys.area-count",
            Texts.Get("AreaCountSubject", TextCatalog.Chinese, handover.Id.ToString(CultureInfo.InvariantCulture)),
            Severity.Urgent,
            Texts.Get("AreaCountDetails", TextCatalog.Chinese, who, Texts.Get($"Area{handover.Kind}", TextCatalog.Chinese), counted, handover.Expected,
                string.Join("、", keys.Select(KeyDesk.Describe))),
            handover.ReceiverId ?? handover.PersonId), now, cancellationToken);
    }
}

/// <summary>领取区域钥匙 / collect area keys: count the set and confirm (第4篇 1.1.1).</summary>
public sealed class CollectAreaKeysCommand(AreaKeys area, KeyDesk desk) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public string Name => "keys.area-collect";

    public CommandInfo Info { get; } = new("collect-area-keys", ["领取区域钥匙", "领钥匙"], ["collect area keys"], Texts, "CollectAreaDescription", HelpOrder: 27);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var set = await area.SetAsync(cancellationToken);
        var inPlace = set.Where(k => k.Status == KeyStatus.In).ToList();
        if (inPlace.Count == 0)
        {
            var holders = new List<string>();
            foreach (var loan in await area.OutAsync(cancellationToken)) holders.Add(await desk.NameAsync(loan.HolderId, cancellationToken));
            turn.Reply(set.Count == 0 ? Texts.Get("NoAreaKeys", turn.Language)
                : Texts.Get("AreaAlreadyCollected", turn.Language, string.Join(KeysTexts.Separator(turn.Language), holders.Distinct())));
            return;
        }
        var count = inPlace.Count.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, "count", Texts.Get("AskAreaCollectCount", turn.Language, inPlace.Count, string.Join(KeysTexts.Separator(turn.Language), inPlace.Select(KeyDesk.Describe))),
            [new Choice(count, Texts.Get("CountIs", turn.Language, count))]);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (AreaKeys.CountFrom(turn) is not { } counted)
        {
            turn.Reply(Texts.Get("CountNeeded", turn.Language));
            return;
        }
        turn.EndFlow();
        var handover = await area.CollectAsync(turn.Sender, counted, turn.Now, cancellationToken);
        turn.Reply(Texts.Get(handover.Counted == handover.Expected ? "AreaCollected" : "AreaCollectedWrongCount", turn.Language,
            handover.Id, handover.Counted, handover.Expected, KeysTexts.Clock(area.DueBack(turn.Now), desk.Department)));
    }
}

/// <summary>归还区域钥匙 / return area keys: the middle shift hands the set back and says how many (第4篇 1.1.2).</summary>
public sealed class ReturnAreaKeysCommand(AreaKeys area) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public string Name => "keys.area-return";

    public CommandInfo Info { get; } = new("return-area-keys", ["归还区域钥匙", "交回区域钥匙"], ["return area keys"], Texts, "ReturnAreaDescription", HelpOrder: 28);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var loans = await area.OutAsync(cancellationToken);
        if (loans.Count == 0)
        {
            turn.Reply(Texts.Get("NoAreaKeysOut", turn.Language));
            return;
        }
        var count = loans.Count.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, "count", Texts.Get("AskAreaReturnCount", turn.Language, loans.Count, string.Join(KeysTexts.Separator(turn.Language), loans.Select(l => l.KeyCode))),
            [new Choice(count, Texts.Get("CountIs", turn.Language, count))]);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (AreaKeys.CountFrom(turn) is not { } counted)
        {
            turn.Reply(Texts.Get("CountNeeded", turn.Language));
            return;
        }
        turn.EndFlow();
        var handover = await area.ReturnAsync(turn.Sender, counted, turn.Now, cancellationToken);
        turn.Reply(Texts.Get(handover.Counted == handover.Expected ? "AreaReturned" : "AreaReturnedWrongCount", turn.Language, handover.Id, handover.Counted, handover.Expected));
    }
}

/// <summary>清点区域钥匙 3 / count area keys 3: the receiver in the control room counts the returned set.</summary>
public sealed class CountAreaKeysCommand(AreaKeys area, IKeyStore store) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public string Name => "keys.area-count";

    public CommandInfo Info { get; } = new("count-area-keys", ["清点区域钥匙"], ["count area keys"], Texts, "CountAreaDescription",
        Roles: Roles.KeyCustodian | Roles.ShiftLead, HelpOrder: 49, ListedFor: Roles.KeyCustodian);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var handover = await FindAsync(arguments, cancellationToken);
        turn.State.Data.Clear();
        turn.State.Data["handover"] = handover.Id.ToString(CultureInfo.InvariantCulture);
        var count = handover.Expected.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, "count", Texts.Get("AskAreaReceiverCount", turn.Language, handover.Id, handover.Expected),
            [new Choice(count, Texts.Get("CountIs", turn.Language, count))]);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (AreaKeys.CountFrom(turn) is not { } counted)
        {
            turn.Reply(Texts.Get("CountNeeded", turn.Language));
            return;
        }
        var id = turn.State.Data.GetValueOrDefault("handover") ?? "";
        turn.EndFlow();
        var handover = await FindAsync(id, cancellationToken);
        await area.ConfirmReturnAsync(handover, turn.Sender, counted, turn.Now, cancellationToken);
        turn.Reply(Texts.Get(counted == handover.Expected ? "AreaReceived" : "AreaReceivedWrongCount", turn.Language, handover.Id, counted, handover.Expected));
    }

    private async Task<AreaKeyHandover> FindAsync(string arguments, CancellationToken cancellationToken)
    {
        if (!long.TryParse(TextInput.ForMatching(arguments).TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new BotRuleException(Texts, "HandoverNumberNeeded");
        var handover = await store.FindHandoverAsync(id, cancellationToken);
        if (handover is not { Kind: AreaHandoverKind.Return }) throw new BotRuleException(Texts, "HandoverNotFound", id);
        if (handover.ConfirmedAt is not null) throw new BotRuleException(Texts, "HandoverAlreadyConfirmed", id);
        return handover;
    }
}

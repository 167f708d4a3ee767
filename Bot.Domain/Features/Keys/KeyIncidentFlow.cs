using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// 钥匙丢失 / 钥匙损坏 (第4篇 1.1.3, 1.2.7): a guided written report — what happened, when, where, how — then the key
/// is marked lost or damaged and the report is stored, and 客服部经理 hears of it at once. A lost key's loan closes (it cannot
/// come back); a damaged key's loan stays open until it is returned and received as usual, marked damaged meanwhile.
/// </summary>
public sealed class KeyIncidentFlow(IKeyStore store, KeyDesk desk, EscalationService escalations) : IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private static readonly string[] Questions = ["what", "when", "where", "how"];
    private const string KeyStep = "key";
    private const int MaxAnswer = 500;

    public string Name => "keys.incident";

    public async ValueTask StartAsync(TurnContext turn, IncidentKind kind, string arguments, CancellationToken cancellationToken)
    {
        turn.State.Data.Clear();
        turn.State.Data["kind"] = kind.ToString();
        if (arguments.Length == 0)
        {
            // The keys out in the person's name are the likely ones: offered as buttons, any other may still be typed.
            var held = (await store.OpenLoansAsync(cancellationToken))
                .Where(l => l.HolderId == turn.Sender.Id && l.Status == LoanStatus.Out && l.Purpose != LoanPurpose.AreaSet)
                .Select(l => new Choice(l.KeyCode, l.KeyCode)).ToList();
            turn.AskInFlow(this, KeyStep, Texts.Get("IncidentAskKey", turn.Language, Texts.Get($"Incident{kind}", turn.Language)), held,
                textAnswersToo: true);
            return;
        }
        await KeyChosenAsync(turn, arguments, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = TextInput.Normalize(turn.Message.Text ?? turn.Text);
        if (answer.Length == 0)
        {
            turn.Reply(Texts.Get("IncidentAnswerNeeded", turn.Language));
            return;
        }
        if (turn.State.Step == KeyStep)
        {
            await KeyChosenAsync(turn, answer, cancellationToken);
            return;
        }
        var index = Array.IndexOf(Questions, turn.State.Step);
        if (index < 0)
        {
            turn.EndFlow();
            return;
        }
        turn.State.Data[Questions[index]] = answer.Length > MaxAnswer ? answer[..MaxAnswer] : answer;
        if (index + 1 < Questions.Length) Ask(turn, index + 1);
        else await FileAsync(turn, cancellationToken);
    }

    private async Task KeyChosenAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        Key key;
        string? told;
        try
        {
            // "钥匙丢失 3-1-502 带看后找不到了": the key, and already what happened.
            (key, told) = await desk.ResolveLeadingAsync(text, k => k.Code, cancellationToken);
        }
        catch (BotRuleException unknown)
        {
            // The report still waits for its key (also when 钥匙丢失 came with a wrong one): a suggestion pressed, or
            // the key typed again, answers it.
            turn.AskInFlow(this, KeyStep, unknown.Render(turn.Language), unknown.Choices);
            return;
        }
        // A damaged key can still go missing afterwards; a lost one cannot be reported again, nor a damaged one twice.
        if (key.Status == KeyStatus.Lost || (key.Status == KeyStatus.Damaged && turn.State.Data["kind"] == nameof(IncidentKind.Damaged)))
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("IncidentAlreadyReported", turn.Language, KeyDesk.Describe(key), KeysTexts.Status(key.Status, turn.Language)));
            return;
        }
        turn.State.Data["code"] = key.Code;
        if (told is null)
        {
            Ask(turn, 0, key);
            return;
        }
        turn.State.Data[Questions[0]] = told.Length > MaxAnswer ? told[..MaxAnswer] : told;
        Ask(turn, 1, key);
    }

    private void Ask(TurnContext turn, int index, Key? key = null)
    {
        var language = turn.Language;
        var kind = Texts.Get($"Incident{turn.State.Data["kind"]}", language);
        var intro = key is null ? "" : Texts.Get("IncidentIntro", language, KeyDesk.Describe(key), kind) + "\n";
        turn.AskInFlow(this, Questions[index], intro + Texts.Get($"IncidentAsk_{Questions[index]}", language, index + 1, Questions.Length));
    }

    private async Task FileAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string>(turn.State.Data);
        turn.EndFlow();
        var kind = Enum.Parse<IncidentKind>(data["kind"]);
        var key = await store.FindKeyAsync(data["code"], cancellationToken) ?? throw new BotRuleException(Texts, "KeyUnknown", data["code"]);
        var report = new KeyIncidentReport
        {
            KeyCode = key.Code, Kind = kind, ReporterId = turn.Sender.Id, ReportedAt = turn.Now,
            What = data["what"], When = data["when"], Where = data["where"], How = data["how"],
        };
        store.Add(report);
        key.Status = kind == IncidentKind.Lost ? KeyStatus.Lost : KeyStatus.Damaged;
        var loan = await store.OpenLoanAsync(key.Code, cancellationToken);
        // Only asked for, never handed out: the key cannot go out now, so the request is declined and its borrower told.
        var declined = loan is { IsOut: false };
        if (declined) loan!.Decline();
        // Lost, it cannot come back: the loan closes. Damaged, it still goes back to the custodian and the unit is still
        // checked (第4篇 1.2.3, 1.2.7): the loan stays open until 还钥匙 and 确认收回, the key marked damaged meanwhile.
        else if (kind == IncidentKind.Lost) loan?.ReportLost();
        var keptOpen = loan is { IsOpen: true };
        await store.FlushAsync(cancellationToken);
        var kindName = Texts.Get($"Incident{kind}", TextCatalog.Chinese);
        desk.Record(key.Code, kind == IncidentKind.Lost ? KeyEventKind.Lost : KeyEventKind.Damaged, turn.Sender.Id, turn.Now, loan?.Id,
            Texts.Get("IncidentNote", TextCatalog.Chinese, report.Id.ToString(CultureInfo.InvariantCulture)));

        // 第4篇 1.2.7: in writing to the department manager at once; the chain climbs from there if nobody answers.
        var borrower = loan is null ? "—" : await desk.NameAsync(loan.BorrowerId, cancellationToken);
        var escalation = await escalations.RaiseAsync(new EscalationRequest("keys.incident",
            Texts.Get("IncidentSubject", TextCatalog.Chinese, KeyDesk.Describe(key), kindName),
            Severity.Urgent,
            Texts.Get("IncidentDetails", TextCatalog.Chinese, report.Id, turn.Sender.DisplayName, report.What, report.When, report.Where, report.How, borrower),
            turn.Sender.Id, EscalationLevel.DepartmentManager), turn.Now, cancellationToken);
        report.EscalationId = escalation.Id;
        var told = await escalations.NotifiedNamesAsync(escalation, cancellationToken);
        if (declined && loan!.BorrowerId != turn.Sender.Id)
            await desk.TellAsync(loan.BorrowerId, $"keys:incident-declined:{loan.Id}", language =>
                (Texts.Get("IncidentDeclinedToBorrower", language, KeyDesk.Describe(key), KeysTexts.Status(key.Status, language), loan.Id), null), cancellationToken);
        var filed = Texts.Get("IncidentFiled", turn.Language, Texts.Get($"Incident{kind}", turn.Language), KeyDesk.Describe(key), report.Id,
            told.Count == 0 ? "—" : string.Join(KeysTexts.Separator(turn.Language), told));
        if (!keptOpen)
        {
            turn.Reply(filed);
            return;
        }
        // The damaged key is still out: its custodian learns it is coming back damaged, and whoever holds it is asked to
        // bring it back the usual way.
        var holder = await desk.NameAsync(loan!.HolderId, cancellationToken);
        foreach (var custodian in await desk.CustodiansAsync(key, cancellationToken))
            if (custodian.Id != turn.Sender.Id)
                await desk.TellAsync(custodian.Id, $"keys:damaged:{loan.Id}:{custodian.Id}", "DamagedToCustodian",
                    [turn.Sender.DisplayName, KeyDesk.Describe(key), holder, loan.Id], cancellationToken);
        if (loan.Status != LoanStatus.Out)
        {
            turn.Reply(filed + "\n" + Texts.Get("DamagedAwaitingReceipt", turn.Language));
            return;
        }
        var word = Texts.Get("WordReturn", turn.Language);
        turn.Reply(filed + "\n" + Texts.Get(loan.HolderId == turn.Sender.Id ? "DamagedStillToReturn" : "DamagedStillToReturnBy", turn.Language, holder),
            [new Choice($"{word} {key.Code}", word)]);
    }
}

/// <summary>钥匙丢失 / key lost and 钥匙损坏 / key damaged: each starts the written report.</summary>
public sealed class ReportKeyCommand(KeyIncidentFlow flow, IncidentKind kind) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = kind == IncidentKind.Lost
        ? new("key-lost", ["钥匙丢失", "丢钥匙", "钥匙丢了"], ["key lost", "lost key"], Texts, "LostDescription", HelpOrder: 24)
        : new("key-damaged", ["钥匙损坏", "钥匙坏了"], ["key damaged", "damaged key"], Texts, "DamagedDescription", HelpOrder: 25);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        flow.StartAsync(turn, kind, arguments, cancellationToken);
}

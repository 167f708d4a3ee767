using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// 借钥匙 3-1-502 / borrow key (第4篇 1.2.2, the 钥匙借用登记表): purpose → expected return (default: the end of the
/// borrower's shift, the curfew) → on behalf of a contractor? (1.2.6: name and company; the staff member stays
/// accountable) → out of the office? (1.2.5: a supervisor approves) → the custodian confirms the hand-out in person.
/// Only staff borrow (1.2.5); an owner asking is refused and logged.
/// </summary>
public sealed class BorrowKeyCommand(KeyDesk desk, IKeyStore store, IRosterStore roster, ShiftSchedule shifts,
    KeysPolicy policy) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const string KeyStep = "key", PurposeStep = "purpose", PurposeDetailStep = "purpose-detail", DueStep = "due", ContractorStep = "contractor",
        ContractorNameStep = "contractor-name", OffSiteStep = "offsite";

    public string Name => "keys.borrow";

    // Open to everyone so that an owner asking is answered by this feature and logged (1.2.5); help lists it for staff only.
    public CommandInfo Info { get; } = new("borrow-key", ["借钥匙", "借用钥匙"], ["borrow key"], Texts, "BorrowDescription",
        Audience.Everyone, HelpOrder: 20, ListedFor: KeyDesk.AnyStaffRole);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (!turn.Sender.IsStaff)
        {
            // 第4篇 1.2.5: keys are never lent to anyone outside the company.
            store.LogRefused(turn.Sender.Id, $"borrow {arguments}");
            turn.Reply(Texts.Get("OnlyStaffBorrow", turn.Language));
            return;
        }
        if (arguments.Length == 0)
        {
            turn.AskInFlow(this, KeyStep, Texts.Get("AskWhichKey", turn.Language));
            return;
        }
        await StartAsync(turn, arguments, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        switch (turn.State.Step)
        {
            case KeyStep:
                // A suggested key picked: by its button or number, or "是" to the one suggestion.
                var picked = turn.Choice?.Value == SuggestedOne ? turn.State.Data.GetValueOrDefault(SuggestedKey) : turn.Choice?.Value;
                if (picked is null && turn.Text.Length == 0) turn.Reply(Texts.Get("AskWhichKey", language));
                else await StartAsync(turn, picked ?? turn.Text, cancellationToken);
                return;
            case PurposeStep:
                // "业主委托看一下漏水": the purpose, said with what for; what for goes on the register with it.
                var (chosen, detail) = turn.Choice is { } pressed ? (pressed, null) : TextInput.LeadingWithRest(turn.Said, PurposeChoices(language)) ?? default;
                if (chosen is null && turn.Choice is null && turn.Said.Count(char.IsLetter) >= 2)
                    // "带业主看房": no purpose of the list, but a purpose all the same, written as 其他 with those words.
                    (chosen, detail) = (PurposeChoices(language).Single(c => c.Value == nameof(LoanPurpose.Other)), turn.Said);
                if (chosen is null || !Enum.TryParse<LoanPurpose>(chosen.Value, out var purpose))
                {
                    AskPurpose(turn, again: true);
                    return;
                }
                turn.State.Data["purpose"] = purpose.ToString();
                if (detail is not null) turn.State.Data[DetailKey] = Clip(detail);
                else if (purpose == LoanPurpose.Other)
                {
                    // 其他 alone tells the register nothing.
                    turn.AskInFlow(this, PurposeDetailStep, Texts.Get("AskPurposeDetail", language));
                    return;
                }
                await AskDueAsync(turn, again: false, cancellationToken);
                return;
            case PurposeDetailStep:
                if (turn.Said.Length == 0)
                {
                    turn.AskInFlow(this, PurposeDetailStep, Texts.Get("AskPurposeDetail", language));
                    return;
                }
                turn.State.Data[DetailKey] = Clip(turn.Said);
                await AskDueAsync(turn, again: false, cancellationToken);
                return;
            case DueStep:
                if (await DueFromAsync(turn, cancellationToken) is not { } due)
                {
                    await AskDueAsync(turn, again: true, cancellationToken);
                    return;
                }
                turn.State.Data["due"] = due.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                turn.AskInFlow(this, ContractorStep, Texts.Get("AskContractor", language), YesNo(language, "ContractorNo", "ContractorYes"));
                return;
            case ContractorStep:
                if (turn.Choice?.Value == "yes") turn.AskInFlow(this, ContractorNameStep, Texts.Get("AskContractorName", language));
                else if (turn.Choice?.Value == "no") AskOffSite(turn);
                else turn.AskInFlow(this, ContractorStep, Texts.Get("PleaseChoose", language) + Texts.Get("AskContractor", language), YesNo(language, "ContractorNo", "ContractorYes"));
                return;
            case ContractorNameStep:
                var parts = turn.Text.Split([' ', '，', ',', '、', '/', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length < 2 || parts[0].Length > 50)
                {
                    turn.Reply(Texts.Get("AskContractorNameAgain", language));
                    return;
                }
                turn.State.Data["contractor"] = parts[0];
                turn.State.Data["company"] = string.Join(" ", parts[1..]) is var company && company.Length > 100 ? company[..100] : company;
                AskOffSite(turn);
                return;
            case OffSiteStep:
                if (turn.Choice?.Value is not ("yes" or "no"))
                {
                    AskOffSite(turn, again: true);
                    return;
                }
                await SubmitAsync(turn, turn.Choice.Value == "yes", cancellationToken);
                return;
            default:
                turn.EndFlow();
                return;
        }
    }

    private const string SuggestedKey = "suggested", SuggestedOne = "ok";

    private async Task StartAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        // "借钥匙 3-1-502 业主委托查看漏水": the key, then what for.
        var (found, close, purposeText) = await desk.FindAsync(text, cancellationToken);
        if (found is null && close.Count > 0)
        {
            // "您要找的是不是 …？" with the keys as buttons, still asking which key: one suggestion is answered with 是.
            turn.State.Data.Clear();
            turn.State.Data[SuggestedKey] = close[0].Code;
            var question = Texts.Get("KeyUnknownDidYouMean", turn.Language, text.Trim(), string.Join("；", close.Select(KeyDesk.Describe)));
            turn.AskInFlow(this, KeyStep, question, close.Count == 1
                ? [new Choice(SuggestedOne, Texts.Get("KeySuggestedYes", turn.Language, close[0].Code))]
                : [.. close.Select(k => new Choice(k.Code, KeyDesk.Describe(k)))]);
            return;
        }
        var key = found ?? throw new BotRuleException(Texts, "KeyUnknown", text.Trim());
        await EnsureBorrowableAsync(key, cancellationToken);
        // Told before the questions, not after them, when nobody at work could hand it out now.
        await desk.EnsureSomeoneHandsOutAsync(key, turn.Sender.Id, turn.Now, cancellationToken);
        turn.State.Data.Clear();
        turn.State.Data["code"] = key.Code;
        var (said, detail) = TextInput.LeadingWithRest(purposeText, PurposeChoices(turn.Language)) ?? default;
        // "借钥匙 3-1-502 查看漏水": words of no listed purpose are a purpose all the same, 其他 with those words — as when
        // they answer the purpose question. Not when they say when it comes back ("明天还", "下班前"): the purpose is asked.
        if (said is null && purposeText is not null && purposeText.Count(char.IsLetter) >= 2 && !SaysWhen(purposeText))
            (said, detail) = (PurposeChoices(turn.Language).Single(c => c.Value == nameof(LoanPurpose.Other)), purposeText.Trim());
        if (said is not null && Enum.TryParse<LoanPurpose>(said.Value, out var purpose))
        {
            turn.State.Data["purpose"] = purpose.ToString();
            if (detail is not null) turn.State.Data[DetailKey] = Clip(detail);
            await AskDueAsync(turn, again: false, cancellationToken,
                Texts.Get("KeyAndPurposeNoted", turn.Language, KeyDesk.Describe(key), PurposeText(purpose, detail, turn.Language)));
            return;
        }
        AskPurpose(turn, again: false, key);
    }

    private static readonly string[] WhenWords = ["还", "今天", "明天", "下班", "点", "小时", "分钟", "之前", "以前"];

    private static bool SaysWhen(string text) => text.Any(char.IsAsciiDigit) || WhenWords.Any(w => text.Contains(w, StringComparison.Ordinal));

    private async Task EnsureBorrowableAsync(Key key, CancellationToken cancellationToken)
    {
        if (key.Kind == KeyKind.Area) throw new BotRuleException(Texts, "AreaKeysNotLent", key.Code);
        if (key.Kind == KeyKind.FrontDesk) throw new BotRuleException(Texts, "FrontDeskKeysNotLent", key.Code);
        if (key.Status is KeyStatus.Lost or KeyStatus.Damaged or KeyStatus.Sealed)
            throw new BotRuleException(Texts, "KeyNotAvailable", key.Code, KeysTexts.Status(key.Status, TextCatalog.Chinese));
        if (await store.OpenLoanAsync(key.Code, cancellationToken) is { } open) throw await AlreadyOutAsync(key, open, cancellationToken);
    }

    private async Task<BotRuleException> AlreadyOutAsync(Key key, KeyLoan open, CancellationToken cancellationToken) =>
        new(Texts, open.IsOut ? "KeyAlreadyOut" : "KeyAlreadyRequested", key.Code, await desk.NameAsync(open.HolderId, cancellationToken),
            KeysTexts.Stamp(open.HandedOutAt ?? open.RequestedAt, desk.Department));

    private void AskPurpose(TurnContext turn, bool again, Key? key = null)
    {
        var language = turn.Language;
        var choices = PurposeChoices(language);
        var text = again ? Texts.Get("PleaseChoose", language) + Texts.Get("AskPurposeShort", language)
            : Texts.Get("AskPurpose", language, KeyDesk.Describe(key!));
        // Any words are a purpose (其他 with them), so a command typed here is held back once rather than written in.
        turn.AskInFlow(this, PurposeStep, text, choices, textAnswersToo: true);
    }

    private const string DetailKey = "purpose-detail";

    // How people say "by the end of my shift".
    private static readonly HashSet<string> EndOfShiftWords = new(StringComparer.Ordinal)
        { "下班前", "下班之前", "下班", "下班时", "下班的时候", "本班结束", "交班前", "end of shift", "end of my shift", "by the end of my shift" };

    /// <summary>The purpose as the register reads it: 业主委托（查看漏水）.</summary>
    private static string PurposeText(LoanPurpose purpose, string? detail, string language) =>
        detail is null ? KeysTexts.Purpose(purpose, language) : Texts.Get("PurposeWithDetail", language, KeysTexts.Purpose(purpose, language), detail);

    private static string Clip(string text) => text.Length > 100 ? text[..100] : text;

    private static List<Choice> PurposeChoices(string language) =>
        [.. new[] { LoanPurpose.Viewing, LoanPurpose.Repair, LoanPurpose.OwnerRequest, LoanPurpose.Other }
            .Select(p => new Choice(p.ToString(), KeysTexts.Purpose(p, language)))];

    private async Task AskDueAsync(TurnContext turn, bool again, CancellationToken cancellationToken, string? before = null)
    {
        var language = turn.Language;
        var shiftEnd = await ShiftEndAsync(turn, cancellationToken);
        var choices = new List<Choice>();
        if (shiftEnd is { } end) choices.Add(new Choice("shift", Texts.Get("DueShiftEnd", language, KeysTexts.Clock(end, desk.Department))));
        foreach (var hours in new[] { 1, 2 })
            choices.Add(new Choice($"{hours}h", Texts.Get("DueInHours", language, hours, KeysTexts.Clock(turn.Now.AddHours(hours), desk.Department))));
        var text = shiftEnd is { } e
            ? Texts.Get("AskDue", language, KeysTexts.Clock(e, desk.Department))
            : Texts.Get("AskDueNotOnShift", language, KeysTexts.Clock(turn.Now + policy.DefaultLoan, desk.Department));
        turn.AskInFlow(this, DueStep, (before ?? "") + (again ? Texts.Get("DueInvalid", language) + text : text), choices);
    }

    /// <summary>The end of the borrower's rostered shift running now: the curfew by default.</summary>
    private async Task<DateTimeOffset?> ShiftEndAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var today = desk.Department.LocalDate(turn.Now);
        foreach (var assignment in await roster.ForPersonAsync(turn.Sender.Id, today.AddDays(-1), today, cancellationToken))
        {
            if (shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var (start, end) = ShiftTimes.Of(assignment, shift, desk.Department);
            if (turn.Now >= start && turn.Now < end) return end;
        }
        return null;
    }

    private async Task<DateTimeOffset?> DueFromAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Choice?.Value)
        {
            case "shift": return await ShiftEndAsync(turn, cancellationToken) ?? turn.Now + policy.DefaultLoan;
            case "1h": return turn.Now.AddHours(1);
            case "2h": return turn.Now.AddHours(2);
        }
        // "下班前": the end of the shift, as the button says.
        if (EndOfShiftWords.Contains(TextInput.ForMatching(turn.Text))) return await ShiftEndAsync(turn, cancellationToken) ?? turn.Now + policy.DefaultLoan;
        // "一个小时后", "半小时": from now, within a day.
        if (ClockInput.Duration(turn.Text) is { } span) return span <= TimeSpan.FromDays(1) ? turn.Now + span : null;
        // "16:30", "下午4点半", and at night "01:30" for tomorrow's small hours (ClockInput.Resolve).
        if (!ClockInput.TryParse(turn.Text, out var clock)) return null;
        var due = ClockInput.Resolve(clock, turn.Now, desk.Department);
        return due > turn.Now ? due : null;
    }

    private void AskOffSite(TurnContext turn, bool again = false) =>
        turn.AskInFlow(this, OffSiteStep, (again ? Texts.Get("PleaseChoose", turn.Language) : "") + Texts.Get("AskOffSite", turn.Language),
            YesNo(turn.Language, "OffSiteNo", "OffSiteYes"));

    private static List<Choice> YesNo(string language, string noKey, string yesKey) =>
        [new Choice("no", Texts.Get(noKey, language)), new Choice("yes", Texts.Get(yesKey, language))];

    private async Task SubmitAsync(TurnContext turn, bool offSite, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string>(turn.State.Data, StringComparer.Ordinal);
        var language = turn.Language;
        turn.EndFlow();
        var key = await store.FindKeyAsync(data["code"], cancellationToken) ?? throw new BotRuleException(Texts, "KeyUnknown", data["code"]);
        await EnsureBorrowableAsync(key, cancellationToken);
        await desk.EnsureSomeoneHandsOutAsync(key, turn.Sender.Id, turn.Now, cancellationToken);
        var purpose = Enum.Parse<LoanPurpose>(data["purpose"]);
        var due = DateTimeOffset.FromUnixTimeSeconds(long.Parse(data["due"], CultureInfo.InvariantCulture));
        var loan = KeyLoan.Request(key, turn.Sender.Id, purpose, turn.Now, due,
            data.GetValueOrDefault("contractor"), data.GetValueOrDefault("company"), offSite);
        // The database settles a race: of two requests for one key at the same moment, one insert fails the unique index.
        if (!await store.TryOpenLoanAsync(loan, cancellationToken))
        {
            var open = await store.OpenLoanAsync(key.Code, cancellationToken);
            throw open is null ? new BotRuleException(Texts, "KeyJustTaken", key.Code) : await AlreadyOutAsync(key, open, cancellationToken);
        }

        var what = PurposeText(purpose, data.GetValueOrDefault(DetailKey), TextCatalog.Chinese);
        var note = loan.ContractorName is null
            ? what
            : Texts.Get("ContractorNote", TextCatalog.Chinese, what, loan.ContractorName, loan.ContractorCompany ?? "");
        desk.Record(key.Code, KeyEventKind.Requested, turn.Sender.Id, turn.Now, loan.Id, note);

        var dueText = KeysTexts.Clock(due, desk.Department);
        if (offSite)
        {
            var approvers = await desk.OffSiteApproversAsync(turn.Sender.Id, cancellationToken);
            foreach (var approver in approvers)
                await desk.TellAsync(approver.Id, $"keys:approve:{loan.Id}:{approver.Id}", "ApprovalRequest",
                    [turn.Sender.DisplayName, KeyDesk.Describe(key), note, dueText, loan.Id], cancellationToken,
                    l => [KeysTexts.Action("WordApprove", loan.Id, l), KeysTexts.Action("WordDisapprove", loan.Id, l)]);
            turn.Reply(Texts.Get("BorrowAwaitingApproval", language, KeyDesk.Describe(key), string.Join(KeysTexts.Separator(language), approvers.Select(a => a.Name)), loan.Id));
            return;
        }
        var custodians = await desk.AskHandOutAsync(key, loan, turn.Sender.DisplayName, note, cancellationToken);
        turn.Reply(Texts.Get("BorrowAwaitingHandOut", language, KeyDesk.Describe(key), string.Join(KeysTexts.Separator(language), custodians), key.StoragePlace, dueText, loan.Id));
    }
}

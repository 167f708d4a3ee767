using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// The scheduled side of keys, run every minute: at the curfew the holder is reminded; after the configured delay the
/// shift lead on duty hears of it through the escalation chain (with no 领班 on duty, the 客服主任 at once: the chain skips
/// an empty level); the early shift is prompted after check-in to collect
/// the area key set, the return shift at its end to bring it back. Each effect is claimed in our tables (the loan's
/// version, a unique claim row), so a job fired twice or on two instances acts once.
/// </summary>
public sealed class KeyWatch(IKeyStore store, KeyDesk desk, EscalationService escalations, IRosterStore roster, ShiftSchedule shifts,
    KeysPolicy policy, AreaKeys area) : IScheduledWork
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var candidate in await store.OpenLoansAsync(cancellationToken))
        {
            // A request nobody handed out by its curfew lapses, so it does not hold the key for ever.
            if (candidate.Status is LoanStatus.AwaitingHandOut or LoanStatus.AwaitingApproval && now >= candidate.DueBack)
            {
                acted += await LapseAsync(candidate.Id, now, cancellationToken);
                continue;
            }
            if (candidate.Purpose == LoanPurpose.AreaSet || !candidate.IsOverdue(now)) continue;
            if (candidate.RemindedAt is null) acted += await OnceAsync(candidate.Id, l => l.RemindedAt is null, RemindAsync, now, cancellationToken);
            if (candidate.EscalatedAt is null && now >= candidate.DueBack + policy.EscalateAfter)
                acted += await OnceAsync(candidate.Id, l => l.EscalatedAt is null, EscalateAsync, now, cancellationToken);
        }
        acted += await PromptAreaCollectAsync(now, cancellationToken);
        acted += await PromptAreaReturnAsync(now, cancellationToken);
        return acted;
    }

    /// <summary>One loan, one effect, in its own unit: re-read inside it, and the loan's version decides between instances.</summary>
    private async Task<int> OnceAsync(long loanId, Func<KeyLoan, bool> stillDue, Func<KeyLoan, DateTimeOffset, CancellationToken, Task> act,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = false;
        var won = await store.AtomicallyAsync(async () =>
        {
            var loan = await store.FindLoanAsync(loanId, cancellationToken);
            if (loan is null || !loan.IsOverdue(now) || !stillDue(loan)) return;
            await act(loan, now, cancellationToken);
            acted = true;
        }, cancellationToken);
        return won && acted ? 1 : 0;
    }

    private async Task<int> LapseAsync(long loanId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = false;
        var won = await store.AtomicallyAsync(async () =>
        {
            var loan = await store.FindLoanAsync(loanId, cancellationToken);
            if (loan?.Status is not (LoanStatus.AwaitingHandOut or LoanStatus.AwaitingApproval) || now < loan.DueBack) return;
            loan.Decline();
            desk.Record(loan.KeyCode, KeyEventKind.Declined, null, now, loan.Id, Texts.Get("LapsedNote", TextCatalog.Chinese));
            await desk.TellAsync(loan.BorrowerId, $"keys:lapsed:{loan.Id}", "LapsedToBorrower", [loan.KeyCode, loan.Id], cancellationToken);
            acted = true;
        }, cancellationToken);
        return won && acted ? 1 : 0;
    }

    private async Task RemindAsync(KeyLoan loan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        loan.Reminded(now);
        desk.Record(loan.KeyCode, KeyEventKind.Reminded, null, now, loan.Id);
        var key = await store.FindKeyAsync(loan.KeyCode, cancellationToken);
        await desk.TellAsync(loan.HolderId, $"keys:curfew:{loan.Id}", "CurfewReminder",
            [key is null ? loan.KeyCode : KeyDesk.Describe(key), KeysTexts.Clock(loan.DueBack, desk.Department)], cancellationToken,
            l => [new Choice($"{Texts.Get("WordReturn", l)} {loan.KeyCode}", Texts.Get("WordReturn", l))]);
    }

    private async Task EscalateAsync(KeyLoan loan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        loan.Escalated(now);
        var key = await store.FindKeyAsync(loan.KeyCode, cancellationToken);
        var holder = await desk.NameAsync(loan.HolderId, cancellationToken);
        var described = key is null ? loan.KeyCode : KeyDesk.Describe(key);
        var escalation = await escalations.RaiseAsync(new EscalationRequest("keys.overdue",
            Texts.Get("OverdueSubject", TextCatalog.Chinese, loan.KeyCode, holder),
            Severity.Normal,
            Texts.Get("OverdueDetails", TextCatalog.Chinese, described, holder, KeysTexts.Clock(loan.DueBack, desk.Department),
                ConversationTexts.Duration(now - loan.DueBack, TextCatalog.Chinese), KeysTexts.Purpose(loan.Purpose, TextCatalog.Chinese)),
            null, AboutId: loan.HolderId), now, cancellationToken);
        // The trail names who was told: the shift lead on duty, or — with none rostered — whoever the chain reached instead.
        var told = await escalations.NotifiedNamesAsync(escalation, cancellationToken);
        desk.Record(loan.KeyCode, KeyEventKind.Escalated, null, now, loan.Id,
            told.Count == 0 ? null : Texts.Get("EscalatedNote", TextCatalog.Chinese, string.Join("、", told)));
    }

    /// <summary>第4篇 1.1.1: after checking in, the early shift collects the area key set (once a day per person).</summary>
    private async Task<int> PromptAreaCollectAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var set = await area.SetAsync(cancellationToken);
        if (!set.Any(k => k.Status == KeyStatus.In)) return 0;
        var today = desk.Department.LocalDate(now);
        var acted = 0;
        foreach (var (personId, _) in await store.CheckedInAsync(today, policy.AreaCollectShift, cancellationToken))
        {
            if (!await AtPostAsync(personId, today, policy.AreaCollectShift, cancellationToken)) continue;
            acted += await ClaimAndTellAsync($"area-collect:{Day(today)}:{personId}", personId, "AreaCollectPrompt",
                [set.Count, string.Join("、", set.Select(k => k.Code))], "WordCollectArea", now, cancellationToken);
        }
        return acted;
    }

    /// <summary>第4篇 1.1.2: at the end of its shift the return shift hands the set back (once per shift per person).</summary>
    private async Task<int> PromptAreaReturnAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outCount = (await area.OutAsync(cancellationToken)).Count;
        if (outCount == 0 || shifts.Find(policy.AreaReturnShift) is not { } shift) return 0;
        var today = desk.Department.LocalDate(now);
        var acted = 0;
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            var end = desk.Department.ToInstant(shift.CrossesMidnight ? day.AddDays(1) : day, shift.End);
            // Prompted from the end of the shift for a few hours, so a bot started late next morning does not prompt yesterday's shift.
            if (now < end || now >= end + TimeSpan.FromHours(4)) continue;
            foreach (var (personId, _) in await store.CheckedInAsync(day, policy.AreaReturnShift, cancellationToken))
            {
                if (!await AtPostAsync(personId, day, policy.AreaReturnShift, cancellationToken)) continue;
                acted += await ClaimAndTellAsync($"area-return:{Day(day)}:{personId}", personId, "AreaReturnPrompt",
                    [outCount], "WordReturnArea", now, cancellationToken);
            }
        }
        return acted;
    }

    private async Task<bool> AtPostAsync(string personId, DateOnly day, string shiftCode, CancellationToken cancellationToken) =>
        policy.AreaPost.Length == 0
        || (await roster.ForPersonAsync(personId, day, cancellationToken)).Any(a =>
            string.Equals(a.ShiftCode, shiftCode, StringComparison.OrdinalIgnoreCase) && a.Post == policy.AreaPost);

    private async Task<int> ClaimAndTellAsync(string claim, string personId, string textKey, object[] args, string wordKey, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await store.IsClaimedAsync(claim, cancellationToken)) return 0;
        var told = false;
        var won = await store.AtomicallyAsync(async () =>
        {
            // The claim row is unique: a second instance doing the same loses the unit, and nothing of it is kept.
            store.Claim(claim, now);
            told = await desk.TellAsync(personId, $"keys:{claim}", textKey, args, cancellationToken,
                l => [new Choice(Texts.Get(wordKey, l), Texts.Get(wordKey, l))]);
        }, cancellationToken);
        return won && told ? 1 : 0;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// 第4篇 1.2.4: every day at the configured time each custodian gets the list of keys still out, with a button per key
/// to record why it is not back. Listing marks each loan with the day, so the digest can show reasons still missing.
/// </summary>
public sealed class KeyDailyCheck(IKeyStore store, KeyDesk desk) : IScheduledWork
{
    Task<int> IScheduledWork.ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken) => SendAsync(now, cancellationToken);

    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const int MaxButtons = 6;

    public async Task<int> SendAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = desk.Department.LocalDate(now);
        var dayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sent = 0;
        var won = await store.AtomicallyAsync(async () =>
        {
            var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
            var outNow = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.IsOut).ToList();
            foreach (var loan in outNow) loan.Listed(today);
            foreach (var custodian in await store.PeopleWithAsync(Roles.KeyCustodian, cancellationToken))
            {
                var language = TextCatalog.NormalizeLanguage(custodian.Language);
                var text = outNow.Count == 0
                    ? Texts.Get("DailyAllIn", language, dayText)
                    : string.Join("\n", [Texts.Get("DailyTitle", language, dayText, outNow.Count),
                        .. await LinesAsync(outNow, keys, now, language, cancellationToken), Texts.Get("DailyFooter", language)]);
                var choices = outNow.Take(MaxButtons).Select(l => new Choice($"{Texts.Get("WordReason", language)} {l.Id}", Texts.Get("ReasonButton", language, l.KeyCode))).ToList();
                if (await desk.TellAsync(custodian.Id, $"keys:daily:{dayText}:{custodian.Id}", _ => (text, choices), cancellationToken)) sent++;
            }
        }, cancellationToken);
        return won ? sent : 0;
    }

    private async Task<IEnumerable<string>> LinesAsync(IReadOnlyList<KeyLoan> loans, IReadOnlyDictionary<string, Key> keys, DateTimeOffset now, string language,
        CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var loan in loans)
            lines.Add(Texts.Get("DailyLine", language, KeysTexts.Described(loan.KeyCode, keys, language), await desk.NameAsync(loan.HolderId, cancellationToken),
                ConversationTexts.Duration(now - (loan.HandedOutAt ?? loan.RequestedAt), language), KeysTexts.Stamp(loan.DueBack, desk.Department),
                KeysTexts.Purpose(loan.Purpose, language), loan.Id));
        return lines;
    }
}

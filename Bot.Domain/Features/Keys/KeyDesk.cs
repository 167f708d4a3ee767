using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// What every key conversation needs: finding a key from what a person typed (with close matches when it is not
/// found), the custodians of a key, the trail, and messages to people in their own language.
/// </summary>
public sealed class KeyDesk(IKeyStore store, IDirectoryStore directory, INotifier notifier, DepartmentProfile department,
    IRosterStore roster, ShiftSchedule shifts, IEscalationDirectory chain, EscalationPolicy hours, IDutyManagerStore dutyManagers)
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;
    private const int MaxMatches = 5;

    /// <summary>Every role a member of staff may hold: help lists staff-only commands open to owners (for the refusal log) to these.</summary>
    public const Roles AnyStaffRole = Roles.Staff | Roles.FrontDesk | Roles.KeyCustodian | Roles.AttendanceClerk | Roles.ShiftLead
        | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager | Roles.Clerk;

    /// <summary>Those who answer for keys and may read a key's custody trail: the custodian and the supervisors.</summary>
    public const Roles Overseers = Roles.KeyCustodian | Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    /// <summary>Who may approve taking a key out of the office (第4篇 1.2.5).</summary>
    public const Roles Approvers = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public DepartmentProfile Department => department;

    /// <summary>
    /// The key a person means: its code (U-3-1-502), the unit or area it opens (3-1-502), case and width folded.
    /// Unknown → a refusal that lists the closest keys, each a button: <paramref name="choiceFor"/> says what pressing it
    /// sends (the command again with that key, or only its code where a question waits for it).
    /// </summary>
    public async Task<Key> ResolveAsync(string text, Func<Key, string> choiceFor, CancellationToken cancellationToken) =>
        (await ResolveLeadingAsync(text, choiceFor, cancellationToken)).Key;

    /// <summary>
    /// Like <see cref="ResolveAsync"/>, for a key said with more after it ("3-1-502 李四", "3-1-502 业主委托查看漏水"):
    /// the key, and what followed it (null when the text was the key alone), for the command to use.
    /// </summary>
    public async Task<(Key Key, string? After)> ResolveLeadingAsync(string text, Func<Key, string> choiceFor, CancellationToken cancellationToken)
    {
        var (found, close, rest) = await FindAsync(text, cancellationToken);
        if (found is not null) return (found, rest);
        if (close.Count == 0) throw new BotRuleException(Texts, "KeyUnknown", text.Trim());
        throw new BotRuleException(Texts, "KeyUnknownDidYouMean", text.Trim(), string.Join("；", close.Select(Describe)))
        {
            Choices = [.. close.Select(k => new Choice(choiceFor(k), Describe(k)))],
        };
    }

    /// <summary>For <see cref="ResolveAsync"/>: a suggested key pressed runs this command again with it.</summary>
    public static Func<Key, string> Again(CommandInfo command, string language) => key => $"{command.WordFor(language)} {key.Code}";

    /// <summary>
    /// The key meant, or else the closest ones (by code or by what they open), for "您要找的是不是". A text that is no
    /// key as a whole but starts with one, set apart ("3-1-502 李四"), is that key, and the rest is returned with it.
    /// </summary>
    public async Task<(Key? Key, IReadOnlyList<Key> Close, string? After)> FindAsync(string text, CancellationToken cancellationToken)
    {
        var wanted = Fold(text);
        var keys = await store.AllKeysAsync(cancellationToken);
        Key? Exactly(string folded) => keys.FirstOrDefault(k => Fold(k.Code) == folded)
            ?? keys.FirstOrDefault(k => Fold(k.Opens) == folded)
            ?? keys.FirstOrDefault(k => Fold(k.Code) == "u-" + folded);
        if (Exactly(wanted) is { } found) return (found, [], null);
        if (text.Trim().Split([' ', '，', ','], 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [var head, var tail]
            && Exactly(Fold(head)) is { } leading)
            return (leading, [], tail);

        var close = keys
            .Select(k => (Key: k, Score: Math.Min(Distance(wanted, Fold(k.Code)), Distance(wanted, Fold(k.Opens)))))
            .Where(x => x.Score <= Math.Max(2, wanted.Length / 3) || Fold(x.Key.Code).Contains(wanted, StringComparison.Ordinal) || Fold(x.Key.Opens).Contains(wanted, StringComparison.Ordinal))
            .OrderBy(x => x.Score).ThenBy(x => x.Key.Code, StringComparer.Ordinal)
            .Take(MaxMatches)
            .Select(x => x.Key)
            .ToList();
        return (null, close, null);
    }

    /// <summary>The key's own custodian, or everyone with the 钥匙专人 role when it has none (or they have left).</summary>
    public async Task<IReadOnlyList<Person>> CustodiansAsync(Key? key, CancellationToken cancellationToken)
    {
        if (key?.CustodianId is { } id && await directory.FindPersonAsync(id, cancellationToken) is { Active: true } custodian) return [custodian];
        return await store.PeopleWithAsync(Roles.KeyCustodian, cancellationToken);
    }

    public static bool MayKeep(Participant who, Key key) => who.Id == key.CustodianId || who.HasAny(Roles.KeyCustodian);

    public async Task<string> NameAsync(string? personId, CancellationToken cancellationToken) =>
        personId is null ? "" : (await directory.FindPersonAsync(personId, cancellationToken))?.Name ?? personId;

    public void Record(string keyCode, KeyEventKind kind, string? actorId, DateTimeOffset at, long? loanId = null, string? note = null) =>
        store.Record(new KeyEvent { KeyCode = keyCode, Kind = kind, ActorId = actorId, At = at, LoanId = loanId, Note = note });

    /// <summary>Tells a person, in their language; the key makes a repeat (a job run twice, a retried turn) send nothing twice.</summary>
    public async Task<bool> TellAsync(string personId, string dedupKey, Func<string, (string Text, IReadOnlyList<Choice>? Choices)> compose,
        CancellationToken cancellationToken)
    {
        if (await directory.FindPersonAsync(personId, cancellationToken) is not { Active: true } person) return false;
        var (text, choices) = compose(TextCatalog.NormalizeLanguage(person.Language));
        return await notifier.NotifyAsync(person.Id, new OutgoingMessage(text, choices), dedupKey, cancellationToken);
    }

    public Task<bool> TellAsync(string personId, string dedupKey, string textKey, object[] args, CancellationToken cancellationToken,
        Func<string, IReadOnlyList<Choice>>? choices = null) =>
        TellAsync(personId, dedupKey, language => (Texts.Get(textKey, language, args), choices?.Invoke(language)), cancellationToken);

    /// <summary>
    /// Who hands a key over for a loan (two people, 第4篇 1.2.2): its custodians but not the borrower; with none, the shift
    /// leads. The request goes to them, and 待办 lists it for them.
    /// </summary>
    /// <remarks>
    /// Only those at work when it was asked for: a custodian who works days (周八) is not asked at night, when nobody could
    /// come to the cabinet; then the shift lead on duty hands it out. With nobody at work (the request was let through
    /// only before this rule), as before: the custodians, else every shift lead.
    /// </remarks>
    public async Task<IReadOnlyList<Person>> HandOutCustodiansAsync(Key key, KeyLoan loan, CancellationToken cancellationToken)
    {
        var (atWork, _) = await AtWorkToHandOutAsync(key, loan.BorrowerId, loan.RequestedAt, cancellationToken);
        if (atWork.Count > 0) return atWork;
        var custodians = (await CustodiansAsync(key, cancellationToken)).Where(c => c.Id != loan.BorrowerId).ToList();
        return custodians.Count > 0 ? custodians : await store.PeopleWithAsync(Roles.ShiftLead, cancellationToken);
    }

    /// <summary>
    /// Refuses a loan nobody at work could hand out now (at night): unit keys are kept by the named custodian (第4篇
    /// 1.2.1), and only the custodian or the shift lead on duty hands one out — not the night staff nor the duty manager
    /// at home. The borrower is told at once when the custodian is back and whom to call in an emergency (the day's 值班经理).
    /// </summary>
    public async Task EnsureSomeoneHandsOutAsync(Key key, string borrowerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (atWork, back) = await AtWorkToHandOutAsync(key, borrowerId, now, cancellationToken);
        if (atWork.Count > 0) return;
        var names = string.Join("、", (await CustodiansAsync(key, cancellationToken)).Select(c => c.Name));
        // A custodian rostered with no shift in the week ahead (on leave) has no time to give: not "请于  以后".
        var manager = (await dutyManagers.OnAsync(department.LocalDate(now), cancellationToken))?.Name;
        if (back is not { } at)
            throw manager is null
                ? new BotRuleException(Texts, "NobodyToHandOutNotSoonNoManager", names)
                : new BotRuleException(Texts, "NobodyToHandOutNotSoon", names, manager);
        var until = KeysTexts.Stamp(at, department);
        if (manager is not null) throw new BotRuleException(Texts, "NobodyToHandOut", names, until, manager);
        throw new BotRuleException(Texts, "NobodyToHandOutNoManager", names, until);
    }

    /// <summary>
    /// Who may hand the key out and is at work at <paramref name="at"/>: its custodians (by the roster when they are on it,
    /// else the department's hours, outside quiet hours), else the shift lead on duty; and when a custodian is next at work.
    /// </summary>
    private async Task<(IReadOnlyList<Person> AtWork, DateTimeOffset? Back)> AtWorkToHandOutAsync(Key key, string borrowerId, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var atWork = new List<Person>();
        DateTimeOffset? back = null;
        var today = department.LocalDate(at);
        foreach (var custodian in (await CustodiansAsync(key, cancellationToken)).Where(c => c.Id != borrowerId))
        {
            var rostered = (await roster.ForPersonAsync(custodian.Id, today.AddDays(-1), today.AddDays(7), cancellationToken))
                .Select(a => shifts.Find(a.ShiftCode) is { } shift ? ShiftTimes.Of(a, shift, department) : ((DateTimeOffset, DateTimeOffset)?)null)
                .OfType<(DateTimeOffset Start, DateTimeOffset End)>().ToList();
            bool here;
            DateTimeOffset? next;
            if (rostered.Count > 0)
            {
                here = rostered.Any(r => at >= r.Start && at < r.End);
                next = rostered.Where(r => r.Start > at).Select(r => (DateTimeOffset?)r.Start).Min();
            }
            else
            {
                here = !hours.IsQuiet(TimeOnly.FromDateTime(department.ToLocal(at).DateTime));
                next = hours.QuietEnd is { } end
                    ? department.ToInstant(today, end) is var candidate && candidate > at ? candidate : department.ToInstant(today.AddDays(1), end)
                    : null;
            }
            if (here) atWork.Add(custodian);
            else if (next is { } n && (back is null || n < back)) back = n;
        }
        if (atWork.Count > 0) return (atWork, back);
        var leads = (await chain.PeopleAtAsync(EscalationLevel.ShiftLead, at, cancellationToken)).Where(p => p.Id != borrowerId && p.Active).ToList();
        return (leads, back);
    }

    /// <summary>
    /// Who approves taking a key out of the office (第4篇 1.2.5): the borrower's direct superior when they may approve;
    /// otherwise every shift lead and supervisor.
    /// </summary>
    public async Task<IReadOnlyList<Person>> OffSiteApproversAsync(string borrowerId, CancellationToken cancellationToken)
    {
        if (await directory.FindPersonAsync(borrowerId, cancellationToken) is { ReportsToId: { } bossId }
            && await directory.FindPersonAsync(bossId, cancellationToken) is { Active: true } boss && (boss.Roles & Approvers) != 0)
            return [boss];
        return [.. (await store.PeopleWithAsync(Roles.ShiftLead | Roles.Supervisor, cancellationToken)).Where(p => p.Id != borrowerId)];
    }

    /// <summary>Asks the key's custodians to hand it over in person (two people, 第4篇 1.2.2); returns their names.</summary>
    public async Task<IReadOnlyList<string>> AskHandOutAsync(Key key, KeyLoan loan, string borrowerName, string note, CancellationToken cancellationToken)
    {
        var custodians = await HandOutCustodiansAsync(key, loan, cancellationToken);
        foreach (var custodian in custodians)
            await TellAsync(custodian.Id, $"keys:handout:{loan.Id}:{custodian.Id}", "HandOutRequest",
                [borrowerName, Describe(key), note, KeysTexts.Clock(loan.DueBack, department), key.StoragePlace, loan.Id], cancellationToken,
                l => [KeysTexts.Action("WordHandOut", loan.Id, l), KeysTexts.Action("WordRefuseHandOut", loan.Id, l)]);
        return [.. custodians.Select(c => c.Name)];
    }

    /// <summary>A key's one-line description: "U-3-1-502（3-1-502）".</summary>
    public static string Describe(Key key) => $"{key.Code}（{key.Opens}）";

    public static string Describe(string code, IReadOnlyDictionary<string, Key> keys) =>
        keys.TryGetValue(code, out var key) ? Describe(key) : code;

    private static string Fold(string text) => TextInput.ForMatching(text).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Edit distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

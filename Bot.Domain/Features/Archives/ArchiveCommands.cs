using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Archives;

/// <summary>
/// What the archive commands share (第5篇 1.3, 第6篇 1.2): finding a file by its code or title, reading "用途 … 归还 11-30",
/// who keeps the archive, telling people, and how a line of the 借阅登记 reads.
/// </summary>
public sealed partial class ArchiveDesk(IArchiveStore store, ArchivePolicy policy, Colleagues colleagues, DepartmentProfile department)
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public IArchiveStore Store => store;

    public ArchivePolicy Policy => policy;

    public DateOnly Today(DateTimeOffset now) => department.LocalDate(now);

    public static string Day(DateOnly day) => day.ToString("MM-dd", CultureInfo.InvariantCulture);

    public string Stamp(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Join(IEnumerable<string> names, string language) => string.Join(language == TextCatalog.English ? ", " : "、", names);

    /// <summary>"YH-3-1-502《3-1-502 业户档案（陈建国）》"</summary>
    public static string Describe(Archive archive, string language) => Texts.Get("ArchiveName", language, archive.Code, archive.Title);

    /// <summary>"#3 YH-3-1-502《…》"</summary>
    public static string Describe(ArchiveLoan loan, Archive archive, string language) => Texts.Get("LoanName", language, loan.Id, Describe(archive, language));

    public async Task<string> DescribeAsync(ArchiveLoan loan, string language, CancellationToken cancellationToken) =>
        Texts.Get("LoanName", language, loan.Id,
            await store.FindAsync(loan.ArchiveCode, cancellationToken) is { } archive ? Describe(archive, language) : loan.ArchiveCode);

    public Task<string> NameAsync(string? personId, CancellationToken cancellationToken) => colleagues.NameAsync(personId, cancellationToken);

    /// <summary>Tells a person in their language; the key makes a repeat send nothing twice.</summary>
    public Task<bool> TellAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        colleagues.TellAsync(personId, key, message, cancellationToken);

    /// <summary>The clerks who keep the archive, but not <paramref name="exceptId"/>.</summary>
    public async Task<IReadOnlyList<Person>> KeepersAsync(string exceptId, CancellationToken cancellationToken) =>
        (await store.KeepersAsync(cancellationToken)).Where(p => p.Id != exceptId).ToList();

    public async Task<bool> ActiveAsync(string personId, CancellationToken cancellationToken) =>
        await colleagues.Directory.FindPersonAsync(personId, cancellationToken) is { Active: true };

    /// <summary>The person as a participant when they keep the archive (an active clerk), else null.</summary>
    public async Task<Participant?> KeeperAsync(string personId, CancellationToken cancellationToken) =>
        await colleagues.Directory.FindPersonAsync(personId, cancellationToken) is { Active: true } person && (person.Roles & ArchiveLoan.Keepers) != 0
            ? new Participant(ParticipantKind.Staff, person.Id, person.Name, person.Roles, TextCatalog.NormalizeLanguage(person.Language))
            : null;

    /// <summary>Who may approve reading a secret file: the general manager (第5篇 1.4).</summary>
    public Task<IReadOnlyList<Person>> SecretApproversAsync(string exceptId, DateTimeOffset now, CancellationToken cancellationToken) =>
        colleagues.FirstAtAsync([EscalationLevel.GeneralManager], exceptId, now, cancellationToken);

    /// <summary>
    /// The files a word names: the one with that code, else those whose code or title contains it. A member of staff's
    /// personal file is found only by its code, and only by the clerk: its title names a colleague (第5篇 1.5).
    /// </summary>
    public async Task<IReadOnlyList<Archive>> MatchAsync(string word, Participant who, int limit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(word, cancellationToken) is { } exact) return [exact];
        var found = await store.SearchAsync(word, limit, cancellationToken);
        return found.Where(a => a.Kind != ArchiveKind.Staff || who.HasAny(ArchiveLoan.Keepers)).ToList();
    }

    /// <summary>Where a file is: in its cabinet, out with someone (and until when), asked for, or lost.</summary>
    public async Task<string> WhereAsync(Archive archive, IReadOnlyList<ArchiveLoan> open, DateOnly today, string language, CancellationToken cancellationToken)
    {
        if (archive.Status == ArchiveStatus.Lost) return Texts.Get("WhereLost", language);
        if (open.FirstOrDefault(l => l.ArchiveCode == archive.Code && l.Status == ArchiveLoanStatus.Out) is { } out_)
            return Texts.Get(out_.DueOn < today ? "WhereOutLate" : "WhereOut", language, await NameAsync(out_.BorrowerId, cancellationToken), Day(out_.DueOn));
        if (open.FirstOrDefault(l => l.ArchiveCode == archive.Code) is { } asked)
            return Texts.Get("WhereAsked", language, await NameAsync(asked.BorrowerId, cancellationToken));
        return Texts.Get("WhereIn", language, archive.Place);
    }

    /// <summary>
    /// "核对收楼资料 归还 11-30", "查看图纸，明天还", "办理过户 3天": what for, and the return date when one is named. A
    /// date after 归还 that cannot be read, one already past, or one beyond <see cref="ArchivePolicy.MaxLoanDays"/> is refused.
    /// </summary>
    public (string Purpose, DateOnly? Due) ParseTerms(string text, DateOnly today)
    {
        // "due in 2 days" reads as "due 2days": a date is one word below.
        var rest = InDays().Replace(text.Trim(), "${n}days");
        DateOnly? due = null;
        if (DueNamed().Match(rest) is { Success: true } named)
        {
            if (DueDay(named.Groups["d"].Value, today) is not { } day) throw new BotRuleException(Texts, "DueUnreadable", named.Groups["d"].Value);
            (due, rest) = (day, named.Groups["p"].Value);
        }
        else if (DueTrailing().Match(rest) is { Success: true } trailing && DueDay(trailing.Groups["d"].Value, today) is { } day)
            (due, rest) = (day, trailing.Groups["p"].Value);
        else if (rest.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [.., var last] && DueDay(last, today) is { } lastDay && last.Length < rest.Length)
            (due, rest) = (lastDay, rest[..^last.Length]);
        if (due is { } d)
        {
            if (d < today) throw new BotRuleException(Texts, "DueInPast", Day(d));
            if (d > today.AddDays(policy.MaxLoanDays)) throw new BotRuleException(Texts, "DueTooFar", Day(d), policy.MaxLoanDays);
        }
        var purpose = PurposeLabel().Replace(rest, "").Trim(' ', ',', '，', ';', '；', '。');
        return (purpose.Length > ArchiveLoan.MaxTextLength ? purpose[..ArchiveLoan.MaxTextLength] : purpose, due);
    }

    /// <summary>"明天", "11-30", "周五", "3天", "一周".</summary>
    private static DateOnly? DueDay(string text, DateOnly today)
    {
        if (DutyDates.TryParse(text, today, out var date)) return date;
        if (Days().Match(TextInput.ForMatching(text)) is { Success: true } m)
        {
            if (m.Groups["w"].Success) return today.AddDays(7);
            if (int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || ClockInput.TryNumber(m.Groups["n"].Value, out n))
                return n is > 0 and <= 366 ? today.AddDays(n) : null;
        }
        return null;
    }

    [GeneratedRegex(@"^(?<p>.*?)[\s,，;；]*(?:归还日期|归还时间|归还|还期|due|return by|until)[\s:：]*(?<d>[^\s,，;；]+?)(?:之前|以前|前)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DueNamed();

    [GeneratedRegex(@"^(?<p>.*?)[\s,，;；]+(?<d>[^\s,，;；]+?)(?:之前|以前|前)?(?:归还|还)$")]
    private static partial Regex DueTrailing();

    [GeneratedRegex(@"^(?:(?<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?:天|日|days?)(?:后|内)?|(?<w>(?:一|1)(?:周|星期|个星期)|a week))$")]
    private static partial Regex Days();

    [GeneratedRegex(@"(?:\bin\s+)?\b(?<n>[0-9]{1,3})\s+days?\b", RegexOptions.IgnoreCase)]
    private static partial Regex InDays();

    [GeneratedRegex(@"^(?:用途|purpose)[\s:：]*", RegexOptions.IgnoreCase)]
    private static partial Regex PurposeLabel();

    /// <summary>
    /// The loan meant by "借出档案 12" or "收回档案 YH-3-1-502" (and what was said after it), or null with the open ones
    /// that fit offered as buttons.
    /// </summary>
    public async Task<(ArchiveLoan Loan, string Said)?> PickAsync(TurnContext turn, string arguments, string wordKey, Func<ArchiveLoan, bool> fits,
        string noneKey, CancellationToken cancellationToken)
    {
        var words = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var after = words.Length > 1 ? turn.AsTyped(words[1]) : "";
        if (words.Length > 0 && long.TryParse(TextInput.Normalize(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return (await store.FindLoanAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "LoanNotFound", id), after);
        var open = (await store.OpenLoansAsync(cancellationToken)).Where(fits).ToList();
        var rest = turn.AsTyped(arguments.Trim());
        // "收回档案 YH-3-1-502 封皮破损": a file's code narrows the choice to its loans, and the words after it are what was said.
        if (words.Length > 0 && await store.FindAsync(words[0], cancellationToken) is { } archive)
        {
            open = [.. open.Where(l => l.ArchiveCode == archive.Code)];
            if (open.Count == 0) throw new BotRuleException(Texts, "NoLoanForArchive", Describe(archive, turn.Language));
            rest = after;
        }
        if (open.Count == 0)
        {
            turn.Reply(Texts.Get(noneKey, turn.Language));
            return null;
        }
        // One open and nothing else it could be: that one. Several: each a button, carrying what was said after the word.
        if (open.Count == 1) return (open[0], rest);
        var choices = new List<Choice>();
        foreach (var loan in open)
            choices.Add(Texts.Action(wordKey, loan.Id, turn.Language, then: rest.Length == 0 ? null : rest) with
            {
                Label = Texts.Get("LoanChoice", turn.Language, await DescribeAsync(loan, turn.Language, cancellationToken), await NameAsync(loan.BorrowerId, cancellationToken)),
            });
        turn.Ask(Texts.Get("WhichLoan", turn.Language), choices);
        return null;
    }

    /// <summary>A line of 档案借阅记录: what, who, what for, and where it stands.</summary>
    public async Task<string> RecordLineAsync(ArchiveLoan loan, DateOnly today, string language, CancellationToken cancellationToken)
    {
        var state = loan.Status switch
        {
            ArchiveLoanStatus.AwaitingApproval => Texts.Get("StateAwaitingApproval", language, Stamp(loan.RequestedAt)),
            ArchiveLoanStatus.Requested => Texts.Get("StateRequested", language, Stamp(loan.RequestedAt)),
            ArchiveLoanStatus.Out => Texts.Get(loan.DueOn < today ? "StateOutLate" : loan.ReadOnly ? "StateOutReadOnly" : "StateOut", language, Stamp(loan.LentAt!.Value),
                await NameAsync(loan.LentById, cancellationToken), Day(loan.DueOn))
                + (loan.ReturnAnnouncedAt is { } said ? Texts.Get("StateReturnSaid", language, Stamp(said)) : ""),
            ArchiveLoanStatus.Returned => Texts.Get("StateReturned", language, Stamp(loan.LentAt!.Value), Stamp(loan.ClosedAt!.Value),
                await NameAsync(loan.ClosedById, cancellationToken)),
            ArchiveLoanStatus.Lost => Texts.Get("StateLost", language, Stamp(loan.ClosedAt!.Value)),
            ArchiveLoanStatus.Withdrawn => Texts.Get("StateWithdrawn", language, Stamp(loan.ClosedAt!.Value)),
            _ => Texts.Get("StateRefused", language, await NameAsync(loan.ClosedById, cancellationToken)),
        };
        if (loan.Visitor is { } visitor)
            return Texts.Get("RecordLineVisitor", language, await DescribeAsync(loan, language, cancellationToken), visitor,
                await NameAsync(loan.BorrowerId, cancellationToken), loan.Purpose, state);
        return Texts.Get(loan.ReadOnly ? "RecordLineReadOnly" : "RecordLine", language, await DescribeAsync(loan, language, cancellationToken),
            await NameAsync(loan.BorrowerId, cancellationToken), loan.Purpose, state);
    }

    /// <summary>Counts the file out to the borrower (第6篇 1.2.5) and tells them the rules that go with it (1.2.3, 2.5.1).</summary>
    public async Task LendAsync(ArchiveLoan loan, Archive archive, Participant clerk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (archive.Status != ArchiveStatus.In) throw new BotRuleException(Texts, "ArchiveNotIn", Describe(archive, TextCatalog.Chinese));
        loan.Lend(archive, clerk.Id, now);
        if (loan.BorrowerId != clerk.Id)
            await TellAsync(loan.BorrowerId, $"archives:{loan.Id}:lent", l => new OutgoingMessage(Texts.Get(loan.ReadOnly ? "LentToYouReadOnly" : "LentToYou", l,
                clerk.DisplayName, Describe(archive, l), Day(loan.DueOn), loan.Id)), cancellationToken);
    }

    /// <summary>
    /// Refuses a file nobody may have now: a member of staff's personal file (第5篇 1.5), one reported lost, one already
    /// asked for by <paramref name="askerId"/>, or one out or asked for by someone else.
    /// </summary>
    public async Task EnsureFreeAsync(Archive archive, string askerId, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        if (archive.Kind == ArchiveKind.Staff) throw new BotRuleException(Texts, "StaffFile", archive.Code);
        if (archive.Status == ArchiveStatus.Lost) throw new BotRuleException(Texts, "ArchiveLost", Describe(archive, language));
        var open = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.ArchiveCode == archive.Code).ToList();
        if (open.FirstOrDefault(l => l.BorrowerId == askerId) is { } mine) throw new BotRuleException(Texts, "AlreadyYours", mine.Id, Describe(archive, language));
        if (open.Count > 0) throw new BotRuleException(Texts, "ArchiveBusy", Describe(archive, language), await WhereAsync(archive, open, Today(now), language, cancellationToken));
    }

    /// <summary>总经理 hears of a request waiting for approval (第5篇 1.4, 第6篇 1.2.8) with 批准查阅 / 不借出.</summary>
    public async Task AskApprovalAsync(ArchiveLoan loan, IReadOnlyList<Person> approvers, Func<string, string> text, CancellationToken cancellationToken)
    {
        foreach (var approver in approvers)
            await TellAsync(approver.Id, $"archives:{loan.Id}:approve:{approver.Id}", l => new OutgoingMessage(text(l),
                [Texts.Action("WordApprove", loan.Id, l, "ApproveLabel"), Texts.Action("WordRefuse", loan.Id, l, "RefuseLabel")]), cancellationToken);
    }

    /// <summary>A loan's file, which must still be in the catalogue.</summary>
    public async Task<Archive> ArchiveOfAsync(ArchiveLoan loan, CancellationToken cancellationToken) =>
        await store.FindAsync(loan.ArchiveCode, cancellationToken) ?? throw new BotRuleException(Texts, "ArchiveNotFound", loan.ArchiveCode);
}

/// <summary>
/// 借档案 编号 用途 [归还 日期] / 查阅档案 …: the 借阅登记 (第5篇 1.3). The clerk counts the file out face to face
/// (第6篇 1.2.5); a secret file first needs the general manager (第5篇 1.4); 文书档案 and secret files are read in the office
/// and handed back the same day (第6篇 1.2.2); a member of staff's personal file is never lent (第5篇 1.5).
/// </summary>
public sealed partial class BorrowArchiveCommand(ArchiveDesk desk, bool readOnly) : IBotCommand, IConversationFlow
{
    [GeneratedRegex(@"^(?<code>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)(?<rest>[^A-Za-z0-9\-].*)$")]
    private static partial Regex GluedCode();

    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;
    private const string PurposeStep = "purpose";

    public string Name => readOnly ? "archives.read" : "archives.borrow";

    public CommandInfo Info { get; } = readOnly
        ? new("archive-read", ["查阅档案"], ["read archive"], Texts, "ReadDescription", HelpOrder: 71, ListedFor: ArchiveLoan.Keepers) // 借档案 reads a document in the office anyway
        : new("archive-borrow", ["借档案", "借阅档案", "借资料"], ["borrow archive"], Texts, "BorrowDescription", HelpOrder: 70);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var typed = turn.AsTyped(arguments).Trim();
        if (typed.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get(readOnly ? "ReadUsage" : "BorrowUsage", turn.Language));
            return;
        }
        var parts = typed.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // "YH-3-1-502核对收楼资料", typed without a space: the code is the Latin part.
        if (GluedCode().Match(parts[0]) is { Success: true } glued)
            parts = [glued.Groups["code"].Value, (glued.Groups["rest"].Value + (parts.Length > 1 ? " " + parts[1] : "")).Trim()];
        var rest = parts.Length > 1 ? parts[1] : "";
        var found = await desk.MatchAsync(parts[0], turn.Sender, 8, cancellationToken);
        if (found.Count == 0) throw new BotRuleException(Texts, "ArchiveNotFound", parts[0]);
        if (found.Count > 1)
        {
            var word = Texts.Get(readOnly ? "WordRead" : "WordBorrow", turn.Language);
            turn.Ask(Texts.Get("WhichArchive", turn.Language, parts[0]),
                [.. found.Select(a => new Choice($"{word} {a.Code}" + (rest.Length == 0 ? "" : " " + rest), ArchiveDesk.Describe(a, turn.Language)))]);
            return;
        }
        await BorrowAsync(turn, found[0], rest, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Said.Length == 0)
        {
            turn.Reply(Texts.Get("PurposeNeeded", turn.Language));
            return;
        }
        var code = turn.State.Data.GetValueOrDefault("archive") ?? "";
        turn.EndFlow();
        if (await desk.Store.FindAsync(code, cancellationToken) is not { } archive) throw new BotRuleException(Texts, "ArchiveNotFound", code);
        await BorrowAsync(turn, archive, turn.Said, cancellationToken);
    }

    private async Task BorrowAsync(TurnContext turn, Archive archive, string terms, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var me = turn.Sender;
        await desk.EnsureFreeAsync(archive, me.Id, turn.Now, language, cancellationToken);

        var today = desk.Today(turn.Now);
        var (purpose, due) = desk.ParseTerms(terms, today);
        if (purpose.Length == 0)
        {
            // 第5篇 1.3: every loan says what it is for.
            turn.State.Data.Clear();
            turn.State.Data["archive"] = archive.Code;
            turn.AskInFlow(this, PurposeStep, Texts.Get("AskPurpose", language, ArchiveDesk.Describe(archive, language)));
            return;
        }
        var inOffice = readOnly || archive.ReadOnly;
        var loan = ArchiveLoan.Ask(archive, me.Id, purpose, inOffice, inOffice ? today : due ?? today.AddDays(desk.Policy.LoanDays), turn.Now);

        if (loan.Status == ArchiveLoanStatus.AwaitingApproval)
        {
            if (me.HasAny(ArchiveLoan.SecretApprovers)) loan.Approve(me.Id);
            else
            {
                var approvers = await desk.SecretApproversAsync(me.Id, turn.Now, cancellationToken);
                if (approvers.Count == 0) throw new BotRuleException(Texts, "NoSecretApprover");
                desk.Store.Add(loan);
                await desk.Store.FlushAsync(cancellationToken);
                await desk.AskApprovalAsync(loan, approvers, l => Texts.Get("AskApproval", l, me.DisplayName, ArchiveDesk.Describe(archive, l), purpose), cancellationToken);
                turn.Reply(Texts.Get("AwaitingApprovalReply", language, loan.Id, ArchiveDesk.Describe(archive, language), ArchiveDesk.Join(approvers.Select(a => a.Name), language)));
                return;
            }
        }

        if (me.HasAny(ArchiveLoan.Keepers))
        {
            // The clerk takes a file from the archive they keep: registered at once, with them as the one who handled it.
            desk.Store.Add(loan);
            await desk.LendAsync(loan, archive, me, turn.Now, cancellationToken);
            await desk.Store.FlushAsync(cancellationToken);
            turn.Reply(Texts.Get(inOffice ? "LentToSelfReadOnly" : "LentToSelf", language, loan.Id, ArchiveDesk.Describe(archive, language), ArchiveDesk.Day(loan.DueOn)));
            return;
        }
        var keepers = await desk.KeepersAsync(me.Id, cancellationToken);
        if (keepers.Count == 0) throw new BotRuleException(Texts, "NoKeeper");
        desk.Store.Add(loan);
        await desk.Store.FlushAsync(cancellationToken);
        await AskKeepersAsync(desk, loan, archive, me.DisplayName, keepers, cancellationToken);
        turn.Reply(Texts.Get(inOffice ? "RequestedReadOnly" : "Requested", language, loan.Id, ArchiveDesk.Describe(archive, language),
            ArchiveDesk.Day(loan.DueOn), ArchiveDesk.Join(keepers.Select(k => k.Name), language), archive.Place));
    }

    /// <summary>The clerk hears of a request with 清点借出 / 不借出 (第6篇 1.2.5: counted out face to face).</summary>
    internal static async Task AskKeepersAsync(ArchiveDesk desk, ArchiveLoan loan, Archive archive, string borrower, IReadOnlyList<Person> keepers, CancellationToken cancellationToken)
    {
        foreach (var keeper in keepers)
            await desk.TellAsync(keeper.Id, $"archives:{loan.Id}:ask:{keeper.Id}", l => new OutgoingMessage(
                Texts.Get(loan.ReadOnly ? "AskKeeperReadOnly" : "AskKeeper", l, borrower, ArchiveDesk.Describe(archive, l), loan.Purpose, ArchiveDesk.Day(loan.DueOn), archive.Place),
                [Texts.Action("WordLend", loan.Id, l, "LendLabel"), Texts.Action("WordRefuse", loan.Id, l, "RefuseLabel")]), cancellationToken);
    }
}

/// <summary>
/// 取消借阅 [N]: the one who asked takes a request back before the file is counted out; whoever was asked to decide it
/// (the clerk, or 总经理 for a secret file) hears so and has nothing left to press.
/// </summary>
public sealed class WithdrawArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-withdraw", ["取消借阅", "撤回借阅"], ["withdraw archive"], Texts, "WithdrawDescription", HelpOrder: 75);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var me = turn.Sender;
        if (await desk.PickAsync(turn, arguments, "WordWithdraw",
                l => l.BorrowerId == me.Id && l.Status is ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested, "NoneToWithdraw", cancellationToken)
            is not var (loan, _))
            return;
        if (loan.BorrowerId != me.Id) throw new BotRuleException(Texts, "NotYours", loan.Id);
        if (loan.Status is not (ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested))
            throw new BotRuleException(Texts, loan.Status == ArchiveLoanStatus.Out ? "AlreadyLent" : "AlreadyDecided", loan.Id);
        var archive = await desk.ArchiveOfAsync(loan, cancellationToken);
        var asked = loan.Status == ArchiveLoanStatus.AwaitingApproval
            ? await desk.SecretApproversAsync(me.Id, turn.Now, cancellationToken)
            : await desk.KeepersAsync(me.Id, cancellationToken);
        loan.Withdraw(turn.Now);
        foreach (var person in asked)
            await desk.TellAsync(person.Id, $"archives:{loan.Id}:withdrawn:{person.Id}", l => new OutgoingMessage(
                Texts.Get("WithdrawnToDecider", l, me.DisplayName, ArchiveDesk.Describe(loan, archive, l))), cancellationToken);
        turn.Reply(Texts.Get("WithdrawnReply", turn.Language, ArchiveDesk.Describe(loan, archive, turn.Language)));
    }
}

/// <summary>
/// 外单位查阅 编号 单位及姓名 用途 …: someone from outside the company reads a file (第6篇 1.2.8). The clerk has checked
/// their unit's letter of introduction and their ID and writes them down; a leader (总经理) approves, and then it is
/// read in the office with the clerk, back the same day. Secret files are not shown to outsiders (1.2.4).
/// </summary>
public sealed class VisitorReadingCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;
    private static readonly string[] PurposeWords = ["用途", "purpose"];

    public CommandInfo Info { get; } = new("archive-visitor", ["外单位查阅"], ["visitor reading"], Texts, "VisitorDescription",
        Roles: ArchiveLoan.Keepers, HelpOrder: 80);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var me = turn.Sender;
        var parts = turn.AsTyped(arguments).Trim().Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rest = parts.Length > 1 ? parts[1] : "";
        // "某律师事务所 王律师 用途 核对产权资料": who before the word 用途, what for after it.
        var split = PurposeWords.Select(w => (Word: w, At: rest.IndexOf(w, StringComparison.OrdinalIgnoreCase))).Where(m => m.At > 0).OrderBy(m => m.At).FirstOrDefault();
        var visitor = split.Word is null ? "" : rest[..split.At].Trim(' ', ',', '，', '；', ';');
        var purpose = split.Word is null ? "" : rest[(split.At + split.Word.Length)..].TrimStart(' ', ':', '：').Trim();
        if (parts.Length == 0 || visitor.Length == 0 || purpose.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("VisitorUsage", language));
            return;
        }
        var archive = await desk.Store.FindAsync(parts[0], cancellationToken) ?? throw new BotRuleException(Texts, "ArchiveNotFound", parts[0]);
        if (archive.Secret && archive.Kind != ArchiveKind.Staff) throw new BotRuleException(Texts, "VisitorSecret", ArchiveDesk.Describe(archive, language));
        await desk.EnsureFreeAsync(archive, me.Id, turn.Now, language, cancellationToken);
        var approvers = await desk.SecretApproversAsync(me.Id, turn.Now, cancellationToken);
        if (approvers.Count == 0) throw new BotRuleException(Texts, "VisitorNoApprover");
        var who = visitor.Length > ArchiveLoan.MaxVisitorLength ? visitor[..ArchiveLoan.MaxVisitorLength] : visitor;
        var what = purpose.Length > ArchiveLoan.MaxTextLength ? purpose[..ArchiveLoan.MaxTextLength] : purpose;
        var loan = ArchiveLoan.Ask(archive, me.Id, what, readOnly: true, desk.Today(turn.Now), turn.Now, who);
        desk.Store.Add(loan);
        await desk.Store.FlushAsync(cancellationToken);
        await desk.AskApprovalAsync(loan, approvers, l => Texts.Get("AskVisitorApproval", l, me.DisplayName, who, ArchiveDesk.Describe(archive, l), what), cancellationToken);
        turn.Reply(Texts.Get("VisitorAwaiting", language, loan.Id, who, ArchiveDesk.Describe(archive, language), ArchiveDesk.Join(approvers.Select(a => a.Name), language)));
    }
}

/// <summary>批准借阅档案 N: the general manager lets a secret file be read (第5篇 1.4); the clerk then counts it out.</summary>
public sealed class ApproveArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-approve", ["批准借阅档案", "批准查阅档案"], ["approve archive"], Texts, "ApproveDescription",
        Roles: ArchiveLoan.SecretApprovers, HelpOrder: 72);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await desk.PickAsync(turn, arguments, "WordApprove", l => l.Status == ArchiveLoanStatus.AwaitingApproval, "NoneAwaiting", cancellationToken)
            is not var (loan, _))
            return;
        if (loan.Status != ArchiveLoanStatus.AwaitingApproval) throw new BotRuleException(Texts, "AlreadyDecided", loan.Id);
        var archive = await desk.ArchiveOfAsync(loan, cancellationToken);
        var borrower = await desk.NameAsync(loan.BorrowerId, cancellationToken);
        if (await desk.KeeperAsync(loan.BorrowerId, cancellationToken) is { } clerk)
        {
            // The clerk asked for it: approved, they take it from the archive they keep, as with any file of theirs.
            loan.Approve(turn.Sender.Id);
            await desk.LendAsync(loan, archive, clerk, turn.Now, cancellationToken);
            await desk.TellAsync(loan.BorrowerId, $"archives:{loan.Id}:approved", l => new OutgoingMessage(loan.Visitor is { } visitor
                ? Texts.Get("ApprovedVisitorToKeeper", l, turn.Sender.DisplayName, visitor, ArchiveDesk.Describe(archive, l), ArchiveDesk.Day(loan.DueOn), loan.Id)
                : Texts.Get("ApprovedToKeeper", l, turn.Sender.DisplayName, ArchiveDesk.Describe(archive, l), ArchiveDesk.Day(loan.DueOn))), cancellationToken);
            turn.Reply(Texts.Get("ApprovedReplyToKeeper", language, loan.Id, ArchiveDesk.Describe(archive, language), borrower));
            return;
        }
        var keepers = await desk.KeepersAsync(loan.BorrowerId, cancellationToken);
        if (keepers.Count == 0) throw new BotRuleException(Texts, "NoKeeper");
        loan.Approve(turn.Sender.Id);
        await BorrowArchiveCommand.AskKeepersAsync(desk, loan, archive, borrower, keepers, cancellationToken);
        await desk.TellAsync(loan.BorrowerId, $"archives:{loan.Id}:approved", l => new OutgoingMessage(
            Texts.Get("ApprovedToYou", l, turn.Sender.DisplayName, ArchiveDesk.Describe(archive, l), ArchiveDesk.Join(keepers.Select(k => k.Name), l))), cancellationToken);
        turn.Reply(Texts.Get("ApprovedReply", language, loan.Id, ArchiveDesk.Describe(archive, language), borrower));
    }
}

/// <summary>借出档案 N: the clerk counts the file out to the borrower face to face and it is registered (第6篇 1.2.5).</summary>
public sealed class LendArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-lend", ["借出档案"], ["lend archive"], Texts, "LendDescription", Roles: ArchiveLoan.Keepers, HelpOrder: 73);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await desk.PickAsync(turn, arguments, "WordLend", l => l.Status == ArchiveLoanStatus.Requested, "NoneRequested", cancellationToken)
            is not var (loan, _))
            return;
        if (loan.Status == ArchiveLoanStatus.AwaitingApproval) throw new BotRuleException(Texts, "StillAwaitingApproval", loan.Id);
        if (loan.Status != ArchiveLoanStatus.Requested)
            throw new BotRuleException(Texts, "AlreadyDecided", loan.Id);
        var archive = await desk.ArchiveOfAsync(loan, cancellationToken);
        await desk.LendAsync(loan, archive, turn.Sender, turn.Now, cancellationToken);
        turn.Reply(Texts.Get(loan.ReadOnly ? "LentReplyReadOnly" : "LentReply", language, await desk.DescribeAsync(loan, language, cancellationToken),
            await desk.NameAsync(loan.BorrowerId, cancellationToken), ArchiveDesk.Day(loan.DueOn)));
    }
}

/// <summary>
/// 不借出档案 N [原因]: the clerk does not lend it, or the general manager does not approve a secret file; the person hears
/// why. Each decides only their own step.
/// </summary>
public sealed class RefuseArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-refuse", ["不借出档案", "不批准借阅档案"], ["refuse archive"], Texts, "RefuseDescription",
        Roles: ArchiveLoan.Keepers | ArchiveLoan.SecretApprovers, HelpOrder: 74);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var me = turn.Sender;
        bool Mine(ArchiveLoan l) =>
            (l.Status == ArchiveLoanStatus.AwaitingApproval && me.HasAny(ArchiveLoan.SecretApprovers)) || (l.Status == ArchiveLoanStatus.Requested && me.HasAny(ArchiveLoan.Keepers));
        if (await desk.PickAsync(turn, arguments, "WordRefuse", Mine, "NoneToDecide", cancellationToken) is not var (loan, why)) return;
        if (loan.Status is not (ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested)) throw new BotRuleException(Texts, "AlreadyDecided", loan.Id);
        if (!Mine(loan)) throw new BotRuleException(Texts, loan.Status == ArchiveLoanStatus.AwaitingApproval ? "ApprovalIsGm" : "LendingIsClerk", loan.Id);
        var what = await desk.DescribeAsync(loan, TextCatalog.Chinese, cancellationToken);
        loan.Refuse(me.Id, why, turn.Now);
        await desk.TellAsync(loan.BorrowerId, $"archives:{loan.Id}:refused", l => new OutgoingMessage(why.Length == 0
            ? Texts.Get("RefusedToYou", l, me.DisplayName, what)
            : Texts.Get("RefusedToYouWhy", l, me.DisplayName, what, why)), cancellationToken);
        turn.Reply(Texts.Get("RefusedReply", turn.Language, loan.Id, await desk.NameAsync(loan.BorrowerId, cancellationToken)));
    }
}

/// <summary>
/// 还档案 [N | 编号]: the borrower brings it back. It is registered as returned only when the clerk has counted it in face
/// to face (第6篇 1.2.5), so the clerk hears of it with 清点收回; the clerk saying it counts it in at once.
/// </summary>
public sealed class ReturnArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-return", ["还档案", "归还档案"], ["return archive"], Texts, "ReturnDescription", HelpOrder: 75);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var me = turn.Sender;
        // The clerk saying 还档案 is counting one in: any file out; anyone else, their own.
        var keeper = me.HasAny(ArchiveLoan.Keepers);
        if (await desk.PickAsync(turn, arguments, "WordReturn", l => l.Status == ArchiveLoanStatus.Out && (keeper || l.BorrowerId == me.Id),
                keeper ? "NoneOutAtAll" : "NoneOut", cancellationToken) is not var (loan, said))
            return;
        if (keeper)
        {
            await ReceiveArchiveCommand.ReceiveAsync(desk, turn, loan, said, cancellationToken);
            return;
        }
        if (loan.BorrowerId != me.Id) throw new BotRuleException(Texts, "NotYours", loan.Id);
        if (loan.Status != ArchiveLoanStatus.Out) throw new BotRuleException(Texts, "NotOut", loan.Id);
        var keepers = await desk.KeepersAsync(me.Id, cancellationToken);
        if (keepers.Count == 0) throw new BotRuleException(Texts, "NoKeeper");
        var archive = await desk.ArchiveOfAsync(loan, cancellationToken);
        loan.AnnounceReturn(turn.Now);
        foreach (var clerk in keepers)
            await desk.TellAsync(clerk.Id, $"archives:{loan.Id}:returning:{clerk.Id}", l => new OutgoingMessage(
                Texts.Get("ReturningToKeeper", l, me.DisplayName, ArchiveDesk.Describe(loan, archive, l), archive.Place),
                [Texts.Action("WordReceive", loan.Id, l, "ReceiveLabel")]), cancellationToken);
        turn.Reply(Texts.Get("ReturningReply", language, ArchiveDesk.Describe(loan, archive, language), ArchiveDesk.Join(keepers.Select(k => k.Name), language)));
    }
}

/// <summary>收回档案 N [情况]: the clerk has counted the file back in with the borrower (第6篇 1.2.5); it is in its cabinet again.</summary>
public sealed class ReceiveArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-receive", ["收回档案"], ["receive archive"], Texts, "ReceiveDescription", Roles: ArchiveLoan.Keepers, HelpOrder: 76);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (await desk.PickAsync(turn, arguments, "WordReceive", l => l.Status == ArchiveLoanStatus.Out, "NoneOutAtAll", cancellationToken) is not var (loan, said))
            return;
        await ReceiveAsync(desk, turn, loan, said, cancellationToken);
    }

    internal static async Task ReceiveAsync(ArchiveDesk desk, TurnContext turn, ArchiveLoan loan, string said, CancellationToken cancellationToken)
    {
        if (loan.Status != ArchiveLoanStatus.Out) throw new BotRuleException(Texts, loan.Status == ArchiveLoanStatus.Returned ? "AlreadyReturned" : "NotOut", loan.Id);
        var archive = await desk.ArchiveOfAsync(loan, cancellationToken);
        loan.Receive(archive, turn.Sender.Id, said, turn.Now);
        if (loan.BorrowerId != turn.Sender.Id)
            await desk.TellAsync(loan.BorrowerId, $"archives:{loan.Id}:received", l => new OutgoingMessage(
                Texts.Get("ReceivedToYou", l, turn.Sender.DisplayName, ArchiveDesk.Describe(archive, l))), cancellationToken);
        var reply = Texts.Get(said.Length == 0 ? "ReceivedReply" : "ReceivedReplyNote", turn.Language, loan.Id, ArchiveDesk.Describe(archive, turn.Language),
            await desk.NameAsync(loan.BorrowerId, cancellationToken), archive.Place, said);
        // "少了一页装修申请表": a file back short or damaged is reported in writing at once (第6篇 1.2.6) — offered with what
        // was said, so the clerk need not type it again.
        if (SaysDamaged(said))
        {
            var word = Texts.Get("WordDamaged", turn.Language);
            var report = $"{word} {archive.Code} {said}";
            turn.Ask(reply + "\n" + Texts.Get("ReceivedDamagedOffer", turn.Language), [new Choice(report, word)]);
            return;
        }
        turn.Reply(reply);
    }

    private static readonly string[] DamageWords = ["少了", "少一", "缺页", "缺少", "缺了", "丢了", "丢失", "不全", "破损", "损坏", "撕", "污损", "弄脏", "水湿", "泡水", "弄湿", "涂改", "missing", "damaged", "torn"];

    private static bool SaysDamaged(string said) => DamageWords.Any(w => said.Contains(w, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// 档案丢失 / 档案损坏 [N | 编号] 情况: a file lost, damaged or its secret let out is reported in writing at once
/// (第6篇 1.2.6) — an urgent case to the department manager; a lost file is marked so nobody is sent to its cabinet.
/// </summary>
public sealed class ArchiveIncidentCommand(ArchiveDesk desk, EscalationService escalations, bool lost) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = lost
        ? new("archive-lost", ["档案丢失", "档案遗失"], ["archive lost"], Texts, "LostDescription", HelpOrder: 77)
        : new("archive-damaged", ["档案损坏", "档案泄密"], ["archive damaged"], Texts, "DamagedDescription", HelpOrder: 78);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var me = turn.Sender;
        var typed = turn.AsTyped(arguments).Trim();
        var words = typed.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Archive? archive = null;
        ArchiveLoan? loan = null;
        var said = typed;
        var open = await desk.Store.OpenLoansAsync(cancellationToken);
        if (words.Length > 0 && long.TryParse(TextInput.Normalize(words[0]).TrimStart('#', '＃'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            loan = await desk.Store.FindLoanAsync(id, cancellationToken) ?? throw new BotRuleException(Texts, "LoanNotFound", id);
            archive = await desk.ArchiveOfAsync(loan, cancellationToken);
            said = words.Length > 1 ? words[1] : "";
        }
        else if (words.Length > 0 && await desk.Store.FindAsync(words[0], cancellationToken) is { } named)
        {
            archive = named;
            loan = open.FirstOrDefault(l => l.ArchiveCode == named.Code && l.Status == ArchiveLoanStatus.Out);
            said = words.Length > 1 ? words[1] : "";
        }
        else if (open.Where(l => l.BorrowerId == me.Id && l.Status == ArchiveLoanStatus.Out).ToList() is [var only])
        {
            loan = only;
            archive = await desk.ArchiveOfAsync(only, cancellationToken);
        }
        if (archive is null || said.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get(lost ? "LostUsage" : "DamagedUsage", language));
            return;
        }
        var what = said.Length > 300 ? said[..300] : said;
        // Reported already: one case is enough; a second would send the department manager the same loss twice.
        if (lost && archive.Status == ArchiveStatus.Lost) throw new BotRuleException(Texts, "AlreadyLost", ArchiveDesk.Describe(archive, language));
        if (lost)
        {
            if (loan is { Status: ArchiveLoanStatus.Out }) loan.ReportLost(archive, me.Id, what, turn.Now);
            else archive.Status = ArchiveStatus.Lost;
            // Nobody waits at the archive room for a file that is gone: requests for it end, and their people hear why.
            foreach (var waiting in open.Where(l => l.ArchiveCode == archive.Code && l.Status is ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested))
            {
                waiting.Refuse(me.Id, Texts.Get("LostRefusedNote", TextCatalog.Chinese), turn.Now);
                await desk.TellAsync(waiting.BorrowerId, $"archives:{waiting.Id}:refused", l => new OutgoingMessage(
                    Texts.Get("RefusedToYouWhy", l, me.DisplayName, ArchiveDesk.Describe(waiting, archive, l), Texts.Get("LostRefusedNote", l))), cancellationToken);
            }
        }
        var subjectKey = lost ? "LostSubject" : "DamagedSubject";
        var escalation = await escalations.RaiseAsync(new EscalationRequest(lost ? "archives.lost" : "archives.damaged",
            Texts.Get(subjectKey, TextCatalog.Chinese, ArchiveDesk.Describe(archive, TextCatalog.Chinese), me.DisplayName),
            Severity.Urgent,
            Texts.Get("IncidentDetails", TextCatalog.Chinese, me.DisplayName, ArchiveDesk.Describe(archive, TextCatalog.Chinese), what,
                loan is null ? "—" : await desk.NameAsync(loan.BorrowerId, cancellationToken)),
            me.Id, EscalationLevel.DepartmentManager), turn.Now, cancellationToken);
        var told = await escalations.NotifiedNamesAsync(escalation, cancellationToken, exceptId: me.Id);
        turn.Reply(Texts.Get("IncidentReported", language, escalation.Id, ArchiveDesk.Join(told, language)));
    }
}

/// <summary>档案找回 编号: a file reported lost is found again and is back in its cabinet (the clerk).</summary>
public sealed class ArchiveFoundCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-found", ["档案找回", "找回档案"], ["archive found"], Texts, "FoundDescription", Roles: ArchiveLoan.Keepers, HelpOrder: 79);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var code = turn.AsTyped(arguments).Trim().Split(' ', 2)[0];
        if (code.Length == 0)
        {
            // The files reported lost, one button each.
            var lost = await desk.Store.LostAsync(cancellationToken);
            if (lost.Count == 0) turn.Reply(Texts.Get("NoneLost", language));
            else turn.Ask(Texts.Get("FoundUsage", language), [.. lost.Select(a => new Choice($"{Texts.Get("WordFound", language)} {a.Code}", ArchiveDesk.Describe(a, language)))]);
            return;
        }
        var archive = await desk.Store.FindAsync(code, cancellationToken) ?? throw new BotRuleException(Texts, "ArchiveNotFound", code);
        if (archive.Status != ArchiveStatus.Lost) throw new BotRuleException(Texts, "NotLost", ArchiveDesk.Describe(archive, language));
        archive.Status = ArchiveStatus.In;
        turn.Reply(Texts.Get("FoundReply", language, ArchiveDesk.Describe(archive, language), archive.Place));
    }
}

/// <summary>档案借阅记录: the loan register for the clerk and the supervisors — today's lines and every one still open.</summary>
public sealed class ArchiveRecordCommand(ArchiveDesk desk, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public CommandInfo Info { get; } = new("archive-record", ["档案借阅记录", "借阅登记"], ["archive record"], Texts, "RecordDescription",
        Roles: ArchiveLoan.Overseers, HelpOrder: 79, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = desk.Today(turn.Now);
        var loans = await desk.Store.SinceOrOpenAsync(department.ToInstant(today, TimeOnly.MinValue), cancellationToken);
        if (loans.Count == 0)
        {
            turn.Reply(Texts.Get("RecordEmpty", language));
            return;
        }
        var lines = new List<string> { Texts.Get("RecordTitle", language, loans.Count) };
        foreach (var loan in loans) lines.Add(await desk.RecordLineAsync(loan, today, language, cancellationToken));
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>查档案 关键词: the catalogue (总目录, 第6篇 1.3.3) — which files match, where each is kept and whether it is out.</summary>
public sealed class FindArchiveCommand(ArchiveDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;
    private const int Shown = 10;

    public CommandInfo Info { get; } = new("archive-find", ["查档案", "档案目录", "档案", "档案在哪", "档案在哪里", "档案在哪儿"], ["find archive", "archive"], Texts, "FindDescription", HelpOrder: 69, LookUp: true, AnswersWhere: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        // "档案 YH-3-1-502 在谁那": where it is, asked the other way round.
        var typed = turn.AsTyped(arguments).Trim();
        var bare = TextInput.WithoutWhereQuestion(TextInput.ForMatching(typed));
        var words = bare.Length < TextInput.ForMatching(typed).Length ? bare : typed;
        if (words.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("FindUsage", language));
            return;
        }
        var found = await desk.MatchAsync(words, turn.Sender, Shown + 1, cancellationToken);
        if (found.Count == 0)
        {
            turn.Reply(Texts.Get("FindNone", language, words));
            return;
        }
        var open = await desk.Store.OpenLoansAsync(cancellationToken);
        var today = desk.Today(turn.Now);
        var lines = new List<string> { Texts.Get(found.Count > Shown ? "FindTitleMore" : "FindTitle", language, Math.Min(found.Count, Shown)) };
        var english = language == TextCatalog.English;
        foreach (var archive in found.Take(Shown))
            lines.Add(Texts.Get(archive.Secret ? "FindLineSecret" : "FindLine", language, ArchiveDesk.Describe(archive, language),
                ArchiveImport.KindName(archive.Kind, english), await desk.WhereAsync(archive, open, today, language, cancellationToken)));
        // What can be asked for now, one button each: the borrow command with the code already in it.
        var word = Texts.Get("WordBorrow", language);
        var free = found.Take(Shown).Where(a => a.Status == ArchiveStatus.In && a.Kind != ArchiveKind.Staff && open.All(l => l.ArchiveCode != a.Code)).Take(5).ToList();
        turn.Reply(string.Join("\n", lines), free.Count == 0 ? null : [.. free.Select(a => new Choice($"{word} {a.Code}", $"{word} {a.Code}"))]);
    }
}

/// <summary>
/// Out past its return date: the borrower is reminded with 还档案 and the clerk told (第6篇 1.3.5 按期催还), once a loan.
/// Claimed in the database, so a double fire acts once.
/// </summary>
public sealed class ArchiveWatch(ArchiveDesk desk) : IScheduledWork
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acted = 0;
        var today = desk.Today(now);
        foreach (var overdue in await desk.Store.OverdueAsync(today, cancellationToken))
        {
            var done = false;
            var won = await desk.Store.AtomicallyAsync(async () =>
            {
                // Re-read inside the unit: 收回 or another instance may have changed it since the list was read.
                if (await desk.Store.FindLoanAsync(overdue.Id, cancellationToken) is not { Status: ArchiveLoanStatus.Out, RemindedAt: null } loan) return;
                var archive = await desk.ArchiveOfAsync(loan, cancellationToken);
                loan.Reminded(now);
                var due = ArchiveDesk.Day(loan.DueOn);
                await desk.TellAsync(loan.BorrowerId, $"archives:{loan.Id}:remind", l => new OutgoingMessage(
                    Texts.Get("OverdueReminder", l, ArchiveDesk.Describe(loan, archive, l), due, loan.Id), [Texts.NumberedAction("WordReturn", loan.Id, l)]), cancellationToken);
                var borrower = await desk.NameAsync(loan.BorrowerId, cancellationToken);
                foreach (var keeper in await desk.KeepersAsync(loan.BorrowerId, cancellationToken))
                    await desk.TellAsync(keeper.Id, $"archives:{loan.Id}:remind-keeper:{keeper.Id}", l => new OutgoingMessage(
                        Texts.Get("OverdueToKeeper", l, ArchiveDesk.Describe(loan, archive, l), borrower, due)), cancellationToken);
                done = true;
            }, cancellationToken);
            if (won && done) acted++;
        }
        return acted;
    }
}

/// <summary>
/// The month-end check of the archive (第6篇 1.1.3: 每月底进行一次库藏档案清理，核对…帐物相符): on the month's last day the
/// clerk gets the figures to check against the cabinets — how many files, how many out and with whom, which are lost.
/// Each clerk once a month: the notice's key makes a second fire send nothing.
/// </summary>
public sealed class ArchiveMonthEnd(ArchiveDesk desk) : IScheduledWork
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = desk.Today(now);
        if (today.AddDays(1).Month == today.Month) return 0;
        var keepers = await desk.KeepersAsync("", cancellationToken);
        if (keepers.Count == 0) return 0;
        var (total, lost) = (await desk.Store.CountAsync(cancellationToken), await desk.Store.LostAsync(cancellationToken));
        var out_ = (await desk.Store.OpenLoansAsync(cancellationToken)).Where(l => l.Status == ArchiveLoanStatus.Out).ToList();
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var told = 0;
        foreach (var keeper in keepers)
        {
            var language = TextCatalog.NormalizeLanguage(keeper.Language);
            var lines = new List<string> { Texts.Get("MonthEndTitle", language, total, total - out_.Count - lost.Count, out_.Count, lost.Count) };
            foreach (var loan in out_) lines.Add(await desk.RecordLineAsync(loan, today, language, cancellationToken));
            foreach (var archive in lost) lines.Add(Texts.Get("MonthEndLost", language, ArchiveDesk.Describe(archive, language)));
            lines.Add(Texts.Get("MonthEndClose", language));
            // Its own unit: the notice's key is the claim, so a second fire (or instance) sends nothing — and counts nothing.
            var sent = false;
            if (await desk.Store.AtomicallyAsync(async () => sent = await desk.TellAsync(keeper.Id, $"archives:month-end:{month}:{keeper.Id}", _ => new OutgoingMessage(
                    string.Join("\n", lines), [new Choice(Texts.Get("WordRecord", language), Texts.Get("WordRecord", language))]), cancellationToken), cancellationToken) && sent)
                told++;
        }
        return told;
    }
}

/// <summary>
/// The supervisor digest's archive section: files out past their date, and requests still waiting. Now (今日概况): the
/// files out past their return date (第5篇 1.3, 第6篇 1.3.5 按期归还), each with who has it.
/// </summary>
public sealed class ArchiveDigestSection(ArchiveDesk desk, DepartmentProfile department) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    public int Order => 26;

    public int NowOrder => 31;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var late = new List<string>();
        foreach (var loan in (await desk.Store.OpenLoansAsync(cancellationToken)).Where(l => l.Status == ArchiveLoanStatus.Out && l.DueOn < today))
            late.Add(Texts.Get("NowLateFile", language, loan.ArchiveCode, await desk.NameAsync(loan.BorrowerId, cancellationToken), ArchiveDesk.Day(loan.DueOn)));
        return late.Count == 0 ? [] : [Texts.Get("NowFilesLate", language, late.Count, string.Join(Texts.Get("NowSeparator", language), late))];
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var loan in await desk.Store.OpenLoansAsync(cancellationToken))
        {
            // 第6篇 1.2.7: someone leaving returns what they borrowed first — a file out with a person no longer active is listed whatever its date.
            var left = loan.Status == ArchiveLoanStatus.Out && !await desk.ActiveAsync(loan.BorrowerId, cancellationToken);
            if (loan.Status == ArchiveLoanStatus.Out && loan.DueOn >= day && !left) continue;
            lines.Add(await desk.RecordLineAsync(loan, day, language, cancellationToken) + (left ? Texts.Get("BorrowerLeft", language) : ""));
        }
        return lines.Count == 0 ? null : string.Join("\n", [Texts.Get("DigestSection", language, lines.Count), .. lines]);
    }
}

/// <summary>The files a person has out, for whoever retires them (第6篇 1.2.7).</summary>
public sealed class ArchiveHoldings(ArchiveDesk desk) : IHoldings
{
    public async Task<IReadOnlyList<string>> OfAsync(string personId, string language, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var loan in (await desk.Store.OpenLoansAsync(cancellationToken)).Where(l => l.Status == ArchiveLoanStatus.Out && l.BorrowerId == personId))
            lines.Add(ArchiveTexts.Catalog.Get("HoldingArchive", language, ArchiveDesk.Describe(await desk.ArchiveOfAsync(loan, cancellationToken), language),
                desk.Stamp(loan.LentAt ?? loan.RequestedAt), ArchiveDesk.Day(loan.DueOn)));
        return lines;
    }
}

/// <summary>
/// What waits on a person in the archive, for 待办: the files out in their name — due today or late first (第6篇 1.3.5 按期归还)
/// — and what they are asked to decide: 总经理 a secret file or an outside reader (第5篇 1.4, 第6篇 1.2.8), the clerk a
/// request to count out and a file brought back to count in (第6篇 1.2.5). Each with the button its notice carries.
/// </summary>
public sealed class ArchiveTodos(ArchiveDesk desk) : ITodos
{
    private static readonly TextCatalog Texts = ArchiveTexts.Catalog;

    // 查档案, the feature's first command in the help.
    public int Order => 69;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, language) = (asked.Person, asked.Language);
        var today = desk.Today(asked.Now);
        var keeper = me.HasAny(ArchiveLoan.Keepers);
        var approver = me.HasAny(ArchiveLoan.SecretApprovers);
        var mine = new List<Todo>();
        var askedOfMe = new List<Todo>();
        foreach (var loan in await desk.Store.OpenLoansAsync(cancellationToken))
        {
            var own = loan.BorrowerId == me.Id;
            switch (loan.Status)
            {
                case ArchiveLoanStatus.Out when own && loan.Visitor is { } visitor:
                    // The clerk is the borrower of record of an outside reader's file: counted back in the same day (1.2.8).
                    mine.Add(new Todo(Texts.Get("TodoVisitorOut", language, await desk.DescribeAsync(loan, language, cancellationToken), visitor, ArchiveDesk.Day(loan.DueOn)),
                        Texts.NumberedAction("WordReceive", loan.Id, language), Pressing: loan.DueOn <= today));
                    break;
                case ArchiveLoanStatus.Out when own:
                {
                    var key = loan.ReturnAnnouncedAt is not null ? "TodoOutReturning"
                        : loan.DueOn < today ? "TodoOutLate"
                        : loan.DueOn == today ? "TodoOutDueToday"
                        : "TodoOut";
                    // Said 还档案 already: nothing to press, the file goes to the clerk's hands.
                    mine.Add(new Todo(Texts.Get(key, language, await desk.DescribeAsync(loan, language, cancellationToken), ArchiveDesk.Day(loan.DueOn)),
                        loan.ReturnAnnouncedAt is null ? Texts.NumberedAction("WordReturn", loan.Id, language) : null, Pressing: loan.DueOn <= today));
                    break;
                }
                case ArchiveLoanStatus.Out when keeper && loan.ReturnAnnouncedAt is not null:
                    askedOfMe.Add(new Todo(Texts.Get("TodoReceive", language, await desk.DescribeAsync(loan, language, cancellationToken),
                        await desk.NameAsync(loan.BorrowerId, cancellationToken)), Texts.NumberedAction("WordReceive", loan.Id, language)));
                    break;
                case ArchiveLoanStatus.AwaitingApproval when approver && !own:
                    askedOfMe.Add(new Todo(loan.Visitor is { } reader
                            ? Texts.Get("TodoApproveVisitor", language, await desk.DescribeAsync(loan, language, cancellationToken), reader,
                                await desk.NameAsync(loan.BorrowerId, cancellationToken), loan.Purpose)
                            : Texts.Get("TodoApprove", language, await desk.DescribeAsync(loan, language, cancellationToken),
                                await desk.NameAsync(loan.BorrowerId, cancellationToken), loan.Purpose),
                        Texts.NumberedAction("WordApprove", loan.Id, language)));
                    break;
                case ArchiveLoanStatus.Requested when keeper && !own:
                    askedOfMe.Add(new Todo(Texts.Get(loan.ReadOnly ? "TodoLendReadOnly" : "TodoLend", language, await desk.DescribeAsync(loan, language, cancellationToken),
                        await desk.NameAsync(loan.BorrowerId, cancellationToken), loan.Purpose, ArchiveDesk.Day(loan.DueOn)), Texts.NumberedAction("WordLend", loan.Id, language)));
                    break;
            }
        }
        return [.. mine, .. askedOfMe];
    }
}

/// <summary>The unit's files in the archive and where each is, for the unit's record (业户; 第15篇 3).</summary>
public sealed class ArchiveUnitFacts(ArchiveDesk desk) : IUnitFacts
{
    public int Order => 40;

    public async Task<IReadOnlyList<string>> AboutAsync(UnitAsked unit, CancellationToken cancellationToken)
    {
        var found = await desk.MatchAsync(unit.Code, unit.Viewer, 5, cancellationToken);
        if (found.Count == 0) return [];
        var open = await desk.Store.OpenLoansAsync(cancellationToken);
        var lines = new List<string>();
        foreach (var archive in found)
            lines.Add(ArchiveTexts.Catalog.Get("UnitFact", unit.Language, ArchiveDesk.Describe(archive, unit.Language),
                await desk.WhereAsync(archive, open, desk.Today(unit.Now), unit.Language, cancellationToken)));
        return lines;
    }
}

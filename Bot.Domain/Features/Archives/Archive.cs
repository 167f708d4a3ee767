using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Archives;

/// <summary>What a file is, which decides how it may be used (第5篇 1.2, 第6篇 1.1.2).</summary>
public enum ArchiveKind
{
    /// <summary>业户档案: an owner's file (收楼表格, 遗留修缮问题, 投诉记录 …, 第15篇).</summary>
    Owner,
    /// <summary>文书档案: notices, rules, letters, minutes — read in the office, never lent (第6篇 1.2.2).</summary>
    Document,
    /// <summary>技术资料: drawings, manuals, specifications.</summary>
    Technical,
    /// <summary>管理记录: duty logs, inspection rounds, repair records.</summary>
    Record,
    /// <summary>员工个人档案: confidential; nobody else reads it, not even its keeper (第5篇 1.5).</summary>
    Staff,
    Other,
}

public enum ArchiveStatus
{
    In,
    Out,
    Lost,
}

/// <summary>A file of the department's catalogue (总目录, 第6篇 1.3.3): where it is kept and whether it is on loan.</summary>
public sealed class Archive
{
    public const int MaxCodeLength = 32;
    public const int MaxTitleLength = 100;
    public const int MaxPlaceLength = 64;

    public required string Code { get; init; }
    public required string Title { get; set; }
    public ArchiveKind Kind { get; set; }
    /// <summary>保密档案: read only with the general manager's approval, in the office (第5篇 1.4, 第6篇 1.2.4).</summary>
    public bool Secret { get; set; }
    /// <summary>档案柜, shelf: where the clerk finds it.</summary>
    public required string Place { get; set; }
    public ArchiveStatus Status { get; set; }
    public int Version { get; set; }

    /// <summary>Kept in the office whatever the borrower asked: 文书档案只阅不借 (第6篇 1.2.2); secret files never leave it (第5篇 1.4).</summary>
    public bool ReadOnly => Kind == ArchiveKind.Document || Secret;
}

public enum ArchiveLoanStatus
{
    /// <summary>A secret file: waits for the general manager (第5篇 1.4).</summary>
    AwaitingApproval,
    /// <summary>Waits for the clerk to count it out face to face (第6篇 1.2.5).</summary>
    Requested,
    /// <summary>With the borrower.</summary>
    Out,
    /// <summary>Counted back in by the clerk.</summary>
    Returned,
    Refused,
    /// <summary>Taken back by the one who asked, before it was counted out.</summary>
    Withdrawn,
    /// <summary>Reported lost while out (第6篇 1.2.6).</summary>
    Lost,
}

/// <summary>
/// One line of the 借阅登记 (第5篇 1.3: date, purpose, the person who handled it and the return date; 第6篇 1.1.5, 1.2.5,
/// 1.3.5): asked for by anyone, counted out and back in by the clerk face to face, chased when it is late.
/// </summary>
public sealed class ArchiveLoan
{
    /// <summary>Who keeps the archive and lends it: 文员 (第6篇 1.2.4–1.2.5).</summary>
    public const Roles Keepers = Roles.Clerk;

    /// <summary>Who approves reading a secret file: 总经理 (第5篇 1.4).</summary>
    public const Roles SecretApprovers = Roles.GeneralManager;

    /// <summary>Who may read the loan register besides the clerk.</summary>
    public const Roles Overseers = Roles.Clerk | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public const int MaxTextLength = 200;
    public const int MaxVisitorLength = 100;

    public long Id { get; init; }
    public required string ArchiveCode { get; init; }
    public required string BorrowerId { get; init; }
    public required string Purpose { get; init; }
    /// <summary>Read in the office and handed back the same day, never taken away (第6篇 1.2.2, 第5篇 1.4).</summary>
    public bool ReadOnly { get; init; }
    /// <summary>
    /// Someone from outside the company reading it (第6篇 1.2.8: their unit's letter and their ID checked, a leader's
    /// approval), as the clerk wrote them down; the clerk who handles it is the borrower of record.
    /// </summary>
    public string? Visitor { get; init; }
    /// <summary>The return date (第5篇 1.3); a local date, late from the day after.</summary>
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RequestedAt { get; init; }
    public ArchiveLoanStatus Status { get; private set; }
    public string? ApprovedById { get; private set; }
    /// <summary>The clerk who counted it out: 经手人 (第5篇 1.3).</summary>
    public string? LentById { get; private set; }
    public DateTimeOffset? LentAt { get; private set; }
    /// <summary>The clerk who counted it back in, or who refused it, or who reported it lost.</summary>
    public string? ClosedById { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>Why it was refused, how it came back, or what happened to it.</summary>
    public string? Note { get; private set; }
    /// <summary>When the borrower said it was on its way back (还档案): the clerk still counts it in.</summary>
    public DateTimeOffset? ReturnAnnouncedAt { get; private set; }
    public DateTimeOffset? RemindedAt { get; private set; }
    public int Version { get; set; }

    public bool Open => Status is ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested or ArchiveLoanStatus.Out;

    public static ArchiveLoan Ask(Archive archive, string borrowerId, string purpose, bool readOnly, DateOnly dueOn, DateTimeOffset now, string? visitor = null) => new()
    {
        ArchiveCode = archive.Code,
        BorrowerId = borrowerId,
        Purpose = purpose,
        // An outside reader reads in the office too: nothing leaves the company (第6篇 2.5.1).
        ReadOnly = readOnly || archive.ReadOnly || visitor is not null,
        Visitor = visitor,
        DueOn = dueOn,
        RequestedAt = now,
        Status = archive.Secret || visitor is not null ? ArchiveLoanStatus.AwaitingApproval : ArchiveLoanStatus.Requested,
    };

    public void Approve(string byId)
    {
        Expect(ArchiveLoanStatus.AwaitingApproval);
        Status = ArchiveLoanStatus.Requested;
        ApprovedById = byId;
    }

    public void Lend(Archive archive, string byId, DateTimeOffset at)
    {
        Expect(ArchiveLoanStatus.Requested);
        if (archive.Status != ArchiveStatus.In) throw new InvalidOperationException($"Archive {archive.Code} is {archive.Status}.");
        Status = ArchiveLoanStatus.Out;
        LentById = byId;
        LentAt = at;
        archive.Status = ArchiveStatus.Out;
    }

    public void Refuse(string byId, string? why, DateTimeOffset at)
    {
        if (Status is not (ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested)) throw new InvalidOperationException($"Archive loan {Id} is {Status}.");
        Status = ArchiveLoanStatus.Refused;
        Close(byId, why, at);
    }

    public void Withdraw(DateTimeOffset at)
    {
        if (Status is not (ArchiveLoanStatus.AwaitingApproval or ArchiveLoanStatus.Requested)) throw new InvalidOperationException($"Archive loan {Id} is {Status}.");
        Status = ArchiveLoanStatus.Withdrawn;
        Close(BorrowerId, null, at);
    }

    public void AnnounceReturn(DateTimeOffset at)
    {
        Expect(ArchiveLoanStatus.Out);
        ReturnAnnouncedAt = at;
    }

    public void Receive(Archive archive, string byId, string? note, DateTimeOffset at)
    {
        Expect(ArchiveLoanStatus.Out);
        Status = ArchiveLoanStatus.Returned;
        Close(byId, note, at);
        archive.Status = ArchiveStatus.In;
    }

    public void ReportLost(Archive archive, string byId, string what, DateTimeOffset at)
    {
        Expect(ArchiveLoanStatus.Out);
        Status = ArchiveLoanStatus.Lost;
        Close(byId, what, at);
        archive.Status = ArchiveStatus.Lost;
    }

    public void Reminded(DateTimeOffset at) => RemindedAt = at;

    private void Close(string byId, string? note, DateTimeOffset at)
    {
        ClosedById = byId;
        ClosedAt = at;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Length > MaxTextLength ? note[..MaxTextLength] : note;
    }

    private void Expect(ArchiveLoanStatus status)
    {
        if (Status != status) throw new InvalidOperationException($"Archive loan {Id} is {Status}, not {status}.");
    }
}

/// <summary>How long a loan may last (configuration section <c>Archives</c>; 第6篇 1.1.5: returned within the set time).</summary>
/// <param name="LoanDays">The return date when the borrower names none.</param>
/// <param name="MaxLoanDays">The latest return date a borrower may name.</param>
public sealed record ArchivePolicy(int LoanDays, int MaxLoanDays);

public interface IArchiveStore
{
    Task<Archive?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Files whose code or title contains <paramref name="words"/> (case-insensitive), at most <paramref name="limit"/>, by code.</summary>
    Task<IReadOnlyList<Archive>> SearchAsync(string words, int limit, CancellationToken cancellationToken);

    /// <summary>How many files the catalogue holds.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Files reported lost, by code.</summary>
    Task<IReadOnlyList<Archive>> LostAsync(CancellationToken cancellationToken);

    void Add(ArchiveLoan loan);

    Task FlushAsync(CancellationToken cancellationToken);

    Task<ArchiveLoan?> FindLoanAsync(long id, CancellationToken cancellationToken);

    /// <summary>Awaiting approval, requested or out, oldest first.</summary>
    Task<IReadOnlyList<ArchiveLoan>> OpenLoansAsync(CancellationToken cancellationToken);

    /// <summary>Every loan asked for since <paramref name="from"/>, and every one still open, oldest first.</summary>
    Task<IReadOnlyList<ArchiveLoan>> SinceOrOpenAsync(DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Every loan asked for from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    Task<IReadOnlyList<ArchiveLoan>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Out, due before <paramref name="today"/>, not yet reminded.</summary>
    Task<IReadOnlyList<ArchiveLoan>> OverdueAsync(DateOnly today, CancellationToken cancellationToken);

    /// <summary>The archive's keepers (文员) who are active.</summary>
    Task<IReadOnlyList<Person>> KeepersAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as one unit; false when another instance changed the same row first.</summary>
    Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken);
}

/// <summary>The 借阅登记 as a file, for the office to file or print (admin API).</summary>
public static class ArchiveRegister
{
    public static readonly string[] CsvColumns =
        ["id", "archive", "title", "borrower", "borrower_name", "purpose", "read_only", "status", "requested_at", "approved_by", "lent_at", "lent_by", "due_on", "returned_at", "closed_by", "note", "visitor"];

    /// <param name="names">Person id → name; <paramref name="titles"/> archive code → title.</param>
    public static string ToCsv(IEnumerable<ArchiveLoan> loans, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<string, string> titles, DepartmentProfile department)
    {
        string Time(DateTimeOffset? at) => at is { } t ? department.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
        var csv = new System.Text.StringBuilder().Append(CsvWriter.Line(CsvColumns));
        foreach (var l in loans)
            csv.Append(CsvWriter.Line([l.Id.ToString(CultureInfo.InvariantCulture), l.ArchiveCode, titles.GetValueOrDefault(l.ArchiveCode, ""),
                l.BorrowerId, names.GetValueOrDefault(l.BorrowerId, l.BorrowerId), l.Purpose, l.ReadOnly ? "yes" : "no",
                l.Status.ToString().ToLowerInvariant(), Time(l.RequestedAt), l.ApprovedById ?? "", Time(l.LentAt), l.LentById ?? "",
                l.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Time(l.Status == ArchiveLoanStatus.Returned ? l.ClosedAt : null),
                l.ClosedById ?? "", l.Note ?? "", l.Visitor ?? ""]));
        return csv.ToString();
    }
}

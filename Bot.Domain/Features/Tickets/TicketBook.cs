using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Tickets;

/// <summary>What a line of the 《电影票销售记录表》 records (第12篇 2).</summary>
public enum TicketEntryKind
{
    /// <summary>影院送票: tickets in from the cinema, at a price (4).</summary>
    Received,
    /// <summary>Sold at the front desk; the seller keeps the money until it goes to finance (1, 3, 7).</summary>
    Sold,
    /// <summary>A sale written in by mistake, taken back the same day before its money was handed in.</summary>
    Voided,
    /// <summary>盘点: the tickets counted against the book; a difference corrects the stock and is reported (2, 帐实相符).</summary>
    Counted,
    /// <summary>Unsold tickets back to the cinema; all of them ends the title (下档).</summary>
    Returned,
    /// <summary>票款交财务: the seller's takings to the finance cashier (3).</summary>
    HandedIn,
    /// <summary>票款交前台: a stand-in's takings to the front-desk receptionist, counted by the receiver (7).</summary>
    Passed,
}

public enum TicketPassStatus
{
    Pending,
    Taken,
    Declined,
}

/// <summary>
/// A film (or a show) sold on the cinema's behalf, with the tickets in the counter now. The stock lives here, not as a
/// sum of the ledger, so two sales at once cannot sell the last ticket twice (the row's version decides).
/// </summary>
public sealed class TicketTitle
{
    public const int MaxTitleLength = 64;

    public required string Title { get; init; }
    public decimal Price { get; private set; }
    public int Stock { get; private set; }
    /// <summary>On sale: false once every unsold ticket went back to the cinema (下档).</summary>
    public bool Current { get; private set; } = true;
    public int Version { get; set; }

    public void Receive(int quantity, decimal price)
    {
        Stock += quantity;
        Price = price;
        Current = true;
    }

    public void Sell(int quantity)
    {
        if (quantity > Stock) throw new InvalidOperationException($"Only {Stock} tickets of {Title} left.");
        Stock -= quantity;
    }

    public void PutBack(int quantity) => Stock += quantity;

    public void CountedAs(int counted) => Stock = counted;

    public void ReturnToCinema(int quantity)
    {
        if (quantity > Stock) throw new InvalidOperationException($"Only {Stock} tickets of {Title} left.");
        Stock -= quantity;
        if (Stock == 0) Current = false;
    }
}

/// <summary>
/// The ticket money one person holds (第12篇 1: the front desk keeps the takings; 7: a stand-in keeps their own until the
/// next shift). <see cref="Since"/>: when it last rose from nothing — held past that day, it was not handed in (3).
/// </summary>
public sealed class TicketTill
{
    public required string PersonId { get; init; }
    public decimal Amount { get; private set; }
    public DateTimeOffset? Since { get; private set; }
    public int Version { get; set; }

    public void Add(decimal amount, DateTimeOffset at)
    {
        if (Amount <= 0) Since = at;
        Amount += amount;
    }

    public void Take(decimal amount)
    {
        if (amount > Amount) throw new InvalidOperationException($"{PersonId} holds {Amount}, not {amount}.");
        Amount -= amount;
        if (Amount == 0) Since = null;
    }
}

/// <summary>A line of the 《电影票销售记录表》: every ticket and every yuan in and out, by whom and when (第12篇 2).</summary>
public sealed class TicketEntry
{
    public const int MaxNoteLength = 100;

    public long Id { get; init; }
    public TicketEntryKind Kind { get; init; }
    /// <summary>The film, for ticket lines; null for money lines.</summary>
    public string? Title { get; init; }
    /// <summary>Tickets in (+) or out (−) of the counter.</summary>
    public int Quantity { get; init; }
    public decimal? Price { get; init; }
    /// <summary>The money the line is about: a sale's takings, what the book said was handed in or passed on.</summary>
    public decimal Amount { get; init; }
    /// <summary>What was counted: tickets at a count; yuan at a hand-in or by the receiver of a pass.</summary>
    public decimal? Counted { get; private set; }
    public required string ById { get; init; }
    /// <summary>A pass's receiver.</summary>
    public string? ToId { get; init; }
    /// <summary>A void's sale.</summary>
    public long? SaleId { get; init; }
    /// <summary>Buyer, remark, reason.</summary>
    public string? Note { get; init; }
    public required DateTimeOffset At { get; init; }
    public TicketPassStatus? PassStatus { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public int Version { get; set; }

    /// <summary>Counted minus the book: a shortage is negative.</summary>
    public decimal? Difference => Kind switch
    {
        TicketEntryKind.HandedIn => Counted - Amount,
        TicketEntryKind.Passed when PassStatus == TicketPassStatus.Taken => Counted - Amount,
        TicketEntryKind.Counted => Quantity,
        _ => null,
    };

    public static TicketEntry HandIn(string byId, decimal book, decimal counted, DateTimeOffset at)
    {
        var entry = new TicketEntry { Kind = TicketEntryKind.HandedIn, Amount = book, ById = byId, At = at };
        entry.Counted = counted;
        return entry;
    }

    public static TicketEntry Count(string title, int book, int counted, string byId, DateTimeOffset at)
    {
        var entry = new TicketEntry { Kind = TicketEntryKind.Counted, Title = title, Quantity = counted - book, ById = byId, At = at };
        entry.Counted = counted;
        return entry;
    }

    public static TicketEntry Pass(string byId, string toId, decimal amount, DateTimeOffset at)
    {
        var entry = new TicketEntry { Kind = TicketEntryKind.Passed, Amount = amount, ById = byId, ToId = toId, At = at };
        entry.PassStatus = TicketPassStatus.Pending;
        return entry;
    }

    public void Take(decimal counted, DateTimeOffset at)
    {
        if (PassStatus != TicketPassStatus.Pending) throw new InvalidOperationException($"Pass {Id} is {PassStatus}.");
        PassStatus = TicketPassStatus.Taken;
        Counted = counted;
        DecidedAt = at;
    }

    public void Decline(DateTimeOffset at)
    {
        if (PassStatus != TicketPassStatus.Pending) throw new InvalidOperationException($"Pass {Id} is {PassStatus}.");
        PassStatus = TicketPassStatus.Declined;
        DecidedAt = at;
    }
}

/// <summary>Section <c>Tickets</c>.</summary>
/// <param name="LowStock">A film down to this many tickets: the seller is told to ask the cinema for more (第12篇 4), and the digest lists it.</param>
/// <param name="RemindBefore">Takings still held this long before the holder's shift ends: reminded to hand them in (3).</param>
/// <param name="RemindAt">Local time from which anyone still holding takings is reminded, shift or not.</param>
/// <param name="PostersAt">Local time on the month's last day from which the front desk is reminded of the posters (5).</param>
public sealed record TicketPolicy(int LowStock, TimeSpan RemindBefore, TimeOnly RemindAt, TimeOnly PostersAt);

/// <summary>The tickets in the counter and one person's takings, for the handover.</summary>
public sealed record TicketsOnHand(IReadOnlyList<TicketTitle> Titles, decimal Takings);

/// <summary>What the front desk has of the cinema's now. The tickets feature answers it; the handover lists it.</summary>
public interface ITicketsOnHand
{
    Task<TicketsOnHand> ForAsync(string personId, CancellationToken cancellationToken);
}

public interface ITicketStore
{
    void Add(TicketEntry entry);

    void Add(TicketTitle title);

    void Add(TicketTill till);

    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Every film, on sale first, then by name; tracked.</summary>
    Task<IReadOnlyList<TicketTitle>> TitlesAsync(CancellationToken cancellationToken);

    Task<TicketTitle?> TitleAsync(string title, CancellationToken cancellationToken);

    /// <summary>A person's till, tracked; null when they never held ticket money.</summary>
    Task<TicketTill?> TillAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Every till with money in it, longest held first.</summary>
    Task<IReadOnlyList<TicketTill>> HeldAsync(CancellationToken cancellationToken);

    Task<TicketEntry?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Whether a sale was voided already.</summary>
    Task<bool> VoidedAsync(long saleId, CancellationToken cancellationToken);

    /// <summary>Passes not yet counted by their receiver, oldest first.</summary>
    Task<IReadOnlyList<TicketEntry>> PendingPassesAsync(CancellationToken cancellationToken);

    /// <summary>Every line from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    Task<IReadOnlyList<TicketEntry>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The active people at the front desk (前台接待员): who receives a stand-in's takings, who puts up the posters.</summary>
    Task<IReadOnlyList<Person>> ReceptionistsAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as one unit; false when another instance changed the same row first.</summary>
    Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken);
}

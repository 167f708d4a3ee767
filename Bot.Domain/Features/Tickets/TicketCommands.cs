using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Tickets;

/// <summary>The cinema-ticket slice's text catalog (TicketTexts.resx, TicketTexts.en.resx).</summary>
public static class TicketTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Tickets.TicketTexts", typeof(TicketTexts).Assembly);

    /// <summary>"70", "37.5": yuan as the sales record writes them.</summary>
    public static string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"《流浪地球3》"</summary>
    public static string Film(string title) => "《" + title + "》";
}

/// <summary>
/// What the ticket commands share (第12篇 代售电影票): reading "流浪地球3 2张" and "35元", finding the film meant, who is told
/// of a difference, and the seller's takings.
/// </summary>
public sealed partial class TicketDesk(ITicketStore store, TicketPolicy policy, Colleagues colleagues, DepartmentProfile department)
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;
    private static readonly char[] Separators = [' ', ',', '，', '、', ':', '：', ';', '；'];

    public ITicketStore Store => store;

    public TicketPolicy Policy => policy;

    public DateOnly Today(DateTimeOffset now) => department.LocalDate(now);

    public DateTimeOffset StartOf(DateOnly day) => department.ToInstant(day, TimeOnly.MinValue);

    public string Stamp(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    public Task<string> NameAsync(string? personId, CancellationToken cancellationToken) => colleagues.NameAsync(personId, cancellationToken);

    /// <summary>Tells a person in their language; false when they were told under this key before.</summary>
    public Task<bool> TellAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        colleagues.TellAsync(personId, key, message, cancellationToken);

    public Task<Person?> FindStaffAsync(string idOrName, CancellationToken cancellationToken) => colleagues.Directory.FindStaffAsync(idOrName, cancellationToken);

    /// <summary>
    /// A difference between the book and what was counted goes to 客务主管 (the supervisor who answers for the front desk),
    /// else the department manager (第12篇 2 帐实相符: a difference is reported, never absorbed). Returns whom it told.
    /// </summary>
    public async Task<string> ReportAsync(string key, string exceptId, DateTimeOffset now, Func<string, string> text, CancellationToken cancellationToken)
    {
        var told = await colleagues.FirstAtAsync([EscalationLevel.Supervisor, EscalationLevel.DepartmentManager, EscalationLevel.GeneralManager], exceptId, now, cancellationToken);
        foreach (var person in told)
            await TellAsync(person.Id, $"{key}:{person.Id}", l => new OutgoingMessage(text(l)), cancellationToken);
        return string.Join("、", told.Select(p => p.Name));
    }

    /// <summary>The person's till, made when they first take money.</summary>
    public async Task<TicketTill> TillAsync(string personId, CancellationToken cancellationToken)
    {
        if (await store.TillAsync(personId, cancellationToken) is { } till) return till;
        till = new TicketTill { PersonId = personId };
        store.Add(till);
        return till;
    }

    /// <summary>
    /// The most tickets one line of the record may move. 第12篇 2 (帐实相符): a number typed by mistake — a stray digit,
    /// a minus, a decimal point — would put tickets and takings on the record that are not in the counter, so anything
    /// outside 0..MaxQuantity is refused rather than cut down to a number that fits.
    /// </summary>
    public const int MaxQuantity = 9999;

    /// <summary>The most one ticket may cost, for the same reason: a price out of all proportion is a typing mistake.</summary>
    public const decimal MaxPrice = 999m;

    /// <summary>The most money one hand-in or count may record (the takings of <see cref="MaxQuantity"/> tickets at <see cref="MaxPrice"/> fit).</summary>
    public const decimal MaxAmount = 9_999_999m;

    /// <summary>
    /// "20张", "两张", "２张", "一百二十张", "20 tickets": the number of tickets and the text without it; when <paramref name="bare"/>, a lone
    /// number too — the last one, so "卖票 2046 2" is two tickets of 《2046》. A number that is negative, fractional or
    /// past <see cref="MaxQuantity"/> is refused (<see cref="BotRuleException"/>, QuantityMalformed), never read in part:
    /// "-2张" is not 2, "1.5张" is not 5, and "流浪地球3 99999999999张" does not leave digits in the film's name.
    /// </summary>
    public static (int Quantity, string Left)? TakeQuantity(string text, bool bare)
    {
        // Read on the width-folded text (２张 is 2张); what is quoted and what is left stay as typed.
        var folded = TextInput.FoldWidth(text);
        var m = TicketCount().Match(folded);
        if (!m.Success && bare) m = BareNumber().Match(folded);
        if (!m.Success) return null;
        var n = m.Groups["n"].Value;
        var said = text.Substring(m.Index, m.Length).Trim();
        if (m.Groups["sign"].Success || n.Contains('.', StringComparison.Ordinal)) throw new BotRuleException(Texts, "QuantityMalformed", said, MaxQuantity);
        int quantity;
        if (char.IsAsciiDigit(n[0]))
        {
            if (n.Length > 5 || !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out quantity)) throw new BotRuleException(Texts, "QuantityMalformed", said, MaxQuantity);
        }
        else if (!ClockInput.TryNumber(n, out quantity)) throw new BotRuleException(Texts, "QuantityMalformed", said, MaxQuantity);
        if (quantity > MaxQuantity) throw new BotRuleException(Texts, "QuantityMalformed", said, MaxQuantity);
        return (quantity, (text[..m.Index] + " " + text[(m.Index + m.Length)..]).Trim());
    }

    /// <summary>
    /// "35元", "35块", "每张35元", "单价35", "¥35", "３５元", "三十五元": the price of one ticket and the text without it. A negative, zero,
    /// over-precise (past the fen) or absurd price is refused (PriceMalformed), never read in part.
    /// </summary>
    public static (decimal Price, string Left)? TakePrice(string text)
    {
        var m = Price().Match(TextInput.FoldWidth(text));
        if (!m.Success) return null;
        var price = Checked(m, text.Substring(m.Index, m.Length).Trim(), "PriceMalformed", MaxPrice, positive: true);
        return (price, (text[..m.Index] + " " + text[(m.Index + m.Length)..]).Trim());
    }

    /// <summary>
    /// "130", "130元", "130块", "¥130.5": an amount of money, the whole text; null when it is not one. A negative or
    /// over-precise amount, or one past <see cref="MaxAmount"/>, is refused (AmountMalformed).
    /// </summary>
    public static decimal? ParseMoney(string text)
    {
        var m = Money().Match(TextInput.Normalize(text).Trim());
        return m.Success ? Checked(m, m.Value.Trim(), "AmountMalformed", MaxAmount, positive: false) : null;
    }

    /// <summary>"35", "35元", "40块", "¥40": the price of one ticket as the whole text; null when it is not one (see <see cref="TakePrice"/>).</summary>
    public static decimal? ParsePrice(string text)
    {
        var m = Money().Match(TextInput.Normalize(text).Trim());
        return m.Success ? Checked(m, m.Value.Trim(), "PriceMalformed", MaxPrice, positive: true) : null;
    }

    /// <summary>
    /// A price ("PriceMalformed": more than 0) or an amount (0 or more), in yuan and fen — or whole yuan in Chinese
    /// numerals (一百五十元) — up to <paramref name="max"/>; <paramref name="said"/> is quoted when it is refused.
    /// </summary>
    private static decimal Checked(Match m, string said, string key, decimal max, bool positive)
    {
        var digits = m.Groups["p"].Value;
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var value = 0m;
        var read = char.IsAsciiDigit(digits[0])
            ? (dot < 0 || digits.Length - dot - 1 is 1 or 2) && digits.Length <= 12
                && decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            : ReadWords(digits, out value);
        if (m.Groups["sign"].Success || !read || value > max || (positive && value <= 0))
            throw new BotRuleException(Texts, key, said, TicketTexts.Money(max));
        return value;

        static bool ReadWords(string words, out decimal value)
        {
            var ok = ClockInput.TryNumber(words, out var n);
            value = n;
            return ok;
        }
    }

    /// <summary>"《流浪地球3》 11-29 19:30场" → "流浪地球3 11-29 19:30场": the film as the book keeps it.</summary>
    public static string CleanTitle(string text)
    {
        var title = Regex.Replace(text.Replace("《", " ", StringComparison.Ordinal).Replace("》", " ", StringComparison.Ordinal), @"\s+", " ").Trim(Separators);
        return title.Length > TicketTitle.MaxTitleLength ? title[..TicketTitle.MaxTitleLength].Trim() : title;
    }

    /// <summary>"来了 封神第三部" → "封神第三部": the words people put before a film's name when the cinema's delivery arrives.</summary>
    public static string WithoutFiller(string text)
    {
        var t = text.Trim();
        foreach (var filler in Fillers)
            if (t.StartsWith(filler, StringComparison.Ordinal)) return t[filler.Length..].Trim(Separators).Trim();
        return t;
    }

    private static readonly string[] Fillers = ["来了", "到了", "送来了", "送到了", "了"];

    /// <summary>What is left of a sale after the film and the number, when it is only the words of the sale itself ("两张电影票" leaves 电影票).</summary>
    public static string WithoutSaleWords(string text)
    {
        var t = text;
        foreach (var word in SaleWords) t = t.Replace(word, " ", StringComparison.Ordinal);
        return string.Join(" ", t.Split(Separators, StringSplitOptions.RemoveEmptyEntries)).Trim();
    }

    private static readonly string[] SaleWords = ["电影票", "的票", "票"];

    private static string Fold(string text) => TextInput.ForMatching(text.Replace("《", "", StringComparison.Ordinal).Replace("》", "", StringComparison.Ordinal)).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// The film on sale and the number said with it ("流浪地球3 2张", "2张", "卖了两张电影票"), and what was said besides;
    /// null after asking for what is missing — the number (with the stock shown, <paramref name="usageKey"/>) or which film
    /// (buttons of <paramref name="wordKey"/> keeping the number).
    /// </summary>
    public async Task<(TicketTitle Title, int Quantity, string Said)?> FilmAndNumberAsync(TurnContext turn, CommandInfo command, string arguments, int minimum,
        string usageKey, string wordKey, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var onSale = (await store.TitlesAsync(cancellationToken)).Where(t => t.Current).ToList();
        if (onSale.Count == 0) throw new BotRuleException(Texts, "NothingOnSale");
        if (TakeQuantity(turn.AsTyped(arguments).Trim(), bare: true) is not var (quantity, rest))
        {
            turn.AskForArguments(command, Texts.Get(usageKey, language, Stock(onSale, language)));
            return null;
        }
        if (quantity < minimum) throw new BotRuleException(Texts, "QuantityPositive");
        // The words of the sale itself ("两张电影票" leaves 电影票) are neither a film nor a buyer.
        var then = Texts.Get(quantity == 1 ? "TicketThen" : "TicketsThen", language, quantity);
        return Pick(turn, onSale, WithoutSaleWords(rest), Texts.Get(wordKey, language), then) is var (title, left)
            ? (title, quantity, left)
            : null;
    }

    /// <summary>
    /// The film meant by what was typed, among <paramref name="candidates"/>, and what was said besides it (a buyer, a
    /// remark). Named in full or by a word of it; with nothing named and one film, that one; several → buttons carrying
    /// <paramref name="then"/>, and null.
    /// </summary>
    public (TicketTitle Title, string Left)? Pick(TurnContext turn, IReadOnlyList<TicketTitle> candidates, string typed, string commandWord, string then)
    {
        var folded = Fold(typed);
        // The longest film name inside what was typed: "流浪地球3 2张 陈先生" names 流浪地球3, not 流浪地球.
        var named = candidates.Where(t => folded.Contains(Fold(t.Title), StringComparison.Ordinal)).MaxBy(t => Fold(t.Title).Length);
        if (named is not null) return (named, Without(typed, named.Title));
        // A word of a film's name: "卖票 流浪 2张".
        var words = typed.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Where(w => Fold(w).Length >= 2).ToList();
        foreach (var word in words)
        {
            var matching = candidates.Where(t => Fold(t.Title).Contains(Fold(word), StringComparison.Ordinal)).ToList();
            if (matching.Count == 1) return (matching[0], string.Join(" ", words.Where(w => w != word)));
            if (matching.Count > 1)
            {
                AskWhich(turn, matching, commandWord, then);
                return null;
            }
        }
        if (candidates.Count == 1) return (candidates[0], typed.Trim());
        AskWhich(turn, candidates, commandWord, then);
        return null;
    }

    private static string Without(string typed, string title)
    {
        var at = typed.IndexOf(title, StringComparison.OrdinalIgnoreCase);
        return (at < 0 ? typed : typed.Remove(at, title.Length)).Replace("《》", "", StringComparison.Ordinal).Trim(Separators).Trim();
    }

    private static void AskWhich(TurnContext turn, IReadOnlyList<TicketTitle> titles, string commandWord, string then) =>
        turn.Ask(Texts.Get("WhichFilm", turn.Language), [.. titles.Take(6).Select(t => new Choice(
            $"{commandWord} {t.Title}" + (then.Length == 0 ? "" : " " + then), Texts.Get("FilmChoice", turn.Language, TicketTexts.Film(t.Title), t.Stock)))]);

    /// <summary>The films on sale, as a line each with what is left: "《流浪地球3》18 张，每张 35 元".</summary>
    public static string Stock(IEnumerable<TicketTitle> titles, string language) =>
        string.Join("\n", titles.Select(t => Texts.Get("StockLine", language, TicketTexts.Film(t.Title), t.Stock, TicketTexts.Money(t.Price))));

    /// <summary>Down to <see cref="TicketPolicy.LowStock"/> or gone: time to ask the cinema for more (第12篇 4: 不得出现影票断档).</summary>
    public bool RunningShort(TicketTitle title) => title.Stock <= policy.LowStock;

    /// <summary>After a sale or a count: the film is low or gone — ask the cinema for more (第12篇 4: 不得出现影票断档).</summary>
    public string? LowStockNote(TicketTitle title, string language) =>
        title.Stock == 0 ? Texts.Get("SoldOutNote", language, TicketTexts.Film(title.Title))
        : RunningShort(title) ? Texts.Get("LowStockNote", language, TicketTexts.Film(title.Title), title.Stock)
        : null;

    /// <summary>A line of the sales record as people read it: "#5 11-26 09:40 售出《流浪地球3》2 张 70 元（郑十）".</summary>
    public async Task<string> LineAsync(TicketEntry entry, string language, CancellationToken cancellationToken)
    {
        var by = await NameAsync(entry.ById, cancellationToken);
        var film = entry.Title is null ? "" : TicketTexts.Film(entry.Title);
        var key = entry.Kind switch
        {
            TicketEntryKind.Received => "LineReceived",
            TicketEntryKind.Sold => "LineSold",
            TicketEntryKind.Voided => "LineVoided",
            TicketEntryKind.Counted => entry.Quantity == 0 ? "LineCounted" : entry.Quantity < 0 ? "LineCountedShort" : "LineCountedOver",
            TicketEntryKind.Returned => "LineReturned",
            TicketEntryKind.HandedIn => entry.Difference is 0 ? "LineHandedIn" : "LineHandedInDiffers",
            _ => entry.PassStatus switch
            {
                TicketPassStatus.Taken => entry.Difference is 0 ? "LinePassTaken" : "LinePassTakenDiffers",
                TicketPassStatus.Declined => "LinePassDeclined",
                _ => "LinePassPending",
            },
        };
        var difference = entry.Difference ?? 0;
        var gap = entry.Kind == TicketEntryKind.Counted ? Math.Abs(entry.Quantity).ToString(CultureInfo.InvariantCulture) : TicketTexts.Money(Math.Abs(difference));
        return Texts.Get(key, language, entry.Id, Stamp(entry.At), film, Math.Abs(entry.Quantity), TicketTexts.Money(entry.Amount),
            TicketTexts.Money(entry.Counted ?? 0), by, await NameAsync(entry.ToId, cancellationToken), gap,
            Texts.Get(difference < 0 ? "Short" : "Over", language));
    }

    /// <summary>A till's money, held past the day it was taken: it was not handed in before going off (第12篇 3).</summary>
    public bool HeldOverDay(TicketTill till, DateOnly day) => till.Amount > 0 && till.Since is { } since && department.LocalDate(since) < day;

    // The number as far as it goes (a sign, every digit, a decimal part), so a malformed one is seen whole and refused.
    // A minus counts only where it cannot join a unit number (3-1-502): after a space or at the start.
    [GeneratedRegex(@"(?:(?<=^|[\s,，、:：])(?<sign>[-−﹣－])\s*|(?<sign>负)\s*)?(?<n>[0-9]+(?:\.[0-9]*)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:张|tickets?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex TicketCount();

    [GeneratedRegex(@"(?:^|(?<=[\s,，、]))(?<sign>[-−﹣－])?(?<n>[0-9]+(?:\.[0-9]+)?)(?=$|[\s,，、])", RegexOptions.RightToLeft)]
    private static partial Regex BareNumber();

    // 元, 块, 块钱 and ¥ all say yuan: "40块" is how a price is said at the counter.
    [GeneratedRegex(@"(?:每张|单价|票价|[¥￥])\s*(?<sign>[-−﹣－负])?\s*(?<p>[0-9]+(?:\.[0-9]*)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:元|块钱|块|yuan|rmb)?(?:\s*(?:/张|／张|一张|每张|each|per ticket))?|(?:(?<=^|[\s,，、:：])(?<sign>[-−﹣－])\s*|(?<sign>负)\s*)?(?<p>[0-9]+(?:\.[0-9]*)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:元|块钱|块|yuan|rmb)(?:\s*(?:/张|／张|一张|每张|each|per ticket))?", RegexOptions.IgnoreCase)]
    private static partial Regex Price();

    [GeneratedRegex(@"^(?<sign>[-−﹣负])?\s*[¥￥]?\s*(?<sign>[-−﹣负])?\s*(?<p>[0-9]+(?:\.[0-9]*)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:元|块钱|块|yuan|rmb)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Money();
}

/// <summary>
/// 收到电影票 片名 张数 单价: tickets in from the cinema (第12篇 4); the front desk keeps them (1). A film new to the book
/// without its price is asked for it, the film and the number kept meanwhile.
/// </summary>
public sealed class ReceiveTicketsCommand(TicketDesk desk) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;
    private const string PriceStep = "price";

    public string Name => "tickets.receive";

    public CommandInfo Info { get; } = new("tickets-receive", ["收到电影票", "电影票入库", "影院送票", "影院送来", "影院又送来"], ["receive tickets"], Texts, "ReceiveDescription",
        HelpOrder: 112, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var typed = turn.AsTyped(arguments).Trim();
        var counted = TicketDesk.TakeQuantity(typed, bare: false);
        var priced = counted is var (_, rest) ? TicketDesk.TakePrice(rest) : null;
        // "来了 流浪地球3": the words said before a film's name are not part of it ("流浪地球3 IMAX" is another film).
        var said = counted is null ? "" : TicketDesk.CleanTitle(priced?.Left ?? counted.Value.Left);
        var name = TicketDesk.CleanTitle(TicketDesk.WithoutFiller(said));
        if (counted is not var (quantity, _) || name.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("ReceiveUsage", language));
            return;
        }
        if (quantity <= 0) throw new BotRuleException(Texts, "QuantityPositive");
        // More of a film already in the book: its name as the book has it, its price unless a new one is given.
        var titles = await desk.Store.TitlesAsync(cancellationToken);
        var title = titles.FirstOrDefault(t => TextInput.ForMatching(t.Title) == TextInput.ForMatching(said))
            ?? titles.FirstOrDefault(t => TextInput.ForMatching(t.Title) == TextInput.ForMatching(name));
        if ((priced?.Price ?? title?.Price) is not { } price)
        {
            turn.State.Data.Clear();
            turn.State.Data["film"] = name;
            turn.State.Data["quantity"] = quantity.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, PriceStep, Texts.Get("AskPrice", language, TicketTexts.Film(name), quantity));
            return;
        }
        await ReceiveAsync(turn, title, name, quantity, price, cancellationToken);
    }

    /// <summary>The price of a new film's ticket: "35", "35元", "40块", "¥40", "每张35元".</summary>
    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = turn.Said;
        // A malformed price is refused and the question stays open (nothing is stored).
        var price = TicketDesk.ParsePrice(answer);
        if (price is null && TicketDesk.TakePrice(answer) is { Left.Length: 0 } priced) price = priced.Price;
        if (price is null)
        {
            // Still the open question: anything but a price (卖了1张 typed here) is not taken for one.
            turn.Reply(Texts.Get("PriceNeeded", turn.Language));
            return;
        }
        var name = turn.State.Data.GetValueOrDefault("film") ?? "";
        var quantity = int.Parse(turn.State.Data.GetValueOrDefault("quantity") ?? "0", CultureInfo.InvariantCulture);
        turn.EndFlow();
        var title = (await desk.Store.TitlesAsync(cancellationToken)).FirstOrDefault(t => TextInput.ForMatching(t.Title) == TextInput.ForMatching(name));
        await ReceiveAsync(turn, title, name, quantity, price.Value, cancellationToken);
    }

    private async Task ReceiveAsync(TurnContext turn, TicketTitle? title, string name, int quantity, decimal price, CancellationToken cancellationToken)
    {
        if (price <= 0) throw new BotRuleException(Texts, "PricePositive");
        if (price > TicketDesk.MaxPrice) throw new BotRuleException(Texts, "PriceMalformed", TicketTexts.Money(price), TicketDesk.MaxPrice);
        if (title is null)
        {
            title = new TicketTitle { Title = name };
            desk.Store.Add(title);
        }
        title.Receive(quantity, price);
        var entry = new TicketEntry { Kind = TicketEntryKind.Received, Title = title.Title, Quantity = quantity, Price = price, Amount = quantity * price, ById = turn.Sender.Id, At = turn.Now };
        desk.Store.Add(entry);
        await desk.Store.FlushAsync(cancellationToken);
        turn.Reply(Texts.Get("Received", turn.Language, TicketTexts.Film(title.Title), quantity, TicketTexts.Money(price), entry.Id, title.Stock));
    }
}

/// <summary>
/// 卖电影票 [片名] 张数 [买票人]: a sale into the record with its takings (第12篇 2); the seller holds the money until it goes
/// to finance (3) — a stand-in until the next shift (7). Down to the last few, the seller is told to call the cinema (4).
/// </summary>
public sealed class SellTicketsCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-sell", ["卖电影票", "售出电影票", "卖票", "售票", "卖了", "售出"], ["sell tickets"], Texts, "SellDescription",
        HelpOrder: 110, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await desk.FilmAndNumberAsync(turn, Info, arguments, minimum: 1, "SellUsage", "WordSell", cancellationToken) is not var (title, quantity, note)) return;
        if (title.Stock == 0) throw new BotRuleException(Texts, "SoldOut", TicketTexts.Film(title.Title));
        if (quantity > title.Stock) throw new BotRuleException(Texts, "NotEnough", TicketTexts.Film(title.Title), title.Stock);

        title.Sell(quantity);
        var amount = quantity * title.Price;
        var till = await desk.TillAsync(turn.Sender.Id, cancellationToken);
        // The first takings since the last hand-in: say where the money goes; after that, the sum is enough.
        var first = till.Amount == 0;
        till.Add(amount, turn.Now);
        var sale = new TicketEntry
        {
            Kind = TicketEntryKind.Sold, Title = title.Title, Quantity = -quantity, Price = title.Price, Amount = amount, ById = turn.Sender.Id, At = turn.Now,
            Note = note.Length == 0 ? null : note.Length > TicketEntry.MaxNoteLength ? note[..TicketEntry.MaxNoteLength] : note,
        };
        desk.Store.Add(sale);
        await desk.Store.FlushAsync(cancellationToken);
        var lines = new List<string>
        {
            Texts.Get("Sold", language, TicketTexts.Film(title.Title), quantity, TicketTexts.Money(amount), sale.Id, title.Stock, TicketTexts.Money(till.Amount)),
        };
        // 第12篇 3: the receptionist hands the day's takings to finance; 7: a stand-in keeps them for the receptionist.
        if (first) lines.Add(Texts.Get(turn.Sender.HasAny(Roles.FrontDesk) ? "SoldFirstNote" : "SoldFirstNoteStandIn", language));
        if (desk.LowStockNote(title, language) is { } low) lines.Add(low);
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>
/// 撤销售票 N [原因]: a sale written in by mistake comes off the record the same day, while its money is still with the
/// seller; both lines stay on the record. Later, a count (盘点) or finance puts it right.
/// </summary>
public sealed class VoidSaleCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-void", ["撤销售票", "售票有误"], ["void sale"], Texts, "VoidDescription", HelpOrder: 116, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var words = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !long.TryParse(TextInput.Normalize(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // Alone: today's sales of mine that can still be taken back, one button each.
            var today = desk.Today(turn.Now);
            var mine = new List<TicketEntry>();
            foreach (var entry in await desk.Store.BetweenAsync(desk.StartOf(today), turn.Now.AddSeconds(1), cancellationToken))
                if (entry is { Kind: TicketEntryKind.Sold } && entry.ById == turn.Sender.Id && !await desk.Store.VoidedAsync(entry.Id, cancellationToken))
                    mine.Add(entry);
            if (mine.Count == 0)
            {
                turn.Reply(Texts.Get("NoSaleToVoid", language));
                return;
            }
            var lines = new List<string> { Texts.Get("WhichSale", language) };
            foreach (var sale in mine.TakeLast(6)) lines.Add(await desk.LineAsync(sale, language, cancellationToken));
            turn.Ask(string.Join("\n", lines), [.. mine.TakeLast(6).Select(s => Texts.NumberedAction("WordVoid", s.Id, language))]);
            return;
        }
        var reason = words.Length > 1 ? turn.AsTyped(words[1]) : "";
        if (await desk.Store.FindAsync(id, cancellationToken) is not { Kind: TicketEntryKind.Sold } found) throw new BotRuleException(Texts, "SaleNotFound", id);
        if (found.ById != turn.Sender.Id && !turn.Sender.HasAny(Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager))
            throw new BotRuleException(Texts, "NotYourSale", id, await desk.NameAsync(found.ById, cancellationToken));
        if (await desk.Store.VoidedAsync(id, cancellationToken)) throw new BotRuleException(Texts, "AlreadyVoided", id);
        if (desk.Today(found.At) != desk.Today(turn.Now)) throw new BotRuleException(Texts, "VoidTooLate", id);
        var till = await desk.Store.TillAsync(found.ById, cancellationToken);
        if (till is null || till.Amount < found.Amount) throw new BotRuleException(Texts, "VoidHandedIn", id);
        var title = await desk.Store.TitleAsync(found.Title!, cancellationToken) ?? throw new BotRuleException(Texts, "SaleNotFound", id);

        title.PutBack(-found.Quantity);
        till.Take(found.Amount);
        desk.Store.Add(new TicketEntry
        {
            Kind = TicketEntryKind.Voided, Title = found.Title, Quantity = -found.Quantity, Price = found.Price, Amount = found.Amount, SaleId = found.Id,
            ById = turn.Sender.Id, At = turn.Now, Note = reason.Length == 0 ? null : reason.Length > TicketEntry.MaxNoteLength ? reason[..TicketEntry.MaxNoteLength] : reason,
        });
        turn.Reply(Texts.Get("Voided", language, id, TicketTexts.Film(title.Title), -found.Quantity, TicketTexts.Money(found.Amount), title.Stock));
    }
}

/// <summary>
/// 盘点电影票 [片名] 张数: the tickets counted against the book (第12篇 2 帐实相符). The same, it is written down; different,
/// the stock becomes what was counted, the line keeps the difference and 客务主管 is told.
/// </summary>
public sealed class CountTicketsCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-count", ["盘点电影票", "清点电影票"], ["count tickets"], Texts, "CountDescription", HelpOrder: 113, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await desk.FilmAndNumberAsync(turn, Info, arguments, minimum: 0, "CountUsage", "WordCount", cancellationToken) is not var (title, counted, _)) return;

        var book = title.Stock;
        var entry = TicketEntry.Count(title.Title, book, counted, turn.Sender.Id, turn.Now);
        title.CountedAs(counted);
        desk.Store.Add(entry);
        await desk.Store.FlushAsync(cancellationToken);
        var film = TicketTexts.Film(title.Title);
        if (counted == book)
        {
            turn.Reply(Texts.Get("CountMatches", language, film, book));
            return;
        }
        var gap = Math.Abs(counted - book);
        var word = counted < book ? "Short" : "Over";
        var value = TicketTexts.Money(gap * title.Price);
        var me = turn.Sender.DisplayName;
        var told = await desk.ReportAsync($"tickets:{entry.Id}:count", turn.Sender.Id, turn.Now,
            l => Texts.Get("CountDiffersReport", l, me, film, book, counted, Texts.Get(word, l), gap, value), cancellationToken);
        var lines = new List<string> { Texts.Get(told.Length == 0 ? "CountDiffersAlone" : "CountDiffers", language, film, book, counted, Texts.Get(word, language), gap, entry.Id, told) };
        if (desk.LowStockNote(title, language) is { } low) lines.Add(low);
        turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>
/// 电影票退回影院 [片名] [张数]: unsold tickets go back to the cinema; all of them (or none left) takes the film off sale
/// (下档), so it no longer counts as running short.
/// </summary>
public sealed class ReturnTicketsCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-return", ["电影票退回影院", "退回影院", "电影票下档"], ["return tickets"], Texts, "ReturnDescription",
        HelpOrder: 117, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var onSale = (await desk.Store.TitlesAsync(cancellationToken)).Where(t => t.Current).ToList();
        if (onSale.Count == 0) throw new BotRuleException(Texts, "NothingOnSale");
        var typed = turn.AsTyped(arguments).Trim();
        var counted = TicketDesk.TakeQuantity(typed, bare: true);
        if (desk.Pick(turn, onSale, counted?.Left ?? typed, Texts.Get("WordReturn", language),
                counted is { } c ? Texts.Get(c.Quantity == 1 ? "TicketThen" : "TicketsThen", language, c.Quantity) : "") is not var (title, _))
            return;
        var quantity = counted?.Quantity ?? title.Stock;
        if (quantity < 1) throw new BotRuleException(Texts, "QuantityPositive");
        if (quantity > title.Stock) throw new BotRuleException(Texts, "NotEnough", TicketTexts.Film(title.Title), title.Stock);
        title.ReturnToCinema(quantity);
        var entry = new TicketEntry { Kind = TicketEntryKind.Returned, Title = title.Title, Quantity = -quantity, Price = title.Price, ById = turn.Sender.Id, At = turn.Now };
        desk.Store.Add(entry);
        await desk.Store.FlushAsync(cancellationToken);
        turn.Reply(Texts.Get(title.Current ? "Returned" : "ReturnedAll", language, TicketTexts.Film(title.Title), quantity, entry.Id, title.Stock));
    }
}

/// <summary>
/// 票款交财务 [实交金额]: the takings go to the finance cashier before going off (第12篇 3). What the cashier counted is
/// written beside the book; a difference is reported (2).
/// </summary>
public sealed class HandInTakingsCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-hand-in", ["票款交财务", "交票款", "票款上交", "票款已交", "票款交了"], ["hand in takings"], Texts, "HandInDescription",
        HelpOrder: 111, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var till = await desk.Store.TillAsync(turn.Sender.Id, cancellationToken);
        if (till is not { Amount: > 0 }) throw new BotRuleException(Texts, "NothingHeld");
        var typed = turn.AsTyped(arguments).Trim();
        var counted = typed.Length == 0 ? till.Amount : TicketDesk.ParseMoney(typed);
        if (counted is null)
        {
            turn.AskForArguments(Info, Texts.Get("HandInUsage", language, TicketTexts.Money(till.Amount)));
            return;
        }
        var book = till.Amount;
        var entry = TicketEntry.HandIn(turn.Sender.Id, book, counted.Value, turn.Now);
        till.Take(book);
        desk.Store.Add(entry);
        await desk.Store.FlushAsync(cancellationToken);
        if (counted == book)
        {
            turn.Reply(Texts.Get("HandedIn", language, TicketTexts.Money(book), entry.Id));
            return;
        }
        var word = counted < book ? "Short" : "Over";
        var gap = TicketTexts.Money(Math.Abs(counted.Value - book));
        var me = turn.Sender.DisplayName;
        var told = await desk.ReportAsync($"tickets:{entry.Id}:hand-in", turn.Sender.Id, turn.Now,
            l => Texts.Get("HandInDiffersReport", l, me, TicketTexts.Money(counted.Value), TicketTexts.Money(book), Texts.Get(word, l), gap), cancellationToken);
        turn.Reply(Texts.Get(told.Length == 0 ? "HandedInDiffersAlone" : "HandedInDiffers", language, TicketTexts.Money(counted.Value), entry.Id,
            TicketTexts.Money(book), Texts.Get(word, language), gap, told));
    }
}

/// <summary>
/// 票款交前台 [某人]: a stand-in at the front desk hands their takings to the receptionist at the next shift (第12篇 7).
/// The money is theirs no longer; the receiver counts it and confirms (收到票款), or declines it back.
/// </summary>
public sealed class PassTakingsCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-pass", ["票款交前台", "票款交接待员"], ["pass takings"], Texts, "PassDescription", HelpOrder: 114, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var till = await desk.Store.TillAsync(turn.Sender.Id, cancellationToken);
        if (till is not { Amount: > 0 }) throw new BotRuleException(Texts, "NothingHeld");
        var named = turn.AsTyped(arguments).Trim();
        Person receiver;
        if (named.Length > 0)
        {
            if (await desk.FindStaffAsync(named, cancellationToken) is not { Active: true } found) throw new BotRuleException(Texts, "NoSuchColleague", named);
            if (found.Id == turn.Sender.Id) throw new BotRuleException(Texts, "PassToSelf");
            receiver = found;
        }
        else
        {
            var receptionists = (await desk.Store.ReceptionistsAsync(cancellationToken)).Where(p => p.Id != turn.Sender.Id).ToList();
            if (receptionists.Count == 0) throw new BotRuleException(Texts, "NoReceptionist");
            if (receptionists.Count > 1)
            {
                var word = Texts.Get("WordPass", language);
                turn.Ask(Texts.Get("WhichReceptionist", language), [.. receptionists.Take(6).Select(p => new Choice($"{word} {p.Name}", p.Name))]);
                return;
            }
            receiver = receptionists[0];
        }
        var amount = till.Amount;
        var pass = TicketEntry.Pass(turn.Sender.Id, receiver.Id, amount, turn.Now);
        till.Take(amount);
        desk.Store.Add(pass);
        await desk.Store.FlushAsync(cancellationToken);
        var me = turn.Sender.DisplayName;
        await desk.TellAsync(receiver.Id, $"tickets:{pass.Id}:pass", l => new OutgoingMessage(
            Texts.Get("PassToReceiver", l, me, TicketTexts.Money(amount), pass.Id),
            [Texts.Action("WordTake", pass.Id, l, "TakeLabel"), Texts.Action("WordDecline", pass.Id, l, "DeclineLabel")]), cancellationToken);
        turn.Reply(Texts.Get("Passed", language, receiver.Name, TicketTexts.Money(amount), pass.Id));
    }
}

/// <summary>收到票款 N [点收金额] / 不收票款 N [原因]: the receiver of a stand-in's takings counts them (第12篇 7).</summary>
public sealed class TakeTakingsCommand(TicketDesk desk, bool take) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = take
        ? new("tickets-take", ["收到票款", "点收票款"], ["take takings"], Texts, "TakeDescription", HelpOrder: 115, ListedFor: Roles.FrontDesk)
        : new("tickets-decline", ["不收票款"], ["decline takings"], Texts, "DeclineDescription", HelpOrder: 118, ListedFor: Roles.FrontDesk);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var words = arguments.Trim().TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        TicketEntry pass;
        string said;
        var mine = (await desk.Store.PendingPassesAsync(cancellationToken)).Where(p => p.ToId == turn.Sender.Id).ToList();
        var typed = turn.AsTyped(arguments).Trim();
        var number = words.Length > 0 && long.TryParse(TextInput.Normalize(words[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        var numbered = number is { } n && await desk.Store.FindAsync(n, cancellationToken) is { Kind: TicketEntryKind.Passed } found ? found : null;
        if (numbered is not null && numbered.ToId == turn.Sender.Id)
            (pass, said) = (numbered, words.Length > 1 ? turn.AsTyped(words[1]) : "");
        // "收到票款 60" with one pass waiting: the amount counted, not the number of a pass.
        else if (take && mine.Count == 1 && number is not null && TicketDesk.ParseMoney(typed) is not null)
            (pass, said) = (mine[0], typed);
        else if (numbered is not null)
            (pass, said) = (numbered, "");
        else if (number is not null)
            throw new BotRuleException(Texts, "PassNotFound", number);
        else if (mine.Count == 0)
            throw new BotRuleException(Texts, "NoPassForYou");
        else if (mine.Count == 1)
            (pass, said) = (mine[0], typed);
        else
        {
            var choices = new List<Choice>();
            foreach (var p in mine.Take(6))
                choices.Add(Texts.Action(take ? "WordTake" : "WordDecline", p.Id, language) with
                {
                    Label = Texts.Get("PassChoice", language, await desk.NameAsync(p.ById, cancellationToken), TicketTexts.Money(p.Amount)),
                });
            turn.Ask(Texts.Get("WhichPass", language), choices);
            return;
        }
        if (pass.ToId != turn.Sender.Id) throw new BotRuleException(Texts, "PassNotYours", pass.Id, await desk.NameAsync(pass.ToId, cancellationToken));
        if (pass.PassStatus != TicketPassStatus.Pending) throw new BotRuleException(Texts, "PassDecided", pass.Id);
        var giver = await desk.NameAsync(pass.ById, cancellationToken);
        var me = turn.Sender.DisplayName;
        if (!take)
        {
            pass.Decline(turn.Now);
            (await desk.TillAsync(pass.ById, cancellationToken)).Add(pass.Amount, turn.Now);
            await desk.TellAsync(pass.ById, $"tickets:{pass.Id}:declined", l => new OutgoingMessage(said.Length == 0
                ? Texts.Get("DeclinedToGiver", l, me, TicketTexts.Money(pass.Amount))
                : Texts.Get("DeclinedToGiverWhy", l, me, TicketTexts.Money(pass.Amount), said)), cancellationToken);
            turn.Reply(Texts.Get("DeclinedReply", language, giver, TicketTexts.Money(pass.Amount)));
            return;
        }
        var counted = said.Length == 0 ? pass.Amount : TicketDesk.ParseMoney(said);
        if (counted is null)
        {
            turn.Reply(Texts.Get("TakeUsage", language, pass.Id, TicketTexts.Money(pass.Amount)));
            return;
        }
        pass.Take(counted.Value, turn.Now);
        var till = await desk.TillAsync(turn.Sender.Id, cancellationToken);
        till.Add(counted.Value, turn.Now);
        if (counted == pass.Amount)
        {
            await desk.TellAsync(pass.ById, $"tickets:{pass.Id}:taken", l => new OutgoingMessage(Texts.Get("TakenToGiver", l, me, TicketTexts.Money(pass.Amount))), cancellationToken);
            turn.Reply(Texts.Get("TakenReply", language, giver, TicketTexts.Money(counted.Value), TicketTexts.Money(till.Amount)));
            return;
        }
        var word = counted < pass.Amount ? "Short" : "Over";
        var gap = TicketTexts.Money(Math.Abs(counted.Value - pass.Amount));
        await desk.TellAsync(pass.ById, $"tickets:{pass.Id}:taken", l => new OutgoingMessage(
            Texts.Get("TakenToGiverDiffers", l, me, TicketTexts.Money(counted.Value), TicketTexts.Money(pass.Amount), Texts.Get(word, l), gap)), cancellationToken);
        var told = await desk.ReportAsync($"tickets:{pass.Id}:take", turn.Sender.Id, turn.Now,
            l => Texts.Get("TakeDiffersReport", l, giver, me, TicketTexts.Money(pass.Amount), TicketTexts.Money(counted.Value), Texts.Get(word, l), gap), cancellationToken);
        turn.Reply(Texts.Get(told.Length == 0 ? "TakenDiffersAlone" : "TakenDiffers", language, giver, TicketTexts.Money(counted.Value), TicketTexts.Money(pass.Amount),
            Texts.Get(word, language), gap, told, TicketTexts.Money(till.Amount)));
    }
}

/// <summary>电影票: the films on sale and what is left, today's sales, and takings not yet handed in (第12篇 2).</summary>
public sealed partial class TicketBookCommand(TicketDesk desk) : IBotCommand
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public CommandInfo Info { get; } = new("tickets-book", ["电影票", "电影票记录", "售票记录", "今天卖了多少票", "卖了多少票", "还剩几张票",
        // Asked at the end of a question ("今天卖了几张票"), not taken for 卖了 (a sale).
        "卖了几张票", "卖了几张", "卖了多少张", "还剩几张", "还有几张票"], ["tickets", "ticket record"], Texts, "BookDescription",
        HelpOrder: 109, LookUp: true, ListedFor: Roles.FrontDesk, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        // "电影票卖了2张": a sale said the other way round. This only shows things (it may run mid-question), so the sale
        // is offered as its button, not made.
        var typed = turn.AsTyped(arguments).Trim();
        if (SaleSaid().Match(typed) is { Success: true } said && TicketDesk.TakeQuantity(typed[said.Length..], bare: true) is not null)
        {
            var sale = $"{Texts.Get("WordSell", language)} {typed[said.Length..].Trim()}";
            turn.Reply(Texts.Get("SaleOffered", language, sale), [new Choice(sale, sale)]);
            return;
        }
        var onSale = (await desk.Store.TitlesAsync(cancellationToken)).Where(t => t.Current).ToList();
        var held = await desk.Store.HeldAsync(cancellationToken);
        var pending = await desk.Store.PendingPassesAsync(cancellationToken);
        if (onSale.Count == 0 && held.Count == 0 && pending.Count == 0)
        {
            turn.Reply(Texts.Get("BookEmpty", language));
            return;
        }
        var lines = new List<string> { Texts.Get("BookTitle", language) };
        if (onSale.Count > 0) lines.Add(TicketDesk.Stock(onSale, language));
        var today = desk.Today(turn.Now);
        var entries = await desk.Store.BetweenAsync(desk.StartOf(today), turn.Now.AddSeconds(1), cancellationToken);
        var sold = entries.Where(e => e.Kind == TicketEntryKind.Sold).ToList();
        var voided = entries.Where(e => e.Kind == TicketEntryKind.Voided).ToList();
        lines.Add(Texts.Get("BookToday", language, sold.Sum(e => -e.Quantity) - voided.Sum(e => e.Quantity),
            TicketTexts.Money(sold.Sum(e => e.Amount) - voided.Sum(e => e.Amount))));
        foreach (var till in held)
            lines.Add(Texts.Get(desk.HeldOverDay(till, today) ? "BookHeldOver" : "BookHeld", language, await desk.NameAsync(till.PersonId, cancellationToken),
                TicketTexts.Money(till.Amount), desk.Stamp(till.Since!.Value)));
        foreach (var pass in pending) lines.Add(await desk.LineAsync(pass, language, cancellationToken));
        var mine = held.FirstOrDefault(t => t.PersonId == turn.Sender.Id);
        var word = Texts.Get("WordHandIn", language);
        turn.Reply(string.Join("\n", lines), mine is null ? null : [new Choice(word, word)]);
    }

    [GeneratedRegex(@"^\s*(?:卖了|卖出|售出|卖|sold)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex SaleSaid();
}

/// <summary>
/// The ticket round (第12篇 3, 5, 7), every few minutes: whoever holds takings is reminded to hand them in before going
/// off — <see cref="TicketPolicy.RemindBefore"/> before their rostered shift ends, or from <see cref="TicketPolicy.RemindAt"/>
/// when no shift of theirs ends sooner (a stand-in: to the receptionist, 7); on the month's last day, from
/// <see cref="TicketPolicy.PostersAt"/>, the front desk is reminded to have the cinema send next month's posters for
/// the staff canteen exit. Each once a day (a month for the posters): the notice's key, in its own unit.
/// </summary>
public sealed class TicketWatch(TicketDesk desk, IRosterStore roster, ShiftSchedule shifts, DepartmentProfile department) : IScheduledWork
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public async Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = desk.Today(now);
        var clock = TimeOnly.FromDateTime(department.ToLocal(now).DateTime);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var policy = desk.Policy;
        var acted = 0;
        var receptionists = await desk.Store.ReceptionistsAsync(cancellationToken);
        foreach (var till in await desk.Store.HeldAsync(cancellationToken))
        {
            if (!await HandInDueAsync(till.PersonId, now, cancellationToken)) continue;
            var amount = TicketTexts.Money(till.Amount);
            var standIn = receptionists.Count > 0 && receptionists.All(p => p.Id != till.PersonId);
            if (await OnceAsync(till.PersonId, $"tickets:remit:{day}:{till.PersonId}", l => new OutgoingMessage(
                    Texts.Get(standIn ? "RemitReminderStandIn" : "RemitReminder", l, amount),
                    standIn ? [Choice(l, "WordPass"), Choice(l, "WordHandIn")] : [Choice(l, "WordHandIn")]), cancellationToken))
                acted++;
        }
        if (today.AddDays(1).Month != today.Month && clock >= policy.PostersAt)
        {
            var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            foreach (var person in receptionists)
                if (await OnceAsync(person.Id, $"tickets:posters:{month}:{person.Id}", l => new OutgoingMessage(Texts.Get("PosterReminder", l)), cancellationToken))
                    acted++;
        }
        return acted;
    }

    /// <summary>
    /// Whether takings held by the person are to be handed in now (第12篇 3: before going off): from
    /// <see cref="TicketPolicy.RemindAt"/>, or within <see cref="TicketPolicy.RemindBefore"/> of the end of a rostered shift.
    /// </summary>
    public async Task<bool> HandInDueAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeOnly.FromDateTime(department.ToLocal(now).DateTime) >= desk.Policy.RemindAt || await GoingOffAsync(personId, now, desk.Today(now), cancellationToken);

    /// <summary>Tells a person in a unit of its own; the notice's key is the claim, so true only the first time.</summary>
    private async Task<bool> OnceAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken)
    {
        var told = false;
        return await desk.Store.AtomicallyAsync(async () => told = await desk.TellAsync(personId, key, message, cancellationToken), cancellationToken) && told;
    }

    /// <summary>A rostered shift of the person's ends within <see cref="TicketPolicy.RemindBefore"/> from now.</summary>
    private async Task<bool> GoingOffAsync(string personId, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        foreach (var assignment in await roster.ForPersonAsync(personId, today.AddDays(-1), today, cancellationToken))
        {
            if (shifts.Find(assignment.ShiftCode) is not { } shift) continue;
            var end = department.ToInstant(shift.CrossesMidnight ? assignment.Date.AddDays(1) : assignment.Date, shift.End);
            if (now < end && now >= end - desk.Policy.RemindBefore) return true;
        }
        return false;
    }

    private static Choice Choice(string language, string wordKey) => new(Texts.Get(wordKey, language), Texts.Get(wordKey, language));
}

/// <summary>
/// The supervisor digest's ticket section: takings not handed in by the end of their day (第12篇 3), passes not yet
/// counted (7), films running short (4), and yesterday's differences (2).
/// </summary>
public sealed class TicketDigestSection(TicketDesk desk, DepartmentProfile department) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    public int Order => 28;

    public int NowOrder => 33;

    /// <summary>Now (今日概况): who holds takings not yet handed to finance, those held past their day marked (第12篇 3).</summary>
    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(now);
        var held = new List<string>();
        foreach (var till in await desk.Store.HeldAsync(cancellationToken))
            held.Add(Texts.Get(desk.HeldOverDay(till, today) ? "NowHeldOverDay" : "NowHeld", language, await desk.NameAsync(till.PersonId, cancellationToken),
                TicketTexts.Money(till.Amount), desk.Stamp(till.Since!.Value)));
        return held.Count == 0 ? [] : [Texts.Get("NowTakingsHeld", language, string.Join(Texts.Get("NowSeparator", language), held))];
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var till in await desk.Store.HeldAsync(cancellationToken))
            if (desk.HeldOverDay(till, day))
                lines.Add(Texts.Get("DigestHeld", language, await desk.NameAsync(till.PersonId, cancellationToken), TicketTexts.Money(till.Amount), desk.Stamp(till.Since!.Value)));
        foreach (var pass in await desk.Store.PendingPassesAsync(cancellationToken)) lines.Add(await desk.LineAsync(pass, language, cancellationToken));
        foreach (var title in (await desk.Store.TitlesAsync(cancellationToken)).Where(t => t.Current))
            if (desk.LowStockNote(title, language) is { } low) lines.Add(low);
        foreach (var entry in await desk.Store.BetweenAsync(desk.StartOf(day.AddDays(-1)), desk.StartOf(day), cancellationToken))
            if (entry.Difference is { } difference && difference != 0) lines.Add(await desk.LineAsync(entry, language, cancellationToken));
        return lines.Count == 0 ? null : string.Join("\n", [Texts.Get("DigestSection", language, lines.Count), .. lines]);
    }
}

/// <summary>The tickets in the counter and the person's takings, for the handover review.</summary>
public sealed class TicketsOnHandList(ITicketStore store) : ITicketsOnHand
{
    public async Task<TicketsOnHand> ForAsync(string personId, CancellationToken cancellationToken) =>
        new([.. (await store.TitlesAsync(cancellationToken)).Where(t => t.Current && t.Stock > 0)],
            (await store.TillAsync(personId, cancellationToken))?.Amount ?? 0);
}

/// <summary>The 《电影票销售记录表》 as a file, for finance and the office (admin API).</summary>
public static class TicketRegister
{
    public static readonly string[] CsvColumns =
        ["id", "time", "kind", "film", "tickets", "price", "amount", "counted", "difference", "by", "by_name", "to", "to_name", "status", "note"];

    /// <param name="names">Person id → name, for the people on the lines.</param>
    public static string ToCsv(IEnumerable<TicketEntry> entries, IReadOnlyDictionary<string, string> names, DepartmentProfile department)
    {
        static string Number(decimal? n) => n?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        var csv = new System.Text.StringBuilder().Append(CsvWriter.Line(CsvColumns));
        foreach (var e in entries)
            csv.Append(CsvWriter.Line([e.Id.ToString(CultureInfo.InvariantCulture), department.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                e.Kind.ToString().ToLowerInvariant(), e.Title ?? "", e.Quantity == 0 ? "" : e.Quantity.ToString(CultureInfo.InvariantCulture), Number(e.Price),
                e.Amount == 0 ? "" : Number(e.Amount), Number(e.Counted), Number(e.Difference), e.ById, names.GetValueOrDefault(e.ById, e.ById),
                e.ToId ?? "", e.ToId is null ? "" : names.GetValueOrDefault(e.ToId, e.ToId), e.PassStatus?.ToString().ToLowerInvariant() ?? "", e.Note ?? ""]));
        return csv.ToString();
    }
}

/// <summary>
/// What waits on a person at the ticket counter, for 待办: a stand-in's takings passed to them to count (第12篇 7); the
/// takings they hold — to finance, or from a stand-in to the receptionist, as <see cref="TicketWatch"/> reminds (3, 7),
/// pressing once the time to hand them in has come or they were held past their day; and for the front desk a film
/// running short (4), pressing when sold out. Nothing for the month-end posters (5): nothing records them put up.
/// </summary>
public sealed class TicketTodos(TicketDesk desk, TicketWatch watch) : ITodos
{
    private static readonly TextCatalog Texts = TicketTexts.Catalog;

    // 电影票, the feature's first command in the help.
    public int Order => 109;

    public async Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken)
    {
        var (me, language) = (asked.Person, asked.Language);
        var todos = new List<Todo>();
        // A colleague standing at the desk with their takings first: counted face to face (7).
        foreach (var pass in (await desk.Store.PendingPassesAsync(cancellationToken)).Where(p => p.ToId == me.Id))
            todos.Add(new Todo(Texts.Get("TodoPass", language, pass.Id, await desk.NameAsync(pass.ById, cancellationToken), TicketTexts.Money(pass.Amount), desk.Stamp(pass.At)),
                Texts.NumberedAction("WordTake", pass.Id, language)));
        if (await desk.Store.TillAsync(me.Id, cancellationToken) is { Amount: > 0, Since: { } since } till)
        {
            // A stand-in (anyone but the receptionists) hands them to the receptionist (7), the receptionist to finance (3).
            var receptionists = await desk.Store.ReceptionistsAsync(cancellationToken);
            var standIn = receptionists.Count > 0 && receptionists.All(p => p.Id != me.Id);
            var late = desk.HeldOverDay(till, desk.Today(asked.Now));
            var key = (standIn ? "TodoTakingsStandIn" : "TodoTakings") + (late ? "Late" : "");
            var word = Texts.Get(standIn ? "WordPass" : "WordHandIn", language);
            todos.Add(new Todo(Texts.Get(key, language, TicketTexts.Money(till.Amount), desk.Stamp(since)), new Choice(word, word),
                Pressing: late || await watch.HandInDueAsync(me.Id, asked.Now, cancellationToken)));
        }
        // 不得出现影票断档 (4): the front desk asks the cinema for more; sold out, it already ran dry.
        if (me.HasAny(Roles.FrontDesk))
            foreach (var title in (await desk.Store.TitlesAsync(cancellationToken)).Where(t => t.Current && desk.RunningShort(t)))
                todos.Add(new Todo(title.Stock == 0
                    ? Texts.Get("TodoSoldOut", language, TicketTexts.Film(title.Title))
                    : Texts.Get("TodoLowStock", language, TicketTexts.Film(title.Title), title.Stock), Pressing: title.Stock == 0));
        return todos;
    }
}

/// <summary>Ticket takings a person still holds, for whoever retires them (第12篇 3).</summary>
public sealed class TicketHoldings(TicketDesk desk) : IHoldings
{
    public async Task<IReadOnlyList<string>> OfAsync(string personId, string language, CancellationToken cancellationToken) =>
        await desk.Store.TillAsync(personId, cancellationToken) is { Amount: > 0, Since: { } since } till
            ? [TicketTexts.Catalog.Get("HoldingTakings", language, TicketTexts.Money(till.Amount), desk.Stamp(since))]
            : [];
}

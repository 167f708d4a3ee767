using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

/// <summary>
/// Keeps each person under <see cref="ConversationOptions.MaxProactivePerMinute"/> proactive messages a minute (WeCom
/// silently drops past 30). When more are waiting than the minute allows, the last allowed one becomes a summary of
/// all the rest, so nothing is lost and nobody is flooded. Replies to what a person just said are never held.
/// </summary>
public sealed class OutboxPacer(IOptions<ConversationOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxSummaryChoices = 10;

    /// <returns>The ids to hold back this round, and whether a summary was written (the pending list is stale then).</returns>
    public async Task<(HashSet<long> Held, bool Merged)> PaceAsync(BotDbContext db, IReadOnlyList<OutboxMessage> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = new HashSet<long>();
        var limit = options.Value.MaxProactivePerMinute;
        if (limit <= 0) return (held, false);

        var merged = false;
        var groups = pending
            .Where(m => m.RecipientId is not null && m.ReplyToId is null && m.NextAttemptAt <= now && m.Attempts == 0
                        && (m.LeaseUntil is null || m.LeaseUntil < now))
            .GroupBy(m => (Recipient: m.RecipientId!, m.Channel, m.ConversationId));
        foreach (var group in groups)
        {
            var since = now - Window;
            var sent = await db.Set<OutboxMessage>().CountAsync(m =>
                m.RecipientId == group.Key.Recipient && m.ReplyToId == null && m.Status == OutboxStatus.Sent && m.SentAt > since, cancellationToken);
            var budget = limit - sent;
            var waiting = group.ToList();
            if (budget <= 0)
            {
                held.UnionWith(waiting.Select(m => m.Id));
                continue;
            }
            if (waiting.Count <= budget) continue;

            // Send budget-1 as they are; the budget-th carries everything after it.
            var folded = waiting.Skip(budget - 1).ToList();
            if (await MergeAsync(db, folded, cancellationToken)) merged = true;
        }
        return (held, merged);
    }

    private static async Task<bool> MergeAsync(BotDbContext db, List<OutboxMessage> folded, CancellationToken cancellationToken)
    {
        var summaryRow = folded[0];
        var messages = folded.Select(m => WireJson.ReadOutgoing(m.Payload)).ToList();
        var summary = Summarise(messages, await LanguageOfAsync(db, summaryRow.RecipientId!, cancellationToken));
        var ids = folded.Skip(1).Select(m => m.Id).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rewritten = await db.Set<OutboxMessage>()
            .Where(m => m.Id == summaryRow.Id && m.Status == OutboxStatus.Pending && m.Attempts == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Payload, WireJson.Write(summary)), cancellationToken);
        var note = $"merged into #{summaryRow.Id.ToString(CultureInfo.InvariantCulture)}";
        var folds = await db.Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.Attempts == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Merged).SetProperty(m => m.LastError, note), cancellationToken);
        if (rewritten != 1 || folds != ids.Count)
        {
            // Another dispatcher took one of them meanwhile: leave everything as it was.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<string> LanguageOfAsync(BotDbContext db, string recipientId, CancellationToken cancellationToken)
    {
        var language = await db.Set<Bot.Domain.Features.Directory.Person>().Where(p => p.Id == recipientId).Select(p => p.Language).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Set<Bot.Domain.Features.Directory.Owner>().Where(o => o.Id == recipientId).Select(o => o.Language).FirstOrDefaultAsync(cancellationToken);
        return TextCatalog.NormalizeLanguage(language);
    }

    /// <summary>One message holding all: numbered texts, and their choices labelled with what they answer ("收到 12").</summary>
    internal static OutgoingMessage Summarise(IReadOnlyList<OutgoingMessage> messages, string language)
    {
        var parts = messages.Select((m, i) => $"({i + 1}) {m.Text}");
        var header = ConversationTexts.Catalog.Get("MergedSummary", language, messages.Count);
        var choices = messages.SelectMany(m => m.ChoiceList)
            .Select(c => new Choice(c.Value, c.Value))
            .DistinctBy(c => c.Value)
            .Take(MaxSummaryChoices)
            .ToList();
        return new OutgoingMessage(header + "\n\n" + string.Join("\n\n", parts), choices.Count == 0 ? null : choices);
    }
}

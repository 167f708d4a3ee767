using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

/// <summary>
/// A channel learnt that someone cannot be reached there (WeCom 81013, Teams 403): every active 客服主任 is told, each in
/// their own language and once per key, so someone fixes the directory or asks the person to add the bot again.
/// </summary>
public static class SupervisorNotices
{
    public static async Task<int> TellAsync(BotDbContext db, INotifier notifier, string? aboutPersonId,
        Func<string, string> textIn, Func<Person, string> deduplicationKey, CancellationToken cancellationToken)
    {
        var supervisors = await db.Set<Person>().AsNoTracking()
            .Where(p => p.Active && (p.Roles & Roles.Supervisor) != 0 && p.Id != aboutPersonId)
            .ToListAsync(cancellationToken);
        var told = 0;
        foreach (var supervisor in supervisors)
        {
            var text = textIn(TextCatalog.NormalizeLanguage(supervisor.Language));
            if (await notifier.NotifyAsync(supervisor.Id, new OutgoingMessage(text), deduplicationKey(supervisor), cancellationToken)) told++;
        }
        return told;
    }
}

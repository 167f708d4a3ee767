using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.Teams;

/// <summary>
/// What the Bot Connector's answers teach about reaching a person on Teams: a 1:1 conversation the bot created is kept
/// as the person's conversation reference (so the next message does not create it again, botframework.md §4.5), and a
/// 403 — the user blocked or uninstalled the bot (<c>MessageWritesBlocked</c>, §4.3) — retires the reference and marks
/// the person's Teams identities, so proactive messages go to another channel until the person writes on Teams again.
/// </summary>
internal sealed partial class TeamsReach(IServiceScopeFactory scopes, TimeProvider time, ILogger<TeamsReach> logger)
{
    public async Task RememberCreatedAsync(string? participantId, ConversationAddress address, CancellationToken cancellationToken)
    {
        if (participantId is null) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        await db.RememberAddressAsync(participantId, address, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RetireAsync(string? participantId, string conversationId, BotFrameworkAddress address, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        var forgotten = await db.Set<ConversationReference>()
            .Where(r => r.Channel == ActivityTranslator.AddressChannel && r.ConversationId == conversationId)
            .ExecuteDeleteAsync(cancellationToken);

        // Only Teams itself says "blocked": an emulator or Direct Line peer answering 403 marks nobody.
        var marked = 0;
        if (participantId is not null && address.ChannelId == BotFrameworkSender.TeamsChannelId)
        {
            var identities = await db.Set<ChannelIdentity>()
                .Where(i => i.Channel == TeamsProactiveChannel.IdentityChannel && (i.PersonId == participantId || i.OwnerId == participantId))
                .ToListAsync(cancellationToken);
            foreach (var identity in identities) identity.UnreachableSince ??= now;
            marked = identities.Count;
            await TellSupervisorsAsync(db, scope.ServiceProvider.GetRequiredService<INotifier>(), participantId, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            scope.ServiceProvider.GetRequiredService<OutboxSignal>().Signal.Notify();
        }
        LogRetired(forgotten, marked);
    }

    /// <summary>A member of staff who blocked the bot misses their alerts: the supervisors hear of it once a day.</summary>
    private static async Task TellSupervisorsAsync(BotDbContext db, INotifier notifier, string participantId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        if (person is null) return;
        await SupervisorNotices.TellAsync(db, notifier, participantId,
            language => TeamsTexts.Catalog.Get("RecipientBlockedBot", language, person.Name),
            supervisor => $"teams-403:{participantId}:{now:yyyyMMdd}:{supervisor.Id}", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector refused a send with 403 (blocked or uninstalled): {References} conversation reference(s) retired, {Identities} Teams identit(ies) marked unreachable")]
    private partial void LogRetired(int references, int identities);
}

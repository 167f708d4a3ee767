using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Duty;

internal sealed class RosterStore(BotDbContext db) : IRosterStore
{
    public async Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly day, CancellationToken cancellationToken) =>
        await db.Set<RosterAssignment>().AsNoTracking()
            .Where(a => a.PersonId == personId && a.Date == day)
            .ToListAsync(cancellationToken);
}

using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Directory;

internal sealed class DirectoryStore(BotDbContext db) : IDirectoryStore
{
    public async Task<Participant?> FindParticipantAsync(string channel, string channelUserId, bool idIsLocal, CancellationToken cancellationToken)
    {
        var identity = await db.Set<ChannelIdentity>().AsNoTracking()
            .Where(i => i.Channel == channel && i.ChannelUserId == channelUserId)
            .Select(i => new { i.PersonId, i.OwnerId })
            .SingleOrDefaultAsync(cancellationToken);
        var personId = identity?.PersonId ?? (identity is null && idIsLocal ? channelUserId : null);
        var ownerId = identity?.OwnerId ?? (identity is null && idIsLocal ? channelUserId : null);

        // Every turn asks this first: projected and untracked, only what a participant carries.
        if (personId is not null && await db.Set<Person>().AsNoTracking()
                .Where(p => p.Id == personId && p.Active)
                .Select(p => new Participant(ParticipantKind.Staff, p.Id, p.Name, p.Roles, p.Language))
                .SingleOrDefaultAsync(cancellationToken) is { } staff)
            return staff with { Language = TextCatalog.NormalizeLanguage(staff.Language) };
        if (ownerId is not null && await db.Set<Owner>().AsNoTracking()
                .Where(o => o.Id == ownerId)
                .Select(o => new Participant(ParticipantKind.Owner, o.Id, o.FormOfAddress, Roles.None, o.Language))
                .SingleOrDefaultAsync(cancellationToken) is { } owner)
            return owner with { Language = TextCatalog.NormalizeLanguage(owner.Language) };
        return null;
    }

    public Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken) =>
        db.Set<Person>().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);

    public Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        db.Set<Owner>().Include(o => o.Units).SingleOrDefaultAsync(o => o.Id == ownerId, cancellationToken);

    public async Task SetLanguageAsync(Participant participant, string language, CancellationToken cancellationToken)
    {
        var normalized = TextCatalog.NormalizeLanguage(language);
        if (participant.IsStaff)
        {
            var person = await FindPersonAsync(participant.Id, cancellationToken) ?? throw new InvalidOperationException($"Person {participant.Id} vanished.");
            person.Language = normalized;
        }
        else
        {
            var owner = await FindOwnerAsync(participant.Id, cancellationToken) ?? throw new InvalidOperationException($"Owner {participant.Id} vanished.");
            owner.Language = normalized;
        }
    }
}

using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Directory;

internal sealed class DirectoryStore(BotDbContext db) : IDirectoryStore
{
    public async Task<Participant?> FindParticipantAsync(string channel, string channelUserId, bool idIsLocal, CancellationToken cancellationToken) =>
        (await FindParticipantsAsync([new ChannelIdentityKey(channel, channelUserId, idIsLocal)], cancellationToken))
        .GetValueOrDefault((channel, channelUserId));

    /// <summary>
    /// Every turn asks this first, so a batch of turns asks it once: the identities, then the people and owners behind
    /// them, each in one query, projected and untracked (only what a participant carries). An active person wins over
    /// an owner with the same id; an identity mapped to nobody, or to someone inactive, finds nobody.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Channel, string ChannelUserId), Participant>> FindParticipantsAsync(
        IReadOnlyCollection<ChannelIdentityKey> identities, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), Participant>();
        if (identities.Count == 0) return found;

        var userIds = identities.Select(i => i.ChannelUserId).Distinct().ToList();
        var mapped = (await db.Set<ChannelIdentity>().AsNoTracking()
                .Where(i => userIds.Contains(i.ChannelUserId))
                .Select(i => new { i.Channel, i.ChannelUserId, i.PersonId, i.OwnerId })
                .ToListAsync(cancellationToken))
            .ToDictionary(i => (i.Channel, i.ChannelUserId));
        var wanted = identities.Select(identity =>
        {
            var entry = mapped.GetValueOrDefault((identity.Channel, identity.ChannelUserId));
            var local = entry is null && identity.IdIsLocal ? identity.ChannelUserId : null;
            return (Key: (identity.Channel, identity.ChannelUserId), PersonId: entry?.PersonId ?? local, OwnerId: entry?.OwnerId ?? local);
        }).ToList();

        var personIds = wanted.Select(w => w.PersonId).OfType<string>().Distinct().ToList();
        var staff = personIds.Count == 0 ? [] : await db.Set<Person>().AsNoTracking()
            .Where(p => personIds.Contains(p.Id) && p.Active)
            .Select(p => new Participant(ParticipantKind.Staff, p.Id, p.Name, p.Roles, p.Language))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var ownerIds = wanted.Where(w => w.PersonId is null || !staff.ContainsKey(w.PersonId)).Select(w => w.OwnerId).OfType<string>().Distinct().ToList();
        var owners = ownerIds.Count == 0 ? [] : await db.Set<Owner>().AsNoTracking()
            .Where(o => ownerIds.Contains(o.Id))
            .Select(o => new Participant(ParticipantKind.Owner, o.Id, o.FormOfAddress, Roles.None, o.Language))
            .ToDictionaryAsync(o => o.Id, cancellationToken);

        foreach (var (key, personId, ownerId) in wanted)
        {
            var participant = (personId is null ? null : staff.GetValueOrDefault(personId))
                              ?? (ownerId is null ? null : owners.GetValueOrDefault(ownerId));
            if (participant is not null) found[key] = participant with { Language = TextCatalog.NormalizeLanguage(participant.Language) };
        }
        return found;
    }

    public Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken) =>
        db.Set<Person>().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);

    public Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        db.Set<Owner>().Include(o => o.Units).SingleOrDefaultAsync(o => o.Id == ownerId, cancellationToken);

    public async Task<IReadOnlyList<Person>> ActiveStaffAsync(CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Active).ToListAsync(cancellationToken);

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

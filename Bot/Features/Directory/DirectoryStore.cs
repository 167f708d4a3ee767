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
            .SingleOrDefaultAsync(i => i.Channel == channel && i.ChannelUserId == channelUserId, cancellationToken);
        var personId = identity?.PersonId ?? (identity is null && idIsLocal ? channelUserId : null);
        var ownerId = identity?.OwnerId ?? (identity is null && idIsLocal ? channelUserId : null);

        if (personId is not null && await FindPersonAsync(personId, cancellationToken) is { Active: true } person)
            return new Participant(ParticipantKind.Staff, person.Id, person.Name, person.Roles, TextCatalog.NormalizeLanguage(person.Language));
        if (ownerId is not null && await FindOwnerAsync(ownerId, cancellationToken) is { } owner)
            return new Participant(ParticipantKind.Owner, owner.Id, owner.FormOfAddress, Roles.None, TextCatalog.NormalizeLanguage(owner.Language));
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

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>The directory as the conversation needs it. Implemented on the database in the host.</summary>
public interface IDirectoryStore
{
    /// <summary>The person or owner behind a channel identity; on local channels the id is the local id itself.</summary>
    Task<Participant?> FindParticipantAsync(string channel, string channelUserId, bool idIsLocal, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="FindParticipantAsync"/> for several channel identities at once (a batch of turns), keyed by (channel,
    /// channel user id); identities behind nobody are left out. A store may answer them together instead of one by one.
    /// </summary>
    async Task<IReadOnlyDictionary<(string Channel, string ChannelUserId), Participant>> FindParticipantsAsync(
        IReadOnlyCollection<ChannelIdentityKey> identities, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), Participant>();
        foreach (var identity in identities)
        {
            if (await FindParticipantAsync(identity.Channel, identity.ChannelUserId, identity.IdIsLocal, cancellationToken) is { } participant)
                found[(identity.Channel, identity.ChannelUserId)] = participant;
        }
        return found;
    }

    Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken);

    Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Everyone on the staff still active (a department is a few dozen people), for finding a colleague named in a message.</summary>
    Task<IReadOnlyList<Person>> ActiveStaffAsync(CancellationToken cancellationToken);

    Task SetLanguageAsync(Participant participant, string language, CancellationToken cancellationToken);
}

/// <summary>A channel identity to look up: on local channels (the chat page, the emulator) the id is the local id itself.</summary>
public sealed record ChannelIdentityKey(string Channel, string ChannelUserId, bool IdIsLocal);

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>The directory as the conversation needs it. Implemented on the database in the host.</summary>
public interface IDirectoryStore
{
    /// <summary>The person or owner behind a channel identity; on local channels the id is the local id itself.</summary>
    Task<Participant?> FindParticipantAsync(string channel, string channelUserId, bool idIsLocal, CancellationToken cancellationToken);

    Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken);

    Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken);

    Task SetLanguageAsync(Participant participant, string language, CancellationToken cancellationToken);
}

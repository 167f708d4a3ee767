using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>
/// What one feature knows about a unit, for the unit's record (业户 3-1-502; 第15篇 2.2: the owner's files kept so they can
/// be looked up and followed up at any time): the owner's messages, callbacks, the unit's key, its archive file, calls
/// about it. One line each, newest first, in the language asked for; none when there is nothing to say.
/// </summary>
public interface IUnitFacts
{
    /// <summary>Where the lines stand in the record.</summary>
    int Order { get; }

    Task<IReadOnlyList<string>> AboutAsync(UnitAsked unit, CancellationToken cancellationToken);
}

/// <summary>The unit asked about, its owners, who asks (what they may see), when and in which language.</summary>
public sealed record UnitAsked(string Code, IReadOnlyList<string> OwnerIds, Participant Viewer, DateTimeOffset Now, string Language);

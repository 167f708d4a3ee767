using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Escalation;

/// <summary>
/// The colleagues a feature deals with: who stands at a level of the chain now, their names, and a message to one of them
/// in their own language. What the registers (hazards, archives, custody, calls) share for asking and telling people.
/// </summary>
public sealed class Colleagues(IEscalationDirectory people, INotifier notifier)
{
    public IEscalationDirectory Directory => people;

    /// <summary>The active people at the first of <paramref name="levels"/> that has any, but not <paramref name="exceptId"/>.</summary>
    public async Task<IReadOnlyList<Person>> FirstAtAsync(IEnumerable<EscalationLevel> levels, string exceptId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var level in levels)
        {
            var found = (await people.PeopleAtAsync(level, now, cancellationToken)).Where(p => p.Id != exceptId && p.Active).ToList();
            if (found.Count > 0) return found;
        }
        return [];
    }

    public async Task<string> NameAsync(string? personId, CancellationToken cancellationToken) =>
        personId is null ? "—" : (await people.FindPersonAsync(personId, cancellationToken))?.Name ?? personId;

    /// <summary>
    /// Tells an active person in their language; the key makes a repeat send nothing twice. False when nothing new was
    /// queued (told before under the key, or not an active person).
    /// </summary>
    public async Task<bool> TellAsync(string personId, string key, Func<string, OutgoingMessage> message, CancellationToken cancellationToken) =>
        await people.FindPersonAsync(personId, cancellationToken) is { Active: true } person
        && await notifier.NotifyAsync(person.Id, message(TextCatalog.NormalizeLanguage(person.Language)), key, cancellationToken);
}

namespace Bot.Domain.Conversations;

/// <summary>
/// Proactive messages to a person or owner (reminders, escalations, callback prompts), sent through the outbox to
/// wherever they last talked to the bot. A <paramref name="deduplicationKey"/> makes a repeated call (a scheduled job
/// fired twice) enqueue the message only once.
/// </summary>
public interface INotifier
{
    Task<bool> NotifyAsync(string participantId, OutgoingMessage message, string? deduplicationKey, CancellationToken cancellationToken);

    /// <summary>The same, held until <paramref name="notBefore"/> (an owner is not written to at night).</summary>
    Task<bool> NotifyAsync(string participantId, OutgoingMessage message, string? deduplicationKey, DateTimeOffset notBefore,
        CancellationToken cancellationToken);
}

using Bot.Domain.Conversations;

namespace Bot.Conversations;

/// <summary>The outcome of one send attempt, as the channel's client judged it.</summary>
public abstract record SendResult
{
    public sealed record Sent(string? ChannelMessageId) : SendResult;

    /// <summary>Worth trying again (throttled, server error, timeout); <paramref name="RetryAfter"/> when the channel said how long to wait.</summary>
    public sealed record Retry(string Error, TimeSpan? RetryAfter = null) : SendResult;

    /// <summary>Will never succeed (bad request, user gone): give up at once.</summary>
    public sealed record Failed(string Error) : SendResult;
}

/// <summary>One outbound message ready to go, as the dispatcher hands it to a channel.</summary>
public sealed record OutboundEnvelope(long OutboxId, ConversationAddress Address, string? ReplyToId, string? RecipientId, OutgoingMessage Message);

/// <summary>A channel's outbound client. The dispatcher picks the sender whose <see cref="Channel"/> matches the address.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Conversations;

public enum InboxStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// Every inbound message, recorded before the channel is acknowledged. Unique on (channel, channel message id):
/// a redelivered message finds its row and has no second effect.
/// </summary>
public sealed class InboxMessage
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string ChannelMessageId { get; init; }
    public required string ConversationId { get; init; }
    /// <summary>The neutral <see cref="Domain.Conversations.IncomingMessage"/>, as JSON.</summary>
    public required string Payload { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public InboxStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>Set while a worker holds the row; a crashed worker's lease runs out and the row is taken again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? Error { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Sent,
    /// <summary>Gave up: a permanent error, or too many attempts. Kept for the record, never retried.</summary>
    Dead,
    /// <summary>Folded into a summary message (pacing); <see cref="OutboxMessage.LastError"/> names the summary.</summary>
    Merged,
}

/// <summary>
/// Every outbound message. Written in the same transaction as the turn (or job) that produced it, so a message
/// accepted here is never lost; the dispatcher sends it, with retries and backoff.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string ConversationId { get; init; }
    public required string AddressData { get; init; }
    /// <summary>The inbound message this answers (channels that thread replies use it).</summary>
    public string? ReplyToId { get; init; }
    /// <summary>The neutral <see cref="Domain.Conversations.OutgoingMessage"/>, as JSON.</summary>
    public required string Payload { get; init; }
    /// <summary>The person or owner it is for, when known (pacing, the chat page, the record).</summary>
    public string? RecipientId { get; init; }
    /// <summary>Unique when set: a scheduled job that fires twice enqueues once.</summary>
    public string? DeduplicationKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public OutboxStatus Status { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The channel's id of the sent message (to update it later, e.g. a card after a click).</summary>
    public string? SentMessageId { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The engine's <see cref="Domain.Conversations.ConversationState"/> per conversation, with an optimistic version.</summary>
public sealed class ConversationStateRecord
{
    public required string Channel { get; init; }
    public required string ConversationId { get; init; }
    public string? ParticipantId { get; set; }
    public required string State { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where a person or owner last talked to the bot, per channel: proactive messages go there.</summary>
public sealed class ConversationReference
{
    public required string ParticipantId { get; init; }
    public required string Channel { get; init; }
    public required string ConversationId { get; set; }
    public required string AddressData { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.ToTable("Inbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.Channel).HasMaxLength(32);
        b.Property(m => m.ChannelMessageId).HasMaxLength(256);
        b.Property(m => m.ConversationId).HasMaxLength(256);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(m => new { m.Channel, m.ChannelMessageId }).IsUnique();
        b.HasIndex(m => new { m.Status, m.Id });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.Channel).HasMaxLength(32);
        b.Property(m => m.ConversationId).HasMaxLength(256);
        b.Property(m => m.ReplyToId).HasMaxLength(256);
        b.Property(m => m.RecipientId).HasMaxLength(64);
        b.Property(m => m.DeduplicationKey).HasMaxLength(200);
        b.Property(m => m.SentMessageId).HasMaxLength(256);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(m => m.DeduplicationKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The pacer counts a person's proactive messages of the last minute (OutboxPacer); replies are not paced and stay
        // out of the index. Without it that count read every sent row, a number that only grows.
        b.HasIndex(m => new { m.RecipientId, m.SentAt }).HasFilter("\"ReplyToId\" IS NULL");
        // A Teams card action names the bot's message it came from (replyToId): its prompt is found by the id the channel
        // gave that message, again without reading every row.
        b.HasIndex(m => m.SentMessageId).HasFilter("\"SentMessageId\" IS NOT NULL");
    }
}

internal sealed class ConversationStateRecordConfiguration : IEntityTypeConfiguration<ConversationStateRecord>
{
    public void Configure(EntityTypeBuilder<ConversationStateRecord> b)
    {
        b.ToTable("ConversationStates");
        b.HasKey(s => new { s.Channel, s.ConversationId });
        b.Property(s => s.Channel).HasMaxLength(32);
        b.Property(s => s.ConversationId).HasMaxLength(256);
        b.Property(s => s.ParticipantId).HasMaxLength(64);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class ConversationReferenceConfiguration : IEntityTypeConfiguration<ConversationReference>
{
    public void Configure(EntityTypeBuilder<ConversationReference> b)
    {
        b.ToTable("ConversationReferences");
        b.HasKey(r => new { r.ParticipantId, r.Channel });
        b.Property(r => r.ParticipantId).HasMaxLength(64);
        b.Property(r => r.Channel).HasMaxLength(32);
        b.Property(r => r.ConversationId).HasMaxLength(256);
    }
}

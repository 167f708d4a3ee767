using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Channels.LocalChat;

/// <summary>One line of a local chat: what the person typed, or what the bot sent them (replies and proactive messages).</summary>
public sealed class LocalChatMessage
{
    public long Id { get; init; }
    public required string ParticipantId { get; init; }
    public required bool FromBot { get; init; }
    public required string Text { get; init; }
    /// <summary>The choices as JSON (a list of {value, label}); empty for none.</summary>
    public string Choices { get; init; } = "[]";
    public required DateTimeOffset At { get; init; }
}

internal sealed class LocalChatMessageConfiguration : IEntityTypeConfiguration<LocalChatMessage>
{
    public void Configure(EntityTypeBuilder<LocalChatMessage> b)
    {
        b.ToTable("LocalChatMessages");
        b.HasKey(m => m.Id);
        b.Property(m => m.ParticipantId).HasMaxLength(64);
        b.HasIndex(m => new { m.ParticipantId, m.Id });
    }
}

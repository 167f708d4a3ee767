using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Channels.WeCom;

/// <summary>Where kf/sync_msg left off, per kf account (wecom.md §9.1 step 3: persist next_cursor per open_kfid).</summary>
public sealed class KfCursor
{
    public required string OpenKfId { get; init; }
    public string Cursor { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The send allowance of one customer on one kf account (wecom.md §9.1 step 5): at most 5 messages within 48 hours
/// after the customer's last message; each new customer message opens a new allowance. Counted here, so the bot stops
/// before WeCom answers 95001/95002.
/// </summary>
public sealed class KfWindow
{
    public required string OpenKfId { get; init; }
    public required string ExternalUserId { get; init; }
    public DateTimeOffset LastCustomerMessageAt { get; set; }
    public int SentSinceCustomerMessage { get; set; }

    /// <summary>
    /// enter_session's welcome_code (wecom.md §9.1 step 3): one message through send_msg_on_event, within 20 seconds,
    /// before the customer has written anything — the way a case's survey reaches an owner who just opened its link.
    /// </summary>
    public string? WelcomeCode { get; set; }

    public DateTimeOffset? WelcomeCodeUntil { get; set; }
}

internal sealed class KfCursorConfiguration : IEntityTypeConfiguration<KfCursor>
{
    public void Configure(EntityTypeBuilder<KfCursor> b)
    {
        b.ToTable("WeComKfCursors");
        b.HasKey(c => c.OpenKfId);
        b.Property(c => c.OpenKfId).HasMaxLength(64);
        b.Property(c => c.Cursor).HasMaxLength(128);
    }
}

internal sealed class KfWindowConfiguration : IEntityTypeConfiguration<KfWindow>
{
    public void Configure(EntityTypeBuilder<KfWindow> b)
    {
        b.ToTable("WeComKfWindows");
        b.HasKey(w => new { w.OpenKfId, w.ExternalUserId });
        b.Property(w => w.OpenKfId).HasMaxLength(64);
        b.Property(w => w.ExternalUserId).HasMaxLength(128);
        b.Property(w => w.WelcomeCode).HasMaxLength(256);
    }
}

namespace Bot.Domain.Conversations;

/// <summary>The engine's own text catalog (ConversationTexts.resx, ConversationTexts.en.resx) and the ways of saying things every feature shares.</summary>
public static class ConversationTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Conversations.ConversationTexts", typeof(ConversationTexts).Assembly);

    /// <summary>"2 小时 15 分钟" / "2 h 15 min": how long, to the minute (nobody reads "405分钟" at a glance).</summary>
    public static string Duration(TimeSpan span, string language)
    {
        var minutes = Math.Max(0, (int)span.TotalMinutes);
        var (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        if (days > 0) return Catalog.Get(hours > 0 ? "DurationDaysHours" : "DurationDays", language, days, hours);
        if (hours > 0) return Catalog.Get(mins > 0 ? "DurationHoursMinutes" : "DurationHours", language, hours, mins);
        // "已借出 0 分钟" reads as nothing at all.
        return Catalog.Get(mins > 0 ? "DurationMinutes" : "DurationUnderAMinute", language, mins);
    }
}

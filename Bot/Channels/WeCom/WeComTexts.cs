using Bot.Domain.Conversations;

namespace Bot.Channels.WeCom;

/// <summary>The WeCom channel's own text catalog (WeComTexts.resx, WeComTexts.en.resx).</summary>
public static class WeComTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Channels.WeCom.WeComTexts", typeof(WeComTexts).Assembly);
}

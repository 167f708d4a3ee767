namespace Bot.Domain.Conversations;

/// <summary>The engine's own text catalog (ConversationTexts.resx, ConversationTexts.en.resx).</summary>
public static class ConversationTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Conversations.ConversationTexts", typeof(ConversationTexts).Assembly);
}

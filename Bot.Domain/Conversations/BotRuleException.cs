namespace Bot.Domain.Conversations;

/// <summary>
/// The one domain exception: a rule said no. It carries a message key from a text catalog (and its arguments);
/// the engine turns it into a polite reply in the person's language, never a server error.
/// </summary>
public sealed class BotRuleException(TextCatalog catalog, string key, params object[] args)
    : Exception($"{catalog.Name}:{key}")
{
    public TextCatalog Catalog => catalog;
    public string Key => key;
    public IReadOnlyList<object> Arguments { get; } = args;

    /// <summary>What the person may have meant, as buttons with the refusal ("您要找的是不是 …").</summary>
    public IReadOnlyList<Choice>? Choices { get; init; }

    public string Render(string language) => Catalog.Get(key, language, [.. Arguments]);
}

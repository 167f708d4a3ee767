using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Archives;

/// <summary>The archive slice's text catalog (ArchiveTexts.resx, ArchiveTexts.en.resx).</summary>
public static class ArchiveTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Archives.ArchiveTexts", typeof(ArchiveTexts).Assembly);
}

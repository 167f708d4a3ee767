using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>The directory slice's text catalog (DirectoryTexts.resx, DirectoryTexts.en.resx).</summary>
public static class DirectoryTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Directory.DirectoryTexts", typeof(DirectoryTexts).Assembly);
}

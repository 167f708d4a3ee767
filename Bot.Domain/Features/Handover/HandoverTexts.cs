using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Handover;

/// <summary>The handover slice's text catalog (HandoverTexts.resx, HandoverTexts.en.resx).</summary>
public static class HandoverTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Handover.HandoverTexts", typeof(HandoverTexts).Assembly);

    public static string SectionName(HandoverSection section, string language) => Catalog.Get($"Section{section}", language);

    public static string StatusName(HandoverStatus status, string language) => Catalog.Get($"Status{status}", language);
}

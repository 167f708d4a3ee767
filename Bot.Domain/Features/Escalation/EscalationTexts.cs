using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Escalation;

/// <summary>The escalation slice's text catalog (EscalationTexts.resx, EscalationTexts.en.resx).</summary>
public static class EscalationTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Escalation.EscalationTexts", typeof(EscalationTexts).Assembly);

    public static string LevelName(EscalationLevel level, string language) => Catalog.Get($"Level{level}", language);

    public static string SeverityName(Severity severity, string language) => Catalog.Get($"Severity{severity}", language);

    public static string StatusName(EscalationStatus status, string language) => Catalog.Get($"Status{status}", language);
}

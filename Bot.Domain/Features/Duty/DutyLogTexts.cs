using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Duty;

/// <summary>The duty log's text catalog (DutyLogTexts.resx, DutyLogTexts.en.resx).</summary>
public static class DutyLogTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Duty.DutyLogTexts", typeof(DutyLogTexts).Assembly);

    public static string KindName(DutyLogKind kind, string language) => Catalog.Get($"Kind{kind}", language);

    public static string Separator(string language) => language == TextCatalog.English ? ", " : "、";
}

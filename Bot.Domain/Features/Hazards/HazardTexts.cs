using System.Globalization;
using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Hazards;

/// <summary>The hazardous-materials slice's text catalog (HazardTexts.resx, HazardTexts.en.resx).</summary>
public static class HazardTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Hazards.HazardTexts", typeof(HazardTexts).Assembly);

    /// <summary>"2包", "0.5瓶": the quantity as the register writes it.</summary>
    public static string Amount(decimal quantity, string unit) => quantity.ToString("0.##", CultureInfo.InvariantCulture) + unit;

    /// <summary>A choice whose value is a command word and an id: "发放危险品 12".</summary>
    public static Choice Action(string wordKey, long id, string language, string? labelKey = null, string? then = null)
    {
        var word = Catalog.Get(wordKey, language);
        var value = $"{word} {id.ToString(CultureInfo.InvariantCulture)}" + (then is null ? "" : " " + then);
        return new Choice(value, labelKey is null ? value : Catalog.Get(labelKey, language));
    }
}

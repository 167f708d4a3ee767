using System.Globalization;
using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Hazards;

/// <summary>The hazardous-materials slice's text catalog (HazardTexts.resx, HazardTexts.en.resx).</summary>
public static class HazardTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Hazards.HazardTexts", typeof(HazardTexts).Assembly);

    /// <summary>"2包", "0.5瓶": the quantity as the register writes it.</summary>
    public static string Amount(decimal quantity, string unit) => quantity.ToString("0.##", CultureInfo.InvariantCulture) + unit;
}

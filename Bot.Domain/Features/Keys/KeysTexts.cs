using System.Globalization;
using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Keys;

/// <summary>The keys slice's text catalog (KeysTexts.resx, KeysTexts.en.resx) and the shared ways of saying things.</summary>
public static class KeysTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Keys.KeysTexts", typeof(KeysTexts).Assembly);

    public static string Purpose(LoanPurpose purpose, string language) => Catalog.Get($"Purpose{purpose}", language);

    public static string Status(KeyStatus status, string language) => Catalog.Get($"Status{status}", language);

    public static string Clock(DateTimeOffset instant, DepartmentProfile department) =>
        department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Date and time, as the trail and the daily list show it.</summary>
    public static string Stamp(DateTimeOffset instant, DepartmentProfile department) =>
        department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// "（已报损坏）" after a key reported damaged while out (第4篇 1.2.7), so the custodian knows what comes back; empty otherwise.
    /// </summary>
    public static string DamagedMark(Key? key, string language) => key?.Status == KeyStatus.Damaged ? Catalog.Get("DamagedMark", language) : "";

    /// <summary>The key's one-line description, marked when it is reported damaged.</summary>
    public static string Described(string code, IReadOnlyDictionary<string, Key> keys, string language) =>
        KeyDesk.Describe(code, keys) + DamagedMark(keys.GetValueOrDefault(code), language);

    public static string Separator(string language) => language == TextCatalog.English ? ", " : "、";

    /// <summary>A choice whose value is a command word and an id: "确认交出 12".</summary>
    public static Choice Action(string wordKey, long id, string language, string? labelKey = null) => Catalog.Action(wordKey, id, language, labelKey);
}

using System.Globalization;
using System.Resources;

namespace Bot.Domain.Conversations;

/// <summary>
/// A resource catalog of user-facing text. The neutral resources are Chinese (zh-CN), the department's language;
/// English lives in the <c>.en.resx</c> satellite. A missing key throws: a silent fallback would show staff a key name.
/// </summary>
public sealed class TextCatalog(string baseName, System.Reflection.Assembly assembly)
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    private readonly ResourceManager _resources = new(baseName, assembly);

    public string Name { get; } = baseName;

    public string Get(string key, string language, params object[] args)
    {
        var culture = CultureFor(language);
        var format = _resources.GetString(key, culture)
            ?? throw new KeyNotFoundException($"Text '{key}' is missing from catalog {Name}.");
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }

    /// <summary>
    /// A button that runs a command on one record: value "确认交出 12" (the command word of <paramref name="wordKey"/>, the
    /// id, and <paramref name="then"/> when given), labelled with <paramref name="labelKey"/>'s text or else the word.
    /// </summary>
    public Choice Action(string wordKey, long id, string language, string? labelKey = null, string? then = null)
    {
        var word = Get(wordKey, language);
        var value = $"{word} {id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" + (then is null ? "" : " " + then);
        return new Choice(value, labelKey is null ? word : Get(labelKey, language));
    }

    /// <summary>"还档案 3" labelled as it is sent, number and all: for one who may hold several records of the kind.</summary>
    public Choice NumberedAction(string wordKey, long id, string language)
    {
        var action = Action(wordKey, id, language);
        return action with { Label = action.Value };
    }

    /// <summary>The text, or null when the catalog has no such key (for optional entries such as a feature's help topic).</summary>
    public string? Find(string key, string language) => _resources.GetString(key, CultureFor(language));

    /// <summary>All keys with their text in one language, for the catalog tests.</summary>
    public IReadOnlyDictionary<string, string> All(string language)
    {
        var set = _resources.GetResourceSet(CultureFor(language), createIfNotExists: true, tryParents: language != English)
            ?? throw new InvalidOperationException($"No resources for {language} in {Name}.");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    public static string NormalizeLanguage(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    private static CultureInfo CultureFor(string language) =>
        CultureInfo.GetCultureInfo(NormalizeLanguage(language));
}

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Callbacks;

/// <summary>The callback slice's text catalog (CallbackTexts.resx, CallbackTexts.en.resx).</summary>
public static class CallbackTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Callbacks.CallbackTexts", typeof(CallbackTexts).Assembly);

    public static string TypeName(CaseType type, string language) => Catalog.Get($"Type{type}", language);

    public static string RatingName(Rating rating, string language) => Catalog.Get($"Rating{rating}", language);

    /// <summary>The words (both languages) a key's '|'-separated list accepts, for typed answers.</summary>
    public static bool IsOneOf(string key, string typed)
    {
        var answer = WithoutParticles(TextInput.ForMatching(typed));
        return answer.Length > 0 && new[] { TextCatalog.Chinese, TextCatalog.English }
            .SelectMany(l => Catalog.Get(key, l).Split('|'))
            .Any(w => WithoutParticles(TextInput.ForMatching(w)) == answer);
    }

    /// <summary>
    /// Whether a short answer says one of the key's Chinese words of two characters or more inside a longer phrase
    /// ("修得挺好", "师傅态度很不错"). Single characters (好, 差) are left out: they hide in other words (差不多).
    /// </summary>
    public static bool Mentions(string key, string typed)
    {
        var answer = TextInput.ForMatching(typed);
        return answer.Length is > 0 and <= MentionLength
               && Catalog.Get(key, TextCatalog.Chinese).Split('|').Any(w => w.Length >= 2 && answer.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the answer holds a negation, which can turn any word it names around ("不怎么好"); one inside a word of
    /// the good ratings (不错) does not count.
    /// </summary>
    public static bool Negates(string typed) => WithoutGoodNegatedWords(TextInput.ForMatching(typed)).AsSpan().IndexOfAny(NegationMarks) >= 0;

    /// <summary>The answer with the good words that hold a negation mark (不错, 挺不错) taken out, so only real negations remain.</summary>
    public static string WithoutGoodNegatedWords(string answer)
    {
        foreach (var word in Words("WordsSatisfied").Concat(Words("WordsBasic")).OrderByDescending(w => w.Length))
            if (word.AsSpan().IndexOfAny(NegationMarks) >= 0) answer = answer.Replace(word, "", StringComparison.Ordinal);
        return answer;
    }

    /// <summary>A key's Chinese words.</summary>
    public static IEnumerable<string> Words(string key) => Catalog.Get(key, TextCatalog.Chinese).Split('|');

    private const string NegationMarks = "不没别未";

    // Longer than this, an answer is a comment, not a rating that happens to be worded.
    private const int MentionLength = 12;

    // Spoken endings owners add ("挺好的", "还行吧", "不满意啊"): they do not change the answer.
    private const string Particles = "的吧啊呀哦呢啦嘛了~～";

    private static string WithoutParticles(string answer)
    {
        var end = answer.Length;
        while (end > 1 && Particles.Contains(answer[end - 1])) end--;
        return answer[..end];
    }

    /// <summary>A case type from its code (minor_repair), its Chinese or English name.</summary>
    public static CaseType? ParseType(string text)
    {
        var key = TextInput.ForMatching(text).Replace('-', '_').Replace(' ', '_');
        foreach (var type in Enum.GetValues<CaseType>())
        {
            if (key == Code(type) || key == TextInput.ForMatching(TypeName(type, TextCatalog.Chinese))
                || key == TextInput.ForMatching(TypeName(type, TextCatalog.English)).Replace(' ', '_'))
                return type;
        }
        return null;
    }

    /// <summary>complaint, minor_repair, repair_project, special_service, activity, other.</summary>
    public static string Code(CaseType type) => type switch
    {
        CaseType.MinorRepair => "minor_repair",
        CaseType.RepairProject => "repair_project",
        CaseType.SpecialService => "special_service",
        _ => type.ToString().ToLowerInvariant(),
    };
}

using System.Text;

namespace Bot.Domain.Conversations;

/// <summary>How typed text is compared: people type on phones, with full-width digits and stray punctuation.</summary>
public static class TextInput
{
    private static readonly char[] TrailingPunctuation = ['.', '。', '!', '！', '?', '？', ',', '，', '、', ' '];

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = new StringBuilder(text.Length);
        foreach (var ch in text.Trim())
        {
            // Full-width ASCII variants (U+FF01..U+FF5E) fold to ASCII; the ideographic space to a space.
            if (ch is >= '\uFF01' and <= '\uFF5E') folded.Append((char)(ch - 0xFEE0));
            else if (ch == '\u3000') folded.Append(' ');
            else folded.Append(ch);
        }
        return folded.ToString().Trim();
    }

    /// <summary>Text for matching words: normalised, lower-case, without trailing punctuation.</summary>
    public static string ForMatching(string? text) => Normalize(text).TrimEnd(TrailingPunctuation).ToLowerInvariant();

    /// <summary>Resolves an answer to one of the offered choices: its number (1-based), its label or its value.</summary>
    public static Choice? MatchChoice(string? answer, IReadOnlyList<Choice> choices)
    {
        if (choices.Count == 0) return null;
        var key = ForMatching(answer);
        if (key.Length == 0) return null;
        if (int.TryParse(key, out var number) && number >= 1 && number <= choices.Count) return choices[number - 1];
        return choices.FirstOrDefault(c => ForMatching(c.Value) == key)
            ?? choices.FirstOrDefault(c => ForMatching(c.Label) == key);
    }
}

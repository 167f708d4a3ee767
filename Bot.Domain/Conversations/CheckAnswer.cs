namespace Bot.Domain.Conversations;

/// <summary>What a typed answer to "is this in order?" says: in order (with an optional note), or not (with what is wrong).</summary>
public readonly record struct CheckVerdict(bool Ok, string? Note);

/// <summary>
/// How people answer a check question in their own words — an inspection round's area (第2篇 1.4), a handover's items
/// checked face to face (第1篇 1.5, 第14篇 2.1): "正常", "没问题", "都正常", "✗ 对讲机电池坏", "有问题：消防通道堆放杂物",
/// or only the finding itself ("空调外机有异响"). One reading for every such question, so that an answer understood in
/// one of them is understood in the others.
/// </summary>
public static class CheckAnswer
{
    // In order, said alone. Not prefixes: "好像坏了" starts with 好.
    private static readonly HashSet<string> OkWords = new(StringComparer.Ordinal)
        { "好", "好的", "良好", "完好", "fine", "good", "normal", "ok", "okay", "v" };

    // In order or not, with what was seen after it ("正常，已巡视", "✗ 2号对讲机电池坏"). Each word is matched at the start
    // only (无异常 is not 异常, 不正常 not 正常), the longest first should one ever begin another.
    private static readonly (string Word, bool Ok)[] Verdicts = new (string, bool)[]
        {
            ("一切正常", true), ("一切良好", true), ("一切完好", true), ("正常", true), ("没问题", true), ("没有问题", true),
            ("无问题", true), ("无异常", true), ("没有异常", true),
            ("✓", true), ("√", true), ("ok", true), ("v", true),
            ("不正常", false), ("有问题", false), ("异常", false), ("问题", false), ("✗", false), ("×", false), ("x", false),
            ("not ok", false), ("problem", false),
        }.OrderByDescending(v => v.Item1.Length).ToArray();

    // Everything in order at once, where the question offers that ("全部正常").
    private static readonly HashSet<string> AllOkWords = new(StringComparer.Ordinal)
    {
        "全部正常", "全部都正常", "都正常", "全都正常", "均正常", "全部没问题", "都没问题", "都没有问题", "全都没问题", "都好", "都好的",
        "全部完好", "都完好", "all ok", "all good", "all fine", "all normal",
    };

    private static readonly char[] NoteSeparators = [' ', ',', '，', ':', '：', '、', '-', '—', '。', '.'];

    /// <summary>"全部正常", "都正常", "都没问题，已核对" …: every remaining item is in order.</summary>
    public static bool IsAllOk(string said)
    {
        var key = TextInput.ForMatching(said);
        return AllOkWords.Any(word => key.StartsWith(word, StringComparison.Ordinal)
                                      && (key.Length == word.Length || Array.IndexOf(NoteSeparators, key[word.Length]) >= 0));
    }

    /// <summary>
    /// The verdict the answer starts with, and the note after it; null when it starts with none ("还行吧", or a finding
    /// written out — see <see cref="DescribesSomething"/>).
    /// </summary>
    public static CheckVerdict? Read(string said)
    {
        var text = TextInput.Normalize(said);
        var key = TextInput.ForMatching(text);
        if (key.Length == 0) return null;
        if (OkWords.Contains(key)) return new(true, null);
        foreach (var (word, ok) in Verdicts)
        {
            if (!key.StartsWith(word, StringComparison.Ordinal)) continue;
            // A lone ASCII letter counts only as itself ("x 电池坏"), not as the start of a word ("vent blocked").
            if (word.Length == 1 && char.IsAsciiLetter(word[0]) && key.Length > 1 && !char.IsWhiteSpace(key[1])) continue;
            // An ASCII word likewise ("okay" is not "ok" + "ay"; "problems" is a word of its own).
            if (char.IsAsciiLetter(word[^1]) && key.Length > word.Length && char.IsAsciiLetter(key[word.Length])) continue;
            var note = text[word.Length..].Trim(NoteSeparators);
            return new(ok, note.Length == 0 ? null : note);
        }
        return null;
    }

    /// <summary>
    /// A finding written out, with no verdict word: at least four characters with Chinese or letters in them. Shorter
    /// answers (还行吧, 嗯) say nothing certain, and are asked again.
    /// </summary>
    public static bool DescribesSomething(string said)
    {
        var text = TextInput.Normalize(said);
        return text.Length >= 4 && text.Any(char.IsLetter) && Read(text) is null && !IsAllOk(text);
    }
}

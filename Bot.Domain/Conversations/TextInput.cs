using System.Text;

namespace Bot.Domain.Conversations;

/// <summary>How typed text is compared: people type on phones, with full-width digits and stray punctuation.</summary>
public static class TextInput
{
    private static readonly char[] TrailingPunctuation = ['.', '。', '!', '！', '?', '？', ',', '，', '、', ' '];

    public static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : FoldWidth(text.Trim()).Trim();

    /// <summary>
    /// Full-width ASCII variants (U+FF01..U+FF5E: ２, ３５, ．) folded to ASCII and the ideographic space to a space,
    /// character for character and nothing trimmed: what is found in the result stands at the same place in
    /// <paramref name="text"/>, so a reader can match the folded text and keep the rest as typed.
    /// </summary>
    public static string FoldWidth(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is >= '\uFF01' and <= '\uFF5E') folded.Append((char)(ch - 0xFEE0));
            else if (ch == '\u3000') folded.Append(' ');
            else folded.Append(ch);
        }
        return folded.ToString();
    }

    /// <summary>
    /// A tail of <see cref="Normalize"/>d text with the full-width punctuation of what was typed put back (，：；（）！？):
    /// letters, digits and spaces stay folded for reading numbers and ids, and what is kept reads as the person wrote it.
    /// Characters that do not line up with <paramref name="typed"/> are left as they are.
    /// </summary>
    public static string WithTypedPunctuation(string tail, string typed)
    {
        var source = typed.Trim();
        if (source.Length < tail.Length) return tail;
        var offset = source.Length - tail.Length;
        var chars = tail.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var original = source[offset + i];
            if (original is >= '\uFF01' and <= '\uFF5E' && !char.IsLetterOrDigit(original) && (char)(original - 0xFEE0) == chars[i])
                chars[i] = original;
        }
        return new string(chars);
    }

    /// <summary>Text for matching words: normalised, lower-case, without trailing punctuation.</summary>
    public static string ForMatching(string? text) => Normalize(text).TrimEnd(TrailingPunctuation).ToLowerInvariant();

    // Longest first, so "在哪儿" is taken whole.
    private static readonly string[] WhereWords =
        ["在什么地方", "在谁那里", "在谁手里", "在谁手上", "在谁那儿", "在谁那边", "在哪里", "在哪儿", "在谁那", "在哪呢", "谁拿着", "谁借了", "在哪", "where"];

    /// <summary>"3-1-502 在谁那" → "3-1-502": a thing asked about with where-it-is words after it (text as <see cref="ForMatching"/> gives it).</summary>
    public static string WithoutWhereQuestion(string text)
    {
        foreach (var word in WhereWords)
            if (text.EndsWith(word, StringComparison.Ordinal)) return text[..^word.Length].Trim();
        return text;
    }

    // What people send to say "got it" or "thanks" and nothing more ("好的 谢谢", "收到了👍", "thx").
    private static readonly string[] AcknowledgementWords =
        ["好的", "好滴", "好嘞", "好", "收到了", "收到", "谢谢你们", "谢谢你", "谢谢您", "谢谢啦", "谢谢了", "谢谢", "多谢了", "多谢", "谢了", "辛苦了", "辛苦", "知道了", "知道", "明白了", "明白",
         "了解了", "了解", "嗯嗯", "嗯", "ok", "okay", "thanks", "thank you", "thankyou", "thx", "ty", "got it", "noted", "great", "感谢你们", "感谢", "再见", "拜拜", "bye", "👍", "🙏", "👌", "啦", "了", "哈", "呀", "哦", "喔", "噢"];

    /// <summary>
    /// Whether a message only acknowledges or thanks ("好的", "收到 谢谢", "谢谢👍", "ok thx"): the words above, spaces,
    /// punctuation and emoji, and at least one word — answered briefly, never with the whole help.
    /// </summary>
    public static bool IsAcknowledgement(string? text)
    {
        var rest = ForMatching(text);
        var any = false;
        while (rest.Length > 0)
        {
            var c = rest[0];
            if (AcknowledgementWords.FirstOrDefault(w => rest.StartsWith(w, StringComparison.Ordinal)) is not { } word)
            {
                // Spaces, punctuation and other emoji around the words; an emoji alone (😡) says nothing to acknowledge.
                if (!(char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsSurrogate(c) || c == '\uFE0F')) return false;
                rest = rest[1..];
                continue;
            }
            // "ty" and the like only as whole words, not the start of "type".
            if (word.All(char.IsAsciiLetter) && rest.Length > word.Length && char.IsAsciiLetter(rest[word.Length])) return false;
            any |= word.Length > 1 || word is "好" or "嗯";
            rest = rest[word.Length..];
        }
        return any;
    }

    private static readonly string[] QuestionWords = ["什么", "怎么", "几", "多少", "为什么", "谁", "哪", "啥", "咋", "能不能", "可不可以", "有没有", "是不是", "要不要",
        "how", "what", "when", "where", "who", "why"];

    /// <summary>Whether a message asks something ("有啥事", "今天谁值班？", "处理了吗") rather than tells it.</summary>
    public static bool IsQuestion(string? text)
    {
        var folded = ForMatching(text);
        return Normalize(text).TrimEnd().EndsWith('?') || folded.EndsWith('吗') || folded.EndsWith('呢')
            || QuestionWords.Any(w => folded.Contains(w, StringComparison.Ordinal));
    }

    // Plain yes and no as people type them, for a question whose choices have the values "yes" and "no" (a yes also
    // answers a choice valued "confirm" or "ok": 确认 an item, ✓ 正常).
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal)
        { "是", "是的", "对", "对的", "嗯", "好", "好的", "要", "需要", "可以", "行", "同意", "准了", "好吧", "行吧", "没问题", "没错", "不错", "无误", "确认无误", "正确",
          "y", "yes", "ok", "okay", "yeah", "yep", "sure", "fine" };
    private static readonly string[] YesValues = ["yes", "confirm", "ok"];
    private static readonly HashSet<string> NoWords = new(StringComparer.Ordinal)
        { "否", "不", "不是", "不对", "不要", "不需要", "不用", "没有", "无", "不行", "不可以", "n", "no", "nope" };

    private static readonly char[] LabelHeadEnd = ['，', ',', '、', '（', '(', ' '];

    /// <summary>
    /// Resolves an answer to one of the offered choices: its number (1-based), its label or its value; else the first
    /// word of exactly one label ("否" for "否，本人使用"), or a plain yes or no ("不是", "是的", "没问题") where exactly one
    /// choice means it.
    /// </summary>
    public static Choice? MatchChoice(string? answer, IReadOnlyList<Choice> choices)
    {
        if (choices.Count == 0) return null;
        var key = ForMatching(answer);
        if (key.Length == 0) return null;
        if (int.TryParse(key, out var number) && number >= 1 && number <= choices.Count) return choices[number - 1];
        if ((choices.FirstOrDefault(c => ForMatching(c.Value) == key) ?? choices.FirstOrDefault(c => ForMatching(c.Label) == key)) is { } exact)
            return exact;

        var byHead = choices.Where(c => ForMatching(LabelHead(c.Label)) == key).Take(2).ToList();
        if (byHead.Count == 1) return byHead[0];
        // "维修" for 零星维修, "服务" for 其他服务: the label's last word, as it is said short — when no other label holds the
        // word (维修 is in 维修工程 too: which, is the flow's to ask) and the part left off does not negate it ("回访" is
        // not 无需回访).
        if (key.Length >= 2 && !char.IsAsciiDigit(key[0]))
        {
            var holding = choices.Where(c => ForMatching(c.Label) is var label && label.Length > key.Length && label.Contains(key, StringComparison.Ordinal)).Take(2).ToList();
            if (holding is [var only] && ForMatching(only.Label) is var whole && whole.EndsWith(key, StringComparison.Ordinal)
                && !NegatingHeads.Any(h => whole.StartsWith(h, StringComparison.Ordinal)))
                return only;
        }
        if (YesOrNo(key) is not { } yes) return null;
        string[] values = yes ? YesValues : ["no"];
        var byMeaning = choices.Where(c => values.Contains(c.Value)).Take(2).ToList();
        if (byMeaning.Count == 1) return byMeaning[0];
        // A request's two buttons (同意 / 拒绝, 批准 / 驳回, 确认交出 / 拒绝交出): "可以", "行", "好的" grant it, "不行" refuses
        // it, as they would in a reply to the person who asked. Only a pair that is exactly that: among more buttons
        // (确认 / 有疑问 / 拒绝接班) a plain no does not say which. And only the plain words: a request asks nothing that
        // "张三来了", "早上好" or "没事" could echo, so guessing from them would approve or refuse what was never decided.
        if (choices.Count != 2 || !(YesWords.Contains(key) || NoWords.Contains(key))) return null;
        var granting = choices.Where(c => Starts(c.Label, GrantingLabels)).ToList();
        var refusing = choices.Where(c => Starts(c.Label, RefusingLabels)).ToList();
        if (granting.Count != 1 || refusing.Count != 1 || granting[0] == refusing[0]) return null;
        return yes ? granting[0] : refusing[0];
    }

    // What, at the start of a label, turns it into its opposite.
    private static readonly string[] NegatingHeads = ["无需", "不", "没", "未", "非", "拒绝", "驳回", "别", "取消", "no", "not", "don't"];

    // The yes or no a remark follows: "同意 早点回来", "不行，前台没人". Longest first, so 不同意 is not read as 同意.
    private static readonly string[] GrantingHeads = ["同意", "批准", "可以", "好的", "准了", "ok", "approved", "approve", "agreed", "agree"];
    private static readonly string[] RefusingHeads = ["不同意", "不批准", "不可以", "不行", "驳回", "拒绝", "rejected", "reject", "refused", "refuse", "declined", "decline"];
    private static readonly char[] RemarkSeparators = [' ', ',', '，', '、', '。', '.', ':', '：', '!', '！', ';', '；'];

    /// <summary>
    /// A reply to a request's two buttons (批准 / 驳回, as <see cref="MatchChoice"/> pairs them) that says yes or no and then
    /// more: the button meant and the rest as typed ("同意 早点回来" → 批准, "早点回来"). Null when the rest is too short to
    /// be words, or starts with a number (a request's number is not a remark).
    /// </summary>
    public static (Choice Choice, string Remark)? AnswerWithRemark(string? answer, IReadOnlyList<Choice> choices)
    {
        if (choices.Count != 2) return null;
        var granting = choices.Where(c => Starts(c.Label, GrantingLabels)).ToList();
        var refusing = choices.Where(c => Starts(c.Label, RefusingLabels)).ToList();
        if (granting.Count != 1 || refusing.Count != 1 || granting[0] == refusing[0]) return null;
        var typed = Normalize(answer).Trim();
        foreach (var (heads, choice) in new[] { (RefusingHeads, refusing[0]), (GrantingHeads, granting[0]) })
        {
            var head = heads.FirstOrDefault(h => typed.StartsWith(h, StringComparison.OrdinalIgnoreCase));
            if (head is null) continue;
            // Normalize folds character by character, so the head's length as typed is its length folded.
            var rest = (answer ?? "").Trim()[head.Length..].TrimStart(RemarkSeparators).Trim();
            if (rest.Count(char.IsLetter) < 2 || char.IsDigit(Normalize(rest)[0]) || rest[0] is '#' or '＃') return null;
            return (choice, rest);
        }
        return null;
    }

    private static bool Starts(string label, string[] heads)
    {
        var key = ForMatching(label);
        return heads.Any(h => key.StartsWith(h, StringComparison.Ordinal));
    }

    private static readonly string[] GrantingLabels = ["同意", "批准", "确认", "接收", "approve", "accept", "agree", "confirm"];
    private static readonly string[] RefusingLabels = ["拒绝", "驳回", "不同意", "不批准", "拒收", "reject", "refuse", "decline"];

    /// <summary>
    /// The offered choices whose label holds the answer ("维修" → 零星维修, 维修工程) when it is part of several but not all:
    /// what to ask between instead of asking everything again. Empty otherwise.
    /// </summary>
    public static IReadOnlyList<Choice> Containing(string? answer, IReadOnlyList<Choice> choices)
    {
        var key = ForMatching(answer);
        if (key.Length < 2) return [];
        var found = choices.Where(c => ForMatching(c.Label).Contains(key, StringComparison.Ordinal)).ToList();
        return found.Count >= 2 && found.Count < choices.Count ? found : [];
    }

    /// <summary>
    /// The one offered choice whose whole label begins the answer ("业主委托看一下漏水" → 业主委托), or null. Only for
    /// questions whose answer is one of the choices and nothing else: elsewhere a typed item may well begin with a label.
    /// </summary>
    public static Choice? Leading(string? answer, IReadOnlyList<Choice> choices)
    {
        var key = ForMatching(answer);
        var found = choices.Where(c => ForMatching(c.Label) is { Length: > 0 } label && key.StartsWith(label, StringComparison.Ordinal)).Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    private static readonly char[] RestSeparators = [' ', ':', '：', ',', '，', '、', '-', '—'];

    /// <summary>
    /// Like <see cref="Leading"/>, with what was typed after the label, as typed ("业主委托查看漏水" → 业主委托 and
    /// "查看漏水"; null when nothing follows).
    /// </summary>
    public static (Choice Choice, string? After)? LeadingWithRest(string? answer, IReadOnlyList<Choice> choices)
    {
        if (Leading(answer, choices) is not { } choice) return null;
        var typed = (answer ?? "").Trim();
        var folded = Normalize(typed);
        var labelLength = ForMatching(choice.Label).Length;
        // Normalize folds character by character, so the label's length in the folded text is its length as typed.
        var rest = (folded.Length == typed.Length ? typed : folded)[Math.Min(labelLength, folded.Length)..].TrimStart(RestSeparators).Trim();
        return (choice, rest.Length == 0 ? null : rest);
    }

    private static readonly string[] Negations = ["不", "没", "未", "无", "否", "别"];
    // Inside an answer only these say "not" ("特别好" holds 别, and is no no).
    private static readonly string[] InnerNegations = ["不", "没", "未", "无法"];

    /// <summary>
    /// A plain yes or no: the usual words, or a short answer that echoes the question ("电源已切断", "关好了", "锁了" say yes;
    /// "没关", "未切断", "还没锁", "窗户没关" say no). Null when it is neither, or too long to be only that.
    /// </summary>
    private static bool? YesOrNo(string key)
    {
        if (YesWords.Contains(key)) return true;
        if (NoWords.Contains(key)) return false;
        if (key.Length > 8 || !key.All(char.IsLetter)) return null;
        var head = key.StartsWith('还') ? key[1..] : key;
        if (Negations.Any(n => head.StartsWith(n, StringComparison.Ordinal))) return false;
        // "窗户没关", "门没锁好": a short answer with a negation in it and nothing done (已, 了) is a no; with both
        // ("已经没电了") it is left to be asked again rather than guessed.
        if (Negations.Any(n => key.Contains(n, StringComparison.Ordinal)))
            return key.Length <= 6 && !key.Contains('已') && !key.Contains('了') && InnerNegations.Any(n => key.Contains(n, StringComparison.Ordinal))
                ? false
                : null;
        return key.Contains('已') || key.EndsWith('了') || key.EndsWith("好", StringComparison.Ordinal) ? true : null;
    }

    private static string LabelHead(string label)
    {
        var end = label.IndexOfAny(LabelHeadEnd);
        return end > 0 ? label[..end] : label;
    }
}

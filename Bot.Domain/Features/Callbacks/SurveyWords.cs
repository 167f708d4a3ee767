using System.Text.RegularExpressions;
using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// How owners answer a callback survey in their own words (第9篇 四): a rating with its reason beside it, a negation or
/// sarcasm around a good word, putting it off, turning it down, asking not to be contacted. When unsure, nothing is
/// read into the words: the question is asked again rather than the opposite recorded.
/// </summary>
public static partial class SurveyWords
{
    /// <summary>A rating typed as a word of its list, or named in a short phrase ("修得挺好"); null when it is neither or unsure.</summary>
    public static Rating? RatingOf(string? typed)
    {
        var t = TextInput.ForMatching(typed);
        if (t.Length == 0) return null;
        // "满意个屁", "好个鬼": the good word mocked is the owner's dissatisfaction, never a 满意.
        if (Mocked().IsMatch(Squeezed(t))) return Rating.NotSatisfied;
        if (CallbackTexts.IsOneOf("WordsNotSatisfied", t)) return Rating.NotSatisfied;
        if (CallbackTexts.IsOneOf("WordsBasic", t)) return Rating.Basic;
        if (CallbackTexts.IsOneOf("WordsSatisfied", t)) return Rating.Satisfied;
        // "不是不满意", "没有不满意的": a negation of the dissatisfied word is not a rating one can be sure of; asked again.
        if (DoubleNegation().IsMatch(t)) return null;
        // In a phrase: the dissatisfied words first, as they hold the others (不满意 holds 满意).
        if (CallbackTexts.Mentions("WordsNotSatisfied", t)) return Rating.NotSatisfied;
        if (CallbackTexts.Negates(t))
        {
            // "不是很满意", "谈不上满意", "不太好": one negation before a good word is not satisfied — the department's reading
            // too (不太满意 is on the 不满意 list), so that it is rectified (五.2). Two ("不是不满意") or none named ("不怎么样"):
            // asked again rather than guessed.
            return NegationCount(t) == 1 && NamesAGoodWordAfterNegation(t) ? Rating.NotSatisfied : null;
        }
        // Abuse without a word of the lists ("呵呵", "什么玩意"): whatever it means, not a 满意; asked again.
        if (Scornful(t)) return null;
        if (CallbackTexts.Mentions("WordsBasic", t)) return Rating.Basic;
        if (CallbackTexts.Mentions("WordsSatisfied", t)) return Rating.Satisfied;
        return null;
    }

    /// <summary>
    /// A rating with the owner's reason beside it: "不满意 保安态度差还骂人", "效果不满意，下雨还渗", "下雨还渗，不满意". The
    /// reason is null when there is none (or only a courtesy: "满意，谢谢"). Null when no rating can be read safely.
    /// </summary>
    public static (Rating Rating, string? Reason)? RatingAndReason(string said)
    {
        var text = said.Trim();
        if (text.Length == 0) return null;
        var parts = FirstSeparator().Split(text, 2);
        (Rating, string?)? found = null;
        if (parts.Length == 2 && parts[1].Trim().Any(char.IsLetter))
        {
            var (head, tail) = (parts[0].Trim(), parts[1].Trim());
            if (RatingOf(head) is { } leading) found = (leading, Reason(tail));
            else if (head.Length >= 3 && RatingOf(tail) is { } trailing) found = (trailing, Reason(head));
        }
        found ??= RatingOf(text) is { } whole ? (whole, null) : null;
        // "满意 个屁", "满意，差评": a mocking word anywhere makes it 不满意; scorn makes a good rating unsure, asked again.
        var matching = Squeezed(TextInput.ForMatching(text));
        if (found is var (rating, reason) && rating != Rating.NotSatisfied)
        {
            if (Mocked().IsMatch(matching)) return (Rating.NotSatisfied, reason);
            if (Scorn().IsMatch(matching)) return null;
        }
        return found;
    }

    /// <summary>
    /// "在开车 晚点再说吧", "现在没空", "等会儿": the survey put off. Where the question takes the owner's words (shortcomings,
    /// suggestions) only an answer made of such words counts ("师傅一直说没空" is a shortcoming); where a rating or the
    /// go-ahead is asked, a short answer that says it anywhere does.
    /// </summary>
    public static bool PutsOff(string said, bool wordsAreTheAnswer) =>
        AllClauses(said, c => CallbackTexts.IsOneOf("WordsLater", c) || IsCourtesy(c), atLeastOne: c => CallbackTexts.IsOneOf("WordsLater", c))
        || (!wordsAreTheAnswer && Squeezed(TextInput.ForMatching(said)) is { Length: <= 16 } brief && Later().IsMatch(brief));

    /// <summary>
    /// "不用了 谢谢", "算了 不做了": the survey turned down. Where suggestions are asked, 不用了 is "none" and only a plain
    /// refusal of the survey (不做了, 不想答) counts.
    /// </summary>
    public static bool Declines(string said, bool wordsAreTheAnswer) =>
        AllClauses(said, c => IsDecline(c, wordsAreTheAnswer) || IsCourtesy(c), atLeastOne: c => IsDecline(c, wordsAreTheAnswer));

    /// <summary>"以后别发这种回访了 烦不烦", "不要再打扰我": the owner asks not to be contacted (do-not-disturb).</summary>
    public static bool AsksNotToBeContacted(string said) => DoNotContact().IsMatch(Squeezed(TextInput.ForMatching(said)));

    /// <summary>"嗯 你说吧", "好的，你问吧": the go-ahead, in any of its words.</summary>
    public static bool SaysYes(string said) =>
        AllClauses(said, c => CallbackTexts.IsOneOf("WordsYes", c) || IsCourtesy(c), atLeastOne: c => CallbackTexts.IsOneOf("WordsYes", c));

    /// <summary>
    /// A new matter typed in the middle of the survey — a repair, a complaint, something elsewhere — for the front desk
    /// to act on, not an answer about the case called back (<paramref name="caseSummary"/>, <paramref name="caseUnit"/>).
    /// Filed with 报修 / 投诉 / 留言 / 咨询, or asking for someone to come ("赶紧派人来", "你们管不管"): always. Otherwise,
    /// where a rating, the go-ahead or the confirmation is asked, words about another problem or place that share nothing
    /// with the case; where the owner's own words are the answer (shortcomings, suggestions), only when it is clearly
    /// another matter: a problem somewhere else ("楼下的垃圾桶…没人清"), or "对了 / 另外 / 还有 / 顺便" with a problem or a
    /// place — "另外师傅走的时候没关门" and "还有就是水龙头还在滴" stay the owner's answer.
    /// </summary>
    public static bool IsAnotherMatter(string said, bool wordsAreTheAnswer, string caseSummary, string caseUnit)
    {
        var text = Squeezed(TextInput.ForMatching(said));
        if (text.Length < 4) return false;
        if (Filed().IsMatch(text) || Urgent().IsMatch(text)) return true;
        // "不满意 楼道灯还是不亮" where a rating is asked: a rating with its reason, which the survey keeps.
        if (!wordsAreTheAnswer && RatingAndReason(said) is not null) return false;
        var summary = Squeezed(TextInput.ForMatching(caseSummary));
        if (SharesATerm(text, summary)) return false;
        var marker = Marker().IsMatch(text);
        var problem = Problem().IsMatch(text);
        var elsewhere = Place().Matches(text).Any(m => !summary.Contains(m.Value, StringComparison.Ordinal))
                        || Directory.Unit.NamedIn(said) is { } unit && !string.Equals(unit, caseUnit, StringComparison.OrdinalIgnoreCase);
        return wordsAreTheAnswer
            ? (elsewhere && problem) || (marker && (problem || elsewhere))
            : marker || problem || elsewhere;
    }

    // Two characters in a row of the case's summary ("水龙头", "漏水"): the words are about the case called back.
    private static bool SharesATerm(string text, string summary)
    {
        for (var i = 0; i + 1 < summary.Length; i++)
            if (char.IsLetter(summary[i]) && char.IsLetter(summary[i + 1]) && text.Contains(summary.Substring(i, 2), StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>"没有", "不用了，谢谢": nothing (more) to add.</summary>
    public static bool SaysNone(string said) =>
        AllClauses(said, c => CallbackTexts.IsOneOf("WordsNone", c) || IsCourtesy(c), atLeastOne: c => CallbackTexts.IsOneOf("WordsNone", c));

    private static bool IsDecline(string clause, bool wordsAreTheAnswer) =>
        CallbackTexts.IsOneOf("WordsDecline", clause) || (!wordsAreTheAnswer && CallbackTexts.IsOneOf("WordsNoThanks", clause));

    private static bool IsCourtesy(string clause) => Courtesy().IsMatch(TextInput.ForMatching(clause));

    private static bool AllClauses(string said, Func<string, bool> each, Func<string, bool> atLeastOne)
    {
        var clauses = Separators().Split(said.Trim()).Where(c => c.Length > 0).ToList();
        return clauses.Count > 0 && clauses.All(each) && clauses.Any(atLeastOne);
    }

    private static string? Reason(string words) =>
        words.Length == 0 || Courtesy().IsMatch(TextInput.ForMatching(words)) || RatingOf(words) is not null && IsRatingWord(words) ? null : words;

    private static bool IsRatingWord(string words) =>
        CallbackTexts.IsOneOf("WordsSatisfied", words) || CallbackTexts.IsOneOf("WordsBasic", words) || CallbackTexts.IsOneOf("WordsNotSatisfied", words);

    private static bool Scornful(string matching) => Scorn().IsMatch(Squeezed(matching));

    private static string Squeezed(string matching) => string.Concat(matching.Where(c => !char.IsWhiteSpace(c)));

    private static int NegationCount(string matching) =>
        CallbackTexts.WithoutGoodNegatedWords(matching).Count(c => NegationMarks.Contains(c));

    private static bool NamesAGoodWordAfterNegation(string matching)
    {
        var text = CallbackTexts.WithoutGoodNegatedWords(matching);
        var at = text.AsSpan().IndexOfAny(NegationMarks);
        if (at < 0) return false;
        var after = text[at..];
        return CallbackTexts.Words("WordsSatisfied").Concat(CallbackTexts.Words("WordsBasic"))
            .Any(w => w.Length >= 2 && after.Contains(w, StringComparison.Ordinal));
    }

    private const string NegationMarks = "不没别未";

    [GeneratedRegex("(不是|没有|没|并非|并不是|也不是)(不|没)")]
    private static partial Regex DoubleNegation();

    [GeneratedRegex("(满意|好|不错|行|可以)(个|你)(屁|鬼|头|毛|锤子|球|妹)")]
    private static partial Regex Mocked();

    // Abuse and scorn owners write about a service: never read as a good rating.
    // 垃圾 only as a verdict ("太垃圾了", "垃圾物业"): the rubbish itself ("把垃圾也带走了") is no scorn.
    [GeneratedRegex("差评|(太|真|纯|就是|什么)垃圾|垃圾(物业|服务|公司|东西)|^垃圾[了啊吧]*$|呵呵|太烂|真烂|烂透|很烂|糟糕|坑人|骗人|忽悠|恶心|无语|气死|什么玩意|搞什么|个屁|👎")]
    private static partial Regex Scorn();

    [GeneratedRegex(@"[\s，,。、；;：:！!～~]+")]
    private static partial Regex FirstSeparator();

    [GeneratedRegex(@"[\s，,。、；;：:！!～~]+")]
    private static partial Regex Separators();

    // The owner's own filing words, with what is filed after them (the 留言 command's words).
    [GeneratedRegex("^(报修|投诉|留言|咨询).{2,}")]
    private static partial Regex Filed();

    [GeneratedRegex("管不管|管一管|管管|赶紧|赶快|快派|派人|快来|马上来|快点来|被困|困在|救命|着火|冒烟|漏电")]
    private static partial Regex Urgent();

    [GeneratedRegex("^(对了|另外|还有|顺便|另有|再反映|再说个事)")]
    private static partial Regex Marker();

    [GeneratedRegex("坏了|坏掉|又坏|不亮|不通|漏水|渗水|堵了|堵住|吵死|太吵|很吵|噪音|臭死|好臭|很臭|没人清|没人管|没人修|没人来|装修|打钻|电钻|停水|停电|故障|乱停|积水|没水|没电")]
    private static partial Regex Problem();

    [GeneratedRegex(@"楼下|楼上|楼道|走廊|电梯|车库|地库|停车|小区|大门|门口|垃圾桶|垃圾站|垃圾房|绿化|草坪|花园|广场|会所|路灯|单元门|门禁|邻居|隔壁|对门|\d+(栋|号楼|幢)")]
    private static partial Regex Place();

    // Where it starts ("我在开车呢…", "现在没空…") or how it ends ("…晚点再说吧"): "师傅说没空拖了三天" is a remark, not this.
    [GeneratedRegex("^我?(现在|这会儿?)?(正在|在|正)(开车|开会|上班|忙|外面)|^(现在|这会儿?)?(没空|没时间|不方便)|(晚点|晚些|稍后|等会儿?|待会儿?|过会儿?|回头|改天|下次|以后)再?(说|聊|联系|发|做)[吧啊哈呢]?$")]
    private static partial Regex Later();

    // Not 发 alone: "以后不要再发出那么大噪音" is a suggestion, not a request to stop the messages.
    [GeneratedRegex("烦不烦|别烦我|骚扰我|别骚扰|退订|拉黑|(别|不要|不用|请勿|勿)(再|总|老|天天|一直|每次)?(给我)?(发(这|那|回访|问卷|消息|信息|短信|了|给我|$)|打扰|联系我|推送|问我|找我|打电话给我)")]
    private static partial Regex DoNotContact();

    [GeneratedRegex("^(谢谢|谢谢你|谢谢您|谢谢啦|多谢|感谢|thanks|thank you)[!！。.~～]*$")]
    private static partial Regex Courtesy();
}

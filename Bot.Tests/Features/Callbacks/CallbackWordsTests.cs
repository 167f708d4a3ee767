using Bot.Domain.Features.Callbacks;

namespace Bot.Tests.Features.Callbacks;

/// <summary>Survey answers as owners type them (第9篇 四): the words each answer takes, with the spoken endings owners add.</summary>
public sealed class CallbackWordsTests
{
    [Theory]
    [InlineData("满意", "WordsSatisfied")]
    [InlineData("挺好的", "WordsSatisfied")]
    [InlineData("很不错啊", "WordsSatisfied")]
    [InlineData("还行吧", "WordsBasic")]
    [InlineData("还可以的", "WordsBasic")]
    [InlineData("一般般吧", null)]          // not a word we know: asked again rather than guessed
    [InlineData("不太满意", "WordsNotSatisfied")]
    [InlineData("不满意啊！", "WordsNotSatisfied")]
    [InlineData("不用了", "WordsNone")]      // a list word that ends in a particle still matches
    [InlineData("没有了", "WordsNone")]
    [InlineData("方便的", "WordsYes")]
    [InlineData("行啊", "WordsYes")]
    [InlineData("Very good.", "WordsSatisfied")]
    public void TypedAnswers_MatchTheirWordList_第9篇_四(string typed, string? key)
    {
        string[] keys = ["WordsSatisfied", "WordsBasic", "WordsNotSatisfied", "WordsNone", "WordsYes"];
        Assert.Equal(key is null ? [] : [key], keys.Where(k => CallbackTexts.IsOneOf(k, typed)).ToArray());
    }

    [Theory]
    [InlineData("了")]
    [InlineData("的")]
    public void AParticleAlone_IsNoAnswer(string typed) =>
        Assert.DoesNotContain(new[] { "WordsSatisfied", "WordsBasic", "WordsNotSatisfied", "WordsNone", "WordsYes" }, k => CallbackTexts.IsOneOf(k, typed));
}

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
    [InlineData("修得挺好", Rating.Satisfied)]
    [InlineData("师傅态度很不错", Rating.Satisfied)]
    [InlineData("挺满意的，谢谢", Rating.Satisfied)]
    [InlineData("一般般吧", Rating.Basic)]
    [InlineData("基本满意吧", Rating.Basic)]
    [InlineData("服务不太好", Rating.NotSatisfied)]
    [InlineData("我很不满意", Rating.NotSatisfied)]
    [InlineData("不怎么样", null)]                               // a negation naming no rating: asked again, not guessed
    [InlineData("差不多吧", null)]                               // 差 alone hides in other words
    [InlineData("水龙头换好以后还是有一点滴水但是师傅很好", null)]  // a comment, not a rating
    public void ARatingNamedInAShortPhrase_IsTaken_第9篇_四(string typed, Rating? rating) =>
        Assert.Equal(rating, CallbackSurveys.RatingOf(typed));

    [Theory]
    [InlineData("了")]
    [InlineData("的")]
    public void AParticleAlone_IsNoAnswer(string typed) =>
        Assert.DoesNotContain(new[] { "WordsSatisfied", "WordsBasic", "WordsNotSatisfied", "WordsNone", "WordsYes" }, k => CallbackTexts.IsOneOf(k, typed));
}

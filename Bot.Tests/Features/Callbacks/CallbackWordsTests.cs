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
    [InlineData("不是很满意", Rating.NotSatisfied)]     // not quite satisfied is 不满意, as 不太满意 always was: rectified (五.2)
    [InlineData("谈不上满意", Rating.NotSatisfied)]
    [InlineData("说不上很满意吧", Rating.NotSatisfied)]
    [InlineData("不是很好", Rating.NotSatisfied)]
    [InlineData("满意个屁", Rating.NotSatisfied)]       // sarcasm: never a 满意
    [InlineData("好个鬼啊", Rating.NotSatisfied)]
    [InlineData("差评", Rating.NotSatisfied)]
    [InlineData("给你们差评", Rating.NotSatisfied)]
    [InlineData("垃圾", Rating.NotSatisfied)]
    [InlineData("太垃圾了", Rating.NotSatisfied)]
    [InlineData("👍", Rating.Satisfied)]
    [InlineData("👍👍👍", Rating.Satisfied)]
    [InlineData("好评", Rating.Satisfied)]
    [InlineData("呵呵", null)]                        // scorn without a rating: asked again, not guessed
    [InlineData("呵呵 挺好", null)]
    [InlineData("不是不满意", null)]                   // two negations: asked again
    [InlineData("还不错", Rating.Satisfied)]           // 不 inside a good word is no negation
    public void NegationsAndSarcasm_AreNeverReadAsSatisfied(string typed, Rating? rating) =>
        Assert.Equal(rating, CallbackSurveys.RatingOf(typed));

    [Theory]
    [InlineData("不满意 保安态度差还骂人", Rating.NotSatisfied, "保安态度差还骂人")]
    [InlineData("效果不满意 下雨还渗", Rating.NotSatisfied, "下雨还渗")]
    [InlineData("不满意，师傅来了三次都没修好", Rating.NotSatisfied, "师傅来了三次都没修好")]
    [InlineData("下雨还渗，不满意", Rating.NotSatisfied, "下雨还渗")]
    [InlineData("满意 师傅把垃圾也带走了", Rating.Satisfied, "师傅把垃圾也带走了")]
    [InlineData("满意，谢谢", Rating.Satisfied, null)]   // a courtesy is no reason
    [InlineData("满意 个屁", Rating.NotSatisfied, "个屁")]
    [InlineData("基本满意", Rating.Basic, null)]
    public void ARatingWithItsReason_KeepsTheReason(string typed, Rating rating, string? reason) =>
        Assert.Equal((rating, reason), SurveyWords.RatingAndReason(typed));

    [Theory]
    [InlineData("满意，差评")]
    [InlineData("挺好 呵呵")]
    public void AGoodWordWithScorn_IsAskedAgain(string typed) => Assert.Null(SurveyWords.RatingAndReason(typed));

    [Theory]
    [InlineData("了")]
    [InlineData("的")]
    public void AParticleAlone_IsNoAnswer(string typed) =>
        Assert.DoesNotContain(new[] { "WordsSatisfied", "WordsBasic", "WordsNotSatisfied", "WordsNone", "WordsYes" }, k => CallbackTexts.IsOneOf(k, typed));

    [Theory]
    [InlineData("在开车 晚点再说吧", false, true)]
    [InlineData("晚点", false, true)]
    [InlineData("现在没空", true, true)]           // where suggestions are asked too: not a suggestion
    [InlineData("我在开车呢", false, true)]
    [InlineData("等会儿再说吧", false, true)]
    [InlineData("师傅说没空拖了三天", false, false)]  // a remark with 没空 in it
    [InlineData("师傅一直说没空", true, false)]
    [InlineData("来得有点晚", false, false)]
    public void PuttingOff_IsTheOwnersWordsAboutTheSurvey(string said, bool wordsAreTheAnswer, bool putsOff) =>
        Assert.Equal(putsOff, SurveyWords.PutsOff(said, wordsAreTheAnswer));

    [Theory]
    [InlineData("不用了 谢谢", false, true)]
    [InlineData("算了 不做了", false, true)]
    [InlineData("不用了，谢谢", true, false)]      // where suggestions are asked, 不用了 is "none"
    [InlineData("算了 不做了", true, true)]
    [InlineData("不用谢", false, false)]
    [InlineData("师傅说不用了", false, false)]
    public void TurningDown_IsAPlainRefusal(string said, bool wordsAreTheAnswer, bool declines) =>
        Assert.Equal(declines, SurveyWords.Declines(said, wordsAreTheAnswer));

    [Theory]
    [InlineData("以后别发这种回访了 烦不烦", true)]
    [InlineData("不要再打扰我了", true)]
    [InlineData("别给我发了", true)]
    [InlineData("以后不要再发出那么大噪音", false)]  // a suggestion about the work
    [InlineData("楼上装修太吵了", false)]
    public void AskingNotToBeContacted(string said, bool asks) => Assert.Equal(asks, SurveyWords.AsksNotToBeContacted(said));

    [Theory]
    [InlineData("嗯 你说吧", true)]
    [InlineData("说吧", true)]
    [InlineData("你问吧", true)]
    [InlineData("好的，你问吧", true)]
    [InlineData("你说什么", false)]
    public void TheGoAhead_InTheOwnersWords(string said, bool yes) => Assert.Equal(yes, SurveyWords.SaysYes(said));

    [Theory]
    // Where a rating is asked
    [InlineData("对了 楼上又在装修 早上七点就开始打钻 吵死了 你们管不管", false, true)]
    [InlineData("我家楼下的垃圾桶好几天没人清了 臭死了", false, true)]
    [InlineData("另外3栋电梯又坏了 刚才有人被困在里面 赶紧派人来", false, true)]
    [InlineData("报修 楼道灯还是不亮", false, true)]
    [InlineData("挺快的，上午报修下午就来了", false, false)]     // a remark about this repair
    [InlineData("水龙头换了以后又漏水了", false, false)]          // about the case called back
    [InlineData("不满意 楼道灯还是不亮", false, false)]          // a rating with its reason
    [InlineData("修是修好了，但是师傅把地板弄得很脏", false, false)]
    // Where the owner's words are the answer (shortcomings, suggestions)
    [InlineData("我家楼下的垃圾桶好几天没人清了 臭死了", true, true)]
    [InlineData("另外3栋电梯又坏了 刚才有人被困在里面 赶紧派人来", true, true)]
    [InlineData("对了 楼上又在装修 早上七点就开始打钻 吵死了 你们管不管", true, true)]
    [InlineData("报修 楼道灯还是不亮", true, true)]
    [InlineData("另外师傅走的时候没关门", true, false)]
    [InlineData("还有就是水龙头还在滴水", true, false)]
    [InlineData("建议楼道多装几个灯", true, false)]
    [InlineData("师傅来得太晚了，等了两天", true, false)]
    [InlineData("希望以后报修能快一点", true, false)]
    public void ANewMatter_IsToldApartFromAnAnswer(string said, bool wordsAreTheAnswer, bool another) =>
        Assert.Equal(another, SurveyWords.IsAnotherMatter(said, wordsAreTheAnswer, "卫生间水龙头漏水，已更换", "3-1-502"));
}

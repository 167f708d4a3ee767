using Bot.Domain.Conversations;

namespace Bot.Tests.Conversations;

/// <summary>Answers to offered choices as people type them.</summary>
public sealed class TextInputTests
{
    private static readonly Choice[] Contractor = [new("no", "否，本人使用"), new("yes", "是，代施工人员借用")];
    private static readonly Choice[] Purposes = [new("Viewing", "查看房间"), new("Repair", "维修"), new("OwnerRequest", "业主委托"), new("Other", "其他")];
    private static readonly Choice[] Survey = [new("yes", "方便"), new("later", "稍后")];

    [Theory]
    [InlineData("2", "yes")]            // its number
    [InlineData("no", "no")]            // its value
    [InlineData("否，本人使用", "no")]    // its label
    [InlineData("否", "no")]            // the label's first word
    [InlineData("是", "yes")]
    [InlineData("不是", "no")]          // a plain no
    [InlineData("不用。", "no")]
    [InlineData("是的", "yes")]          // a plain yes
    [InlineData("ｙ", "yes")]
    [InlineData("电源已切断", "yes")]  // the question's own words back
    [InlineData("关好了", "yes")]
    [InlineData("锁了。", "yes")]
    [InlineData("没关", "no")]
    [InlineData("未切断", "no")]
    [InlineData("还没锁", "no")]
    [InlineData("窗户没关", "no")]      // what is not done, named
    [InlineData("门没锁好。", "no")]
    [InlineData("窗户无法关闭", "no")]
    [InlineData("不错", "yes")]
    public void YesNoQuestion_TakesTheUsualAnswers(string typed, string value) =>
        Assert.Equal(value, TextInput.MatchChoice(typed, Contractor)?.Value);

    [Theory]
    [InlineData("维修", "Repair")]
    [InlineData("4", "Other")]
    public void OtherChoices_AsBefore(string typed, string value) => Assert.Equal(value, TextInput.MatchChoice(typed, Purposes)?.Value);

    private static readonly Choice[] CallbackTypes = [new("留言回访 3 投诉", "投诉"), new("留言回访 3 零星维修", "零星维修"), new("留言回访 3 其他服务", "其他服务"), new("留言回访 3 无需回访", "无需回访")];

    [Theory]
    [InlineData("维修", "留言回访 3 零星维修")]   // the label said short, by its last word
    [InlineData("服务", "留言回访 3 其他服务")]
    [InlineData("回访", null)]                   // not 无需回访: the part left off says the opposite
    public void ALabelSaidShort_IsThatChoice_WhenItEndsOnlyOne(string typed, string? value) =>
        Assert.Equal(value, TextInput.MatchChoice(typed, CallbackTypes)?.Value);

    [Fact]
    public void AWordInTwoLabels_IsNeither() => Assert.Null(TextInput.MatchChoice("交出", KeyHandOut));

    [Theory]
    [InlineData("维")]        // part of a word is not a choice
    [InlineData("是")]        // no yes/no question here
    [InlineData("5")]
    [InlineData("楼上漏水")]
    public void NoChoice_WhenNothingFits(string typed) => Assert.Null(TextInput.MatchChoice(typed, Purposes));

    [Theory]
    [InlineData("已经没电了")]                  // a yes and a no at once
    [InlineData("门窗都已经关闭了但是窗户有裂缝")] // more than a yes or a no
    [InlineData("3楼")]
    [InlineData("特别好")]                      // holds 别, says no "not"
    public void MixedOrLongAnswers_AreNoYesOrNo(string typed) => Assert.Null(TextInput.MatchChoice(typed, Contractor));

    private static readonly Choice[] SwapRequest = [new("同意调班 1", "同意"), new("拒绝调班 1", "拒绝")];
    private static readonly Choice[] KeyHandOut = [new("确认交出 7", "确认交出"), new("拒绝交出 7", "拒绝交出")];
    private static readonly Choice[] SuccessorCheck = [new("confirm", "确认"), new("question", "有疑问"), new("refuse", "拒绝接班")];

    [Theory]
    [InlineData("可以", "同意调班 1")]   // as one answers a colleague who asks
    [InlineData("行。", "同意调班 1")]
    [InlineData("好的", "同意调班 1")]
    [InlineData("不行", "拒绝调班 1")]
    [InlineData("不可以", "拒绝调班 1")]
    public void PlainYesOrNo_GrantsOrRefusesARequest(string typed, string value) =>
        Assert.Equal(value, TextInput.MatchChoice(typed, SwapRequest)?.Value);

    [Fact]
    public void PlainYes_ConfirmsAKeyHandOut() => Assert.Equal("确认交出 7", TextInput.MatchChoice("好的", KeyHandOut)?.Value);

    [Fact]
    public void PlainNo_AmongMoreThanAPair_SaysNotWhich() =>
        // 不行 to a handover item is not a refusal of the whole handover.
        Assert.Null(TextInput.MatchChoice("不行", SuccessorCheck));

    [Theory]
    [InlineData("外出 半小时，去银行（取钱）", "半小时，去银行（取钱）")]   // the person's own punctuation back
    [InlineData("答复 １２ 好的：明早９点", "12 好的：明早9点")]           // digits stay folded for reading numbers
    [InlineData("  留言 楼道灯坏了！　", "楼道灯坏了！")]
    public void TypedPunctuation_IsPutBackIntoTheTail(string typed, string tail)
    {
        var normalized = TextInput.Normalize(typed);
        var folded = normalized[^TextInput.Normalize(tail).Length..];
        Assert.Equal(tail.Replace("１２", "12").Replace("９", "9"), TextInput.WithTypedPunctuation(folded, typed));
    }

    [Fact]
    public void PlainNo_WithoutANoChoice_IsNoChoice() => Assert.Null(TextInput.MatchChoice("不", Survey));

    [Fact]
    public void PlainYes_FindsTheYesChoice_WhateverItsLabel() => Assert.Equal("yes", TextInput.MatchChoice("好的", Survey)?.Value);

    private static readonly Choice[] HandoverItem = [new("confirm", "确认"), new("question", "有疑问"), new("refuse", "拒绝接班")];

    [Theory]
    [InlineData("好的")]
    [InlineData("没问题")]
    [InlineData("无误。")]
    [InlineData("OK")]
    public void PlainYes_ConfirmsAnItem(string typed) => Assert.Equal("confirm", TextInput.MatchChoice(typed, HandoverItem)?.Value);

    [Fact]
    public void PlainNo_IsNotARefusal() => Assert.Null(TextInput.MatchChoice("不是", HandoverItem));
}

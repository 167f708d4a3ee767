using Bot.Domain.Conversations;

namespace Bot.Tests.Conversations;

/// <summary>Answers to "is this in order?" (a round's area, a handover's check item) as people type them.</summary>
public sealed class CheckAnswerTests
{
    [Theory]
    [InlineData("正常", true, null)]
    [InlineData("正常，已巡视", true, "已巡视")]
    [InlineData("一切正常。", true, null)]
    [InlineData("没有问题", true, null)]
    [InlineData("无异常", true, null)]            // not 异常
    [InlineData("好的", true, null)]
    [InlineData("okay", true, null)]
    [InlineData("√", true, null)]
    [InlineData("ok 已核对", true, "已核对")]
    [InlineData("不正常", false, null)]           // not 正常
    [InlineData("有问题：消防通道堆放杂物", false, "消防通道堆放杂物")]
    [InlineData("✗空调外机有异响", false, "空调外机有异响")]
    [InlineData("x 电池坏", false, "电池坏")]
    [InlineData("×", false, null)]
    public void Read_TheVerdictAndWhatFollowsIt(string typed, bool ok, string? note) =>
        Assert.Equal(new CheckVerdict(ok, note), CheckAnswer.Read(typed));

    [Theory]
    [InlineData("好像坏了")]       // starts with 好, says the opposite
    [InlineData("vent blocked")]   // a lone v is a mark only as itself
    [InlineData("xyz")]
    [InlineData("还行吧")]
    [InlineData("")]
    public void Read_NoVerdict(string typed) => Assert.Null(CheckAnswer.Read(typed));

    [Theory]
    [InlineData("都正常", true)]
    [InlineData("全部正常。", true)]
    [InlineData("都没问题，已当面核对", true)]
    [InlineData("All good", true)]
    [InlineData("都正常吗", false)]
    [InlineData("正常", false)]
    public void IsAllOk(string typed, bool all) => Assert.Equal(all, CheckAnswer.IsAllOk(typed));

    [Theory]
    [InlineData("ATM旁地面湿滑", true)]
    [InlineData("打印机缺墨", true)]
    [InlineData("还行吧", false)]            // too short to be a finding
    [InlineData("正常，已巡视", false)]       // a verdict, not a finding
    [InlineData("都正常，已核对", false)]
    [InlineData("1234", false)]              // no words
    public void DescribesSomething(string typed, bool finding) => Assert.Equal(finding, CheckAnswer.DescribesSomething(typed));
}

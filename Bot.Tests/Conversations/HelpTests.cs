using Bot.Tests.Support;

namespace Bot.Tests.Conversations;

/// <summary>
/// Help as the demo department sees it: staff have dozens of commands, so help is an overview by topic that a phone
/// (and a WeCom card, 500 characters) can show, and "帮助 钥匙" explains one topic; an owner's short list is written out.
/// </summary>
public sealed class HelpTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("wangwu")]
    [InlineData("zhouba")]
    [InlineData("zhengshi")]
    [InlineData("sunqi")]
    [InlineData("zhaoliu")]
    [InlineData("qianyi")]
    public async Task Help_ForStaff_IsAnOverviewByTopicShortEnoughForACard(string who)
    {
        var help = (await new LocalChatClient(_bot, who).SayAsync("帮助")).Single();

        Assert.Contains("· 值班考勤：签到、签退", help.Text);
        Assert.Contains("· 钥匙：", help.Text);
        Assert.Contains("发送“帮助 钥匙”", help.Text);
        Assert.DoesNotContain(" — ", help.Text);
        Assert.True(help.Text.Length <= 500, $"{who}'s help is {help.Text.Length} characters: {help.Text}");
        Assert.Equal(6, help.Choices!.Count);
    }

    [Fact]
    public async Task HelpWithATopic_DescribesThatTopicsCommandsWithButtons()
    {
        var detail = (await new LocalChatClient(_bot, "zhangsan").SayAsync("帮助 钥匙")).Single();

        Assert.StartsWith("钥匙：", detail.Text);
        Assert.Contains("· 借钥匙 — ", detail.Text);
        Assert.Contains("· 还钥匙 — ", detail.Text);
        Assert.DoesNotContain("签到", detail.Text);
        Assert.Contains(detail.Choices!, c => c.Label == "借钥匙");
    }

    [Fact]
    public async Task HelpWithACommandWord_DescribesTheTopicHoldingIt()
    {
        var detail = (await new LocalChatClient(_bot, "zhangsan").SayAsync("帮助 调班")).Single();

        Assert.StartsWith("值班考勤：", detail.Text);
        Assert.Contains("· 调班 — ", detail.Text);
    }

    [Fact]
    public async Task HelpInEnglish_NamesTheTopicsInEnglish()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        await chat.SayAsync("语言 English");

        var overview = (await chat.SayAsync("help")).Single();
        var detail = (await chat.SayAsync("help keys")).Single();

        Assert.Contains("· duty: check in, check out", overview.Text);
        Assert.StartsWith("keys:", detail.Text);
        Assert.Contains("· borrow key — ", detail.Text);
    }

    [Fact]
    public async Task HelpWithAnUnknownTopic_GivesTheOverview()
    {
        var help = (await new LocalChatClient(_bot, "zhangsan").SayAsync("帮助 天气")).Single();

        Assert.Contains("· 值班考勤：", help.Text);
    }

    [Fact]
    public async Task Help_ForAnOwner_WritesOutTheFewCommandsTheyHave()
    {
        var help = (await new LocalChatClient(_bot, "chen-3-1-502").SayAsync("帮助")).Single();

        Assert.StartsWith("陈先生您好，这里是示例花园客服中心。", help.Text);
        Assert.Contains(" — ", help.Text);
        Assert.DoesNotContain("钥匙", help.Text);
        Assert.DoesNotContain("签到", help.Text);
        // An owner has no roles or shifts: 我是谁 is described by what it shows them.
        Assert.Contains("· 我是谁 — 查看我在系统中登记的房屋", help.Text);
        Assert.DoesNotContain("班次", help.Text);
    }
}

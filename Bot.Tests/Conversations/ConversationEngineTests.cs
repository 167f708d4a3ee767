using Bot.Domain.Conversations;
using Bot.Domain.Features.Duty;
using Bot.Tests.Support;

namespace Bot.Tests.Conversations;

public sealed class ConversationEngineTests
{
    [Fact]
    public async Task Help_InChinese_ListsCommandsWithChoices()
    {
        var script = new ConversationScript();

        await script.Send("帮助");

        Assert.StartsWith("张三您好，我是示例花园客服中心的值班助手", script.Reply.Text);
        Assert.Contains("我是谁", script.Reply.Text);
        Assert.Equal(["我是谁", "语言"], script.Reply.ChoiceList.Select(c => c.Label));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("帮助。")]
    [InlineData("  菜单  ")]
    [InlineData("？")]
    public async Task Help_AnyHelpWord_AnswersWithHelp(string word)
    {
        var script = new ConversationScript();

        await script.Send(word);

        Assert.Contains("我是谁", script.Reply.Text);
    }

    [Fact]
    public async Task Unknown_Text_ApologisesAsTheFrontDeskWouldThenHelps()
    {
        var script = new ConversationScript();

        await script.Send("今天天气怎么样");

        // DOMAIN.md, service language: "对不起，请您再说一遍" when the bot did not understand.
        Assert.Equal("对不起，请您再说一遍。", script.Replies[0].Text);
        Assert.Contains("我是谁", script.Replies[1].Text);
    }

    [Fact]
    public async Task HelpChoice_AnsweredByNumber_RunsThatCommand()
    {
        var script = new ConversationScript();
        script.Directory.Roster.Add(new RosterAssignment { Date = new DateOnly(2026, 11, 26), PersonId = "zhangsan", ShiftCode = "early", Post = "客服中心" });
        await script.Send("帮助");

        await script.Send("１"); // a full-width digit, as phone keyboards type it

        Assert.Contains("张三您好", script.Reply.Text);
        Assert.Contains("早班 07:00–15:00（岗位：客服中心）", script.Reply.Text);
    }

    [Fact]
    public async Task HelpChoice_Pressed_RunsThatCommand()
    {
        var script = new ConversationScript();
        await script.Send("帮助");

        await script.Press("我是谁");

        Assert.Contains("角色：管理员", script.Reply.Text);
        Assert.Contains("直属上级：王五", script.Reply.Text);
    }

    [Theory]
    [InlineData("你好，我是谁")]
    [InlineData("您好！我是谁")]
    [InlineData("hi, whoami")]
    [InlineData("你好呀，我是谁")]
    public async Task Greeting_InFrontOfACommand_TheCommandRuns(string text)
    {
        var script = new ConversationScript();

        await script.Send(text);

        Assert.Contains("今天没有您的排班", script.Reply.Text);
    }

    [Theory]
    [InlineData("你好")]
    [InlineData("您好！")]
    [InlineData("您好呀")]
    [InlineData("hello there")]
    [InlineData("hi everyone!")]
    [InlineData("history")]
    public async Task Greeting_Alone_IsHelp_AndAWordStartingLikeOneIsNot(string text)
    {
        var script = new ConversationScript();

        await script.Send(text);

        Assert.Equal(text != "history", script.Replies[0].Text.Contains("我是谁", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhoAmI_NoShiftToday_SaysSo()
    {
        var script = new ConversationScript();

        await script.Send("我是谁");

        Assert.Contains("今天没有您的排班", script.Reply.Text);
    }

    [Fact]
    public async Task WhoAmI_AfterMidnightInShanghai_UsesTheLocalDate()
    {
        var script = new ConversationScript { Now = new DateTimeOffset(2026, 11, 26, 16, 30, 0, TimeSpan.Zero) }; // 00:30 on the 27th
        script.Directory.Roster.Add(new RosterAssignment { Date = new DateOnly(2026, 11, 27), PersonId = "zhangsan", ShiftCode = "early", Post = "客服中心" });

        await script.Send("whoami");

        Assert.Contains("2026-11-27", script.Reply.Text);
        Assert.Contains("早班", script.Reply.Text);
    }

    [Fact]
    public async Task WhoAmI_Owner_ShowsUnitsNotStaffDetails()
    {
        var script = new ConversationScript { As = "chen-3-1-502" };

        await script.Send("我是谁");

        Assert.Equal("陈先生您好，您在示例花园登记的房屋：3-1-502。", script.Reply.Text);
    }

    [Fact]
    public async Task Help_ForOwner_GreetsAsTheFrontDeskAndHidesStaffCommands()
    {
        var script = new ConversationScript { As = "chen-3-1-502" };

        await script.Send("帮助");

        Assert.StartsWith("陈先生您好，这里是示例花园客服中心", script.Reply.Text);
        Assert.DoesNotContain(script.Reply.ChoiceList, c => c.Label == "staffonly");
    }

    [Fact]
    public async Task Command_NotForRole_IsRefusedPolitely()
    {
        var script = new ConversationScript(commands: [new StaffOnlyCommand()]);
        script.As = "chen-3-1-502";

        await script.Send("staffonly");

        Assert.Equal("对不起，“staffonly”不在您的权限范围内。", script.Replies[0].Text);
        Assert.Equal(0, StaffOnlyCommand.Runs.Value);
    }

    [Fact]
    public async Task Language_SwitchToEnglish_LaterRepliesInEnglish()
    {
        var script = new ConversationScript();

        await script.Send("语言");
        Assert.Equal(["中文", "English"], script.Reply.ChoiceList.Select(c => c.Label));
        await script.Send("2");
        Assert.Equal("OK, I will speak English with you from now on.", script.Reply.Text);

        await script.Send("help");
        Assert.StartsWith("Hello 张三, I am the duty assistant of the 示例花园 customer service centre", script.Reply.Text);
        Assert.Equal("en", script.Directory.People["zhangsan"].Language);
    }

    [Fact]
    public async Task Language_WithArgument_SetsAtOnce()
    {
        var script = new ConversationScript();

        await script.Send("language 中文");

        Assert.Equal("好的，以后我会用中文和您交流。", script.Reply.Text);
        Assert.False(script.StateOf("zhangsan").InFlow);
    }

    [Fact]
    public async Task Flow_UnrecognisedAnswer_AsksAgainAndStaysInFlow()
    {
        var script = new ConversationScript();
        await script.Send("语言");

        await script.Send("日语");

        Assert.StartsWith("对不起，请您再说一遍。", script.Reply.Text);
        Assert.Equal(2, script.Reply.ChoiceList.Count);
        Assert.Equal("language", script.StateOf("zhangsan").Flow);
    }

    [Fact]
    public async Task Cancel_InFlow_EndsItBeforeTheFlowSeesIt()
    {
        var script = new ConversationScript();
        await script.Send("语言");

        await script.Send("取消");

        Assert.Equal("好的，已取消。还有什么可以帮您？", script.Reply.Text);
        Assert.False(script.StateOf("zhangsan").InFlow);
        Assert.Equal("zh-CN", script.Directory.People["zhangsan"].Language);
    }

    [Fact]
    public async Task Cancel_NothingInProgress_SaysSo()
    {
        var script = new ConversationScript();

        await script.Send("cancel");

        Assert.Equal("您好，当前没有进行中的操作。", script.Reply.Text);
    }

    [Fact]
    public async Task ActiveFlow_ALookUpTypedMidQuestion_Runs_AndTheQuestionStaysOpenWithItsButtons()
    {
        var script = new ConversationScript();
        await script.Send("语言");
        var offered = script.Reply.Choices!;

        await script.Send("我是谁");

        // 我是谁 only shows something: it is answered, and the language question is still the one open, buttons and all.
        Assert.StartsWith("张三您好。", script.Replies[0].Text);
        Assert.Equal("您刚才的问题还在等待您的回答：“请选择您希望使用的语言”\n可以接着回复；不需要了请发送“取消”。", script.Replies[^1].Text);
        Assert.Equal(offered, script.Replies[^1].Choices);
        // A second look-up says the same question again, not the reminder's own last line.
        await script.Send("我是谁");
        Assert.Equal("您刚才的问题还在等待您的回答：“请选择您希望使用的语言”\n可以接着回复；不需要了请发送“取消”。", script.Replies[^1].Text);
        Assert.True(script.StateOf("zhangsan").InFlow);
        await script.Send("2");
        Assert.Equal("en", script.Directory.People["zhangsan"].Language);
    }

    [Fact]
    public async Task Staff_InEnglish_GetsEnglishNotUnderstood()
    {
        var script = new ConversationScript { As = "zhouba" };

        await script.Send("blah");

        Assert.Equal("Sorry, could you say that again?", script.Replies[0].Text);
    }

    [Fact]
    public async Task RuleRefusal_BecomesAPoliteReply()
    {
        var script = new ConversationScript(commands: [new RefusingCommand()]);

        await script.Send("refuse");

        Assert.Equal("您好，当前没有进行中的操作。", script.Reply.Text);
    }

    private sealed class StaffOnlyCommand : IBotCommand
    {
        public static readonly ThreadLocal<int> Runs = new(() => 0);

        public CommandInfo Info { get; } = new("staffonly", ["staffonly"], ["staffonly"], ConversationTexts.Catalog, "NotUnderstood");

        public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
        {
            Runs.Value++;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RefusingCommand : IBotCommand
    {
        public CommandInfo Info { get; } = new("refuse", ["拒绝"], ["refuse"], ConversationTexts.Catalog, "NotUnderstood");

        public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
            throw new BotRuleException(ConversationTexts.Catalog, "NothingToCancel");
    }
}

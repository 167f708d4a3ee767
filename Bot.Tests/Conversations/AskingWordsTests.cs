using Bot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Conversations;

/// <summary>
/// A command asked for the way one asks a colleague — "我要借钥匙", "我签到", "麻烦帮我签退" — is that command, not
/// "请您再说一遍" and the whole help. Demo department, 2026-11-26 09:30 in Shanghai (张三 on the early shift).
/// </summary>
public sealed class AskingWordsTests : IDisposable
{
    private readonly BotFactory _bot = new(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime()));

    public void Dispose() => _bot.Dispose();

    private readonly Dictionary<string, LocalChatClient> _chats = [];

    private async Task<string> SayAsync(string who, string text)
    {
        var chat = _chats.TryGetValue(who, out var c) ? c : _chats[who] = new LocalChatClient(_bot, who);
        return string.Join("\n", (await chat.SayAsync(text)).Select(l => l.Text));
    }

    [Theory]
    [InlineData("我签到", "签到成功")]
    [InlineData("我要签到", "签到成功")]
    [InlineData("麻烦帮我签到", "签到成功")]
    [InlineData("请签到", "签到成功")]
    [InlineData("我要借钥匙 3-1-502", "好的，借用钥匙 U-3-1-502（3-1-502）。请问用途是")]
    public async Task AskingAsOfAColleague_RunsTheCommandAskedFor(string said, string replyStart) =>
        Assert.StartsWith(replyStart, await SayAsync("zhangsan", said));

    [Theory]
    [InlineData("我想查一下我的钥匙", "我的钥匙")] // 查一下 is no command word: not run, but offered
    [InlineData("3-1-502的钥匙在哪", "钥匙 3-1-502")]
    [InlineData("3-1-502的档案在谁那", "查档案 3-1-502 在谁那")]
    [InlineData("今天的交班怎么弄", "交班")]
    public async Task CommandWordsInsideAMessage_AreOfferedAsButtons_NotTheWholeHelp(string said, string offered)
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var reply = Assert.Single(await chat.SayAsync(said));
        Assert.Equal("对不起，我没有完全听懂。您是想办理以下哪一项？", reply.Text);
        Assert.Contains(offered, reply.Choices.Select(c => c.Value));
        Assert.True(reply.Choices.Count <= 4);
    }

    [Theory]
    [InlineData("我要借3-1-502的钥匙", "借钥匙 3-1-502")]
    [InlineData("借一下3-1-502的钥匙", "借钥匙 3-1-502")]
    [InlineData("还一下3-1-502钥匙", "还钥匙 3-1-502")]
    [InlineData("我要借3-1-502的钥匙查看漏水", "借钥匙 3-1-502 查看漏水")]
    public async Task ACommandWordSaidInTwoParts_IsOfferedWhole_WithTheUnit(string said, string offered)
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var reply = Assert.Single(await chat.SayAsync(said));
        Assert.Equal("对不起，我没有完全听懂。您是想办理以下哪一项？", reply.Text);
        // The whole command first; 钥匙 alone (a word inside 借钥匙) is not offered beside it.
        Assert.Equal(offered, reply.Choices[0].Value);
        Assert.DoesNotContain("钥匙", reply.Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task PressingTheWholeCommand_BorrowsTheKeyNamed_第4篇_1_2_1()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var offered = Assert.Single(await chat.SayAsync("我要借3-1-502的钥匙"));
        Assert.StartsWith("好的，借用钥匙 U-3-1-502（3-1-502）。请问用途是", Assert.Single(await chat.PressAsync(offered.Choices[0].Value)).Text);
    }

    [Fact]
    public async Task AQuestionEndingInItsWord_IsAnswered_NotOffered()
    {
        Assert.StartsWith("现在当班：", await SayAsync("zhangsan", "我想查一下今天谁值班"));
        Assert.StartsWith("您11-27（周五）的班次：", await SayAsync("zhangsan", "我明天上什么班"));
    }

    [Fact]
    public async Task AWhereQuestionAroundACommandWord_IsOfferedWhole_AndPressingItAnswers_第4篇_1_2_1()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var offered = Assert.Single(await chat.SayAsync("3-1-502的钥匙在谁手上"));
        Assert.Equal("钥匙 3-1-502 在谁手上", offered.Choices[0].Value);
        Assert.Contains("U-3-1-502", Assert.Single(await chat.PressAsync(offered.Choices[0].Value)).Text);
    }

    [Fact]
    public async Task ALookUpAskedWithItsWordLast_InTheMiddleOfAQuestion_IsAnswered_AndTheQuestionStaysOpen()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        await chat.SayAsync("值班记录");
        var lines = (await chat.SayAsync("明天谁值班")).Select(l => l.Text).ToList();
        Assert.StartsWith("11-27（周五）的值班安排：", lines[0]);
        Assert.StartsWith("您刚才的问题还在等待您的回答", lines[^1]);
        // More before the word: an answer that ends so, written down as asked.
        Assert.Equal("请选择类别：", Assert.Single(await chat.SayAsync("3号楼业主来前台问明天谁值班")).Text);
    }

    [Fact]
    public async Task AReportNoCommandTook_IsOfferedToWhatRecordsIt_WithTheMessage_第10篇_一_3()
    {
        var chat = new LocalChatClient(_bot, "zhengshi");
        var offered = Assert.Single(await chat.SayAsync("有业主打电话说5号楼电梯坏了"));
        Assert.Equal("对不起，我没有完全听懂。需要把这件事登记下来吗？请选择登记到哪里：", offered.Text);
        Assert.Equal([("值班记录 有业主打电话说5号楼电梯坏了", "值班记录"), ("来电 有业主打电话说5号楼电梯坏了", "来电")],
            offered.Choices.Select(c => (c.Value, c.Label)));
        // Pressed, the duty log takes the message as what happened and asks only what kind of event it is.
        Assert.DoesNotContain("对不起", Assert.Single(await chat.PressAsync(offered.Choices[0].Value)).Text);
        // A question is not a report: asked again, with the help.
        Assert.StartsWith("对不起，请您再说一遍。", await SayAsync("zhangsan", "今天下午几点开会"));
    }

    [Fact]
    public async Task AReportNamingWhatRecordsIt_IsOfferedToThat_WithTheWholeMessage_AndTheUnitIsTheCalls_第10篇_一_3()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var call = Assert.Single(await chat.SayAsync("3-1-502业主来电说卫生间漏水"));
        var toCallLog = Assert.Single(call.Choices, c => c.Label == "来电");
        Assert.Equal("来电 3-1-502业主来电说卫生间漏水", toCallLog.Value);
        var logged = Assert.Single(await chat.PressAsync(toCallLog.Value));
        Assert.StartsWith("已记入电话记录：#1 09:30 3-1-502 业主来电说卫生间漏水。", logged.Text);
        Assert.Contains("业户 3-1-502", logged.Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task NoCommandWordAtAll_IsStillAskedAgainWithTheHelp() =>
        Assert.StartsWith("对不起，请您再说一遍。\n张三您好", await SayAsync("zhangsan", "呜呜呜"));

    [Fact]
    public async Task CommandsThatStartWith我_AreStillThemselves_AndAnOwnersQuestionIsStillPassedOn()
    {
        Assert.StartsWith("张三", await SayAsync("zhangsan", "我是谁"));
        Assert.StartsWith("您未来7天的班次", await SayAsync("zhangsan", "我的班次"));
        // "请问…" from an owner is a question for the front desk (留言), not a command.
        Assert.StartsWith("陈先生您好，您的留言已转给", await SayAsync("chen-3-1-502", "请问物业费怎么交"));
    }

    [Fact]
    public async Task AKeyReturnSaidTheOtherWayRound_IsOfferedAs还钥匙_第4篇_1_2_3()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var reply = Assert.Single(await chat.SayAsync("钥匙 3-1-502 还回来了"));
        Assert.Equal("归还钥匙请发送“还钥匙 3-1-502”，按提示逐项确认后由钥匙保管人收回（第4篇 1.2.3）。", reply.Text);
        Assert.Equal(["还钥匙 3-1-502"], reply.Choices.Select(c => c.Value));
        Assert.Equal(["还钥匙"], Assert.Single(await chat.SayAsync("钥匙还了")).Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task WhereIsAKey_AskedAsPeopleAsk()
    {
        Assert.StartsWith("钥匙 U-3-1-502（3-1-502）", await SayAsync("lisi", "钥匙 3-1-502 在谁那"));
        Assert.StartsWith("请告诉我要查哪把钥匙", await SayAsync("lisi", "钥匙在谁那"));
    }

    [Fact]
    public async Task Clock_AsksInOrOut_AndDayOff_SaysHowWithTheTwoThingsTheBotDoes_第2篇_1_8()
    {
        var chat = new LocalChatClient(_bot, "zhangsan");
        var clock = Assert.Single(await chat.SayAsync("打卡"));
        Assert.Equal("请问是签到还是签退？", clock.Text);
        Assert.Equal(["签到", "签退"], clock.Choices.Select(c => c.Value));
        // Nothing is recorded by 打卡 itself: a wrong guess would be an early leave.
        Assert.StartsWith("签到成功", Assert.Single(await chat.PressAsync("签到")).Text);

        var dayOff = Assert.Single(await chat.SayAsync("我要请假"));
        Assert.StartsWith("整天或整班的请假请按公司人事制度", dayOff.Text);
        Assert.Equal(["调班", "外出"], dayOff.Choices.Select(c => c.Value));
    }
}

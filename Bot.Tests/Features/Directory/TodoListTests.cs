using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Directory;

/// <summary>
/// 待办 gathers what each feature says waits on the person asking: what is pressing first, then by feature, numbered,
/// with a button for each that a command deals with. The features' own lines are tested in their folders; here two
/// sources made for the test stand in for them, so the list's rules are seen alone.
/// </summary>
public sealed class TodoListTests : IDisposable
{
    private sealed class Source(int order, string who, params Todo[] todos) : ITodos
    {
        public int Order => order;

        public Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Todo>>(asked.Person.Id == who ? todos : []);
    }

    private readonly BotFactory _bot;

    public TodoListTests()
    {
        var keys = new Source(1, "lisi",
            new Todo("钥匙 U-3-1-502 已借出 1小时，待归还", new Choice("还钥匙 U-3-1-502", "还钥匙 U-3-1-502")),
            new Todo("钥匙 U-3-1-501 借出已超时 40分钟", new Choice("还钥匙 U-3-1-501", "还钥匙 U-3-1-501"), Pressing: true));
        var later = new Source(2, "lisi", [.. Enumerable.Range(1, 12).Select(i => new Todo($"回访 #{i} 待完成"))]);
        _bot = new BotFactory(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime()),
            services: s => s.AddScoped<ITodos>(_ => later).AddScoped<ITodos>(_ => keys));
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task PressingThingsLead_ThenEachFeatureInItsOrder_AndTheRestAreCounted()
    {
        var reply = Assert.Single(await new LocalChatClient(_bot, "lisi").SayAsync("待办"));

        var lines = reply.Text.Split('\n');
        Assert.Equal("李四您好，目前有14项事情等您处理：", lines[0]);
        Assert.Equal("1. 钥匙 U-3-1-501 借出已超时 40分钟", lines[1]);
        Assert.Equal("2. 钥匙 U-3-1-502 已借出 1小时，待归还", lines[2]);
        Assert.Equal("3. 回访 #1 待完成", lines[3]);
        Assert.Equal("12. 回访 #10 待完成", lines[12]);
        Assert.Equal("另有2项，请用各项的查询查看。", lines[13]);
        Assert.Equal(["还钥匙 U-3-1-501", "还钥匙 U-3-1-502"], reply.Choices.Select(c => c.Value));
    }

    [Theory]
    [InlineData("今天还有什么事？")]
    [InlineData("我今天有什么事")]
    [InlineData("我的待办")]
    [InlineData("还有什么没处理的")]
    public async Task AskedAsOneAsksAColleague(string said) =>
        Assert.StartsWith("李四您好，目前有14项", Assert.Single(await new LocalChatClient(_bot, "lisi").SayAsync(said)).Text);

    [Fact]
    public async Task InEnglish_TheListIsEnglish()
    {
        var chat = new LocalChatClient(_bot, "lisi");
        await chat.SayAsync("语言");
        await chat.PressAsync("en");
        Assert.StartsWith("李四, here is what is waiting on you (14):\n1. 钥匙 U-3-1-501", Assert.Single(await chat.SayAsync("to do")).Text);
    }

    [Fact]
    public async Task NothingWaiting_SaysSo() =>
        Assert.Equal("吴九您好，目前没有需要您处理的事项，辛苦了。", Assert.Single(await new LocalChatClient(_bot, "wujiu").SayAsync("待办")).Text);
}

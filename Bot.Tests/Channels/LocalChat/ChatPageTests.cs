using Bot.Domain.Conversations;
using Bot.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Channels.LocalChat;

/// <summary>The /chat page in headless Chromium, against the real bot on a loopback socket with its workers running.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        _context.SetDefaultTimeout(BrowserFixture.Timeout);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task ChatPage_HelpThenWhoAmIChoice_ShowsNameAndShift()
    {
        await _page.GotoAsync("/chat");
        await _page.GetByTestId("person-picker").SelectOptionAsync("zhangsan");
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]as=zhangsan\b"));
        await Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "live");

        await _page.GetByTestId("message-input").FillAsync("帮助");
        await _page.GetByTestId("message-input").PressAsync("Enter");

        var help = _page.GetByTestId("bot-message").Filter(new() { HasText = "我是谁" });
        await Expect(help).ToHaveCountAsync(1);
        var whoAmI = help.GetByTestId("choice-button").Filter(new() { HasText = "我是谁" });
        // Numbered, so people learn they can type the number instead.
        await Expect(whoAmI).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\. 我是谁$"));
        await Expect(_page.GetByTestId("message-input")).ToHaveValueAsync("");

        await whoAmI.ClickAsync();

        // The page runs on the real clock with the scheduled jobs on: around the end of the early shift a handover
        // prompt also names 早班, so the answer is found by what only 我是谁 says.
        var answer = _page.GetByTestId("bot-message").Filter(new() { HasText = "直属上级" });
        await Expect(answer).ToHaveCountAsync(1);
        await Expect(answer).ToContainTextAsync("张三");
        await Expect(answer).ToContainTextAsync("早班");
        await Expect(_page.GetByTestId("my-message").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("我是谁"));
    }

    [Fact]
    public async Task ChatPage_ProactiveMessageWhileOpen_AppearsWithoutReload()
    {
        await _page.GotoAsync("/chat?as=lisi");
        await Expect(_page.GetByTestId("person-picker")).ToHaveValueAsync("lisi");
        await Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "live");
        var navigations = 0;
        _page.FrameNavigated += (_, frame) => { if (frame == _page.MainFrame) navigations++; };

        await browser.NotifyAsync("lisi", new OutgoingMessage("钥匙 3-1-502 已逾期未归还。\n请尽快处理。"));

        var pushed = _page.GetByTestId("bot-message").Filter(new() { HasText = "已逾期未归还" });
        await Expect(pushed).ToHaveCountAsync(1);
        // Both lines in one bubble: the page keeps the line break.
        await Expect(pushed.GetByTestId("message-text")).ToHaveCSSAsync("white-space", "pre-wrap");
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task ChatPage_EmptyMessage_ShowsTheServersReason()
    {
        await _page.GotoAsync("/chat?as=wangwu");
        await Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "live");

        await _page.GetByTestId("message-input").FillAsync("   ");
        await _page.GetByTestId("send-button").ClickAsync();

        await Expect(_page.GetByTestId("error")).ToContainTextAsync("请输入内容");
        await Expect(_page.GetByTestId("my-message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ChatPage_SwitchingPerson_ShowsOnlyTheirConversation()
    {
        await _page.GotoAsync("/chat?as=zhouba");
        await Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "live");
        await _page.GetByTestId("message-input").FillAsync("帮助");
        await _page.GetByTestId("send-button").ClickAsync();
        await Expect(_page.GetByTestId("bot-message").Filter(new() { HasText = "周八" })).ToHaveCountAsync(1);

        await _page.GetByTestId("person-picker").SelectOptionAsync("chen-3-1-502");

        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]as=chen-3-1-502\b"));
        await Expect(_page.GetByTestId("current-person")).ToContainTextAsync("陈先生");
        await Expect(_page.GetByTestId("bot-message")).ToHaveCountAsync(0);
        await _page.GoBackAsync();
        await Expect(_page.GetByTestId("bot-message").Filter(new() { HasText = "周八" })).ToHaveCountAsync(1);
    }
}

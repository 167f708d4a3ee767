using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

public sealed class OutboxTests : IDisposable
{
    private readonly FlakySender _flaky = new();
    private readonly BotFactory _bot;

    public OutboxTests() => _bot = new BotFactory(services: s => s.AddSingleton<IChannelSender>(_flaky));

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Outbox_RestartBetweenAcceptAndSend_SendsOnceAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var before = new BotFactory(dataDirectory: data))
            {
                var chat = new LocalChatClient(before, "zhangsan");
                (await chat.PostAsync("帮助")).EnsureSuccessStatusCode();
                // The turn runs and its reply is accepted into the outbox; then the process "dies" before sending.
                await before.Services.GetRequiredService<InboxWorker>().ProcessPendingAsync(CancellationToken.None);
                Assert.Empty(await chat.NewBotLinesAsync());
            }

            using var after = new BotFactory(dataDirectory: data);
            await after.DispatchAsync();
            await after.DispatchAsync();

            var lines = await new LocalChatClient(after, "zhangsan").NewBotLinesAsync();
            Assert.Single(lines, l => l.Text.Contains("我是谁", StringComparison.Ordinal));
        }
        finally
        {
            BotFactory.TryDelete(data);
        }
    }

    [Fact]
    public async Task Flow_RestartMidFlow_ContinuesWhereItStopped()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var before = new BotFactory(dataDirectory: data))
            {
                var asked = await new LocalChatClient(before, "zhangsan").SayAsync("语言");
                Assert.Equal(["中文", "English"], asked.Single().Choices.Select(c => c.Label));
            }

            using var after = new BotFactory(dataDirectory: data);
            var chat = new LocalChatClient(after, "zhangsan");
            await chat.NewBotLinesAsync(); // skip the history from before the restart
            var answered = await chat.SayAsync("English");

            Assert.Equal("OK, I will speak English with you from now on.", answered.Single().Text);
        }
        finally
        {
            BotFactory.TryDelete(data);
        }
    }

    [Fact]
    public async Task Dispatcher_TransientFailure_RetriesAfterBackoffAndSendsOnce()
    {
        _flaky.Script.Enqueue(new SendResult.Retry("503 Service Unavailable"));
        var id = await EnqueueAsync("conv-1", "第一条");

        await _bot.DispatchAsync();
        Assert.Equal(1, _flaky.Attempts);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync(id)).Status);

        // Not before the backoff (2 s ±20 %) has passed.
        _bot.Time.Advance(TimeSpan.FromSeconds(1));
        await _bot.DispatchAsync();
        Assert.Equal(1, _flaky.Attempts);

        _bot.Time.Advance(TimeSpan.FromSeconds(2));
        await _bot.DispatchAsync();
        await _bot.DispatchAsync();

        Assert.Equal(2, _flaky.Attempts);
        Assert.Equal(["第一条"], _flaky.Delivered);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Dispatcher_RetryAfter_IsHonoured()
    {
        _flaky.Script.Enqueue(new SendResult.Retry("429 Too Many Requests", TimeSpan.FromSeconds(30)));
        await EnqueueAsync("conv-1", "限流");

        await _bot.DispatchAsync();
        _bot.Time.Advance(TimeSpan.FromSeconds(29));
        await _bot.DispatchAsync();
        Assert.Empty(_flaky.Delivered);

        _bot.Time.Advance(TimeSpan.FromSeconds(1));
        await _bot.DispatchAsync();
        Assert.Equal(["限流"], _flaky.Delivered);
    }

    [Fact]
    public async Task Dispatcher_PermanentFailure_GivesUpWithoutRetrying()
    {
        _flaky.Script.Enqueue(new SendResult.Failed("400 Bad Request"));
        var id = await EnqueueAsync("conv-1", "坏请求");

        await _bot.DispatchAsync();
        _bot.Time.Advance(TimeSpan.FromHours(1));
        await _bot.DispatchAsync();

        Assert.Equal(1, _flaky.Attempts);
        var row = await RowAsync(id);
        Assert.Equal(OutboxStatus.Dead, row.Status);
        Assert.Equal("400 Bad Request", row.LastError);
    }

    [Fact]
    public async Task Dispatcher_EarlierMessageWaitingForRetry_HoldsBackLaterOnesInThatConversationOnly()
    {
        _flaky.Script.Enqueue(new SendResult.Retry("502 Bad Gateway"));
        await EnqueueAsync("conv-1", "一");
        await EnqueueAsync("conv-1", "二");
        await EnqueueAsync("conv-2", "别的会话");

        await _bot.DispatchAsync();
        Assert.Equal(["别的会话"], _flaky.Delivered);

        _bot.Time.Advance(TimeSpan.FromSeconds(3));
        await _bot.DispatchAsync();
        Assert.Equal(["别的会话", "一", "二"], _flaky.Delivered);
    }

    [Fact]
    public async Task Dispatcher_SenderThrows_RetriesThatMessage_OthersSentBesideItGoOutOnce()
    {
        _flaky.ThrowOnce = new InvalidOperationException("boom");
        var first = await EnqueueAsync("conv-1", "一");
        await EnqueueAsync("conv-2", "二");

        // Sent side by side: the one whose sender threw is kept for a retry with the error, the other is recorded sent.
        await _bot.DispatchAsync();
        Assert.Equal(["二"], _flaky.Delivered);
        var failed = await RowAsync(first);
        Assert.Equal((OutboxStatus.Pending, 1), (failed.Status, failed.Attempts));
        Assert.Contains("boom", failed.LastError, StringComparison.Ordinal);

        _bot.Time.Advance(TimeSpan.FromSeconds(3));
        await _bot.DispatchAsync();
        await _bot.DispatchAsync();
        Assert.Equal(["二", "一"], _flaky.Delivered);
    }

    [Fact]
    public async Task Dispatcher_TooManyAttempts_MarksDead()
    {
        for (var i = 0; i < 10; i++) _flaky.Script.Enqueue(new SendResult.Retry("504 Gateway Timeout"));
        var id = await EnqueueAsync("conv-1", "总是超时");

        for (var i = 0; i < 12; i++)
        {
            await _bot.DispatchAsync();
            _bot.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(10, _flaky.Attempts);
        Assert.Equal(OutboxStatus.Dead, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Notifier_SameKeyTwice_EnqueuesOnce()
    {
        async Task<bool> Notify() => await _bot.InScopeAsync(async sp =>
        {
            var sent = await sp.GetRequiredService<INotifier>().NotifyAsync("lisi", new OutgoingMessage("交班提醒"), "handover:lisi:2026-11-26", CancellationToken.None);
            await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
            return sent;
        });

        Assert.True(await Notify());
        Assert.False(await Notify());
        await _bot.DispatchAsync();

        var lines = await new LocalChatClient(_bot, "lisi").NewBotLinesAsync();
        Assert.Equal(["交班提醒"], lines.Select(l => l.Text));
    }

    [Fact]
    public async Task Pacing_MoreAlertsThanAMinuteAllows_OverflowArrivesAsOneSummary()
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?> { ["Conversations:MaxProactivePerMinute"] = "3" });
        async Task Notify(int n) => await bot.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<INotifier>().NotifyAsync("lisi",
                new OutgoingMessage($"提醒{n}", [new Choice($"收到 {n}", "收到")]), null, CancellationToken.None);
            await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
        });
        for (var n = 1; n <= 6; n++) await Notify(n);

        await bot.DispatchAsync();

        var lines = await new LocalChatClient(bot, "lisi").NewBotLinesAsync();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["提醒1", "提醒2"], lines.Take(2).Select(l => l.Text));
        var summary = lines[2];
        Assert.StartsWith("您好，您有4条提醒，为免打扰已合并发送：", summary.Text);
        Assert.Contains("(4) 提醒6", summary.Text);
        Assert.Equal(["收到 3", "收到 4", "收到 5", "收到 6"], summary.Choices.Select(c => c.Label));
    }

    [Fact]
    public async Task Pacing_BudgetSpent_HoldsUntilTheMinuteHasPassed()
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?> { ["Conversations:MaxProactivePerMinute"] = "2" });
        var chat = new LocalChatClient(bot, "lisi");
        async Task Notify(string text) => await bot.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<INotifier>().NotifyAsync("lisi", new OutgoingMessage(text), null, CancellationToken.None);
            await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
        });
        await Notify("一");
        await Notify("二");
        await bot.DispatchAsync();
        Assert.Equal(2, (await chat.NewBotLinesAsync()).Count);

        await Notify("三");
        await bot.DispatchAsync();
        Assert.Empty(await chat.NewBotLinesAsync());

        bot.Time.Advance(TimeSpan.FromSeconds(61));
        await bot.DispatchAsync();
        Assert.Equal(["三"], (await chat.NewBotLinesAsync()).Select(l => l.Text));
    }

    [Fact]
    public async Task Pacing_RepliesToThePerson_AreNeverHeld()
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?> { ["Conversations:MaxProactivePerMinute"] = "1" });
        var chat = new LocalChatClient(bot, "zhangsan");

        var first = await chat.SayAsync("帮助");
        var second = await chat.SayAsync("我是谁");

        Assert.Single(first);
        Assert.Single(second);
    }

    private Task<long> EnqueueAsync(string conversation, string text) => _bot.InScopeAsync(async sp =>
    {
        var row = sp.GetRequiredService<Outbox>().Enqueue(new ConversationAddress(FlakySender.Name, conversation), new OutgoingMessage(text), null);
        await sp.GetRequiredService<BotDbContext>().SaveChangesAsync();
        return row.Id;
    });

    private Task<OutboxMessage> RowAsync(long id) =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>A channel whose answers the test scripts; after the script runs out, every send succeeds.</summary>
    private sealed class FlakySender : IChannelSender
    {
        public const string Name = "flaky";

        public Queue<SendResult> Script { get; } = new();
        public List<string> Delivered { get; } = [];
        public int Attempts { get; private set; }

        public string Channel => Name;

        /// <summary>Thrown by the next send (a sender bug or an unexpected failure), then cleared.</summary>
        public Exception? ThrowOnce { get; set; }

        public Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
        {
            Attempts++;
            if (ThrowOnce is { } exception)
            {
                ThrowOnce = null;
                throw exception;
            }
            if (Script.TryDequeue(out var result)) return Task.FromResult(result);
            Delivered.Add(envelope.Message.Text);
            return Task.FromResult<SendResult>(new SendResult.Sent(envelope.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

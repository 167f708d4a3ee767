using Bot.Channels.LocalChat;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>
/// The inbox worker runs the turns it claims together, in one transaction with a savepoint per turn: what one person
/// sends must not be lost or half-kept because another person's turn in the same batch failed.
/// </summary>
public sealed class TurnBatchTests : IDisposable
{
    private readonly BotFactory _bot = new(services: WithExplodingCommand);

    public void Dispose() => _bot.Dispose();

    /// <summary>Adds 爆炸, a command whose turn fails after it saved something.</summary>
    internal static void WithExplodingCommand(IServiceCollection services) => services.AddScoped<IBotCommand, ExplodingCommand>();

    [Fact]
    public Task FailingTurnInABatch_IsRolledBackAlone_OthersAreAnsweredOnce() => FailingTurnIsRolledBackAloneAsync(_bot);

    [Fact]
    public async Task ATurnThatKeepsFailing_EndsWithOneApology_SayingNothingWasDone_第3篇_2_6()
    {
        var zhangsan = new LocalChatClient(_bot, "zhangsan");
        (await zhangsan.PostAsync("爆炸")).EnsureSuccessStatusCode();
        // Each failure holds the message back a little longer (2 s, 4 s …) before it is tried again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await _bot.RunTurnsAsync();
            _bot.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await _bot.RunTurnsAsync();
        Assert.Equal("对不起，给您添麻烦了：系统刚才出了点问题，您这条消息没有办成，请您稍候再发一次。", Assert.Single(await zhangsan.NewBotLinesAsync()).Text);
        var row = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().AsNoTracking().SingleAsync(m => m.ConversationId == "zhangsan"));
        Assert.Equal((InboxStatus.Failed, 3), (row.Status, row.Attempts));
        Assert.Equal(0, await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<LocalChatMessage>().CountAsync(m => m.Text == ExplodingCommand.Written)));
    }

    /// <summary>The scenario, also run on PostgreSQL (PostgresTests): <paramref name="bot"/> has <see cref="WithExplodingCommand"/>.</summary>
    internal static async Task FailingTurnIsRolledBackAloneAsync(BotFactory bot)
    {
        var zhangsan = new LocalChatClient(bot, "zhangsan");
        var lisi = new LocalChatClient(bot, "lisi");
        (await lisi.PostAsync("我是谁")).EnsureSuccessStatusCode();
        (await zhangsan.PostAsync("爆炸")).EnsureSuccessStatusCode();
        (await lisi.PostAsync("帮助")).EnsureSuccessStatusCode();

        await bot.RunTurnsAsync();

        // 李四's two messages ran (in order, in two batches) and were answered; 张三's turn failed before its reply.
        var lisiLines = await lisi.NewBotLinesAsync();
        Assert.Equal(2, lisiLines.Count);
        Assert.Contains("李四", lisiLines[0].Text, StringComparison.Ordinal);
        Assert.Contains("我是谁", lisiLines[1].Text, StringComparison.Ordinal);
        Assert.Empty(await zhangsan.NewBotLinesAsync());

        var (row, leftovers) = await bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            var failed = await db.Set<InboxMessage>().AsNoTracking().SingleAsync(m => m.ConversationId == "zhangsan");
            var written = await db.Set<LocalChatMessage>().AsNoTracking().CountAsync(m => m.Text == ExplodingCommand.Written);
            return (failed, written);
        });
        // What the failing turn had already saved is gone; the row waits for its retry with the reason recorded.
        Assert.Equal(0, leftovers);
        Assert.Equal((InboxStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("boom", row.Error, StringComparison.Ordinal);
    }

    /// <summary>Writes and saves a chat line, then fails: a turn that breaks after a feature wrote early.</summary>
    private sealed class ExplodingCommand(BotDbContext db, TimeProvider time) : IBotCommand
    {
        public const string Written = "不该留下的一行";

        public CommandInfo Info { get; } = new("explode", ["爆炸"], ["explode"], ConversationTexts.Catalog, "SomethingWentWrong");

        public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
        {
            db.Add(new LocalChatMessage { ParticipantId = turn.Sender.Id, FromBot = true, Text = Written, Choices = "[]", At = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            throw new InvalidOperationException("boom");
        }
    }
}

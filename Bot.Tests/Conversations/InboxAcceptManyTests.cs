using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>The inbox's group commit: one commit for a batch, duplicates refused like AcceptAsync does (also run on PostgreSQL).</summary>
public sealed class InboxAcceptManyTests
{
    private static IncomingMessage Message(string id, string channel = "wecom") =>
        new(new ConversationAddress(channel, "zhangsan"), id, new ChannelUser(channel, "zhangsan"), "帮助", null, ReceivedAt);

    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 1, 30, 0, 123, TimeSpan.Zero);

    private static IncomingMessage[] Batch => [Message("old"), Message("a"), Message("a"), Message("b"), Message("a", channel: "localchat")];

    /// <summary>Runs the batch against <paramref name="bot"/>'s database after "old" was accepted, and checks what was taken and stored.</summary>
    internal static async Task AssertBatchAsync(BotFactory bot)
    {
        await bot.InScopeAsync(sp => sp.GetRequiredService<Inbox>().AcceptAsync(Message("old"), CancellationToken.None));

        var taken = await bot.InScopeAsync(sp => sp.GetRequiredService<Inbox>().AcceptManyAsync(Batch, CancellationToken.None));

        Assert.Equal([false, true, false, true, true], taken);
        var rows = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["wecom/old", "wecom/a", "wecom/b", "localchat/a"], rows.Select(m => m.Channel + "/" + m.ChannelMessageId));
        Assert.All(rows, m => Assert.Equal(ReceivedAt, m.ReceivedAt));
        Assert.All(rows, m => Assert.Equal(InboxStatus.Pending, m.Status));
        Assert.Equal("帮助", WireJson.ReadIncoming(rows[1].Payload).Text);
    }

    [Fact]
    public async Task AcceptMany_SeenBeforeAndRepeatedInBatch_OnlyNewOnesTaken()
    {
        using var bot = new BotFactory();
        await AssertBatchAsync(bot);
    }

    [Fact]
    public async Task AcceptMany_BatchAfterBatchOnOneOpenConnection_EachStoredAndRepeatsRefused()
    {
        // As InboxWriter runs it: one inbox, its connection held open, so the insert prepared for the first batch
        // serves the next ones.
        using var bot = new BotFactory();
        var (first, second, rows) = await bot.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<BotDbContext>().Database.OpenConnectionAsync();
            var inbox = sp.GetRequiredService<Inbox>();
            var first = await inbox.AcceptManyAsync([Message("a"), Message("b")], CancellationToken.None);
            var second = await inbox.AcceptManyAsync([Message("b"), Message("c")], CancellationToken.None);
            var rows = await sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().OrderBy(m => m.Id).Select(m => m.ChannelMessageId).ToListAsync();
            return (first, second, rows);
        });

        Assert.Equal([true, true], first);
        Assert.Equal([false, true], second);
        Assert.Equal(["a", "b", "c"], rows);
    }

    [Fact]
    public async Task AcceptMany_InsideCallersTransaction_GoesWithItsRollback()
    {
        // WeCom kf sync stores messages with its cursor: when its unit fails, the messages must not stay behind.
        using var bot = new BotFactory();
        var taken = await bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var taken = await sp.GetRequiredService<Inbox>().AcceptManyAsync([Message("a")], CancellationToken.None);
            await transaction.RollbackAsync();
            return taken;
        });

        Assert.Equal([true], taken);
        Assert.Empty(await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().ToListAsync()));
    }
}

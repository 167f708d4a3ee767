using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>The inbox's group commit: one statement for a batch, duplicates refused like AcceptAsync does (also run on PostgreSQL).</summary>
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
}

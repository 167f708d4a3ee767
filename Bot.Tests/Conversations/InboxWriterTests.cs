using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>The group commit in front of the inbox, which the WeCom and Bot Framework endpoints store through.</summary>
public sealed class InboxWriterTests
{
    private static IncomingMessage Message(string id) =>
        new(new ConversationAddress("wecom", "zhangsan"), id, new ChannelUser("wecom", "zhangsan"), "帮助", null,
            new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));

    private const string TakeAway = "ALTER TABLE \"Inbox\" RENAME TO \"InboxAway\"";
    private const string PutBack = "ALTER TABLE \"InboxAway\" RENAME TO \"Inbox\"";

    private static Task ExecuteAsync(BotFactory bot, string sql) =>
        bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Database.ExecuteSqlRawAsync(sql));

    [Fact]
    public async Task AfterAFailedBatch_ItsRequestsFail_AndTheNextIsStoredOnAFreshConnection()
    {
        using var bot = new BotFactory();
        var writer = bot.Services.GetRequiredService<InboxWriter>();
        Assert.True(await writer.AcceptAsync(Message("a")));

        // The writer keeps its connection and prepared insert between batches; with the table gone, its batch fails.
        await ExecuteAsync(bot, TakeAway);
        await Assert.ThrowsAnyAsync<Exception>(() => writer.AcceptAsync(Message("b")));
        await ExecuteAsync(bot, PutBack);

        Assert.True(await writer.AcceptAsync(Message("c")));
        Assert.False(await writer.AcceptAsync(Message("a")));
        var stored = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>()
            .OrderBy(m => m.Id).Select(m => m.ChannelMessageId).ToListAsync());
        Assert.Equal(["a", "c"], stored);
    }
}

using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>The inbox's group commit: one transaction for a batch, duplicates refused like AcceptAsync does.</summary>
public sealed class InboxAcceptManyTests
{
    private static IncomingMessage Message(string id, string channel = "wecom") =>
        new(new ConversationAddress(channel, "zhangsan"), id, new ChannelUser(channel, "zhangsan"), "帮助", null, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task AcceptMany_SeenBeforeAndRepeatedInBatch_OnlyNewOnesTaken()
    {
        using var bot = new BotFactory();
        await bot.InScopeAsync(sp => sp.GetRequiredService<Inbox>().AcceptAsync(Message("old"), CancellationToken.None));

        var taken = await bot.InScopeAsync(sp => sp.GetRequiredService<Inbox>().AcceptManyAsync(
            [Message("old"), Message("a"), Message("a"), Message("b"), Message("a", channel: "localchat")], CancellationToken.None));

        Assert.Equal([false, true, false, true, true], taken);
        var rows = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>()
            .OrderBy(m => m.Id).Select(m => m.Channel + "/" + m.ChannelMessageId).ToListAsync());
        Assert.Equal(["wecom/old", "wecom/a", "wecom/b", "localchat/a"], rows);
    }
}

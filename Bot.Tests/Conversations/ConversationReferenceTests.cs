using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>Proactive messages (alerts, reminders) go where the person last talked to us.</summary>
public sealed class ConversationReferenceTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Reminder_GoesToTheChannelLastUsed_AlsoWhenComingBackToAnEarlierOne()
    {
        var wecom = new ConversationAddress("wecom", "lisi");
        var teams = new ConversationAddress("botframework", "a:lisi-1:1", "{\"serviceUrl\":\"https://smba.trafficmanager.net/apac/\"}");

        Assert.Equal(wecom, await TalkAndAskAsync(wecom));
        Assert.Equal(teams, await TalkAndAskAsync(teams));
        // Back on WeCom, from the same conversation as before: nothing about the address changed, the order did.
        Assert.Equal(wecom, await TalkAndAskAsync(wecom));
        Assert.Equal(wecom, await TalkAndAskAsync(wecom));
        // A new Teams conversation (reinstalled app) is kept as the new address.
        var teamsAgain = teams with { ConversationId = "a:lisi-2:1" };
        Assert.Equal(teamsAgain, await TalkAndAskAsync(teamsAgain));
    }

    /// <summary>李四 writes from <paramref name="address"/> a minute later; returns where a reminder to him would go.</summary>
    private async Task<ConversationAddress?> TalkAndAskAsync(ConversationAddress address)
    {
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            await db.RememberAddressAsync("lisi", address, _bot.Time.GetUtcNow(), CancellationToken.None);
            await db.SaveChangesAsync();
        });
        return await _bot.InScopeAsync(sp => sp.GetRequiredService<Notifier>().AddressForAsync("lisi", CancellationToken.None));
    }
}

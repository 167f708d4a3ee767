using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Directory;

/// <summary>
/// Who is writing: a batch of turns asks the directory once for all its senders — channel identities first, local ids
/// on local channels, staff before owners, nobody for the inactive.
/// </summary>
public sealed class ParticipantLookupTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task SeveralSendersAtOnce_ResolveAsEachWouldAlone()
    {
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            // The same WeCom-style id means different people on different channels; 吴九 has left.
            db.AddRange(
                new ChannelIdentity { Channel = "wecom", ChannelUserId = "u-100", PersonId = "lisi" },
                new ChannelIdentity { Channel = "botframework", ChannelUserId = "u-100", PersonId = "wangwu" },
                new ChannelIdentity { Channel = "wecomkf", ChannelUserId = "wm-ext-1", OwnerId = "chen-3-1-502" },
                new ChannelIdentity { Channel = "wecom", ChannelUserId = "u-200", PersonId = "wujiu" });
            await db.Set<Person>().Where(p => p.Id == "wujiu").ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false));
            await db.SaveChangesAsync();
        });
        ChannelIdentityKey[] asked =
        [
            new("wecom", "u-100", false), new("botframework", "u-100", false), new("wecomkf", "wm-ext-1", false),
            new("wecom", "u-200", false), new("localchat", "zhangsan", true), new("localchat", "chen-3-1-502", true),
            new("wecom", "stranger", false), new("localchat", "nobody", true),
        ];

        var together = await _bot.InScopeAsync(sp => sp.GetRequiredService<IDirectoryStore>().FindParticipantsAsync(asked, CancellationToken.None));

        Assert.Equal("李四", together[("wecom", "u-100")].DisplayName);
        Assert.Equal("王五", together[("botframework", "u-100")].DisplayName);
        Assert.Equal((ParticipantKind.Owner, "chen-3-1-502"), (together[("wecomkf", "wm-ext-1")].Kind, together[("wecomkf", "wm-ext-1")].Id));
        Assert.Equal(ParticipantKind.Owner, together[("localchat", "chen-3-1-502")].Kind);
        Assert.Equal("张三", together[("localchat", "zhangsan")].DisplayName);
        // Not found: someone inactive, a channel id nobody registered (not a local channel), an unknown local id.
        Assert.False(together.ContainsKey(("wecom", "u-200")));
        Assert.False(together.ContainsKey(("wecom", "stranger")));
        Assert.False(together.ContainsKey(("localchat", "nobody")));
    }
}

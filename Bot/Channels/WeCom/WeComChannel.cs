using Bot.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Bot.Domain.Conversations;

namespace Bot.Channels.WeCom;

/// <summary>The configured callback crypto, or null when WeCom is not configured (the endpoint then answers 404).</summary>
public sealed class WeComChannel(IOptions<WeComOptions> options)
{
    public WeComCrypto? Crypto { get; } = options.Value.IsConfigured
        ? new WeComCrypto(options.Value.Token, options.Value.EncodingAesKey, options.Value.CorpId)
        : null;
}

/// <summary>
/// A person with a wecom identity can be messaged by userid, even if they never opened the app (message/send needs
/// only the userid, wecom.md §8.2). An identity marked unreachable (81013) is skipped.
/// </summary>
public sealed class WeComProactiveChannel(IServiceScopeFactory scopes, IOptions<WeComOptions> options) : IProactiveChannel
{
    public int Priority => 10;

    public async Task<ConversationAddress?> AddressForAsync(string participantId, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured) return null;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var userId = await db.Set<ChannelIdentity>().AsNoTracking()
            .Where(i => i.Channel == WeComTranslator.Channel && i.PersonId == participantId && i.UnreachableSince == null)
            .OrderBy(i => i.ChannelUserId)
            .Select(i => i.ChannelUserId)
            .FirstOrDefaultAsync(cancellationToken);
        return userId is null ? null : new ConversationAddress(WeComTranslator.Channel, userId);
    }
}

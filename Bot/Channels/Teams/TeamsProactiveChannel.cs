using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// Reaches a person the bot has never talked to on Teams (no stored conversation reference): the address asks the
/// sender to create the 1:1 conversation first, in the configured tenant, at <see cref="TeamsOptions.DefaultServiceUrl"/>
/// (botframework.md §4.5). The person is found by their directory identities on channel <c>msteams</c>: a Teams user id
/// (<c>29:…</c>) is used when known, else the aadObjectId (docs/directory-csv.md).
/// </summary>
internal sealed class TeamsProactiveChannel(IServiceScopeFactory scopes, TeamsChannelMode mode, IOptions<TeamsOptions> options) : IProactiveChannel
{
    /// <summary>The identity namespace of Teams users in the directory (the activities' channelId).</summary>
    public const string IdentityChannel = BotFrameworkSender.TeamsChannelId;

    /// <summary>Before the local chat page (1000): a staff member on Teams should get it where they work.</summary>
    public int Priority => 100;

    public async Task<ConversationAddress?> AddressForAsync(string participantId, CancellationToken cancellationToken)
    {
        // Without an app id there is no Teams to reach (emulator mode answers only to the local peer).
        if (!mode.Authenticated) return null;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var ids = await db.Set<ChannelIdentity>().AsNoTracking()
            .Where(i => i.Channel == IdentityChannel && (i.PersonId == participantId || i.OwnerId == participantId))
            // Blocked or uninstalled (a 403 said so): another channel, until the person writes on Teams again.
            .Where(i => i.UnreachableSince == null)
            .Select(i => i.ChannelUserId)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0) return null;

        var o = options.Value;
        // The Teams user id is what create-conversation documents for members (§4.5); an aadObjectId alone is sent as
        // the member id together with aadObjectId, which Microsoft's Q&A answers describe as accepted.
        var teamsUserId = ids.Where(id => id.StartsWith("29:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        var user = teamsUserId is not null
            ? new ChannelAccount { Id = teamsUserId }
            : new ChannelAccount { Id = ids.Order(StringComparer.Ordinal).First(), AadObjectId = ids.Order(StringComparer.Ordinal).First() };
        var address = new BotFrameworkAddress(
            o.DefaultServiceUrl,
            IdentityChannel,
            new ChannelAccount { Id = "28:" + o.AppId },
            user,
            new ConversationAccount { ConversationType = "personal", TenantId = o.TenantId },
            Locale: null,
            CreateConversation: true);
        // Not a real conversation id yet: it keeps one person's proactive messages in order in the outbox until the
        // sender has created the conversation.
        return new ConversationAddress(ActivityTranslator.AddressChannel, "msteams-new:" + user.Id, address.ToJson());
    }
}

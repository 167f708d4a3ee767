using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.Extensions.Options;

namespace Bot.Channels.LocalChat;

/// <summary>
/// The local chat as a channel: a conversation per person, whose id is the person's (or owner's) local id.
/// Sending = writing the line to the chat's history and pushing it to open pages.
/// </summary>
public sealed class LocalChatChannel(IServiceScopeFactory scopes, LocalChatHub hub, TimeProvider time, IOptions<LocalChatOptions> options)
    : IChannelSender, IProactiveChannel
{
    public const string Name = "localchat";

    /// <summary>The identity namespace of the local chat: the sender id is the directory's local id.</summary>
    public const string IdentityChannel = "local";

    public string Channel => Name;

    public static ConversationAddress AddressOf(string participantId) => new(Name, participantId);

    /// <summary>Last resort: anyone in the directory can open the chat page — while the page is enabled.</summary>
    public int Priority => 1000;

    public Task<ConversationAddress?> AddressForAsync(string participantId, CancellationToken cancellationToken) =>
        Task.FromResult(options.Value.Enabled == true ? AddressOf(participantId) : null);

    public async Task<SendResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
    {
        var line = new LocalChatMessage
        {
            ParticipantId = envelope.Address.ConversationId,
            FromBot = true,
            Text = envelope.Message.Text,
            Choices = WireJson.Write(envelope.Message.ChoiceList),
            At = time.GetUtcNow(),
        };
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            db.Add(line);
            await db.SaveChangesAsync(cancellationToken);
        }
        hub.Publish(line);
        return new SendResult.Sent(line.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Bot.Channels.LocalChat;

/// <summary>Live delivery to open /chat pages (server-sent events); the history in the database covers anything missed.</summary>
public sealed class LocalChatHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<LocalChatMessage>>> _listeners = new(StringComparer.Ordinal);

    public void Publish(LocalChatMessage message)
    {
        if (!_listeners.TryGetValue(message.ParticipantId, out var listeners)) return;
        foreach (var listener in listeners.Values) listener.Writer.TryWrite(message);
    }

    public Subscription Subscribe(string participantId)
    {
        var channel = Channel.CreateBounded<LocalChatMessage>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _listeners.GetOrAdd(participantId, _ => new())[id] = channel;
        return new Subscription(channel.Reader, () =>
        {
            if (_listeners.TryGetValue(participantId, out var listeners)) listeners.TryRemove(id, out _);
        });
    }

    public sealed class Subscription(ChannelReader<LocalChatMessage> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<LocalChatMessage> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}

using System.Text.Json;
using Bot.Domain.Conversations;

namespace Bot.Conversations;

/// <summary>How neutral messages and conversation state are stored as JSON in the inbox, outbox and state tables.</summary>
public static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");

    public static IncomingMessage ReadIncoming(string json) => Read<IncomingMessage>(json);

    public static OutgoingMessage ReadOutgoing(string json) => Read<OutgoingMessage>(json);
}

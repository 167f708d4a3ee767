using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Bot.Domain.Conversations;

namespace Bot.Conversations;

/// <summary>How neutral messages and conversation state are stored as JSON in the inbox, outbox and state tables.</summary>
public static class WireJson
{
    /// <summary>
    /// Chinese stays as itself (UTF-8, 3 bytes a character) instead of <c>\uXXXX</c> (6): the text is read back only by
    /// this class, never served raw, and HTML-significant characters are still escaped.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// The inbox's copy of a message leaves out what reads back the same without it: nulls, <c>false</c>, and the
    /// computed <see cref="IncomingMessage.ReplyTo"/>. Every message is written once per callback under load, and the
    /// row's size is most of what a commit writes (README, "WeCom callback load"). Older, longer rows read the same.
    /// </summary>
    private static readonly JsonSerializerOptions Incoming = new(Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        IgnoreReadOnlyProperties = true,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string WriteIncoming(IncomingMessage message) => JsonSerializer.Serialize(message, Incoming);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");

    public static IncomingMessage ReadIncoming(string json) => Read<IncomingMessage>(json);

    public static OutgoingMessage ReadOutgoing(string json) => Read<OutgoingMessage>(json);
}

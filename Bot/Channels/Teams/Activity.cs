using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bot.Channels.Teams;

// Bot Framework wire types (botframework.md §2.1, §4.2). Only the fields this bot reads or writes are typed; anything
// else a channel sends is kept in Extra (receivers must accept unknown fields, A2005). They stay inside this folder:
// the rest of the bot sees the neutral IncomingMessage / OutgoingMessage only.

/// <summary>One Bot Framework activity, inbound or outbound.</summary>
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? Name { get; init; }
    public string? ReplyToId { get; init; }
    public JsonElement? Value { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    /// <summary>Cards go here: <c>{contentType: "application/vnd.microsoft.card.adaptive", content}</c> (§5).</summary>
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    /// <summary>Teams: <c>tenant.id</c>, <c>eventType</c>, … (§2.1, §2.2); outbound: the tenant when creating a conversation.</summary>
    public JsonNode? ChannelData { get; init; }
    /// <summary>conversationUpdate: who joined; the bot itself when its id is the recipient's (§2.3).</summary>
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    /// <summary>installationUpdate: <c>add</c>, <c>remove</c>, … (§2.3).</summary>
    public string? Action { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A user or bot account: <c>{id, name, aadObjectId?, role?}</c>.</summary>
internal sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A conversation: <c>{id, name?, isGroup?, conversationType?, tenantId?}</c>.</summary>
internal sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? IsGroup { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>Buttons offered under a message; each <c>imBack</c> action posts its value back as the user's text.</summary>
internal sealed record SuggestedActions
{
    public IReadOnlyList<CardAction>? Actions { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

internal sealed record CardAction
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>An attachment; the bot sends Adaptive Cards as <c>content</c> (§5).</summary>
internal sealed record Attachment
{
    public string? ContentType { get; init; }
    public JsonNode? Content { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>Create conversation: <c>POST /v3/conversations</c> (botframework.md §4.2, §4.5).</summary>
internal sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TenantId { get; init; }
    public JsonNode? ChannelData { get; init; }
}

/// <summary>The answer to create conversation: the new conversation's id, sometimes its serviceUrl (§4.2).</summary>
internal sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>What the Connector answers a send or reply with (botframework.md §4.2); the id may be missing (§4.3).</summary>
internal sealed record ResourceResponse
{
    public string? Id { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The Connector's error body: <c>{"error": {"code", "message"}}</c> (botframework.md §4.3).</summary>
internal sealed record ErrorResponse
{
    public ErrorBody? Error { get; init; }
}

internal sealed record ErrorBody
{
    public string? Code { get; init; }
    public string? Message { get; init; }
}

internal static class TeamsJson
{
    /// <summary>camelCase, case-insensitive on read, nulls left out on write (botframework.md §2).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;

namespace Bot.Channels.Teams;

/// <summary>
/// What a reply to a Bot Framework conversation needs, kept as <see cref="ConversationAddress.Data"/>: the reply
/// builder swaps the accounts, copies the conversation and echoes the channel id (botframework.md §4.2, §4.5).
/// </summary>
internal sealed record BotFrameworkAddress(
    string ServiceUrl,
    string ChannelId,
    ChannelAccount Bot,
    ChannelAccount User,
    ConversationAccount Conversation,
    string? Locale,
    bool CreateConversation = false)
{
    public string ToJson() => JsonSerializer.Serialize(this, TeamsJson.Options);

    public static BotFrameworkAddress? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BotFrameworkAddress>(json, TeamsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Turns an inbound <c>message</c> activity into the neutral <see cref="IncomingMessage"/>.</summary>
internal static partial class ActivityTranslator
{
    /// <summary>The address channel of every Bot Framework conversation (Teams, emulator, Direct Line alike).</summary>
    public const string AddressChannel = "botframework";

    /// <summary>Why the message cannot be taken, or null when it can (the fields replies and identity need).</summary>
    public static string? Validate(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return "conversation.id is required.";
        if (string.IsNullOrWhiteSpace(activity.From?.Id)) return "from.id is required.";
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) return "channelId is required.";
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl)) return "serviceUrl is required.";
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
            return "serviceUrl must be an absolute http(s) URL.";
        return null;
    }

    /// <summary>
    /// Where replies to this activity go: its serviceUrl, conversation (with the tenant), the user (with the
    /// aadObjectId) and the bot — the conversation reference of botframework.md §4.5.
    /// </summary>
    public static ConversationAddress AddressOf(Activity activity)
    {
        var conversation = activity.Conversation!;
        var address = new BotFrameworkAddress(
            activity.ServiceUrl!,
            activity.ChannelId!,
            // The emulator peer sends no recipient (botframework.md §8, §10); the reply still needs a from.
            Strip(activity.Recipient is { Id: { Length: > 0 } } recipient ? recipient : new ChannelAccount { Id = "bot" }),
            Strip(activity.From!),
            conversation with { Extra = null, TenantId = conversation.TenantId ?? TenantFromChannelData(activity) },
            activity.Locale);
        return new ConversationAddress(AddressChannel, conversation.Id!, address.ToJson());
    }

    /// <param name="emulator">In emulator mode from.id is the directory's local id ("zhangsan" acts as 张三).</param>
    /// <param name="choice">The pressed choice when it came elsewhere than in value.choice (an Action.Execute invoke).</param>
    public static IncomingMessage ToIncoming(Activity activity, bool emulator, DateTimeOffset receivedAt, string? choice = null)
    {
        var channelId = activity.ChannelId!;
        var conversation = activity.Conversation!;
        var from = activity.From!;

        // An activity without an id cannot be replied to: the inbox still needs a key, and an empty ReplyToId (not
        // null, which would fall back to the inbox key) makes the sender post to the conversation instead.
        var activityId = string.IsNullOrWhiteSpace(activity.Id) ? null : activity.Id;
        var messageId = activityId ?? Guid.NewGuid().ToString("N");

        choice ??= ChoiceOf(activity.Value);
        var text = StripMentions(activity.Text);
        return new IncomingMessage(
            AddressOf(activity),
            // De-duplicate by (channelId, conversation.id, id) (botframework.md §2.4).
            $"{channelId}/{conversation.Id}/{messageId}",
            SenderOf(activity, emulator),
            choice is null ? text : null,
            choice,
            receivedAt,
            string.IsNullOrWhiteSpace(activity.Locale) ? null : activity.Locale,
            activityId ?? "");
    }

    /// <summary>
    /// Who wrote, in the directory's identity namespace = the channelId ("msteams"). The aadObjectId comes first: it
    /// is the person's Entra object id, stable and known from the tenant's user list, so the directory can be
    /// imported before anyone talks to the bot; the Teams user id <c>29:…</c> is tried second (docs/directory-csv.md).
    /// </summary>
    internal static ChannelUser SenderOf(Activity activity, bool emulator)
    {
        var from = activity.From!;
        return !emulator && from.AadObjectId is { Length: > 0 } aadObjectId && aadObjectId != from.Id
            ? new ChannelUser(activity.ChannelId!, aadObjectId, IsLocalId: false, AlternateId: from.Id)
            : new ChannelUser(activity.ChannelId!, from.Id!, IsLocalId: emulator);
    }

    private static string? TenantFromChannelData(Activity activity) =>
        activity.ChannelData?["tenant"]?["id"] is System.Text.Json.Nodes.JsonValue id && id.TryGetValue<string>(out var tenant) ? tenant : null;

    private static ChannelAccount Strip(ChannelAccount account) => account with { Extra = null };

    /// <summary>
    /// Teams puts the bot's @mention into the text of channel and group messages (botframework.md §2.1): the command
    /// is what remains without it.
    /// </summary>
    internal static string? StripMentions(string? text)
    {
        if (text is null) return null;
        var stripped = MentionMarkup().Replace(text, " ").Trim();
        return stripped.Length == 0 ? null : stripped;
    }

    /// <summary>Our choice submit payload <c>{"choice": "…"}</c> (card Action.Submit data arrives in value, §2.3).</summary>
    internal static string? ChoiceOf(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } obj) return null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals("choice") && property.Value.ValueKind == JsonValueKind.String)
                return property.Value.GetString() is { Length: > 0 } choice ? choice : null;
        }
        return null;
    }

    [GeneratedRegex(@"<at(\s[^>]*)?>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionMarkup();
}

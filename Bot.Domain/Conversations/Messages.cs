namespace Bot.Domain.Conversations;

/// <summary>
/// Where a conversation lives: <paramref name="Channel"/> names the adapter that sends to it ("localchat",
/// "botframework", …). <paramref name="Data"/> is the channel adapter's own, opaque
/// reply information (for the Bot Framework: serviceUrl, bot and user accounts); nothing past the channel reads it.
/// </summary>
public sealed record ConversationAddress(string Channel, string ConversationId, string Data = "");

/// <summary>
/// Who sent a message, as the channel names them. <paramref name="Channel"/> is the identity namespace
/// ("local", "emulator", "msteams", "wecom"…); on the local channels <paramref name="IsLocalId"/> is true and the id
/// is the directory's local id itself (a client sending from.id = "zhangsan" acts as 张三).
/// <paramref name="AlternateId"/> is a second id the directory may know the same person by, tried when
/// <paramref name="Id"/> is not found (Teams: the aadObjectId first, then the Teams user id <c>29:…</c>).
/// </summary>
public sealed record ChannelUser(string Channel, string Id, bool IsLocalId = false, string? AlternateId = null);

/// <summary>
/// One inbound message, already verified and translated by a channel adapter.
/// Either <see cref="Text"/> is typed by the person, or <see cref="ChoiceValue"/> is the value of a choice they pressed.
/// </summary>
/// <param name="ChannelMessageId">The channel's id of the message, unique per address channel: the inbox de-duplicates on it.</param>
/// <param name="ReplyToId">The id the channel wants replies threaded to, when it differs from <paramref name="ChannelMessageId"/>
/// (the Bot Framework's activity id, while the inbox key also names the conversation).</param>
/// <param name="Location">A shared position, when the message is one (then <paramref name="Text"/> is null).</param>
public sealed record IncomingMessage(
    ConversationAddress Address,
    string ChannelMessageId,
    ChannelUser Sender,
    string? Text,
    string? ChoiceValue,
    DateTimeOffset ReceivedAt,
    string? Locale = null,
    string? ReplyToId = null,
    SharedLocation? Location = null)
{
    public string ReplyTo => ReplyToId ?? ChannelMessageId;
}

/// <summary>A position the person shared (WeCom's location message): kept only where a feature has a use for it (check-in).</summary>
public sealed record SharedLocation(double Latitude, double Longitude, string? Label);

/// <summary>A choice offered with a prompt: the value is what comes back, the label is what the person sees.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// One outbound message: text, optionally a prompt's choices. Each channel renders the choices natively
/// (buttons, cards) and also as numbered lines, so every choice can be answered by typing its number or its text.
/// </summary>
public sealed record OutgoingMessage(string Text, IReadOnlyList<Choice>? Choices = null)
{
    public IReadOnlyList<Choice> ChoiceList => Choices ?? [];

    /// <summary>The text with the choices appended as numbered lines, for channels without buttons.</summary>
    public string TextWithNumberedChoices()
    {
        if (ChoiceList.Count == 0) return Text;
        var lines = ChoiceList.Select((c, i) => $"{i + 1}. {c.Label}");
        return Text + "\n" + string.Join("\n", lines);
    }
}

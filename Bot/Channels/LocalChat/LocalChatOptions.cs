namespace Bot.Channels.LocalChat;

/// <summary>
/// Section <c>LocalChat</c>: the /chat page, where anyone can act as any person in the directory. That is what a
/// demo needs and what production must never have, so it is on only in Development unless set explicitly.
/// </summary>
public sealed class LocalChatOptions
{
    public const string Section = "LocalChat";

    /// <summary>null = on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }
}

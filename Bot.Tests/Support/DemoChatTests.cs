using System.Text.RegularExpressions;
using Bot.Channels.LocalChat;
using Bot.Domain.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// A feature's tests on the real host with the demo department, its people chatting on the local channel: what each says,
/// the bot's replies, and what the bot sent them meanwhile. Starts on Thursday 2026-11-26 at 09:30 Shanghai time.
/// </summary>
public abstract partial class DemoChatTests : IDisposable
{
    protected const string AdminKey = "test-admin-key";

    private readonly Dictionary<string, LocalChatClient> _chats = [];

    protected BotFactory Bot { get; } = new(settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = AdminKey },
        time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime()));

    public void Dispose()
    {
        Bot.Dispose();
        GC.SuppressFinalize(this);
    }

    protected LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var chat) ? chat : _chats[who] = new LocalChatClient(Bot, who);

    /// <summary>Says something as a person and returns the bot's reply lines.</summary>
    protected async Task<IReadOnlyList<LocalChatEndpoints.ChatLine>> SayAsync(string who, string text)
    {
        await Chat(who).NewBotLinesAsync();
        return await Chat(who).SayAsync(text);
    }

    protected async Task<string> TextAsync(string who, string text) => string.Join("\n", (await SayAsync(who, text)).Select(l => l.Text));

    /// <summary>What the bot sent this person since the last look (proactive messages).</summary>
    protected async Task<List<LocalChatEndpoints.ChatLine>> InboxAsync(string who) => [.. await Chat(who).NewBotLinesAsync()];

    /// <summary>
    /// The person's 待办: its lines without their numbers, and its buttons. A feature's tests look at their own lines only:
    /// other features may list theirs for the same person.
    /// </summary>
    protected async Task<(List<string> Lines, List<Choice> Buttons)> TodoAsync(string who)
    {
        var reply = Assert.Single(await SayAsync(who, "待办"));
        return ([.. reply.Text.Split('\n').Skip(1).Select(l => Numbered().Replace(l, ""))], [.. reply.Choices]);
    }

    [GeneratedRegex(@"^\d+\. ")]
    private static partial Regex Numbered();
}

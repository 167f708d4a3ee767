using Bot.Channels.LocalChat;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// A feature's tests on the real host with the demo department, its people chatting on the local channel: what each says,
/// the bot's replies, and what the bot sent them meanwhile. Starts on Thursday 2026-11-26 at 09:30 Shanghai time.
/// </summary>
public abstract class DemoChatTests : IDisposable
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
}

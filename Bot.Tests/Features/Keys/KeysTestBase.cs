using Bot.Channels.LocalChat;
using Bot.Domain.Features.Keys;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Keys;

/// <summary>
/// The keys feature on the real host and the demo data: 张三 (staff, early shift 07:00–15:00 at 客服中心), 周八 the
/// 钥匙专人, 王五 the early shift's lead, 孙七 客服部经理. Times are Shanghai, 2026-11-26.
/// </summary>
public abstract class KeysTestBase : IDisposable
{
    private readonly Dictionary<string, LocalChatClient> _chats = [];

    protected KeysTestBase(int hour = 9, int minute = 30) =>
        Bot = new BotFactory(time: new FakeTimeProvider(Shanghai(hour, minute).ToUniversalTime()));

    protected BotFactory Bot { get; }

    protected static DateTimeOffset Shanghai(int hour, int minute, int day = 26) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    protected void At(int hour, int minute, int day = 26) => Bot.Time.SetUtcNow(Shanghai(hour, minute, day).ToUniversalTime());

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

    protected Task<T> DbAsync<T>(Func<BotDbContext, Task<T>> query) =>
        Bot.InScopeAsync(sp => query(sp.GetRequiredService<BotDbContext>()));

    protected Task<List<KeyLoan>> LoansAsync() => DbAsync(db => db.Set<KeyLoan>().AsNoTracking().OrderBy(l => l.Id).ToListAsync());

    protected Task<Key> KeyAsync(string code) => DbAsync(db => db.Set<Key>().AsNoTracking().SingleAsync(k => k.Code == code));

    protected async Task<int> WatchAsync()
    {
        var acted = await Bot.InScopeAsync(sp => sp.GetRequiredService<KeyWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        return acted;
    }

    /// <summary>张三 borrows the key of 3-1-502 for a viewing, due back at <paramref name="due"/> ("shift", "1h", "2h" or HH:mm), and 周八 hands it out.</summary>
    protected async Task<long> BorrowAndHandOutAsync(string who = "zhangsan", string key = "3-1-502", string due = "shift")
    {
        await SayAsync(who, "借钥匙 " + key);
        await Chat(who).PressAsync("Viewing");
        if (due.Contains(':')) await Chat(who).SayAsync(due);
        else await Chat(who).PressAsync(due);
        await Chat(who).PressAsync("no");
        await Chat(who).PressAsync("no");
        var loan = (await LoansAsync()).Last();
        await InboxAsync("zhouba");
        await SayAsync("zhouba", $"确认交出 {loan.Id}");
        await InboxAsync(who);
        return loan.Id;
    }

    public void Dispose()
    {
        Bot.Dispose();
        GC.SuppressFinalize(this);
    }
}

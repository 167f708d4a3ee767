using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Handover;
using Bot.Domain.Features.Keys;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Handover;

/// <summary>Keys out, as the keys feature will report them: hand-written, registered through BotFactory's services.</summary>
public sealed class FakeKeysOut : IKeysOut
{
    public List<KeyOut> Out { get; } = [];

    public Task<IReadOnlyList<KeyOut>> HeldByAsync(string personId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyOut>>([.. Out.Where(k => k.HolderId == personId)]);

    public Task<IReadOnlyList<KeyOut>> AllOutAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<KeyOut>>([.. Out]);
}

/// <summary>Open duty-log events, as the duty log will report them.</summary>
public sealed class FakeDutyEvents : IOpenDutyEvents
{
    public List<OpenDutyEvent> Open { get; } = [];

    public Task<IReadOnlyList<OpenDutyEvent>> BlockingHandoverAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenDutyEvent>>([.. Open]);

    public Task<IReadOnlyList<ShiftDutyEvent>> MajorBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ShiftDutyEvent>>([]);

    public Task<IReadOnlyList<OpenDutyEntry>> OpenAtPostAsync(string post, string personId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenDutyEntry>>([]);
}

/// <summary>
/// The demo department around the end of the early shift on 2026-11-26 (Shanghai): 张三 (客服中心, early 07:00–15:00)
/// hands over to 李四 (middle); 郑十 (前台, early) hands over to whoever is on at 客服中心; 王五 is the early shift's lead.
/// </summary>
public abstract class HandoverTestBase : IDisposable
{
    private readonly Dictionary<string, LocalChatClient> _chats = new(StringComparer.Ordinal);

    protected HandoverTestBase()
    {
        Bot = new BotFactory(time: new FakeTimeProvider(Shanghai(26, 6, 50).ToUniversalTime()), services: s =>
        {
            s.AddScoped<IKeysOut>(_ => Keys);
            s.AddScoped<IOpenDutyEvents>(_ => Events);
        });
    }

    protected BotFactory Bot { get; }

    protected FakeKeysOut Keys { get; } = new();

    protected FakeDutyEvents Events { get; } = new();

    public void Dispose()
    {
        Bot.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static DateTimeOffset Shanghai(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    protected void At(int day, int hour, int minute) => Bot.Time.SetUtcNow(Shanghai(day, hour, minute).ToUniversalTime());

    protected LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var c) ? c : _chats[who] = new LocalChatClient(Bot, who);

    /// <summary>Says something and returns the bot's answer as one text.</summary>
    protected async Task<string> SayAsync(string who, string text) => string.Join("\n", (await Chat(who).SayAsync(text)).Select(l => l.Text));

    protected async Task<string> PressAsync(string who, string choice) => string.Join("\n", (await Chat(who).PressAsync(choice)).Select(l => l.Text));

    /// <summary>What the bot sent this person since the last look.</summary>
    protected async Task<List<Bot.Channels.LocalChat.LocalChatEndpoints.ChatLine>> InboxAsync(string who) => [.. await Chat(who).NewBotLinesAsync()];

    protected async Task<string> InboxTextAsync(string who) => string.Join("\n", (await InboxAsync(who)).Select(l => l.Text));

    protected Task<List<HandoverRecord>> RecordsAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    protected async Task<HandoverRecord> RecordAsync() => Assert.Single(await RecordsAsync());

    protected Task<List<EscalationCase>> EscalationsAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().ToListAsync());

    protected Task<AttendanceRecord?> AttendanceAsync(string who) =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<AttendanceRecord>().AsNoTracking().SingleOrDefaultAsync(a => a.PersonId == who));

    protected async Task<int> WatchAsync(int day, int hour, int minute)
    {
        At(day, hour, minute);
        var acted = await Bot.InScopeAsync(sp => sp.GetRequiredService<HandoverWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        return acted;
    }

    /// <summary>
    /// 张三 prepares the early shift's handover at 客服中心: one unfinished matter (cause, course, result), no instructions,
    /// repairs or incidents, every shared item and checklist item ✓; then signs it over.
    /// </summary>
    protected async Task<string> ZhangsanPreparesAsync(bool submit = true)
    {
        Assert.Contains("【未完成的工作】", await SayAsync("zhangsan", "交班"));
        Assert.StartsWith("已记录：1. 【未完成工作】3-1-502漏水", await SayAsync("zhangsan", "3-1-502漏水；楼上管道破裂；已通知维修部关闸；待明早维修"));
        Assert.Contains("【上级指示】", await SayAsync("zhangsan", "完成"));
        Assert.Contains("【公共区域维修情况】", await SayAsync("zhangsan", "完成"));
        Assert.Contains("【本班发现或发生的问题】", await SayAsync("zhangsan", "完成"));
        Assert.Contains("【公用物品当面验清 1/4】办公用品", await SayAsync("zhangsan", "完成"));
        Assert.Contains("【交接班检查 1/3】工作台整洁有序", await PressAsync("zhangsan", "all-ok"));
        var review = await PressAsync("zhangsan", "all-ok");
        Assert.Contains("请核对交接内容", review);
        if (!submit) return review;
        return await SayAsync("zhangsan", "提交");
    }
}

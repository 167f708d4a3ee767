using System.Net.Http.Json;
using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Features.Directory;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Callbacks;

/// <summary>The demo department with a clock: people chat on the local chat page, the callback job is run by hand.</summary>
internal sealed class CallbackTestBed : IDisposable
{
    public const string ApiKey = "callbacks-test-key";

    private readonly Dictionary<string, LocalChatClient> _chats = [];

    public CallbackTestBed(DateTimeOffset start, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Admin:ApiKey"] = ApiKey };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        Bot = new BotFactory(settings: all, time: new FakeTimeProvider(start.ToUniversalTime()));
        // A second owner beside the demo's 陈先生, so the tests can show one owner never sees another's (第11篇 3).
        Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            db.Add(new Owner
            {
                Id = "li-5-1-101", Name = "李秀英", FormOfAddress = "李女士", Phone = "13900000001",
                Units = [new OwnerUnit { OwnerId = "li-5-1-101", UnitCode = "5-1-101" }],
            });
            await db.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }

    public BotFactory Bot { get; }

    /// <summary>2026-11-{day} at a Shanghai wall-clock time.</summary>
    public static DateTimeOffset Shanghai(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    public LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var chat) ? chat : _chats[who] = new LocalChatClient(Bot, who);

    /// <summary>Says something and returns the bot's answer as one text.</summary>
    public async Task<string> SayAsync(string who, string text) =>
        string.Join("\n", (await Chat(who).SayAsync(text)).Select(l => l.Text));

    /// <summary>What the bot sent this person or owner since the last look.</summary>
    public async Task<List<string>> InboxAsync(string who) => [.. (await Chat(who).NewBotLinesAsync()).Select(l => l.Text)];

    /// <summary>Moves the clock and runs the callback job as the scheduler would.</summary>
    public async Task<int> TickAsync(DateTimeOffset at)
    {
        Bot.Time.SetUtcNow(at.ToUniversalTime());
        var acted = await Bot.InScopeAsync(sp => sp.GetRequiredService<CallbackService>().ProcessDueAsync(at, CancellationToken.None));
        await Bot.DispatchAsync();
        return acted;
    }

    public async Task<HttpResponseMessage> PostCaseAsync(object body, string? key = ApiKey)
    {
        var http = Bot.CreateClient();
        if (key is not null) http.DefaultRequestHeaders.Add(DirectoryAdmin.ApiKeyHeader, key);
        return await http.PostAsJsonAsync("/api/admin/callbacks/cases", body);
    }

    /// <summary>Registers a minor repair for 3-1-502 (陈先生), 张三 responsible, through the admin API; returns the first callback's id.</summary>
    public async Task<long> RegisterRepairAsync(string externalId = "BX-001", string unit = "3-1-502", string type = "minor_repair",
        string[]? responsible = null, string summary = "卫生间水龙头漏水，已更换")
    {
        var response = await PostCaseAsync(new { externalId, type, unit, summary, responsible = responsible ?? ["zhangsan"] });
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<Bot.Features.Callbacks.CallbackAdmin.CaseView>();
        return view!.Callbacks[0].Id;
    }

    /// <summary>The repair registered, its survey sent at <paramref name="at"/>, and 陈先生 agreeing to answer it now.</summary>
    public async Task OwnerStartsTheSurveyAsync(DateTimeOffset at, bool register = true)
    {
        if (register) await RegisterRepairAsync();
        await TickAsync(at);
        await InboxAsync("chen-3-1-502");
        await Chat("chen-3-1-502").PressAsync("yes");
    }

    public void Dispose() => Bot.Dispose();
}

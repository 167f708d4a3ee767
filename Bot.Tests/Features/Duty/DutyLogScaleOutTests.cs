using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// Two instances on one PostgreSQL both run the duty log's clock at the same moment (Quartz may fire on both): the
/// round is created and prompted once, the lighting reminder sent once; the handover seam answers on PostgreSQL too.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DutyLogScaleOutTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 50, 0, TimeSpan.Zero); // 08:50 in Shanghai
    private readonly List<BotFactory> _bots = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await postgres.CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        foreach (var bot in _bots) bot.Dispose();
        return Task.CompletedTask;
    }

    private BotFactory Instance()
    {
        var bot = new BotFactory(settings: PostgresFixture.Settings(_database), time: new FakeTimeProvider(Start));
        _bots.Add(bot);
        _ = bot.Services;
        return bot;
    }

    private static async Task BothWatchAsync(BotFactory a, BotFactory b, DateTimeOffset at)
    {
        foreach (var bot in new[] { a, b }) bot.Time.SetUtcNow(at);
        await Task.WhenAll(
            a.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(at, CancellationToken.None)),
            b.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(at, CancellationToken.None)));
        await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());
    }

    [Fact]
    public async Task TwoInstances_BothRunTheWatch_TheRoundIsPromptedOnce_第2篇_1_4()
    {
        var a = Instance();
        var b = Instance();
        var zhangsan = new LocalChatClient(a, "zhangsan");
        await zhangsan.NewBotLinesAsync();

        await BothWatchAsync(a, b, Start.AddMinutes(10)); // 09:00

        Assert.StartsWith("张三您好，09:00 的巡查时间到了", Assert.Single(await zhangsan.NewBotLinesAsync()).Text);
        Assert.Single(await a.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InspectionRound>().AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task OnPostgres_AnEmergencyBlocksTheHandoverAndTheListShowsIt_第1篇_2_4()
    {
        var a = Instance();
        var zhangsan = new LocalChatClient(a, "zhangsan");
        a.Time.SetUtcNow(Start.AddMinutes(40));

        await zhangsan.SayAsync("紧急 5号楼停电");
        var list = Assert.Single(await zhangsan.SayAsync("值班记录 查看"));

        var blocking = Assert.Single(await a.InScopeAsync(sp => sp.GetRequiredService<IOpenDutyEvents>().BlockingHandoverAsync(Start.AddMinutes(40), CancellationToken.None)));
        Assert.Equal((DutyEventBlock.Emergency, "5号楼停电"), (blocking.Block, blocking.Summary));
        Assert.Contains($"#{blocking.Id} 09:30 张三【紧急情况】5号楼停电 —— 处理中", list.Text);
        await a.InScopeAsync(sp => sp.GetRequiredService<DutyLogWatch>().ProcessAsync(Start.AddMinutes(41), CancellationToken.None));
    }
}

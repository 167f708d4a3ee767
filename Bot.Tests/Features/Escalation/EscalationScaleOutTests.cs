using System.Net;
using Bot.Domain.Features.Escalation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.Tests.Features.Escalation;

/// <summary>
/// Two instances on one PostgreSQL. Quartz may fire the same trigger on both (dotnet-stack.md), so what is asserted is
/// the effect: a case escalated once, a digest sent once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EscalationScaleOutTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 1, 30, 0, TimeSpan.Zero); // 09:30 in Shanghai
    private readonly List<BotFactory> _bots = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await postgres.CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        foreach (var bot in _bots) bot.Dispose();
        return Task.CompletedTask;
    }

    private BotFactory Instance(bool backgroundWorkers = false)
    {
        var bot = new BotFactory(backgroundWorkers: backgroundWorkers, settings: PostgresFixture.Settings(_database), time: new FakeTimeProvider(Start));
        _bots.Add(bot);
        _ = bot.Services;
        return bot;
    }

    [Fact]
    public async Task TwoInstances_BothFireTheTick_CaseClimbsOnce()
    {
        var a = Instance();
        var b = Instance();
        await a.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IEscalationStore>().AtomicallyAsync(() =>
                sp.GetRequiredService<EscalationService>().RaiseAsync(
                    new EscalationRequest("test", "5号楼停电", Severity.Urgent, "整栋停电", "zhangsan"), Start, CancellationToken.None),
                CancellationToken.None);
        });

        var due = Start.AddMinutes(5);
        foreach (var bot in new[] { a, b }) bot.Time.SetUtcNow(due);
        await Task.WhenAll(
            a.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(due, CancellationToken.None)),
            b.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(due, CancellationToken.None)));
        await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());

        var zhaoliu = await new LocalChatClient(a, "zhaoliu").NewBotLinesAsync();
        Assert.Single(zhaoliu);
        Assert.Contains("第2级负责人（客服主任）", zhaoliu[0].Text);
        Assert.Single(await new LocalChatClient(a, "wangwu").NewBotLinesAsync());
    }

    [Fact]
    public async Task TwoInstances_BothSendTheDigest_EachSupervisorGetsOne()
    {
        var a = Instance();
        var b = Instance();

        await Task.WhenAll(
            a.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(Start, CancellationToken.None)),
            b.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(Start, CancellationToken.None)));
        await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());

        foreach (var supervisor in new[] { "wangwu", "zhaoliu", "sunqi", "qianyi" })
            Assert.Single(await new LocalChatClient(a, supervisor).NewBotLinesAsync());
    }

    [Fact]
    public async Task TwoInstances_WithTheScheduler_FormOneQuartzCluster()
    {
        var a = Instance(backgroundWorkers: true);
        var b = Instance(backgroundWorkers: true);

        foreach (var bot in new[] { a, b })
        {
            var client = bot.CreateClient();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await client.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(DateTime.UtcNow < deadline, "An instance did not become ready.");
                await Task.Delay(100);
            }
        }

        var ids = new List<string>();
        foreach (var bot in new[] { a, b })
        {
            var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var metadata = await scheduler.GetMetadata();
            Assert.True(metadata.JobStoreClustered);
            ids.Add(metadata.SchedulerInstanceId);
        }
        Assert.NotEqual(ids[0], ids[1]);
    }
}

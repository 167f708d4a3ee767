using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Handover;

/// <summary>
/// Two instances on one PostgreSQL fire the handover jobs at the same moment (Quartz may do so, dotnet-stack.md): the
/// preparation prompt and the security prompt each reach the person once, and one record exists per post and shift.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HandoverScaleOutTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 31, 0, TimeSpan.Zero); // 14:31 in Shanghai, a Thursday
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

    [Fact]
    public async Task TwoInstances_BothFireTheWatch_EachPostIsPromptedOnce_第1篇_2_2()
    {
        var a = Instance();
        var b = Instance();

        await Task.WhenAll(
            a.InScopeAsync(sp => sp.GetRequiredService<HandoverWatch>().ProcessAsync(Start, CancellationToken.None)),
            b.InScopeAsync(sp => sp.GetRequiredService<HandoverWatch>().ProcessAsync(Start, CancellationToken.None)));
        await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());

        Assert.Single(await new LocalChatClient(a, "zhangsan").NewBotLinesAsync());
        Assert.Single(await new LocalChatClient(a, "zhengshi").NewBotLinesAsync());
        var records = await a.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>().AsNoTracking().ToListAsync());
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public async Task TwoInstances_BothFireTheSecurityHandover_OnePrompt_第14篇_3_1()
    {
        var a = Instance();
        var b = Instance();
        var eight = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero); // 08:00 Friday in Shanghai
        foreach (var bot in new[] { a, b }) bot.Time.SetUtcNow(eight);

        await Task.WhenAll(
            a.InScopeAsync(sp => sp.GetRequiredService<SecurityHandover>().ProcessAsync(eight, CancellationToken.None)),
            b.InScopeAsync(sp => sp.GetRequiredService<SecurityHandover>().ProcessAsync(eight, CancellationToken.None)));
        await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());

        Assert.Single(await new LocalChatClient(a, "zhangsan").NewBotLinesAsync());
    }
}

using Bot.Domain.Features.Escalation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Escalation;

/// <summary>Escalation at hours when nobody is on duty as shift lead, and in quiet hours.</summary>
public sealed class EscalationTimingTests
{
    private static async Task<(BotFactory Bot, long Id)> RaiseAtAsync(DateTimeOffset at, Severity severity)
    {
        var bot = new BotFactory(time: new FakeTimeProvider(at));
        var id = await bot.InScopeAsync(async sp =>
        {
            long caseId = 0;
            await sp.GetRequiredService<IEscalationStore>().AtomicallyAsync(async () =>
                caseId = (await sp.GetRequiredService<EscalationService>().RaiseAsync(
                    new EscalationRequest("test", "地下车库积水", severity, "B1 层积水约 5 厘米", null), at, CancellationToken.None)).Id,
                CancellationToken.None);
            return caseId;
        });
        await bot.DispatchAsync();
        return (bot, id);
    }

    [Fact]
    public async Task NoShiftLeadOnDuty_SkipsToTheSupervisorAtOnce_第3篇_1_3()
    {
        // 16:00 in Shanghai: the middle shift has no 领班 in the demo roster.
        var (bot, _) = await RaiseAtAsync(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), Severity.Urgent);
        using var _ = bot;

        Assert.Empty(await new LocalChatClient(bot, "wangwu").NewBotLinesAsync());
        Assert.Contains("第2级负责人（客服主任）", Assert.Single(await new LocalChatClient(bot, "zhaoliu").NewBotLinesAsync()).Text);
    }

    [Fact]
    public async Task Normal_InQuietHours_WaitsUntilTheyEnd()
    {
        // 23:30 in Shanghai, quiet hours 22:00–07:00.
        var (bot, _) = await RaiseAtAsync(new DateTimeOffset(2026, 11, 26, 15, 30, 0, TimeSpan.Zero), Severity.Normal);
        using var _ = bot;
        var zhaoliu = new LocalChatClient(bot, "zhaoliu");
        Assert.Empty(await zhaoliu.NewBotLinesAsync());

        async Task TickTo(DateTimeOffset when)
        {
            bot.Time.SetUtcNow(when);
            await bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(when, CancellationToken.None));
            await bot.DispatchAsync();
        }

        await TickTo(new DateTimeOffset(2026, 11, 26, 22, 59, 0, TimeSpan.Zero)); // 06:59
        Assert.Empty(await zhaoliu.NewBotLinesAsync());

        await TickTo(new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero)); // 07:00
        // At 07:00 the early shift's 王五 is on duty: the held case goes to him first.
        Assert.Contains("【一般】", Assert.Single(await new LocalChatClient(bot, "wangwu").NewBotLinesAsync()).Text);
    }

    [Fact]
    public async Task Urgent_InQuietHours_NeverWaits()
    {
        var (bot, _) = await RaiseAtAsync(new DateTimeOffset(2026, 11, 26, 15, 30, 0, TimeSpan.Zero), Severity.Urgent);
        using var _ = bot;

        Assert.Contains("【紧急】", Assert.Single(await new LocalChatClient(bot, "zhaoliu").NewBotLinesAsync()).Text);
    }
}

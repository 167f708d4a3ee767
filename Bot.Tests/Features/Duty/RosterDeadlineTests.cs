using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// Roster deadlines (第7篇 1.1.3–1.1.6): next month's roster is due by the 25th, with reminders to the 考勤员 (郑十) on
/// the 20th and 24th and an escalation from the 25th; a holiday roster (元旦 2027-01-01 in appsettings.json) is due a
/// week ahead. The demo roster here covers only 11-20 … 11-24, so December is missing.
/// </summary>
public sealed class RosterDeadlineTests
{
    private static DateTimeOffset Shanghai(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static BotFactory Bot(int rosterDays = 5) =>
        new(settings: new Dictionary<string, string?> { ["Demo:RosterDays"] = rosterDays.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            time: new FakeTimeProvider(Shanghai(11, 20, 8).ToUniversalTime()));

    private static async Task RunAsync(BotFactory bot, DateTimeOffset at)
    {
        bot.Time.SetUtcNow(at.ToUniversalTime());
        await bot.InScopeAsync(sp => sp.GetRequiredService<RosterDeadlineWatch>().ProcessAsync(at, CancellationToken.None));
        await bot.DispatchAsync();
    }

    private static async Task<List<string>> InboxAsync(BotFactory bot, string who) => [.. (await new LocalChatClient(bot, who).NewBotLinesAsync()).Select(l => l.Text)];

    private static Task<List<EscalationCase>> CasesAsync(BotFactory bot) =>
        bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task MissingRoster_RemindsTheClerkOnThe20thAnd24thOnce_第7篇_1_1_3()
    {
        using var bot = Bot();

        await RunAsync(bot, Shanghai(11, 20));
        await RunAsync(bot, Shanghai(11, 20, 10));
        await RunAsync(bot, Shanghai(11, 21));
        await RunAsync(bot, Shanghai(11, 24));

        var inbox = await InboxAsync(bot, "zhengshi");
        Assert.Equal(2, inbox.Count);
        Assert.Equal("郑十您好，2026-12 的排班表请于 2026-11-25 前导入系统（第7篇 1.1.3），目前尚未发布。", inbox[0]);
        Assert.Empty(await InboxAsync(bot, "zhangsan"));
        Assert.Empty(await CasesAsync(bot));
    }

    [Fact]
    public async Task MissingRoster_On25th_EscalatesOnce_第7篇_1_1_4()
    {
        using var bot = Bot();

        await RunAsync(bot, Shanghai(11, 25));
        await RunAsync(bot, Shanghai(11, 25, 10));

        var escalation = Assert.Single(await CasesAsync(bot));
        Assert.Equal("duty.roster-missing", escalation.Kind);
        Assert.Equal("2026-12 排班表未按时发布", escalation.Subject);
    }

    [Fact]
    public async Task PublishedRoster_NothingIsSent_第7篇_1_1_3()
    {
        using var bot = Bot(rosterDays: 14); // runs into December

        await RunAsync(bot, Shanghai(11, 20));
        await RunAsync(bot, Shanghai(11, 25));

        Assert.Empty(await InboxAsync(bot, "zhengshi"));
        Assert.Empty(await CasesAsync(bot));
    }

    [Fact]
    public async Task HolidayRoster_RemindedThenEscalatedAWeekAhead_第7篇_1_1_6()
    {
        using var bot = Bot();

        await RunAsync(bot, Shanghai(12, 21));
        Assert.Empty(await InboxAsync(bot, "zhengshi"));
        await RunAsync(bot, Shanghai(12, 22));
        await RunAsync(bot, Shanghai(12, 23));

        Assert.Equal("郑十您好，元旦 2027-01-01 的节假日排班表请于 2026-12-25 前导入系统（第7篇 1.1.6），目前尚未发布。", Assert.Single(await InboxAsync(bot, "zhengshi")));

        await RunAsync(bot, Shanghai(12, 25));
        Assert.Contains(await CasesAsync(bot), c => c.Subject == "元旦 2027-01-01 节假日排班表未按时发布");
    }
}

using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Directory;

public sealed class DemoDataTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Demo_HasThePeopleTheReadmeLists()
    {
        var people = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Person>().ToDictionaryAsync(p => p.Id));

        Assert.Equal(("张三", Roles.Staff), (people["zhangsan"].Name, people["zhangsan"].Roles));
        Assert.Equal(("李四", Roles.Staff), (people["lisi"].Name, people["lisi"].Roles));
        Assert.Equal(("王五", Roles.ShiftLead), (people["wangwu"].Name, people["wangwu"].Roles));
        Assert.Equal(("赵六", Roles.Supervisor), (people["zhaoliu"].Name, people["zhaoliu"].Roles));
        Assert.Equal(("孙七", Roles.DepartmentManager), (people["sunqi"].Name, people["sunqi"].Roles));
        Assert.Equal(("周八", Roles.KeyCustodian), (people["zhouba"].Name, people["zhouba"].Roles));
        // 逐级负责制 (第3篇 1.3): 张三 → 王五 → 赵六 → 孙七 → 钱一.
        Assert.Equal(["wangwu", "zhaoliu", "sunqi", "qianyi"], Chain(people, "zhangsan"));
    }

    [Fact]
    public async Task Demo_ZhangsanIsOnTheEarlyShiftToday_LisiOnTheMiddle()
    {
        var zhangsan = await new LocalChatClient(_bot, "zhangsan").SayAsync("我是谁");
        var lisi = await new LocalChatClient(_bot, "lisi").SayAsync("我是谁");

        Assert.Contains("今天（2026-11-26）的班次：\n早班 07:00–15:00（岗位：客服中心）", zhangsan.Single().Text);
        Assert.Contains("中班 15:00–23:00", lisi.Single().Text);
    }

    [Fact]
    public async Task Demo_StartedInTheSmallHours_HasLastNightsShiftOnDuty_CheckedIn()
    {
        // 01:30 in Shanghai: the night shift 23:00–07:00 that began yesterday is still on.
        using var night = new BotFactory(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.Zero)));
        var wujiu = new LocalChatClient(night, "wujiu");

        Assert.StartsWith("现在当班：吴九（客服中心）", (await wujiu.SayAsync("今天谁值班")).Single().Text);
        Assert.Equal("您已于 22:55 签到，无需重复签到。", (await wujiu.SayAsync("签到")).Single().Text);
        // Nobody is reported missing for it.
        Assert.Equal(0, await night.InScopeAsync(sp => sp.GetRequiredService<AttendanceWatch>().ProcessAsync(night.Time.GetUtcNow(), CancellationToken.None)));
    }

    [Fact]
    public async Task Demo_StartedInTheDay_HasNoShiftBeforeToday()
    {
        var dates = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<RosterAssignment>().Select(a => a.Date).Distinct().ToListAsync());
        Assert.Equal(new DateOnly(2026, 11, 26), dates.Min());
        Assert.Empty(await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<AttendanceRecord>().ToListAsync()));
    }

    [Fact]
    public async Task Demo_OwnerChen_IsAddressedAsMrChen()
    {
        var replies = await new LocalChatClient(_bot, "chen-3-1-502").SayAsync("你好");

        Assert.StartsWith("陈先生您好，这里是示例花园客服中心", replies.Single().Text);
    }

    [Fact]
    public async Task Demo_SecondStart_DoesNotLoadAgain()
    {
        using var again = new BotFactory(dataDirectory: _bot.DataDirectory);
        var count = await again.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Person>().CountAsync());
        var before = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Person>().CountAsync());

        Assert.Equal(before, count);
    }

    private static List<string> Chain(Dictionary<string, Person> people, string id)
    {
        var chain = new List<string>();
        while (people[id].ReportsToId is { } boss)
        {
            chain.Add(boss);
            id = boss;
        }
        return chain;
    }
}

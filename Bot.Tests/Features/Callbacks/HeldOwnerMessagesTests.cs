using System.Text.RegularExpressions;
using Bot.Domain.Features.Escalation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// An owner's non-urgent message at night waits for the morning (quiet hours), but the person on duty at the duty office
/// (吴九, night shift 23:00–07:00) sees it in 待办 and may take it up now (第2篇 1.6). Shanghai time, night of 2026-11-26.
/// </summary>
public sealed partial class HeldOwnerMessagesTests : DemoChatTests
{
    private const string Owner = "chen-3-1-502";

    private static DateTimeOffset Shanghai(int hour, int minute, int day = 26) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    private async Task<long> OwnerWritesAtNightAsync()
    {
        Bot.Time.SetUtcNow(Shanghai(23, 30).ToUniversalTime());
        Assert.Contains("明早上班后", await TextAsync(Owner, "楼上拖家具很吵"));
        await Bot.DispatchAsync();
        var (lines, _) = await TodoAsync("wujiu");
        var line = Assert.Single(lines, l => l.StartsWith("业主留言 #", StringComparison.Ordinal));
        return long.Parse(CaseNumber().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task NightPersonOnDuty_SeesTheHeldMessageInTodo_WithTheButtonToTakeItUp_第2篇_1_6()
    {
        var id = await OwnerWritesAtNightAsync();

        var (lines, buttons) = await TodoAsync("wujiu");
        Assert.Contains($"业主留言 #{id}（陈先生（3-1-502）：楼上拖家具很吵）将于07:00转给领班，如需现在处理可回复 收到 {id}", lines);
        Assert.Contains(buttons, b => b.Value == $"收到 {id}");
        // Only the person on duty: 张三 (early shift, off now) has no such line.
        Assert.DoesNotContain((await TodoAsync("zhangsan")).Lines, l => l.StartsWith("业主留言 #", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NightPersonOnDuty_TakesItUp_ItNoLongerWaitsForTheShiftLead_AndTheOwnerHearsAt0700_第2篇_1_6()
    {
        var id = await OwnerWritesAtNightAsync();

        Assert.Equal($"好的，已记录您收到升级事项 #{id}。处理完毕后请回复“已处理 {id} 处理说明”。", await TextAsync("wujiu", $"收到 {id}"));
        Assert.DoesNotContain((await TodoAsync("wujiu")).Lines, l => l.StartsWith("业主留言 #", StringComparison.Ordinal));
        // Someone off duty at night may not: it is not theirs.
        Assert.Equal($"对不起，升级事项 #{id} 不在您的处理范围内。", await TextAsync("lisi", $"已处理 {id} 已劝阻"));

        Assert.StartsWith($"谢谢，升级事项 #{id} 已记录为处理完毕", await TextAsync("wujiu", $"已处理 {id} 已上楼劝阻，楼上已停止"));
        await Bot.DispatchAsync();
        Assert.Empty(await InboxAsync(Owner)); // not written to at night

        Bot.Time.SetUtcNow(Shanghai(7, 0, day: 27).ToUniversalTime());
        await Bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Contains(await InboxAsync(Owner), l => l.Text.StartsWith("陈先生您好，您 11-26 23:30 的留言已处理完毕。", StringComparison.Ordinal));
        Assert.DoesNotContain(await InboxAsync("wangwu"), l => l.Text.Contains($"#{id}", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^业主留言 #(\d+)")]
    private static partial Regex CaseNumber();
}

using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Custody;

/// <summary>
/// 待办 as front-desk custody fills it (第11篇 4, 9), on the demo department from Thursday 2026-11-26 09:30: 郑十 at the front
/// desk holds what is left for owners, 赵六 客服主任 approves, 孙七 客服部经理 is asked only when there is no supervisor.
/// </summary>
public sealed partial class CustodyTodoTests : DemoChatTests
{
    private void At(int day, int hour, int minute) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    /// <summary>The lines about custody (each names the item with its "→"), whatever else other features list.</summary>
    private static List<string> Custody(IEnumerable<string> lines) => [.. lines.Where(l => l.Contains(" → ", StringComparison.Ordinal))];

    [Fact]
    public async Task ARequest_WaitsOnTheSupervisor_ThenTheItemOnTheFrontDesk_UntilCollected_第11篇_4_9()
    {
        await SayAsync("zhengshi", "代存物品 快递一件（顺丰） 给 3-1-502 陈先生");

        var (lines, choices) = await TodoAsync("zhaoliu");
        Assert.Equal(["郑十 申请代存 #1 快递一件（顺丰） → 3-1-502 陈先生，待您批准（第11篇 4）"], Custody(lines));
        Assert.Contains(new Choice("批准代存 1", "批准代存 1"), choices);
        // Asked of the supervisor: not the department manager above, and the front desk only waits for the answer.
        foreach (var other in new[] { "sunqi", "zhengshi", "lisi" })
            Assert.Empty(Custody((await TodoAsync(other)).Lines));

        Assert.Equal("已批准 #1 快递一件（顺丰） → 3-1-502 陈先生，已告知前台。", Assert.Single(await Chat("zhaoliu").PressAsync("批准代存 1")).Text);
        Assert.Empty(Custody((await TodoAsync("zhaoliu")).Lines));

        (lines, choices) = await TodoAsync("zhengshi");
        Assert.Equal(["代存物品 #1 快递一件（顺丰） → 3-1-502 陈先生，11-26 09:30 起代存，待取走"], Custody(lines));
        Assert.Contains(new Choice("物品取走 1", "物品取走 1"), choices);
        // Held in the counter: the front desk's, not the duty staff's.
        Assert.Empty(Custody((await TodoAsync("zhangsan")).Lines));

        Assert.Equal("已登记 #1 快递一件（顺丰） → 3-1-502 陈先生 取走。", Assert.Single(await Chat("zhengshi").PressAsync("物品取走 1")).Text);
        Assert.Empty(Custody((await TodoAsync("zhengshi")).Lines));
    }

    [Fact]
    public async Task HeldTwoDaysOrMore_IsPressing_AndLeads_AnItemToPassOnSaysSo()
    {
        // #1 asked on the 26th but taken in only when approved on the 27th; #2 the supervisor's own, held at once on the 26th.
        await SayAsync("zhengshi", "代转物品 装修图纸一份 交给 物业工程部王工");
        await SayAsync("zhaoliu", "代存物品 雨伞两把 给 3-2-601 业主");
        At(27, 9, 0);
        await SayAsync("zhaoliu", "批准代存 1");

        At(27, 18, 0);
        Assert.Equal(["代转物品 #1 装修图纸一份 → 物业工程部王工，11-27 09:00 起代存，待转交", "代存物品 #2 雨伞两把 → 3-2-601 业主，11-26 09:30 起代存，待取走"],
            Custody((await TodoAsync("zhengshi")).Lines));

        // The 28th: the umbrellas have waited two days (as the digest counts them) and lead; the drawings have not.
        At(28, 10, 0);
        var (lines, choices) = await TodoAsync("zhengshi");
        Assert.Equal(["代存物品 #2 雨伞两把 → 3-2-601 业主，11-26 09:30 起已代存 2 天，请联系对方尽快取走", "代转物品 #1 装修图纸一份 → 物业工程部王工，11-27 09:00 起代存，待转交"],
            Custody(lines));
        Assert.Equal(["物品取走 2", "物品取走 1"], choices.Select(c => c.Value).Where(v => v.StartsWith("物品取走", StringComparison.Ordinal)));

        Assert.StartsWith("已登记 #2 雨伞两把 → 3-2-601 业主 由 业主本人 取走。", await TextAsync("zhengshi", "物品取走 2 业主本人"));
        Assert.Equal(["代转物品 #1 装修图纸一份 → 物业工程部王工，11-27 09:00 起代存，待转交"], Custody((await TodoAsync("zhengshi")).Lines));
    }
}

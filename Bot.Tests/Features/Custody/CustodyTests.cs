using Bot.Domain.Features.Custody;
using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Custody;

/// <summary>
/// Front-desk custody (第11篇 4, 9) on the demo department, Thursday 2026-11-26: 郑十 at the front desk, 赵六 客服主任
/// (the supervisor who approves), 李四 on the middle shift who takes over the duty office.
/// </summary>
public sealed class CustodyTests : DemoChatTests
{
    private Task<List<HeldItem>> ItemsAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HeldItem>().AsNoTracking().OrderBy(i => i.Id).ToListAsync());

    [Fact]
    public async Task KeepingAnItem_NeedsTheSupervisor_ThenItIsHeldUntilCollected_第11篇_4()
    {
        await InboxAsync("zhaoliu");
        Assert.Equal("已提交申请 #1 快递一件（顺丰） → 3-1-502 陈先生，已请示 赵六。前台代存、代转物品须经批准（第11篇 4），批准前请先不要收下物品。",
            await TextAsync("zhengshi", "代存物品 快递一件（顺丰） 给 3-1-502 陈先生"));
        var ask = Assert.Single(await InboxAsync("zhaoliu"));
        Assert.StartsWith("【前台代存申请】郑十 申请代存 #1 快递一件（顺丰） → 3-1-502 陈先生。", ask.Text);
        Assert.Equal([("批准代存 1", "批准"), ("不批准代存 1", "不批准")], ask.Choices.Select(c => (c.Value, c.Label)));
        // Not approved yet: nothing to collect.
        Assert.Equal("代存登记 #1 未经批准，前台没有收下。", await TextAsync("zhengshi", "物品取走 1"));

        Assert.Equal("已批准 #1 快递一件（顺丰） → 3-1-502 陈先生，已告知前台。", Assert.Single(await Chat("zhaoliu").PressAsync(ask.Choices[0].Value)).Text);
        Assert.StartsWith("赵六 已批准 #1 快递一件（顺丰） → 3-1-502 陈先生。请收下后锁入前台柜内（第11篇 9）", Assert.Single(await InboxAsync("zhengshi")).Text);
        Assert.Equal(HeldItemStatus.Held, Assert.Single(await ItemsAsync()).Status);
        Assert.Equal("代存登记 #1 已由 赵六 处理过了。", await TextAsync("zhaoliu", "批准代存 1"));

        var list = Assert.Single(await SayAsync("wujiu", "代存记录"));
        Assert.Equal("前台代存物品及待批准的申请（1件）：\n#1 快递一件（顺丰） → 3-1-502 陈先生 — 11-26 09:30 起代存（郑十 登记）", list.Text);
        Assert.Equal(["物品取走 1"], list.Choices.Select(c => c.Value));

        Bot.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal("已登记 #1 快递一件（顺丰） → 3-1-502 陈先生 由 陈先生本人 取走。", await TextAsync("zhengshi", "物品取走 1 陈先生本人"));
        var item = Assert.Single(await ItemsAsync());
        Assert.Equal((HeldItemStatus.Collected, "陈先生本人", "zhengshi"), (item.Status, item.CollectedBy, item.HandedOutById));
        Assert.Equal("代存登记 #1 已经取走了。", await TextAsync("zhengshi", "物品取走 1"));
        Assert.Equal("前台现在没有代存的物品，也没有待批准的申请。", await TextAsync("zhengshi", "代存记录"));
        Assert.Equal("前台现在没有代存的物品，也没有待批准的申请。", await TextAsync("zhengshi", "今天有快递吗"));
    }

    [Fact]
    public async Task NotApproved_TheFrontDeskDeclinesIt_AndNothingIsHeld_第11篇_4()
    {
        await SayAsync("zhengshi", "代转物品 装修图纸一份 交给 物业工程部王工");
        Assert.Equal("已不批准 #1 装修图纸一份 → 物业工程部王工，已告知前台。", await TextAsync("zhaoliu", "不批准代存 1 请业主直接送工程部"));
        Assert.Equal("赵六 未批准 #1 装修图纸一份 → 物业工程部王工，请婉拒代存。原因：请业主直接送工程部", Assert.Single(await InboxAsync("zhengshi")).Text);
        Assert.Equal((HeldItemStatus.Refused, HeldItemKind.Pass), (Assert.Single(await ItemsAsync()).Status, Assert.Single(await ItemsAsync()).Kind));
        Assert.Equal("前台现在没有代存的物品。", await TextAsync("zhengshi", "物品取走"));
    }

    [Fact]
    public async Task BadInput_GetsAPoliteAnswer_AndStaffCannotApprove()
    {
        Assert.StartsWith("请写明物品和交给谁", await TextAsync("zhengshi", "代存物品 一个箱子"));
        await SayAsync("zhengshi", "取消");
        Assert.Empty(await ItemsAsync());
        // "给" inside what it is is not whom it is for.
        await SayAsync("zhengshi", "代存物品 给排水图纸 给 王师傅");
        Assert.Equal(("给排水图纸", "王师傅"), (Assert.Single(await ItemsAsync()).What, Assert.Single(await ItemsAsync()).ForWhom));
        Assert.DoesNotContain("已批准", await TextAsync("zhengshi", "批准代存 1"));
        Assert.Equal(HeldItemStatus.Requested, Assert.Single(await ItemsAsync()).Status);
        // 代收快递, as the front desk says it: a parcel, with or without 给 and a count.
        Assert.StartsWith("已提交申请 #2 快递 → 3-1-502 陈先生", await TextAsync("zhengshi", "代收快递 3-1-502 陈先生"));
        Assert.StartsWith("已提交申请 #3 快递两件 → 5-1-101 刘女士", await TextAsync("zhengshi", "代收快递 两件 给 5-1-101 刘女士"));
        // The supervisor's own is held at once.
        Assert.StartsWith("已登记代存 #4 钥匙扣一个 → 5-1-101 业主。请锁入前台柜内", await TextAsync("zhaoliu", "代存物品 钥匙扣一个 给 5-1-101 业主"));
    }

    [Fact]
    public async Task HeldTwoDaysOrWaiting_IsInTheSupervisorsDigest()
    {
        await SayAsync("zhaoliu", "代存物品 雨伞两把 给 3-2-601 业主");
        await SayAsync("zhengshi", "代存物品 花篮一个 给 5-1-102 业主");
        async Task<string> DigestAsync()
        {
            await InboxAsync("zhaoliu");
            await Bot.InScopeAsync(sp => sp.GetRequiredService<Bot.Domain.Features.Escalation.SupervisorDigest>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
            await Bot.DispatchAsync();
            return string.Join("\n", (await InboxAsync("zhaoliu")).Select(l => l.Text));
        }
        // The next morning: only the request still waiting.
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        var first = await DigestAsync();
        Assert.Contains("【前台代存：待批准及代存两天以上未取（1件）】\n#2 花篮一个 → 5-1-102 业主 — 11-26 09:30 申请，待批准（郑十）", first);
        Assert.DoesNotContain("雨伞两把", first);
        // Two days on, the umbrellas too.
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 8, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        Assert.Contains("#1 雨伞两把 → 3-2-601 业主 — 11-26 09:30 起代存（赵六 登记）", await DigestAsync());
    }

    [Fact]
    public async Task WhatTheFrontDeskHolds_IsHandedOverWithTheFrontDeskShift_第11篇_9()
    {
        await SayAsync("zhaoliu", "代存物品 雨伞两把 给 3-2-601 业主");
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 14, 35, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        await SayAsync("zhengshi", "交班");
        for (var i = 0; i < 6; i++) await SayAsync("zhengshi", "完成");
        await Chat("zhengshi").PressAsync("ok");
        await Chat("zhengshi").PressAsync("ok");
        await SayAsync("zhengshi", "正常");
        var review = string.Join("\n", (await Chat("zhengshi").PressAsync("all-ok")).Select(l => l.Text));
        Assert.Contains("接班人：李四", review);
        Assert.Contains("#1 雨伞两把 → 3-2-601 业主（11-26 09:30 起代存，锁在前台柜内）", review);
        var record = await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>().Include(r => r.Items).AsNoTracking().SingleAsync());
        Assert.Contains(record.Items, i => i.Section == HandoverSection.HeldItem && i.Text.Contains("雨伞两把", StringComparison.Ordinal));
    }
}

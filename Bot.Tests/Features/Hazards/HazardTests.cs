using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Hazards;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Hazards;

/// <summary>
/// Hazardous materials (第13篇) on the demo department, 2026-11-26 in Shanghai: 张三 (staff, early shift), 王五 the early
/// shift's lead, 赵六 客服主任.
/// </summary>
public sealed class HazardTests : DemoChatTests
{
    private Task<List<HazardUse>> UsesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HazardUse>().AsNoTracking().OrderBy(u => u.Id).ToListAsync());

    private async Task<int> WatchAsync()
    {
        var acted = await Bot.InScopeAsync(sp => sp.GetRequiredService<HazardWatch>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        return acted;
    }

    [Fact]
    public async Task Staff_AskToDraw_TheShiftLeadApprovesAndHandsItOut_WhatIsLeftIsReturned_第13篇_3_0_4_0()
    {
        await InboxAsync("wangwu");
        Assert.Equal("已提交危险品领用申请 #1 鼠药 2包（3号楼地下室灭鼠），已通知 王五。须经批准并由批准人亲自发放，请当面领取（第13篇 3.0）。",
            await TextAsync("zhangsan", "领用危险品 鼠药 2包 3号楼地下室灭鼠"));
        var use = Assert.Single(await UsesAsync());
        Assert.Equal((HazardUseStatus.Requested, 2m, "包"), (use.Status, use.Quantity, use.Unit));

        var ask = Assert.Single(await InboxAsync("wangwu"));
        Assert.StartsWith("【危险品领用申请】张三 申请领用 #1 鼠药 2包（3号楼地下室灭鼠）", ask.Text);
        Assert.Equal([("发放危险品 1", "批准并发放"), ("不发放危险品 1", "不批准")], ask.Choices.Select(c => (c.Value, c.Label)));
        Assert.Equal("已发放 #1 鼠药 2包（3号楼地下室灭鼠） 给 张三，已登记《危险品使用登记表》。",
            Assert.Single(await Chat("wangwu").PressAsync(ask.Choices[0].Value)).Text);
        Assert.StartsWith("王五 已批准并发放 #1 鼠药 2包", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal(("wangwu", HazardUseStatus.Issued), (Assert.Single(await UsesAsync()).DecidedById, Assert.Single(await UsesAsync()).Status));

        // Pressed twice (or by a second shift lead): changes nothing.
        Assert.Equal("危险品登记 #1 已由 王五 处理过了。", await TextAsync("wangwu", "发放危险品 1"));

        Bot.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("已登记退回 #1 鼠药 2包（3号楼地下室灭鼠）：用去 1.5包，剩余 0.5包 已退回库房（第13篇 4.0）。谢谢！",
            await TextAsync("zhangsan", "退回危险品 0.5包"));
        Assert.Equal("张三 已登记退回 #1 鼠药 2包（3号楼地下室灭鼠）：用去 1.5包，剩余 0.5包 已退回库房。", Assert.Single(await InboxAsync("wangwu")).Text);
        var returned = Assert.Single(await UsesAsync());
        Assert.Equal((HazardUseStatus.Returned, 0.5m, "zhangsan"), (returned.Status, returned.ReturnedQuantity, returned.ReturnedById));

        Assert.Equal("《危险品使用登记表》今天的领用及未退回的（1条）：\n#1 鼠药 2包（3号楼地下室灭鼠） 领用人：张三 — 09:30 由王五发放，10:30 退回：用去 1.5包，剩余 0.5包",
            await TextAsync("zhaoliu", "危险品记录"));
    }

    [Fact]
    public async Task ShiftLead_DrawsAndRegistersAtOnce_AndMayReturnAllUsed_第13篇_2_0()
    {
        var drawn = await TextAsync("wangwu", "领用危险品 酒精 1瓶 前台消毒");
        Assert.StartsWith("已登记《危险品使用登记表》#1 酒精 1瓶（前台消毒），领用时间 09:30。", drawn);
        Assert.Equal(("wangwu", HazardUseStatus.Issued), (Assert.Single(await UsesAsync()).DecidedById, Assert.Single(await UsesAsync()).Status));

        Assert.Equal("已登记 #1 酒精 1瓶（前台消毒） 已全部用完（用去 1瓶）（第13篇 4.0）。谢谢！", await TextAsync("wangwu", "退回危险品 用完"));
        Assert.Equal(0m, Assert.Single(await UsesAsync()).ReturnedQuantity);
    }

    [Fact]
    public async Task RefusedWithAReason_ThePersonHearsWhy_AndNothingIsOut_第13篇_3_0()
    {
        await SayAsync("zhangsan", "领用危险品 敌敌畏 1瓶 绿化带杀虫");
        await InboxAsync("wangwu");

        Assert.Equal("已不批准危险品登记 #1，已告知张三。", await TextAsync("wangwu", "不发放危险品 1 请联系绿化外包单位处理"));
        Assert.Equal("王五 未批准您的危险品领用申请 #1 敌敌畏 1瓶（绿化带杀虫）。原因：请联系绿化外包单位处理", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Equal(HazardUseStatus.Refused, Assert.Single(await UsesAsync()).Status);
        Assert.Equal("您名下没有领用中的危险品。", await TextAsync("zhangsan", "退回危险品 用完"));
    }

    [Fact]
    public async Task BadInput_GetsAPoliteAnswer_AndRegistersNothing_第13篇_1_0()
    {
        // Not a controlled material: the list is named.
        Assert.Equal("“油漆”不在危险品管控目录中（鼠药、敌敌畏、灭螂药、酒精、稀料，第13篇 1.0），请核对品名。", await TextAsync("zhangsan", "领用危险品 油漆 1桶 刷栏杆"));
        // Without quantity or purpose: how to say it.
        Assert.StartsWith("请按“品名 数量 用途”说明", await TextAsync("zhangsan", "领用危险品 鼠药"));
        await SayAsync("zhangsan", "取消");
        Assert.StartsWith("领用数量须大于零", await TextAsync("zhangsan", "领用危险品 鼠药 0包 灭鼠"));
        Assert.Empty(await UsesAsync());

        // Only a shift lead or above hands it out.
        await SayAsync("zhangsan", "领用危险品 鼠药 2包 灭鼠");
        Assert.DoesNotContain("已发放", await TextAsync("zhangsan", "发放危险品 1"));
        Assert.Equal(HazardUseStatus.Requested, Assert.Single(await UsesAsync()).Status);

        // More back than was drawn, or a unit that is not the one drawn: not taken.
        await SayAsync("wangwu", "发放危险品 1");
        Assert.Equal("剩余 3包 比领用的 2包 还多，请核对后再输入。", await TextAsync("zhangsan", "退回危险品 3包"));
        Assert.StartsWith("请说明 #1 鼠药 2包（灭鼠） 用后还剩多少（单位：包）", await TextAsync("zhangsan", "退回危险品 一些"));
        Assert.Equal(HazardUseStatus.Issued, Assert.Single(await UsesAsync()).Status);
        // Asked how much is left, the answer alone is enough.
        Assert.StartsWith("已登记退回 #1 鼠药 2包（灭鼠）：用去 1.5包，剩余 0.5包", await TextAsync("zhangsan", "0.5"));

        // A bare number with one line out, and no line of mine with that number: the amount left, in the unit drawn.
        await SayAsync("zhangsan", "领用危险品 酒精 3瓶 消毒");
        await SayAsync("wangwu", "发放危险品 2");
        Assert.StartsWith("已登记退回 #2 酒精 3瓶（消毒）：用去 2瓶，剩余 1瓶", await TextAsync("zhangsan", "退回危险品 1"));
    }

    [Fact]
    public async Task NotReturnedInTime_TheHolderIsRemindedAndTheIssuerTold_Once_第13篇_4_0()
    {
        await SayAsync("zhangsan", "领用危险品 灭螂药 3支 员工餐厅");
        await SayAsync("wangwu", "发放危险品 1");
        await InboxAsync("zhangsan");
        await InboxAsync("wangwu");

        Bot.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await WatchAsync());

        Bot.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await WatchAsync());
        Assert.Equal(0, await WatchAsync()); // fired twice: acts once
        var reminder = Assert.Single(await InboxAsync("zhangsan"));
        Assert.StartsWith("您好，#1 灭螂药 3支（员工餐厅） 于 09:30 领用，至今未登记退回", reminder.Text);
        Assert.Equal(["退回危险品 1"], reminder.Choices.Select(c => c.Value));
        Assert.Equal("提醒：您发放的 #1 灭螂药 3支（员工餐厅）（09:30 领用）至今未登记退回，请跟进（第13篇 4.0）。", Assert.Single(await InboxAsync("wangwu")).Text);

        // The next morning's digest still lists it for the supervisors.
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        await Bot.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        Assert.Contains("【危险品未退回（1条）】\n#1 灭螂药 3支（员工餐厅） 领用人：张三 — 11-26 09:30 由王五发放，未退回", (await InboxAsync("zhaoliu")).Last().Text);
    }

    [Fact]
    public async Task RegisterCsv_ForTheMonth_OnlyWithTheKey_第13篇_2_0()
    {
        await SayAsync("zhangsan", "领用危险品 酒精 2瓶 =HYPERLINK(\"x\"),前台消毒");
        await SayAsync("wangwu", "发放危险品 1");
        Bot.Time.Advance(TimeSpan.FromMinutes(90));
        await SayAsync("zhangsan", "退回危险品 0.5瓶");
        await SayAsync("zhangsan", "领用危险品 鼠药 1包 灭鼠");
        await SayAsync("wangwu", "不发放危险品 2");

        var client = Bot.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/hazards/register.csv?month=2026-11")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/admin/hazards/register.csv?month=11月")).StatusCode);

        var response = await client.GetAsync("/api/admin/hazards/register.csv?month=2026-11");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,material,quantity,unit,purpose,user,user_name,status,requested_at,issued_at,issued_by,returned_at,left,used", lines[0]);
        // A purpose a spreadsheet would run as a formula stays text; a comma or quote is quoted.
        Assert.Equal("1,酒精,2,瓶,\"'=HYPERLINK(\"\"x\"\"),前台消毒\",zhangsan,张三,returned,2026-11-26 09:30,2026-11-26 09:30,wangwu,2026-11-26 11:00,0.5,1.5", lines[1]);
        Assert.Equal("2,鼠药,1,包,灭鼠,zhangsan,张三,refused,2026-11-26 11:00,,,,,", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.Single((await (await client.GetAsync("/api/admin/hazards/register.csv?month=2026-12")).Content.ReadAsStringAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Anomaly_WhileUsing_GoesToTheShiftLeadAtOnce_AsAnUrgentCase_第13篇_5_0()
    {
        await SayAsync("zhangsan", "领用危险品 鼠药 2包 地下车库灭鼠");
        await SayAsync("wangwu", "发放危险品 1");
        await InboxAsync("wangwu");

        var reply = await TextAsync("zhangsan", "危险品异常 药包破损洒在地上，已清理并通风");
        Assert.Equal("已作为紧急事项上报（升级事项 #1），已通知 王五。请注意安全，按其指示处理（第13篇 5.0）。", reply);
        var alert = Assert.Single(await InboxAsync("wangwu"));
        Assert.Contains("危险品异常：张三（11-26 09:30）#1 鼠药 2包（地下车库灭鼠）", alert.Text);
        Assert.Contains("药包破损洒在地上，已清理并通风", alert.Text);
        Assert.Contains(alert.Choices, c => c.Value == "收到 1");

        // Alone, it asks what happened.
        Assert.StartsWith("请说明发现的异常或意外情况", await TextAsync("lisi", "危险品异常"));
    }

    [Fact]
    public async Task Help_HasTheHazardousMaterialsTopic()
    {
        var help = await TextAsync("zhangsan", "帮助 危险品");
        Assert.Contains("领用危险品", help);
        Assert.Contains("退回危险品", help);
        Assert.DoesNotContain("发放危险品", help); // shift leads and above only
        Assert.Contains("发放危险品", await TextAsync("wangwu", "帮助 危险品"));
    }
}

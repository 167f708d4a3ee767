using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Features.Directory;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// 待办's callback lines (第9篇, 第11篇 3) on the demo department, Thursday 2026-11-26 09:30: the callbacks 张三 answers for that
/// are his to make by phone or visit now — late ones pressing — and his rectifications, each with the button 回访任务 offers;
/// 赵六 (客服主任) the owner phone requests to decide. Only this feature's lines are looked at.
/// </summary>
public sealed partial class CallbackTodoTests : DemoChatTests
{
    private const string Summary = "卫生间水龙头漏水，已更换";

    /// <summary>A minor repair of 3-1-502 (陈先生) completed at a Shanghai time, 张三 responsible, through the admin API.</summary>
    private async Task RegisterRepairAsync(string externalId, DateTimeOffset completedAt)
    {
        var http = Bot.CreateClient();
        http.DefaultRequestHeaders.Add(DirectoryAdmin.ApiKeyHeader, AdminKey);
        (await http.PostAsJsonAsync("/api/admin/callbacks/cases",
            new { externalId, type = "minor_repair", unit = "3-1-502", summary = Summary, responsible = new[] { "zhangsan" }, completedAt })).EnsureSuccessStatusCode();
    }

    /// <summary>Runs the callback job now, as the scheduler would.</summary>
    private async Task TickAsync()
    {
        await Bot.InScopeAsync(sp => sp.GetRequiredService<CallbackService>().ProcessDueAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
    }

    private static DateTimeOffset Shanghai(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>The callback lines, in the order shown.</summary>
    private async Task<List<string>> CallbackLinesAsync(string who) =>
        [.. (await TodoAsync(who)).Lines.Where(l => l.StartsWith("回访单", StringComparison.Ordinal) || l.StartsWith("业主电话申请", StringComparison.Ordinal))];

    [Fact]
    public async Task StaffTasks_WaitOnTheResponsible_TheLateOneLeads_ThenTheRectification_UntilDone_第9篇_五()
    {
        // Both windows close within a day, so both are the staff's at once (the owner is not asked first): #1 by 11-27 09:30, #2 by 10:00 today.
        await RegisterRepairAsync("BX-1", Shanghai(24, 9, 30));
        await RegisterRepairAsync("BX-2", Shanghai(23, 10));
        // Still with the owner, or not yet anyone's: nothing to do.
        Assert.Empty(await CallbackLinesAsync("zhangsan"));
        await TickAsync();

        const string First = "回访单 #1：陈先生（3-1-502）「" + Summary + "」，请于 11-27 09:30 前电话或上门回访";
        var (lines, buttons) = await TodoAsync("zhangsan");
        Assert.Equal([First, "回访单 #2：陈先生（3-1-502）「" + Summary + "」，请于 11-26 10:00 前电话或上门回访"], lines.Where(l => l.StartsWith("回访单", StringComparison.Ordinal)));
        Assert.Equal(["代录回访 1", "代录回访 2"], buttons.Select(c => c.Value).Where(v => v.StartsWith("代录回访", StringComparison.Ordinal)));
        Assert.Empty(await CallbackLinesAsync("lisi"));
        Assert.Empty(await CallbackLinesAsync("zhaoliu"));

        // Its window closed: late, so it leads.
        Bot.Time.SetUtcNow(Shanghai(26, 10, 5));
        (lines, buttons) = await TodoAsync("zhangsan");
        Assert.Equal(["回访单 #2：陈先生（3-1-502）「" + Summary + "」已过回访期限（11-26 10:00），请尽快回访", First],
            lines.Where(l => l.StartsWith("回访单", StringComparison.Ordinal)));

        // The button starts recording the owner's answers; not satisfied, it becomes a rectification (五.2).
        Assert.StartsWith("代录回访单 #2：陈先生（3-1-502）的零星维修「" + Summary + "」",
            Assert.Single(await Chat("zhangsan").PressAsync(Assert.Single(buttons, c => c.Value == "代录回访 2").Value)).Text);
        foreach (var answer in new[] { "满意", "满意", "不满意", "水龙头还在滴水", "没有" }) await SayAsync("zhangsan", answer);
        // He is told of the rectification as it is recorded.
        Assert.Contains(await SayAsync("zhangsan", "确认"), l => l.Text.StartsWith("已记录回访单 #2 的回访结果（代录）", StringComparison.Ordinal));

        (lines, buttons) = await TodoAsync("zhangsan");
        Assert.Equal([First, "回访单 #2 待整改：陈先生（3-1-502）「" + Summary + "」，整改完成后将再次回访业主（第9篇 五.2）"],
            lines.Where(l => l.StartsWith("回访单", StringComparison.Ordinal)));
        Assert.StartsWith("已记录回访单 #2 整改完成。新的回访单 #3",
            Assert.Single(await Chat("zhangsan").PressAsync(Assert.Single(buttons, c => c.Value == "整改完成 2").Value)).Text);
        // The new round is the owner's to answer first.
        Assert.Equal([First], await CallbackLinesAsync("zhangsan"));
    }

    [Fact]
    public async Task AnOwnerPhoneRequest_WaitsOnTheSupervisor_OrAboveWhenItIsTheirs_UntilDecided_第11篇_3()
    {
        await SayAsync("zhangsan", "业主电话 3-1-502 约维修上门时间");
        var (lines, buttons) = await TodoAsync("zhaoliu");
        Assert.Equal(["业主电话申请 #1：张三 申请查看 3-1-502 业主电话，待您审批（第11篇 3）"], await CallbackLinesAsync("zhaoliu"));
        Assert.Empty(await CallbackLinesAsync("sunqi"));
        Assert.Empty(await CallbackLinesAsync("wangwu"));
        Assert.Empty(await CallbackLinesAsync("zhangsan"));

        Assert.Equal("已批准电话申请 #1，电话已发给张三。",
            Assert.Single(await Chat("zhaoliu").PressAsync(Assert.Single(buttons, c => c.Value == "批准电话 1").Value)).Text);
        Assert.Empty(await CallbackLinesAsync("zhaoliu"));

        // 客服主任's own request goes to those above, never back to them.
        await SayAsync("zhaoliu", "业主电话 3-1-502");
        Assert.Equal(["业主电话申请 #2：赵六 申请查看 3-1-502 业主电话，待您审批（第11篇 3）"], await CallbackLinesAsync("sunqi"));
        Assert.Equal(["业主电话申请 #2：赵六 申请查看 3-1-502 业主电话，待您审批（第11篇 3）"], await CallbackLinesAsync("qianyi"));
        Assert.Empty(await CallbackLinesAsync("zhaoliu"));
    }
}

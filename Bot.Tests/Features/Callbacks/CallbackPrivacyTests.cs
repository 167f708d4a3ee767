using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// Owner privacy (第11篇 3): an owner sees and answers only their own callbacks, never another owner's data or a staff
/// phone number; staff get an owner's number only after a supervisor approved, and only the requester gets it.
/// </summary>
public sealed class CallbackPrivacyTests
{
    private const string ChenPhone = "13800000000";

    [Fact]
    public async Task OwnerHelp_ListsOnlyOwnerCommands_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        var help = await bed.SayAsync("chen-3-1-502", "帮助");

        Assert.Contains("回访", help);
        Assert.DoesNotContain("登记回访", help);
        Assert.DoesNotContain("代录回访", help);
        Assert.DoesNotContain("业主电话", help);
        Assert.DoesNotContain("回访统计", help);
    }

    [Fact]
    public async Task Owner_CannotUseStaffCommands_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        var phone = await bed.SayAsync("chen-3-1-502", "业主电话 5-1-101");
        var stats = await bed.SayAsync("chen-3-1-502", "回访统计");

        Assert.DoesNotContain("13900000001", phone);
        // What an owner writes with a staff word in front is their message to the front desk, not a look-up.
        Assert.Contains("留言已转给", phone);
        Assert.DoesNotContain("回访率", stats);
    }

    [Fact]
    public async Task Owner_CannotOpenAnotherOwnersCallback_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        var lis = await bed.RegisterRepairAsync(externalId: "BX-LI", unit: "5-1-101", summary: "李女士家的空调维修");
        await bed.TickAsync(Shanghai(27, 10, 1));

        var reply = await bed.SayAsync("chen-3-1-502", $"回访 {lis}");
        var mine = await bed.SayAsync("chen-3-1-502", "回访");

        Assert.Equal("陈先生您好，没有找到您的这项回访。", reply);
        Assert.Equal("陈先生您好，您目前没有需要回访的事项。谢谢您的关注！", mine);
        Assert.Empty(await bed.InboxAsync("chen-3-1-502"));
        Assert.Contains("李女士家的空调维修", Assert.Single(await bed.InboxAsync("li-5-1-101")));
    }

    [Fact]
    public async Task Owner_NeverSeesAStaffPhoneNumber_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.Bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            (await db.Set<Person>().SingleAsync(p => p.Id == "zhangsan")).Phone = "13700000007";
            await db.SaveChangesAsync();
        });
        await bed.RegisterRepairAsync();
        await bed.TickAsync(Shanghai(27, 10, 1));

        var seen = new List<string>(await bed.InboxAsync("chen-3-1-502"));
        foreach (var answer in new[] { "方便", "不满意", "不满意", "不满意", "还在漏水", "请尽快处理", "确认" })
            seen.Add(await bed.SayAsync("chen-3-1-502", answer));

        Assert.All(seen, line => Assert.DoesNotContain("13700000007", line));
        Assert.DoesNotContain(ChenPhone, Assert.Single(await bed.InboxAsync("zhangsan"))); // the rectification task
    }

    [Fact]
    public async Task OwnerPhone_IsGivenOnlyAfterTheSupervisorApproves_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        var asked = await bed.SayAsync("zhangsan", "业主电话 3-1-502");
        Assert.Equal("已向赵六申请查看 3-1-502 业主的电话（申请 #1），批准后会发给您。", asked);
        var request = Assert.Single(await bed.InboxAsync("zhaoliu"));
        Assert.StartsWith("【电话申请】张三申请查看 3-1-502 业主的联系电话（申请 #1）", request);
        Assert.DoesNotContain(ChenPhone, asked + request);

        // Neither the requester nor a shift lead can approve it.
        Assert.DoesNotContain(ChenPhone, await bed.SayAsync("zhangsan", "批准电话 1"));
        Assert.DoesNotContain(ChenPhone, await bed.SayAsync("wangwu", "批准电话 1"));
        Assert.Empty(await bed.InboxAsync("zhangsan"));

        // 批准电话 alone offers what is waiting.
        var waiting = Assert.Single(await bed.Chat("zhaoliu").SayAsync("批准电话"));
        Assert.Equal("有以下业主电话申请待审批，请选择：", waiting.Text);
        Assert.Equal([("批准电话 1", "#1 张三 申请 3-1-502")], waiting.Choices.Select(c => (c.Value, c.Label)));
        Assert.Equal("已批准电话申请 #1，电话已发给张三。", await bed.SayAsync("zhaoliu", "批准电话 1"));
        Assert.Equal($"经赵六批准，3-1-502 业主的电话：陈先生：{ChenPhone}。仅限本次服务使用，请勿外传（第11篇 3）。",
            Assert.Single(await bed.InboxAsync("zhangsan")));
        Assert.Equal("电话申请 #1 已经处理过了。", await bed.SayAsync("zhaoliu", "批准电话 1"));
        Assert.Empty(await bed.InboxAsync("zhangsan")); // revealed once
    }

    [Fact]
    public async Task OwnerPhone_WithAReason_TheApproverReadsWhy_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        Assert.Equal("已向赵六申请查看 3-1-502 业主的电话（申请 #1），批准后会发给您。",
            await bed.SayAsync("zhangsan", "业主电话 3-1-502 维修师傅要和业主约上门时间"));

        var request = Assert.Single(await bed.InboxAsync("zhaoliu"));
        Assert.StartsWith("【电话申请】张三申请查看 3-1-502 业主的联系电话（申请 #1），原因：维修师傅要和业主约上门时间。", request);
        Assert.DoesNotContain(ChenPhone, request);
    }

    [Fact]
    public async Task OwnerPhone_Refused_IsNeverGiven_第11篇_3()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));
        await bed.SayAsync("zhangsan", "业主电话 3-1-502");
        Assert.DoesNotContain(ChenPhone, Assert.Single(await bed.InboxAsync("zhaoliu")));

        Assert.Equal("已拒绝电话申请 #1，已告知张三。", await bed.SayAsync("zhaoliu", "拒绝电话 1"));

        var told = Assert.Single(await bed.InboxAsync("zhangsan"));
        Assert.Equal("赵六未批准您查看 3-1-502 业主电话的申请（#1）。", told);
        Assert.Equal("电话申请 #1 已经处理过了。", await bed.SayAsync("zhaoliu", "批准电话 1"));
        Assert.Empty(await bed.InboxAsync("zhangsan"));
    }

    [Fact]
    public async Task OwnerPhone_UnknownUnit_IsAPoliteRefusal()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10));

        Assert.Equal("房号 9-9-999 不存在，请核对后再输入。", await bed.SayAsync("zhangsan", "业主电话 9-9-999"));
        Assert.Equal("请问是哪一户的业主？请回复房号，如 3-1-502。", await bed.SayAsync("zhangsan", "业主电话"));
        Assert.Empty(await bed.InboxAsync("zhaoliu"));
        // The next message is the unit asked for.
        Assert.StartsWith("已向赵六申请查看 3-1-502 业主的电话", await bed.SayAsync("zhangsan", "3-1-502"));
    }
}

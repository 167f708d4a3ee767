using Bot.Tests.Support;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// 张三在哪: where a colleague is, from the roster, the attendance record and any 外出 (demo: Thursday 2026-11-26 09:30
/// Shanghai; 张三 and 王五 on the early shift 07:00–15:00 at 客服中心, 李四 on the middle shift, 赵六 the duty manager).
/// </summary>
public sealed class WhereaboutsTests : DemoChatTests
{
    [Fact]
    public async Task AColleagueOnShift_IsFollowedFromNotCheckedIn_ThroughOut_ToBack_第7篇_1_2_3()
    {
        Assert.Equal("张三（管理员）：早班 07:00–15:00在客服中心，已开始2 小时 30 分钟，还没有签到。", await TextAsync("wangwu", "张三在哪"));

        await SayAsync("zhangsan", "签到");
        Assert.Equal("张三（管理员）：早班 07:00–15:00在客服中心当班，09:30已签到，现在在岗。", await TextAsync("zhengshi", "请问张三现在在哪里？"));

        await SayAsync("zhangsan", "外出 30分钟 去医院拿药");
        await SayAsync("wangwu", "同意外出 1");
        var out_ = await TextAsync("zhengshi", "张三在岗吗");
        Assert.Equal("张三（管理员）：早班 07:00–15:00在客服中心当班，现在外出，10:00前回岗。", out_);
        Assert.DoesNotContain("医院", out_); // the reason is the superior's to know

        Bot.Time.Advance(TimeSpan.FromMinutes(45));
        Assert.Contains("外出应于10:00回岗，已超时15 分钟，还没有回岗", await TextAsync("zhengshi", "张三在哪"));
        await SayAsync("zhangsan", "回来");
        Assert.Contains("现在在岗", await TextAsync("zhengshi", "找人 张三"));
    }

    [Fact]
    public async Task AColleagueOff_SaysTheirNextShift_AndOneNotRostered_SaysToContactThem()
    {
        Assert.Equal("李四（管理员）：现在不在班上，下一班是11-26（周四）中班 15:00–23:00（客服中心）。", await TextAsync("zhangsan", "李四在哪"));
        Assert.Equal("赵六（客服主任）：近7天没有排班，如有急事请直接联系本人。\n赵六是今天的值班经理。", await TextAsync("zhangsan", "赵六在哪儿"));

        await SayAsync("zhangsan", "签到");
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 14, 40, 0, TimeSpan.FromHours(8)));
        Assert.Equal("张三（管理员）：早班 07:00–15:00在客服中心当班，09:30已签到，现在在岗。", await TextAsync("wangwu", "张三在哪"));
        // 签到 opens half an hour before a shift.
        Assert.Equal("李四（管理员）：中班 15:00–23:00在客服中心，15:00上班，还没有签到。",
            await TextAsync("wangwu", "李四在哪"));
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 15, 10, 0, TimeSpan.FromHours(8)));
        Assert.Equal("张三（管理员）：早班 07:00–15:00已于15:00结束，还没有签退。", await TextAsync("wangwu", "张三在哪"));
    }

    [Fact]
    public async Task NobodyOfThatName_IsSaidPolitely_AndAThingsWhereabouts_IsLeftToItsOwnCommand()
    {
        Assert.Equal("没有找到名叫“快递”的同事。请写上同事的姓名，例如：张三在哪。", await TextAsync("zhangsan", "快递在哪"));
        Assert.Equal("请问您要找哪位同事？请写上姓名，例如：张三在哪。", await TextAsync("zhangsan", "找人"));

        // The keys answer where a key is: "钥匙在哪里" is not a colleague called 钥匙 (nor a key called 里).
        var key = await TextAsync("zhangsan", "钥匙在哪里");
        Assert.DoesNotContain("同事", key);
        Assert.DoesNotContain("里", key);
        Assert.Equal("请告诉我要查哪把钥匙，例如：钥匙 3-1-502 在哪。", key);
        var gate = await TextAsync("zhangsan", "大门钥匙在哪里");
        Assert.StartsWith("对不起，没有找到钥匙“大门钥匙”", gate);
    }

    [Fact]
    public async Task AnOwnerAsking_IsAMessageForTheFrontDesk_NotTheRoster()
    {
        var reply = await TextAsync("chen-3-1-502", "张三在哪");
        Assert.DoesNotContain("早班", reply);
        Assert.DoesNotContain("签到", reply);
    }

    [Fact]
    public async Task WhoIsOut_ListsEveryoneOnAnApproved外出_WithWhenTheyAreDue_第7篇_1_2_3()
    {
        Assert.Equal("现在没有同事外出。", await TextAsync("wangwu", "谁外出了"));
        await SayAsync("zhangsan", "签到");
        await SayAsync("zhangsan", "外出 30分钟 去医院拿药");
        // Asked for, not yet approved: not out.
        Assert.Equal("现在没有同事外出。", await TextAsync("zhengshi", "现在谁外出了？"));
        await SayAsync("wangwu", "同意外出 1");
        Assert.Equal("现在外出的同事（1人）：\n张三：10:00前回岗", await TextAsync("zhengshi", "谁外出了"));
        Bot.Time.Advance(TimeSpan.FromMinutes(45));
        var late = await TextAsync("zhengshi", "谁出去了");
        Assert.Equal("现在外出的同事（1人）：\n张三：应于10:00回岗，已超时15 分钟，还没有回岗", late);
        Assert.DoesNotContain("医院", late);
        await SayAsync("zhangsan", "回来");
        Assert.Equal("现在没有同事外出。", await TextAsync("zhengshi", "谁外出了"));
    }
}

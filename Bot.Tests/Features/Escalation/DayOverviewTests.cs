using Bot.Domain.Conversations;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Escalation;

/// <summary>
/// 今日概况 / "今天怎么样": a supervisor's one message on how the department stands now, gathered from the morning digest's
/// sections (demo: Thursday 2026-11-26 09:30 Shanghai; 张三, 郑十 and 王五 on the early shift 07:00–15:00, 吴九 on the
/// night shift 23:00–07:00, 周八 the key custodian, 陈先生 the owner of 3-1-502).
/// </summary>
public sealed class DayOverviewTests : DemoChatTests
{
    private static readonly Choice[] NextSteps = [new("待办", "待办"), new("升级事项", "升级事项"), new("今日考勤", "今日考勤")];

    private void At(int hour, int minute, int day = 26) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    [Fact]
    public async Task AQuietDay_IsOneLineSayingAllIsInOrder_AndTheDutyWordsStayTheirs_第2篇_1_1()
    {
        // Everyone checks in on time: 吴九 for last night, the early shift before seven.
        At(22, 40);
        await SayAsync("wujiu", "签到");
        At(6, 45, day: 27);
        foreach (var who in new[] { "zhangsan", "zhengshi", "wangwu" }) Assert.StartsWith("签到成功", await TextAsync(who, "签到"));
        At(7, 30, day: 27);

        var reply = Assert.Single(await SayAsync("zhaoliu", "今天怎么样"));
        Assert.Equal("赵六您好，截至07:30一切正常：当班人员都已到岗，没有待处理的事项。", reply.Text);
        Assert.Equal(NextSteps, reply.Choices);
        Assert.Equal(reply.Text.Replace("赵六", "孙七", StringComparison.Ordinal), await TextAsync("sunqi", "今日概况"));
        Assert.Equal(reply.Text.Replace("赵六", "钱一", StringComparison.Ordinal), await TextAsync("qianyi", "有什么情况"));
        await SayAsync("zhaoliu", "语言 English");
        Assert.Equal("Hello 赵六, all is in order at 07:30: everyone on shift is in and nothing is waiting.", await TextAsync("zhaoliu", "how is today"));

        // The words around it are still the commands they were.
        Assert.DoesNotContain("一切正常", await TextAsync("wangwu", "今天谁值班"));
        Assert.DoesNotContain("一切正常", await TextAsync("wangwu", "今日考勤"));
        Assert.StartsWith("王五您好，", await TextAsync("wangwu", "今天有什么事"));
        Assert.DoesNotContain("一切正常", await TextAsync("wangwu", "今天有什么事"));
    }

    [Fact]
    public async Task ABusyMorning_ShowsTheOneNotIn_TheLate_TheOwnersMessage_AndTheOverdueKey_EachOnItsLine_第2篇_2_1_第4篇_1_2_3()
    {
        await SayAsync("zhangsan", "签到");
        At(9, 40);
        await SayAsync("wangwu", "签到");
        await SayAsync("chen-3-1-502", "3号楼楼道灯坏了，晚上很黑");
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        await Chat("zhangsan").PressAsync("1h");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        Assert.StartsWith("已登记交出", await TextAsync("zhouba", "确认交出 1"));
        At(10, 45);

        var reply = Assert.Single(await SayAsync("sunqi", "今天情况怎么样"));
        Assert.Equal(
        [
            "孙七您好，截至10:45的情况：",
            "· 当班3人，1人还没有签到：郑十（早班，已开始3 小时 45 分钟）",
            "· 今天迟到2人：张三（迟到2 小时 30 分钟）、王五（迟到2 小时 40 分钟）",
            "· 业主留言1条待答复，其中1条还没有人收到（最早09:40）",
            "· 钥匙借出1把，1把逾期未还：U-3-1-502（3-1-502）（张三，逾期5 分钟）",
        ], reply.Text.Split('\n'));
        Assert.Equal(NextSteps, reply.Choices);

        // Taken up and dealt with, the owner's message leaves the overview; 郑十 arriving changes the line about who is in.
        await SayAsync("wangwu", "收到 1");
        Assert.Contains("· 业主留言1条已有人收到，尚未处理完", await TextAsync("zhaoliu", "现在情况"));
        await SayAsync("wangwu", "已处理 1 已通知工程部更换灯管");
        await SayAsync("zhengshi", "签到");
        var later = await TextAsync("zhaoliu", "现在情况");
        Assert.DoesNotContain("业主留言", later);
        Assert.DoesNotContain("还没有签到", later);
        Assert.Contains("· 今天迟到3人：", later);
    }

    [Fact]
    public async Task FrontLineStaff_ArePointedToTheirOwnToDo_AndWhoIsOnDuty()
    {
        var reply = Assert.Single(await SayAsync("zhangsan", "今天怎么样"));
        Assert.Equal("张三您好，今日概况是给领班和主管看的全部门汇总。您自己要办的事请看“待办”；想知道谁在岗，可以问“今天谁值班”。", reply.Text);
        Assert.Equal([new Choice("待办", "待办"), new Choice("今天谁值班", "今天谁值班")], reply.Choices);
        // The button runs the look-up it names.
        Assert.Contains("早班", string.Join("\n", (await Chat("zhangsan").PressAsync("今天谁值班")).Select(l => l.Text)));
    }

    [Fact]
    public async Task AtNight_AnOwnersMessageHeldForTheMorning_IsSaidAsSuch_NotAsOneNobodyTookUp()
    {
        At(21, 50);
        await SayAsync("chen-3-1-502", "楼道灯不亮了，麻烦派人看看");
        await InboxAsync("zhaoliu");
        await SayAsync("zhaoliu", "收到 1");
        // Left in quiet hours, a normal message waits for the morning by design.
        At(22, 30);
        await SayAsync("chen-3-1-502", "另外门口的垃圾桶满了");

        At(22, 40);
        var reply = await TextAsync("zhaoliu", "今日概况");

        Assert.Contains("· 业主留言2条待答复，其中1条夜间留言将于07:00转给领班", reply);
        Assert.DoesNotContain("还没有人收到", reply);
    }
}

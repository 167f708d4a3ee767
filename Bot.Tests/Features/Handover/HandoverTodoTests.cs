using System.Text.RegularExpressions;
using Bot.Domain.Features.Handover;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Handover;

/// <summary>
/// The handover's lines in 待办, on the demo department (Thursday 2026-11-26): each appears for the one it waits on and
/// nobody else, with the button of the feature's own notice, what holds someone past their shift first, and it goes
/// once dealt with.
/// </summary>
public sealed partial class HandoverTodoTests : DemoChatTests
{
    private sealed record TodoList(IReadOnlyList<string> Lines, IReadOnlyList<string> Buttons);

    [GeneratedRegex(@"^\d+\. (.*)$")]
    private static partial Regex NumberedLine();

    /// <summary>What 待办 shows the person: its numbered lines without their numbers, and its buttons.</summary>
    private async Task<TodoList> ShownTodoAsync(string who)
    {
        var reply = (await Chat(who).SayAsync("待办")).First(l => l.Text.Contains("您好，目前", StringComparison.Ordinal));
        var lines = reply.Text.Split('\n').Skip(1).Select(l => NumberedLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        return new TodoList(lines, [.. reply.Choices.Select(c => c.Value)]);
    }

    private void At(int day, int hour, int minute) =>
        Bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    private void At(int hour, int minute) => At(26, hour, minute);

    private async Task<string> PressAsync(string who, string value) => string.Join("\n", (await Chat(who).PressAsync(value)).Select(l => l.Text));

    private async Task<HandoverRecord> RecordAsync() =>
        Assert.Single(await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<HandoverRecord>().AsNoTracking().ToListAsync()));

    /// <summary>张三's early-shift handover at 客服中心, from 交班 on: one unfinished matter, the rest in order; signed over to 李四.</summary>
    private async Task<long> ZhangsanHandsOverAsync(bool started = false)
    {
        if (!started) Assert.Contains("【未完成的工作】", await TextAsync("zhangsan", "交班"));
        Assert.StartsWith("已记录：1.", await TextAsync("zhangsan", "3-1-502漏水；楼上管道破裂；已通知维修部关闸；待明早维修"));
        for (var i = 0; i < 4; i++) await TextAsync("zhangsan", "完成");
        Assert.Contains("【交接班检查 1/3】", await PressAsync("zhangsan", "all-ok"));
        Assert.Contains("请核对交接内容", await PressAsync("zhangsan", "all-ok"));
        Assert.Contains("已通知李四逐项核对接班", await TextAsync("zhangsan", "提交"));
        return (await RecordAsync()).Id;
    }

    /// <summary>李四, checked in, confirms every item still to check (the open question stays open) and signs when he may.</summary>
    private async Task LisiChecksAsync(long id, bool sign)
    {
        var reply = await PressAsync("lisi", $"接班 {id}");
        while (reply.Contains("项：", StringComparison.Ordinal) && !reply.Contains("请签字接班", StringComparison.Ordinal))
            reply = await PressAsync("lisi", "confirm");
        if (sign) Assert.StartsWith("您已签字接班", await PressAsync("lisi", "sign"));
    }

    [Fact]
    public async Task HandOver_FromThePromptTime_PressingOnceTheShiftIsOver_GoneOnceSignedOver_第1篇_2_2()
    {
        await TextAsync("zhangsan", "签到");
        await TextAsync("wangwu", "签到");

        At(14, 25);
        Assert.DoesNotContain((await ShownTodoAsync("zhangsan")).Lines, l => l.StartsWith("早班（客服中心）", StringComparison.Ordinal));

        // From the prompt's time (Handover:PrepareBefore, 30 minutes) the handover waits on him, with the prompt's button.
        At(14, 31);
        var todo = await ShownTodoAsync("zhangsan");
        Assert.Contains("早班（客服中心）15:00 下班，请准备交班", todo.Lines);
        Assert.Contains("交班", todo.Buttons);
        // 郑十 (前台) is rostered but never came on; 王五's own post (领班) does not hand over.
        Assert.DoesNotContain((await ShownTodoAsync("zhengshi")).Lines, l => l.Contains("请准备交班", StringComparison.Ordinal));
        Assert.DoesNotContain((await ShownTodoAsync("wangwu")).Lines, l => l.Contains("交班", StringComparison.Ordinal));

        // The button starts the preparation; started but not signed over, it is still his, and past the end it says so.
        At(15, 5);
        Assert.Contains("【未完成的工作】", await PressAsync("zhangsan", "交班"));
        todo = await ShownTodoAsync("zhangsan");
        Assert.Contains("早班（客服中心）已于 15:00 下班，交班还未提交", todo.Lines);
        Assert.DoesNotContain("早班（客服中心）15:00 下班，请准备交班", todo.Lines);

        // Signed over, the line is gone.
        await ZhangsanHandsOverAsync(started: true);
        Assert.DoesNotContain((await ShownTodoAsync("zhangsan")).Lines, l => l.StartsWith("早班（客服中心）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TakeOver_ForTheSuccessorOnceHeMayComeOn_PressingOnceTheOutgoingIsOff_GoneWhenSigned_第14篇_1_2()
    {
        await TextAsync("zhangsan", "签到");
        At(10, 0);
        var id = await ZhangsanHandsOverAsync();
        var line = $"交接 #{id}（11-26 早班 客服中心）：张三已交班，请核对接班";

        // Signed over early, while 李四 is at home: nothing he can do before check-in opens for his 中班 (14:30).
        At(10, 5);
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.StartsWith($"交接 #{id}", StringComparison.Ordinal));

        At(14, 35);
        var todo = await ShownTodoAsync("lisi");
        Assert.Contains(line, todo.Lines);
        Assert.Contains($"接班 {id}", todo.Buttons);
        Assert.DoesNotContain((await ShownTodoAsync("wujiu")).Lines, l => l.StartsWith($"交接 #{id}", StringComparison.Ordinal));
        Assert.DoesNotContain((await ShownTodoAsync("zhangsan")).Lines, l => l.StartsWith($"交接 #{id}", StringComparison.Ordinal));
        // The button is the notice's 接班: in person, so first the check-in, then the items.
        Assert.Equal($"接班须本人到岗、当面核对（第14篇 1.2）：请先签到，再回复“接班 {id}”逐项核对。", await PressAsync("lisi", $"接班 {id}"));
        await TextAsync("lisi", "签到");
        Assert.Contains("第1/", await PressAsync("lisi", $"接班 {id}"));

        // Still not taken over near the end of his own shift: 张三 has been held since 15:00, so that comes before
        // his own 交班, which is only due at 23:00.
        At(22, 35);
        todo = await ShownTodoAsync("lisi");
        var late = todo.Lines.ToList().IndexOf(line + "（交班人 15:00 已下班，在等您）");
        var own = todo.Lines.ToList().IndexOf("中班（客服中心）23:00 下班，请准备交班");
        Assert.True(late >= 0 && own > late, string.Join("\n", todo.Lines));

        await LisiChecksAsync(id, sign: true);
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.StartsWith($"交接 #{id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Question_WaitsOnTheOutgoingToAnswer_ThenOnTheSuccessorToCheckAndSign_第14篇_1_5()
    {
        await TextAsync("zhangsan", "签到");
        At(14, 35);
        var id = await ZhangsanHandsOverAsync();
        await TextAsync("lisi", "签到");
        await PressAsync("lisi", $"接班 {id}");
        await PressAsync("lisi", "question");
        await TextAsync("lisi", "维修部明早几点到场，需要我们陪同吗");
        await LisiChecksAsync(id, sign: false);

        At(14, 45);
        var title = $"交接 #{id}（11-26 早班 客服中心）";
        var answer = $"{title}：李四对第1项有疑问“维修部明早几点到场，需要我们陪同吗”，请答复";
        var todo = await ShownTodoAsync("zhangsan");
        Assert.Contains(answer, todo.Lines);
        Assert.Contains($"答复 {id}", todo.Buttons);
        // Everything else checked, 李四 waits on the answer: nothing of this handover is his to do now.
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));

        // Past 15:00 张三 may not leave before it is answered and taken over.
        At(15, 5);
        Assert.Contains(answer + "（15:00 已下班，接班人在等）", (await ShownTodoAsync("zhangsan")).Lines);

        Assert.StartsWith("请答复以下疑问", await PressAsync("zhangsan", $"答复 {id}"));
        Assert.Equal("第1项的答复已发给李四。", await TextAsync("zhangsan", "维修部明早9点到场，不用陪同"));
        Assert.DoesNotContain((await ShownTodoAsync("zhangsan")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));

        todo = await ShownTodoAsync("lisi");
        Assert.Contains($"{title}：张三已答复您的疑问，请继续核对接班（交班人 15:00 已下班，在等您）", todo.Lines);
        Assert.Contains("疑问：维修部明早几点到场", await PressAsync("lisi", $"接班 {id}"));
        Assert.Contains("请签字接班", await PressAsync("lisi", "confirm"));
        Assert.Contains($"{title}：已核对完毕，请签字接班（交班人 15:00 已下班，在等您）", (await ShownTodoAsync("lisi")).Lines);
        Assert.StartsWith("您已签字接班", await PressAsync("lisi", "sign"));
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShiftLead_DecidesARefusal_ThenSignsTheDaysRecords_TheSupervisorIsNotAsked_第14篇_1_6_2_3()
    {
        await TextAsync("zhangsan", "签到");
        At(14, 35);
        var id = await ZhangsanHandsOverAsync();
        await TextAsync("lisi", "签到");
        await PressAsync("lisi", $"接班 {id}");
        await PressAsync("lisi", "refuse");
        Assert.Contains("并报告领班王五处理", await TextAsync("lisi", "3-1-502漏水没有说明维修安排和联系人"));

        var title = $"交接 #{id}（11-26 早班 客服中心）";
        var todo = await ShownTodoAsync("wangwu");
        Assert.Contains($"{title}：李四拒绝接班（3-1-502漏水没有说明维修安排和联系…），请您处理", todo.Lines);
        Assert.Contains($"交接记录 {id}", todo.Buttons);
        Assert.DoesNotContain((await ShownTodoAsync("zhaoliu")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.DoesNotContain((await ShownTodoAsync("zhangsan")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.Contains("拒绝接班原因：3-1-502漏水没有说明维修安排和联系人", await PressAsync("wangwu", $"交接记录 {id}"));

        // Re-opened, it is 李四's to check again; taken over, it is the lead's to sign.
        Assert.Contains("已重开", await TextAsync("wangwu", $"重开交接 {id} 维修安排已口头说明"));
        Assert.DoesNotContain((await ShownTodoAsync("wangwu")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.Contains($"{title}：张三已交班，请核对接班", (await ShownTodoAsync("lisi")).Lines);
        await LisiChecksAsync(id, sign: true);

        todo = await ShownTodoAsync("wangwu");
        Assert.Contains("11-26的1份交接记录待您审阅签字", todo.Lines);
        Assert.Contains("审阅交接 11-26", todo.Buttons);
        Assert.DoesNotContain((await ShownTodoAsync("zhaoliu")).Lines, l => l.Contains("审阅签字", StringComparison.Ordinal));
        Assert.StartsWith("已审阅签字1份交接记录", await PressAsync("wangwu", "审阅交接 11-26"));
        Assert.DoesNotContain((await ShownTodoAsync("wangwu")).Lines, l => l.Contains("审阅签字", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnfitSuccessor_TheLeadIsAskedForCover_AndTheCoverTakesOverWhenHeMay_第1篇_2_4()
    {
        await TextAsync("zhangsan", "签到");
        At(14, 35);
        var id = await ZhangsanHandsOverAsync();
        await TextAsync("zhangsan", "接班人不宜接班 有饮酒迹象");

        var title = $"交接 #{id}（11-26 早班 客服中心）";
        Assert.Contains($"{title}：接班人李四不宜接班，请安排顶班", (await ShownTodoAsync("wangwu")).Lines);
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));

        Assert.Contains("已安排吴九顶班", await TextAsync("wangwu", $"顶班 {id} 吴九"));
        Assert.DoesNotContain((await ShownTodoAsync("wangwu")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
        // 吴九 comes on for his 夜班: his to do from when its check-in opens (22:30), and pressing by then.
        Assert.DoesNotContain((await ShownTodoAsync("wujiu")).Lines, l => l.StartsWith(title, StringComparison.Ordinal));
        At(22, 30);
        Assert.Contains($"{title}：张三已交班，请核对接班（交班人 15:00 已下班，在等您）", (await ShownTodoAsync("wujiu")).Lines);
    }

    [Fact]
    public async Task WorkBook_AfterTheEveningPrompt_WaitsOnWhoeverIsOnAtTheDutyOffice_UntilHandedToSecurity_第14篇_3_2()
    {
        await TextAsync("zhangsan", "夜间登记 服务 5-1-101 水龙头漏水");
        await TextAsync("zhangsan", "夜间登记 投诉 3-1-502 楼上装修噪音");

        // Pending all day, but the work book goes back at the evening prompt, not before.
        At(17, 55);
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.Contains("保安监控室", StringComparison.Ordinal));

        At(18, 0);
        Assert.Equal(1, await Bot.InScopeAsync(sp => sp.GetRequiredService<SecurityHandover>().ProcessAsync(Bot.Time.GetUtcNow(), CancellationToken.None)));
        At(18, 10);
        var todo = await ShownTodoAsync("lisi");
        Assert.Contains("18:00 起请将工作交接本交予保安监控室（待交2项）", todo.Lines);
        Assert.Contains("交保安", todo.Buttons);
        Assert.DoesNotContain((await ShownTodoAsync("zhangsan")).Lines, l => l.Contains("保安监控室", StringComparison.Ordinal));

        Assert.StartsWith("已于 18:10 将2项待办交给保安监控室", await PressAsync("lisi", "交保安"));
        Assert.DoesNotContain((await ShownTodoAsync("lisi")).Lines, l => l.Contains("保安监控室", StringComparison.Ordinal));
    }
}

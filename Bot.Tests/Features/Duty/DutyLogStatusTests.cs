using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// A duty-log entry's status is what the person said it is (第2篇 1.3): words that say the matter is not dealt with yet
/// keep it open — for a major event that blocks the handover (第1篇 2.4) — and the department manager hears the same
/// status as the record. Demo: 张三 on the early shift at 客服中心, 孙七 客服部经理.
/// </summary>
public sealed class DutyLogStatusTests : DemoChatTests
{
    private Task<List<DutyLogEntry>> EntriesAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<DutyLogEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private Task<IReadOnlyList<OpenDutyEvent>> BlockingAsync() =>
        Bot.InScopeAsync(sp => sp.GetRequiredService<IOpenDutyEvents>().BlockingHandoverAsync(Bot.Time.GetUtcNow(), CancellationToken.None));

    [Theory]
    [InlineData("还在弄")]
    [InlineData("还没处理")]
    [InlineData("正在处理")]
    [InlineData("处理中")]
    [InlineData("还没好")]
    [InlineData("未处理")]
    [InlineData("在处理")]
    [InlineData("等维保")]
    [InlineData("还在弄呢")]
    [InlineData("还没处理。")]
    public async Task MajorEvent_NotDoneYetInWords_IsOpen_BlocksTheHandover_AndTheManagerHearsTheSame_第1篇_2_4(string answer)
    {
        await SayAsync("zhangsan", "值班记录");
        await SayAsync("zhangsan", "B座电梯困人 已通知维保");
        await SayAsync("zhangsan", "重大");
        await InboxAsync("sunqi");

        var reply = await TextAsync("zhangsan", answer);

        var entry = Assert.Single(await EntriesAsync());
        Assert.StartsWith($"已记入值班记录 #{entry.Id}（重大事件，处理中）。处理完毕后请回复“结案 {entry.Id} 处理结果”。", reply);
        Assert.Equal((true, "B座电梯困人 已通知维保", null), (entry.IsOpen, entry.What, entry.Handling));
        Assert.Equal(DutyEventBlock.MajorEvent, Assert.Single(await BlockingAsync()).Block);
        var notice = Assert.Single(await InboxAsync("sunqi")).Text;
        Assert.Contains("状态：处理中。", notice);
        // 处理中 is the status itself; any other words are not passed off as it.
        if (answer != "处理中") Assert.DoesNotContain(answer.TrimEnd('。'), notice);
        // The list offers it to be closed.
        var list = Assert.Single(await SayAsync("zhangsan", "值班记录 查看"));
        Assert.Equal([$"结案 {entry.Id}"], list.Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task NotDoneYet_IsNotStoredAsWhatWasDone_WhenAskedWhetherItNeedsFollowingUp()
    {
        await SayAsync("zhangsan", "值班记录 3号楼大堂玻璃门坏了");
        await SayAsync("zhangsan", "一般");

        // Said straight away: no question whether it needs following up, and nothing "done".
        Assert.StartsWith("已记入值班记录", await TextAsync("zhangsan", "还没处理"));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((true, "3号楼大堂玻璃门坏了", null), (entry.IsOpen, entry.What, entry.Handling));
    }

    [Fact]
    public async Task AskedWhetherItNeedsFollowingUp_NotDoneYetInWords_IsStillOpen()
    {
        await SayAsync("zhangsan", "值班记录 3号楼大堂玻璃门坏了");
        await SayAsync("zhangsan", "一般");
        Assert.StartsWith("“已通知维修部，明天上午来修”——这件事还需要后续跟进吗？", await TextAsync("zhangsan", "已通知维修部，明天上午来修"));

        await SayAsync("zhangsan", "还在等维修");

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((true, "3号楼大堂玻璃门坏了（已做：已通知维修部，明天上午来修）"), (entry.IsOpen, entry.What));
    }

    [Fact]
    public async Task WhatWasDone_IsStillRecordedAsHandled()
    {
        await SayAsync("zhangsan", "值班记录 B座电梯困人");
        await SayAsync("zhangsan", "重大");

        var reply = await TextAsync("zhangsan", "维保已到场放人，乘客安全");

        var entry = Assert.Single(await EntriesAsync());
        Assert.StartsWith($"已记入值班记录 #{entry.Id}（重大事件，已处理）", reply);
        Assert.Equal((false, "维保已到场放人，乘客安全"), (entry.IsOpen, entry.Handling));
        Assert.Contains("状态：维保已到场放人，乘客安全。", Assert.Single(await InboxAsync("sunqi")).Text);
    }
}

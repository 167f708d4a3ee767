using Bot.Tests.Support;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// A written incident report (事件报告, 第2篇 1.6, 2.3) read in chat after it is submitted: 客服主任 and above list recent ones
/// and open one in full; its writer reads it too; other staff are politely refused. Demo department, Thursday 2026-11-26.
/// </summary>
public sealed class IncidentReportReadingTests : DemoChatTests
{
    private async Task<long> WrittenReportAsync()
    {
        var recorded = await TextAsync("zhangsan", "紧急 8号楼地下室进水");
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(recorded, @"#(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Bot.Time.Advance(TimeSpan.FromDays(1));
        await SayAsync("zhangsan", $"事件报告 {id}");
        await SayAsync("zhangsan", "10:00发现地下室积水约5厘米");
        await SayAsync("zhangsan", "暴雨导致排水泵故障");
        await SayAsync("zhangsan", "启用备用泵，11:30排空");
        await SayAsync("zhangsan", "两箱业主杂物受潮");
        Assert.StartsWith("事件报告（记录", await TextAsync("zhangsan", "每月检查排水泵，雨季前试运行"));
        return id;
    }

    [Fact]
    public async Task AManager_ListsRecentReports_AndReadsOneInFull_第2篇_2_3()
    {
        var id = await WrittenReportAsync();

        // The department manager's message has the report and a button to read it again.
        var sent = Assert.Single(await InboxAsync("sunqi"), m => m.Text.StartsWith("【书面报告】", StringComparison.Ordinal));
        Assert.Contains("原因：暴雨导致排水泵故障", sent.Text);
        Assert.Contains(sent.Choices, c => (c.Value, c.Label) == ($"事件报告 {id}", "查看报告"));
        var again = await TextAsync("sunqi", $"事件报告 {id}");
        Assert.StartsWith($"【书面报告】记录 #{id} 8号楼地下室进水\n报告人：张三", again);
        Assert.Contains("改进：每月检查排水泵，雨季前试运行", again);
        // The button's label typed, as it reads on the screen, shows it too.
        Assert.Equal(again, await TextAsync("sunqi", $"查看报告 {id}"));

        // 客服主任, who has no report to write: 事件报告 lists the recent ones, a press shows one.
        var list = Assert.Single(await SayAsync("zhaoliu", "事件报告"));
        Assert.Equal($"最近提交的事件报告（1份），请选择要查看的一份：\n#{id} 8号楼地下室进水 — 张三 于 11-27 09:30 提交", list.Text);
        var shown = Assert.Single(await Chat("zhaoliu").PressAsync(Assert.Single(list.Choices).Value)).Text;
        Assert.Contains("经过：10:00发现地下室积水约5厘米", shown);
        Assert.EndsWith("（11-27 09:30 提交）", shown);

        // The general manager, typed.
        Assert.Contains("处理：启用备用泵，11:30排空", await TextAsync("qianyi", $"书面报告 {id}"));
    }

    [Fact]
    public async Task OtherStaff_AreRefusedPolitely_AndSeeNothingOfIt()
    {
        var id = await WrittenReportAsync();

        var refused = await TextAsync("lisi", $"事件报告 {id}");
        Assert.Equal($"记录 #{id} 的书面报告已经提交。对不起，报告内容只有报告人、记录人和客服主任及以上可以查看。", refused);
        Assert.Equal(refused, await TextAsync("wangwu", $"事件报告 {id}"));
        // With nothing to write, 事件报告 is what it was for them: no list.
        Assert.StartsWith("您好，您目前没有需要提交的事件报告。", await TextAsync("lisi", "事件报告"));
    }

    [Fact]
    public async Task NoReportYet_TheManagerIsToldSo()
    {
        Assert.Equal("您好，目前还没有已提交的事件报告。", await TextAsync("sunqi", "事件报告"));
    }
}

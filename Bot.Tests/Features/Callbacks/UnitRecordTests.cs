namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// 业户 3-1-502: a unit's record on one screen for the front desk (第15篇 2.2), on the demo department: 陈先生 owns 3-1-502,
/// its key U-3-1-502 and archive file YH-3-1-502. 2026-11-27, Shanghai time.
/// </summary>
public sealed class UnitRecordTests
{
    [Fact]
    public async Task TheUnitsRecord_GathersTheOwnersMessagesCasesCallbacksKeyFileAndCalls_ButNotThePhone_第15篇_2_2()
    {
        using var bed = new CallbackTestBed(CallbackTestBed.Shanghai(27, 10));
        await bed.OwnerStartsTheSurveyAsync(CallbackTestBed.Shanghai(27, 10, 1));
        await bed.SayAsync("chen-3-1-502", "门禁卡刷不开了，能帮忙看看吗");
        await bed.SayAsync("zhengshi", "来电 3-1-502 陈先生：询问停车月卡续费");
        await bed.SayAsync("zhengshi", "来电处理 1 已答复");

        var record = Assert.Single(await bed.Chat("zhengshi").SayAsync("业户 3-1-502"));
        Assert.Equal("3-1-502 业户记录（第15篇）：\n业主：陈先生（陈建国）（电话需经客服主任批准查看）\n"
            + "· 留言 #1 11-27 10:01：门禁卡刷不开了，能帮忙看看吗（待收到）\n"
            + "· 零星维修 #1 卫生间水龙头漏水，已更换（11-27 完成）— 待回访\n"
            + "· 钥匙 U-3-1-502：在柜（客服中心钥匙柜 2 号格）\n"
            + "· 档案 YH-3-1-502《3-1-502 业户档案（陈建国）》：在库（档案柜 A-1）\n"
            + "· 来电 #1 11-27 10:01 陈先生：询问停车月卡续费 — 已当场答复", record.Text);
        Assert.DoesNotContain("13800000000", record.Text);
        Assert.Equal(["业主电话 3-1-502"], record.Choices.Select(c => c.Value));

        // Once the owner has answered the survey, how it went.
        foreach (var answer in new[] { "满意", "满意", "满意", "没有", "确认无误" }) await bed.SayAsync("chen-3-1-502", answer);
        Assert.Contains("· 零星维修 #1 卫生间水龙头漏水，已更换（11-27 完成）— 回访：满意", await bed.SayAsync("zhengshi", "业户 3-1-502"));
    }

    [Fact]
    public async Task AUnitWithNothingOnRecord_SaysSo_AndAnUnknownUnitIsRefusedPolitely()
    {
        using var bed = new CallbackTestBed(CallbackTestBed.Shanghai(27, 10));
        Assert.Equal("3-2-601 业户记录（第15篇）：\n没有登记业主。\n暂无留言、回访、钥匙、档案或来电记录。", await bed.SayAsync("zhangsan", "业户 3-2-601"));
        Assert.Equal("没有找到房屋“9-9-999”，请按 楼-单元-房号 写，例如 3-1-502。", await bed.SayAsync("zhangsan", "业户 9-9-999"));
        // A unit and no command: its record offered.
        var offered = Assert.Single(await bed.Chat("zhangsan").SayAsync("3-1-502业主是谁"));
        Assert.Equal(["业户 3-1-502"], offered.Choices.Select(c => c.Value));
        Assert.StartsWith("3-1-502 业户记录", Assert.Single(await bed.Chat("zhangsan").PressAsync("业户 3-1-502")).Text);
        // An owner cannot look units up.
        Assert.DoesNotContain("业户记录", await bed.SayAsync("chen-3-1-502", "业户 3-1-502"));
    }
}

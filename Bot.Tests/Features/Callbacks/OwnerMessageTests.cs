using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Callbacks;

/// <summary>
/// What an owner writes that is not a command (陈先生, 3-1-502, in the demo department) is passed to the staff as an
/// escalation case: the shift lead on duty (王五 on the early shift) hears of it and says 收到; at night it waits for the
/// morning. Shanghai time, 2026-11-26.
/// </summary>
public sealed class OwnerMessageTests : IDisposable
{
    private const string Owner = "chen-3-1-502";
    private readonly BotFactory _bot = new(time: new FakeTimeProvider(Shanghai(10, 0).ToUniversalTime()));
    private readonly Dictionary<string, LocalChatClient> _chats = new(StringComparer.Ordinal);

    private static DateTimeOffset Shanghai(int hour, int minute, int day = 26) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    public void Dispose() => _bot.Dispose();

    private LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var c) ? c : _chats[who] = new LocalChatClient(_bot, who);

    private async Task<string> SayAsync(string who, string text) =>
        string.Join("\n", (await Chat(who).SayAsync(text)).Select(l => l.Text));

    private Task<List<EscalationCase>> CasesAsync() =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    [Fact]
    public async Task OwnerFreeText_IsPassedToTheShiftLeadOnDuty_WhoAcknowledges_第3篇_1_3()
    {
        await Chat("wangwu").NewBotLinesAsync();

        var reply = await SayAsync(Owner, "楼上卫生间漏水，滴到我家天花板了");
        await _bot.DispatchAsync();

        Assert.Equal("陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！", reply);
        var raised = Assert.Single(await CasesAsync());
        Assert.Equal((OwnerMessageCommand.Kind, Severity.Normal), (raised.Kind, raised.Severity));
        var alert = Assert.Single(await Chat("wangwu").NewBotLinesAsync());
        Assert.Contains("业主留言：陈先生（3-1-502）", alert.Text);
        Assert.Contains("陈先生（3-1-502） 留言：楼上卫生间漏水，滴到我家天花板了", alert.Text);
        Assert.Contains($"收到 {raised.Id}", alert.Choices.Select(c => c.Value));

        await Chat("wangwu").PressAsync($"收到 {raised.Id}");
        Assert.Equal(EscalationStatus.Acknowledged, Assert.Single(await CasesAsync()).Status);
    }

    [Fact]
    public async Task TheShiftLead_AnswersTheOwnersQuestionInChat_TheOwnerGetsItAsTheFrontDesksAnswer()
    {
        await Chat("wangwu").NewBotLinesAsync();
        await SayAsync(Owner, "你们物业办公室的电话是多少？");
        await _bot.DispatchAsync();
        var raised = Assert.Single(await CasesAsync());
        var alert = Assert.Single(await Chat("wangwu").NewBotLinesAsync());
        Assert.Contains(($"答复业主 {raised.Id}", "答复业主"), alert.Choices.Select(c => (c.Value, c.Label)));
        await Chat(Owner).NewBotLinesAsync();

        Assert.Equal([$"收到 {raised.Id}", $"答复业主 {raised.Id}"], Assert.Single(await Chat("wangwu").SayAsync("升级事项")).Choices.Select(c => c.Value));
        // Pressed, it asks for the words; typed, they go to the owner.
        Assert.Equal($"请写给业主的答复（升级事项 #{raised.Id}），业主将收到这段话：", Assert.Single(await Chat("wangwu").PressAsync($"答复业主 {raised.Id}")).Text);
        _bot.Time.SetUtcNow(Shanghai(10, 3).ToUniversalTime());
        Assert.Equal($"已答复陈先生（#{raised.Id}），业主已收到。处理完毕后请回复“已处理 {raised.Id}”。", await SayAsync("wangwu", "客服中心电话 0755-12345678，工作日 8:00-18:00"));
        await _bot.DispatchAsync();
        Assert.Equal("陈先生您好，关于您 11-26 10:00 的留言，示例花园客服中心答复如下：客服中心电话 0755-12345678，工作日 8:00-18:00\n如还有需要，请随时留言。谢谢！",
            Assert.Single(await Chat(Owner).NewBotLinesAsync()).Text);
        // Taken up by answering (the chain stops climbing), and the answer is on the case.
        var answered = Assert.Single(await CasesAsync());
        Assert.Equal((EscalationStatus.Acknowledged, "wangwu"), (answered.Status, answered.AcknowledgedById));
        Assert.EndsWith("10:03 王五 答复业主：客服中心电话 0755-12345678，工作日 8:00-18:00", answered.Details);

        // Typed at once, with no number: the only owner's message open.
        Assert.StartsWith($"已答复陈先生（#{raised.Id}）", await SayAsync("wangwu", "答复业主 另外，夜间急事可拨打中控室 0755-87654321"));
        // Not an owner's case: nothing to answer.
        await SayAsync("wangwu", "测试升级 一般 空调报修");
        var test = (await CasesAsync()).Single(c => c.Kind == "test");
        Assert.Equal($"升级事项 #{test.Id} 不是业主的留言，没有业主可以答复。", await SayAsync("wangwu", $"答复业主 {test.Id} 好的"));
    }

    [Fact]
    public async Task TheOwnerAsksWhereTheirMessagesStand_AndSeesTheAnswer_WhileAQuestionAfterItStillReachesTheStaff()
    {
        Assert.Equal("陈先生您好，您最近没有留言记录。", await SayAsync(Owner, "我的留言"));
        await SayAsync(Owner, "报修 厨房水龙头漏水");
        await _bot.DispatchAsync();
        var first = Assert.Single(await CasesAsync());
        Assert.Equal("陈先生您好，您最近的留言：\n· 11-26 10:00「报修 厨房水龙头漏水」：已转给客服中心值班人员，正在安排受理\n如需补充或有新的问题，请直接发送内容。",
            await SayAsync(Owner, "报修进度"));

        await SayAsync("wangwu", $"答复业主 {first.Id} 下午两点安排维修师傅上门");
        _bot.Time.SetUtcNow(Shanghai(10, 40).ToUniversalTime());
        await _bot.DispatchAsync();
        await Chat(Owner).NewBotLinesAsync();
        var asked = await SayAsync(Owner, "我的报修处理了吗？");
        Assert.StartsWith("陈先生您好，您最近的留言：\n· 11-26 10:00「报修 厨房水龙头漏水」：已有工作人员受理，正在处理中\n  客服中心答复：下午两点安排维修师傅上门\n", asked);
        // Asked, so a person answers too: past the half hour, a message of its own for the shift lead.
        Assert.EndsWith("陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！", asked);
        Assert.Equal(2, (await CasesAsync()).Count);

        await SayAsync("wangwu", $"已处理 {first.Id} 已更换水龙头");
        await _bot.DispatchAsync();
        await Chat(Owner).NewBotLinesAsync();
        Assert.Contains("「报修 厨房水龙头漏水」：已处理完毕（11-26 10:40）", await SayAsync(Owner, "查一下我的留言"));
    }

    [Fact]
    public async Task TheSupervisorSeesTheDaysOwnerMessages_AndWhereEachStands_第3篇_1_3()
    {
        await SayAsync(Owner, "楼上卫生间漏水，滴到我家天花板了");
        var raised = Assert.Single(await CasesAsync());
        Assert.Equal($"11-26（周四）业主留言 1 条，未处理完 1 条：\n· #{raised.Id} 10:00 陈先生（3-1-502）「楼上卫生间漏水，滴到我家天花板了」：待受理（已通知 王五）",
            await SayAsync("zhaoliu", "今天有什么投诉？"));

        await SayAsync("wangwu", $"收到 {raised.Id}");
        Assert.EndsWith("：王五 已受理，处理中", await SayAsync("zhaoliu", "业主留言"));
        _bot.Time.SetUtcNow(Shanghai(11, 5).ToUniversalTime());
        await SayAsync("wangwu", $"已处理 {raised.Id} 已联系楼上业主维修");
        Assert.StartsWith("11-26（周四）业主留言 1 条，未处理完 0 条：", await SayAsync("zhaoliu", "今天的留言"));
        Assert.EndsWith("：已处理（王五 11:05）", await SayAsync("zhaoliu", "今天的留言"));

        Assert.Equal("11-25（周三）没有业主留言。", await SayAsync("zhaoliu", "昨天的投诉"));
        // About one unit, it is that unit's record that is offered, not the day's list.
        Assert.Contains("业户 3-1-502", (await Chat("zhaoliu").SayAsync("3-1-502的投诉")).SelectMany(l => l.Choices).Select(c => c.Value));
    }

    [Fact]
    public async Task AnAnswerWrittenAtNight_ReachesTheOwnerWhenQuietHoursEnd()
    {
        await SayAsync(Owner, "明天上午能来修门禁吗？");
        await _bot.DispatchAsync();
        var raised = Assert.Single(await CasesAsync());
        _bot.Time.SetUtcNow(Shanghai(23, 30).ToUniversalTime());
        await Chat(Owner).NewBotLinesAsync();
        await Chat("wangwu").NewBotLinesAsync();
        Assert.Equal($"已记录给陈先生的答复（#{raised.Id}），现在是夜间，业主将在早上收到。处理完毕后请回复“已处理 {raised.Id}”。",
            await SayAsync("wangwu", $"答复业主 {raised.Id} 明天上午九点安排师傅上门"));
        await _bot.DispatchAsync();
        Assert.Empty(await Chat(Owner).NewBotLinesAsync());
        _bot.Time.SetUtcNow(Shanghai(7, 1, day: 27).ToUniversalTime());
        await _bot.DispatchAsync();
        Assert.Contains("明天上午九点安排师傅上门", Assert.Single(await Chat(Owner).NewBotLinesAsync()).Text);
    }

    [Fact]
    public async Task Owner_WritingAgainSoon_AddsToTheOpenMessage_AndTheShiftLeadIsToldOfTheAddition_第3篇_1_3()
    {
        await SayAsync(Owner, "我家厨房水龙头漏水，麻烦派人来看看");
        await _bot.DispatchAsync();
        var raised = Assert.Single(await CasesAsync());
        await Chat("wangwu").NewBotLinesAsync();

        // A minute later: the same matter, not a second case climbing the chain.
        _bot.Time.SetUtcNow(Shanghai(10, 1).ToUniversalTime());
        Assert.Equal("陈先生您好，您补充的内容已转给正在跟进您留言的示例花园客服中心值班人员，我们会一并处理。谢谢！",
            await SayAsync(Owner, "什么时候能来？"));
        await _bot.DispatchAsync();
        var joined = Assert.Single(await CasesAsync());
        Assert.EndsWith("留言：我家厨房水龙头漏水，麻烦派人来看看\n10:01 补充：什么时候能来？", joined.Details);
        var addition = Assert.Single(await Chat("wangwu").NewBotLinesAsync());
        Assert.Equal($"【补充】升级事项 #{raised.Id}（{raised.Subject}）\n10:01 补充：什么时候能来？", addition.Text);
        Assert.Equal([$"收到 {raised.Id}", $"已处理 {raised.Id}", $"转交 {raised.Id}", $"答复业主 {raised.Id}"], addition.Choices.Select(c => c.Value).ToArray());

        // Once it is taken up, only 已处理 is left to press.
        await Chat("wangwu").PressAsync($"收到 {raised.Id}");
        _bot.Time.SetUtcNow(Shanghai(10, 5).ToUniversalTime());
        await SayAsync(Owner, "我下午两点前都在家");
        await _bot.DispatchAsync();
        Assert.Equal([$"已处理 {raised.Id}", $"答复业主 {raised.Id}"], Assert.Single(await Chat("wangwu").NewBotLinesAsync()).Choices.Select(c => c.Value).ToArray());

        // Dealt with, or long after: a new message is a new case.
        await SayAsync("wangwu", $"已处理 {raised.Id} 维修部已上门更换阀芯");
        _bot.Time.SetUtcNow(Shanghai(10, 20).ToUniversalTime());
        await SayAsync(Owner, "楼道灯也不亮了");
        _bot.Time.SetUtcNow(Shanghai(11, 0).ToUniversalTime());
        await SayAsync(Owner, "电梯按钮失灵");
        Assert.Equal(3, (await CasesAsync()).Count);
    }

    [Fact]
    public async Task Owner_IsToldWhenTheMessageIsTakenUp_AndWhenItIsDealtWith_WithoutTheStaffNote()
    {
        await SayAsync(Owner, "楼上卫生间漏水，滴到我家天花板了");
        await _bot.DispatchAsync();
        var raised = Assert.Single(await CasesAsync());
        Assert.Equal(Owner, raised.RaisedById);
        Assert.Contains("发起：陈先生", Assert.Single(await Chat("wangwu").NewBotLinesAsync()).Text);
        await Chat(Owner).NewBotLinesAsync();

        await Chat("wangwu").PressAsync($"收到 {raised.Id}");
        await _bot.DispatchAsync();
        Assert.Equal("陈先生您好，您 11-26 10:00 的留言已有工作人员受理，正在处理中，请您耐心等候。",
            Assert.Single(await Chat(Owner).NewBotLinesAsync()).Text);

        await SayAsync("wangwu", $"已处理 {raised.Id} 已联系502业主关阀，维修部明天上午换管");
        await _bot.DispatchAsync();
        var told = Assert.Single(await Chat(Owner).NewBotLinesAsync()).Text;
        Assert.Equal("陈先生您好，您 11-26 10:00 的留言已处理完毕。如问题仍未解决，请直接回复说明，我们会继续跟进。谢谢！", told);
        Assert.Equal(EscalationStatus.Resolved, Assert.Single(await CasesAsync()).Status);
    }

    [Fact]
    public async Task Owner_IsNotWrittenToAtNight_WhatHappensThenReachesThemInTheMorning()
    {
        await SayAsync(Owner, "楼道灯不亮了");
        await _bot.DispatchAsync();
        var raised = Assert.Single(await CasesAsync());
        await Chat(Owner).NewBotLinesAsync();
        await Chat("wangwu").PressAsync($"收到 {raised.Id}");
        await _bot.DispatchAsync();
        await Chat(Owner).NewBotLinesAsync();

        // Dealt with by the night staff at 23:40: the owner hears of it when the quiet hours end (07:00), not then.
        _bot.Time.SetUtcNow(Shanghai(23, 40).ToUniversalTime());
        await SayAsync("wangwu", $"已处理 {raised.Id} 已更换灯泡");
        await _bot.DispatchAsync();
        Assert.Empty(await Chat(Owner).NewBotLinesAsync());

        _bot.Time.SetUtcNow(Shanghai(6, 59, day: 27).ToUniversalTime());
        await _bot.DispatchAsync();
        Assert.Empty(await Chat(Owner).NewBotLinesAsync());
        _bot.Time.SetUtcNow(Shanghai(7, 0, day: 27).ToUniversalTime());
        await _bot.DispatchAsync();
        Assert.StartsWith("陈先生您好，您 11-26 10:00 的留言已处理完毕。", Assert.Single(await Chat(Owner).NewBotLinesAsync()).Text);
    }

    [Fact]
    public async Task ShiftLead_InTheMiddleOfAQuestion_TypesAckForTheAlert_ItIsAcknowledged_第3篇_1_3()
    {
        Assert.StartsWith("请说明回来的时间和外出原因", await SayAsync("wangwu", "外出"));
        await SayAsync(Owner, "楼上卫生间漏水");
        await _bot.DispatchAsync();
        Assert.Equal(EscalationStatus.Open, Assert.Single(await CasesAsync()).Status);

        var acked = await SayAsync("wangwu", "收到");

        var acknowledged = Assert.Single(await CasesAsync());
        Assert.Equal((EscalationStatus.Acknowledged, "wangwu"), (acknowledged.Status, acknowledged.AcknowledgedById));
        Assert.EndsWith("陪业主看房。”\n可以接着回复；不需要了请发送“取消”。", acked);
    }

    [Fact]
    public async Task OwnerMessage_OpeningWithAGreeting_IsPassedOn_NotAnsweredWithTheMenu()
    {
        var reply = await SayAsync(Owner, "你好，我家门口的灯坏了两天了，麻烦尽快修一下");

        Assert.StartsWith("陈先生您好，您的留言已转给", reply);
        Assert.Contains("你好，我家门口的灯坏了两天了，麻烦尽快修一下", Assert.Single(await CasesAsync()).Details);
        Assert.StartsWith("不客气", await SayAsync(Owner, "您好，谢谢"));
        // A greeting and nothing else is answered with the menu, and raises nothing.
        Assert.Contains("留言", await SayAsync(Owner, "您好呀"));
        Assert.Contains("留言", await SayAsync(Owner, "hello there"));
        Assert.Single(await CasesAsync());
    }

    [Fact]
    public async Task OwnerMessageWord_AsksWhat_ThenPassesTheAnswerOn()
    {
        Assert.StartsWith("陈先生您好，请问您要反映什么事情？", await SayAsync(Owner, "投诉"));
        Assert.Empty(await CasesAsync());

        Assert.StartsWith("陈先生您好，您的留言已转给", await SayAsync(Owner, "电梯经常停在二楼不动"));
        Assert.Contains("电梯经常停在二楼不动", Assert.Single(await CasesAsync()).Details);
    }

    [Fact]
    public async Task EachMessage_FiledAsSuch_IsItsOwnCase()
    {
        // "报修 …" (or 留言 pressed first) files a new matter, however soon after the last one.
        await SayAsync(Owner, "楼道灯坏了");
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync(Owner, "报修 门禁刷不开");

        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync(Owner, "留言");
        await SayAsync(Owner, "垃圾房有异味");

        var cases = await CasesAsync();
        Assert.Equal(3, cases.Count);
        Assert.Contains("报修 门禁刷不开", cases[1].Details);
        Assert.EndsWith("留言：垃圾房有异味", cases[2].Details);
    }

    [Fact]
    public async Task Owner_AskingAfterTheRepairTheyReported_AddsToIt_第3篇_1_3()
    {
        await SayAsync(Owner, "报修 卫生间下水道堵了");
        _bot.Time.Advance(TimeSpan.FromMinutes(10));

        // 报修 here names the matter already reported ("报修的…"), it does not file a new one.
        Assert.StartsWith("陈先生您好，您补充的内容已转给", await SayAsync(Owner, "报修的师傅还没来吗？"));
        var only = Assert.Single(await CasesAsync());
        Assert.EndsWith("10:10 补充：报修的师傅还没来吗？", only.Details);

        // 报修 with the matter after it is a new filing, even straight after.
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        await SayAsync(Owner, "报修门口的感应灯不亮");
        Assert.Equal(2, (await CasesAsync()).Count);
    }

    [Theory]
    [InlineData("谢谢")]
    [InlineData("好的，谢谢！")]
    [InlineData("OK")]
    public async Task Thanks_AreAnswered_NotPassedOn(string text)
    {
        Assert.Equal("不客气，如有需要请随时给我们留言。谢谢，再见！", await SayAsync(Owner, text));
        Assert.Empty(await CasesAsync());
    }

    [Fact]
    public async Task EmojiAlone_IsAskedAgain_NotPassedOn()
    {
        Assert.StartsWith("对不起，请您再说一遍。", await SayAsync(Owner, "👍"));
        Assert.Empty(await CasesAsync());
    }

    [Fact]
    public async Task AtNight_TheOwnerIsToldItWaitsForTheMorning_AndNobodyIsWoken_第3篇_1_3()
    {
        _bot.Time.SetUtcNow(Shanghai(23, 30).ToUniversalTime());
        await Chat("wangwu").NewBotLinesAsync();

        var reply = await SayAsync(Owner, "隔壁装修太吵了");
        await _bot.DispatchAsync();

        Assert.Contains("明早上班后", reply);
        Assert.Single(await CasesAsync());
        Assert.Empty(await Chat("wangwu").NewBotLinesAsync());
        Assert.Empty(await Chat("zhaoliu").NewBotLinesAsync());
    }

    [Fact]
    public async Task StaffFreeText_IsNoOwnersMessage_ButIsOfferedToBeRecorded()
    {
        var reply = Assert.Single(await Chat("zhangsan").SayAsync("楼上漏水"));
        Assert.Equal("对不起，我没有完全听懂。需要把这件事登记下来吗？请选择登记到哪里：", reply.Text);
        Assert.Equal(["值班记录 楼上漏水", "来电 楼上漏水"], reply.Choices.Select(c => c.Value));
        Assert.Empty(await CasesAsync());
    }

    [Fact]
    public async Task AnOwnersMessage_StartingWithAStaffWord_IsPassedOn_NotRefused()
    {
        var reply = await SayAsync(Owner, "钥匙丢了 能帮我配一把吗");
        Assert.Equal("陈先生您好，您的留言已转给示例花园客服中心值班人员，我们会尽快与您联系。谢谢！", reply);
        Assert.Contains("钥匙丢了 能帮我配一把吗", Assert.Single(await CasesAsync()).Details);
    }

    [Fact]
    public async Task AnOwnersEmergency_IsUrgent_EvenAtNight_AndTheOwnerIsToldItIsBeingDealtWith()
    {
        _bot.Time.SetUtcNow(Shanghai(23, 40).ToUniversalTime());
        var reply = await SayAsync(Owner, "紧急 家里水管爆了 水漫到客厅了 快来人");
        Assert.StartsWith("陈先生您好，您反映的紧急情况已立即通知示例花园客服中心值班人员", reply);
        Assert.DoesNotContain("明早", reply);
        var raised = Assert.Single(await CasesAsync());
        Assert.Equal(Severity.Urgent, raised.Severity);
        // Not held for the morning: someone has been alerted.
        Assert.True(raised.Level >= 0, "an urgent case is not held for the morning");
    }

    [Fact]
    public async Task AnOwnersThanks_IsAnsweredKindly_AndPassesNothingOn()
    {
        foreach (var thanks in new[] { "收到 谢谢", "好的 知道了", "谢谢👍", "ok thx" })
            Assert.Equal("不客气，如有需要请随时给我们留言。谢谢，再见！", await SayAsync(Owner, thanks));
        Assert.Empty(await CasesAsync());
    }
}

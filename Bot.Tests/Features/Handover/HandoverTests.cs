using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Handover;
using Bot.Domain.Features.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Handover;

/// <summary>The handover on the demo data (第1篇, 第14篇, 第2篇 2.4), end to end through the local chat.</summary>
public sealed class HandoverTests : HandoverTestBase
{
    [Fact]
    public async Task Successor_TypesConfirmAll_TheRestIsConfirmedButAnOpenQuestionStays_ThenTypedConfirmSigns_第14篇_1_5()
    {
        await SayAsync("zhangsan", "签到");
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var id = (await RecordAsync()).Id;
        At(26, 14, 50);
        await SayAsync("lisi", "签到");
        Assert.Contains("第1/8项", await SayAsync("lisi", $"接班 {id}"));
        Assert.Contains("第2/8项", await SayAsync("lisi", "维修部明早几点到场？"));

        var all = await SayAsync("lisi", "全部确认");
        Assert.StartsWith("已确认其余 7 项。", all);
        Assert.DoesNotContain("请您再说一遍", all);
        var record = await RecordAsync();
        Assert.Equal(1, record.OpenQuestions);
        Assert.Equal(7, record.Items.Count(i => i.State == HandoverItemState.Confirmed));
        Assert.Equal(HandoverStatus.Submitted, record.Status);

        await SayAsync("zhangsan", "答复 维修部明早9点到场");
        // The answered item is shown on its own, so the answer is read before it is confirmed.
        Assert.Contains("答复：维修部明早9点到场", await SayAsync("lisi", $"接班 {id}"));
        Assert.Equal("已确认其余 1 项。\n全部事项已核对无误，请签字接班（第14篇 1.7）。", await SayAsync("lisi", "都没问题"));
        Assert.StartsWith("您已签字接班", await SayAsync("lisi", "好的"));
        Assert.Equal(HandoverStatus.Accepted, (await RecordAsync()).Status);
    }

    [Theory]
    [InlineData("确认")]
    [InlineData("签字")]
    [InlineData("确认接班")]
    public async Task Successor_AtTheSignStep_TypedConfirmSigns_第14篇_1_7(string word)
    {
        await SayAsync("zhangsan", "签到");
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        At(26, 14, 50);
        await SayAsync("lisi", "签到");
        await SayAsync("lisi", "接班");
        Assert.Contains("请签字接班", await SayAsync("lisi", "全部没问题"));
        Assert.StartsWith("您已签字接班", await SayAsync("lisi", word));
        Assert.Equal(HandoverStatus.Accepted, (await RecordAsync()).Status);
    }

    [Fact]
    public async Task DoneWhen_ZhangsanHandsOverLisiQuestionsAndAccepts_ZhangsanChecksOut_WangwuSignsFromTheDigest_第14篇_1_7()
    {
        Assert.StartsWith("签到成功", await SayAsync("zhangsan", "签到"));
        Keys.Out.Add(new KeyOut("U-3-1-502", "3-1-502", "zhangsan", "张三", Shanghai(26, 10, 0), Shanghai(26, 16, 0)));

        At(26, 14, 35);
        var submitted = await ZhangsanPreparesAsync();
        Assert.Contains("已通知李四逐项核对接班", submitted);
        var record = await RecordAsync();
        Assert.Equal(HandoverStatus.Submitted, record.Status);
        Assert.Equal("lisi", record.SuccessorId);
        // The key still out was added by itself (第1篇 1.5).
        Assert.Contains(record.Items, i => i.Section == HandoverSection.KeyOut && i.Text.Contains("U-3-1-502", StringComparison.Ordinal));
        var toLisi = Assert.Single(await InboxAsync("lisi"));
        Assert.StartsWith("张三已提交交接 #", toLisi.Text);
        Assert.Equal($"接班 {record.Id}", toLisi.Choices[0].Value);

        // Not before the successor has taken over (第2篇 2.4).
        At(26, 14, 50);
        Assert.Equal("李四尚未完成接班核对，暂不能签退（第14篇 1.2），请您稍候。", await SayAsync("zhangsan", "签退"));

        // Not before 李四 has arrived: taking over is face to face (第14篇 1.2), and the check-in is the arrival.
        Assert.Equal($"接班须本人到岗、当面核对（第14篇 1.2）：请先签到，再回复“接班 {record.Id}”逐项核对。", await PressAsync("lisi", toLisi.Choices[0].Value));
        Assert.Equal(HandoverStatus.Submitted, (await RecordAsync()).Status);
        // Checked in, the waiting handover is the next thing to do, with its button.
        var arrived = Assert.Single(await Chat("lisi").SayAsync("签到"));
        Assert.StartsWith("签到成功", arrived.Text);
        Assert.EndsWith($"\n交接 #{record.Id}（张三交班）在等您逐项核对接班。", arrived.Text);
        Assert.Equal([$"接班 {record.Id}"], arrived.Choices.Select(c => c.Value));
        var first = await PressAsync("lisi", arrived.Choices[0].Value);
        Assert.Contains("第1/9项：\n1. 【未完成工作】3-1-502漏水 — 原因：楼上管道破裂", first);
        Assert.StartsWith("请输入您的疑问", await PressAsync("lisi", "question"));
        var asked = await SayAsync("lisi", "维修部明早几点到场");
        Assert.Contains("第1项的疑问已转给张三", asked);
        Assert.Contains("第2/9项", asked);
        var question = Assert.Single(await InboxAsync("zhangsan"));
        Assert.Contains("维修部明早几点到场", question.Text);
        for (var item = 2; item <= 9; item++) await PressAsync("lisi", "confirm");
        Assert.Equal(1, (await RecordAsync()).OpenQuestions);

        Assert.Equal("第1项的答复已发给李四。", await SayAsync("zhangsan", "答复 维修部明早9点到场并已登记"));
        var answered = Assert.Single(await InboxAsync("lisi"));
        Assert.Contains("答复：维修部明早9点到场并已登记", answered.Text);
        Assert.Contains("疑问：维修部明早几点到场", await PressAsync("lisi", answered.Choices[0].Value));
        Assert.Contains("请签字接班", await SayAsync("lisi", "确认"));
        Assert.StartsWith("您已签字接班", await SayAsync("lisi", "签字接班"));

        record = await RecordAsync();
        Assert.Equal(HandoverStatus.Accepted, record.Status);
        Assert.True(record.IsIntact);
        Assert.Contains("您现在可以签退了", await InboxTextAsync("zhangsan"));
        At(26, 15, 5);
        Assert.StartsWith("签退成功：早班 07:00–15:00，签退时间 15:05（正常）", await SayAsync("zhangsan", "签退"));

        // The next morning's digest lists it for the shift lead, with the button that signs it (第14篇 2.3).
        At(27, 8, 30);
        await Bot.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(Bot.Time.GetUtcNow(), CancellationToken.None));
        await Bot.DispatchAsync();
        var digest = (await InboxAsync("wangwu")).Last();
        Assert.Contains("【待审阅的交接记录（1份", digest.Text);
        Assert.Contains(digest.Choices, c => c.Value == "审阅交接");
        Assert.DoesNotContain("待审阅的交接记录", (await InboxAsync("zhaoliu")).Last().Text);
        var signed = await PressAsync("wangwu", "审阅交接");
        Assert.StartsWith("已审阅签字1份交接记录", signed);
        Assert.Equal("wangwu", (await RecordAsync()).ReviewedById);
    }

    [Fact]
    public async Task Refused_WithAReason_ReachesTheShiftLeadAndTheOutgoingMayNotLeave_第14篇_1_6()
    {
        await SayAsync("zhangsan", "签到");
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();

        await SayAsync("lisi", "签到");
        await SayAsync("lisi", $"接班 {record.Id}");
        Assert.StartsWith("请说明拒绝接班的原因", await PressAsync("lisi", "refuse"));
        var refused = await SayAsync("lisi", "3-1-502漏水没有说明维修安排");

        Assert.Contains("并报告领班王五处理", refused);
        Assert.Equal(HandoverStatus.Refused, (await RecordAsync()).Status);
        Assert.Contains(await InboxAsync("wangwu"), l => l.Text.Contains("李四拒绝接张三的班", StringComparison.Ordinal));
        Assert.Equal("handover.refused", Assert.Single(await EscalationsAsync()).Kind);
        Assert.Contains("被拒绝接班，领班处理完成前不能签退", await SayAsync("zhangsan", "签退"));
        Assert.Null((await AttendanceAsync("zhangsan"))!.CheckedOutAt);
    }

    [Fact]
    public async Task Successor_BeforeTheirShift_IsToldWhenTheyCanCheckInAndTakeOver_第14篇_1_2()
    {
        await SayAsync("zhangsan", "签到");
        At(26, 10, 0);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();
        await InboxAsync("lisi");

        // Handed over early, at home: told when the 中班 starts and check-in opens, and nothing is checked yet.
        Assert.Equal($"接班须本人到岗、当面核对（第14篇 1.2）。您的中班于 11-26 15:00 开始，11-26 14:30 起可以签到；到岗签到后请回复“接班 {record.Id}”逐项核对。",
            await SayAsync("lisi", $"接班 {record.Id}"));
        Assert.Equal(HandoverStatus.Submitted, (await RecordAsync()).Status);

        At(26, 14, 40);
        await SayAsync("lisi", "签到");
        Assert.Contains("第1/8项", await SayAsync("lisi", $"接班 {record.Id}"));
    }

    [Fact]
    public async Task Refused_AfterTheLeadsShiftEnded_StillReachesTheShiftLeadOfThatShift_第14篇_1_6()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();

        At(26, 15, 10);
        await SayAsync("lisi", "签到");
        await SayAsync("lisi", $"接班 {record.Id}");
        await PressAsync("lisi", "refuse");
        await SayAsync("lisi", "未交清样板房钥匙");

        Assert.Contains(await InboxAsync("wangwu"), l => l.Text.Contains("未交清样板房钥匙", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckOut_BeforeAnyHandover_IsRefused_第2篇_2_4()
    {
        await SayAsync("zhangsan", "签到");
        At(26, 15, 0);

        var reply = await SayAsync("zhangsan", "签退");

        Assert.Equal("您还没有完成交接班，暂不能签退（第2篇 2.4）。请先回复“交班”准备交接。", reply);
        Assert.Null((await AttendanceAsync("zhangsan"))!.CheckedOutAt);
    }

    [Fact]
    public async Task CheckOut_AtAPostWithoutHandover_IsNotHeld_第2篇_2_4()
    {
        await SayAsync("wangwu", "签到");
        At(26, 15, 0);

        Assert.StartsWith("签退成功", await SayAsync("wangwu", "签退"));
    }

    [Fact]
    public async Task OpenMajorEvent_BlocksTheHandover_第1篇_2_4()
    {
        Events.Open.Add(new OpenDutyEvent(7, DutyEventBlock.MajorEvent, "3号楼电梯困人", "zhangsan", Shanghai(26, 14, 20)));
        At(26, 14, 35);

        var reply = await ZhangsanPreparesAsync();

        Assert.StartsWith("现在不能交接班（第1篇 2.4）", reply);
        Assert.Contains("【重大事件】3号楼电梯困人（14:20 登记）", reply);
        Assert.Equal(HandoverStatus.Preparing, (await RecordAsync()).Status);
        Assert.Empty(await InboxAsync("lisi"));

        // Once the event is closed, 交班 resumes at the summary and signs it over.
        Events.Open.Clear();
        var summary = await SayAsync("zhangsan", "交班");
        Assert.Contains("请核对交接内容", summary);
        // Before signing, the successor the roster names is shown, so a wrong one is seen in time.
        Assert.Contains("交班人：张三　接班人：李四（按排班，提交后通知）　状态：准备中", summary);
        Assert.Contains("已通知李四", await SayAsync("zhangsan", "提交"));
    }

    [Fact]
    public async Task EquipmentSwitching_BlocksTheSuccessorsSignature_第1篇_2_4()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        Events.Open.Add(new OpenDutyEvent(8, DutyEventBlock.EquipmentSwitching, "2号冷水机组停机", "zhangsan", Shanghai(26, 14, 40)));

        await SayAsync("lisi", "签到");
        var reply = await SayAsync("lisi", "接班");

        Assert.Contains("【重大设备启动/停机】2号冷水机组停机", reply);
        Assert.Equal(HandoverStatus.Submitted, (await RecordAsync()).Status);
    }

    [Fact]
    public async Task PreparationIncomplete_SuccessorCannotTakeOver_第1篇_2_4()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");
        await SayAsync("zhangsan", "3-1-502漏水；楼上管道破裂；已关闸；待维修");
        var record = await RecordAsync();

        var reply = await SayAsync("lisi", $"接班 {record.Id}");

        Assert.Equal($"交接 #{record.Id} 的交班人还在准备中，准备完成前不能接班（第1篇 2.4 ⑶），请您稍候。", reply);
    }

    [Fact]
    public void Submit_BeforeEverySectionIsDone_IsRefused_第1篇_2_4()
    {
        var record = new HandoverRecord { Post = "客服中心", Date = new DateOnly(2026, 11, 26), ShiftCode = "early", OutgoingId = "zhangsan" };
        record.ProgressTo("shared:1");

        var refusal = Assert.Throws<Bot.Domain.Conversations.BotRuleException>(() => record.Submit("lisi", Shanghai(26, 14, 40)));

        Assert.Equal("PreparationIncomplete", refusal.Key);
        Assert.Equal(HandoverStatus.Preparing, record.Status);
    }

    [Fact]
    public void Accepted_ContentChangedAfterwards_NoLongerMatchesItsHash_第14篇_2_3()
    {
        var now = Shanghai(26, 14, 40);
        var record = new HandoverRecord { Post = "客服中心", Date = new DateOnly(2026, 11, 26), ShiftCode = "early", OutgoingId = "zhangsan" };
        var item = record.Add(HandoverSection.Instruction, "明早8点消防检查", "zhangsan", now);
        record.ProgressTo(HandoverRecord.ReviewStep);
        record.Submit("lisi", now);
        record.Confirm(item, "lisi");
        record.Accept("lisi", now.AddMinutes(5));
        Assert.True(record.IsIntact);

        item.Answer = "改过的内容"; // a write behind the bot's back, e.g. straight into the database

        Assert.False(record.IsIntact);
        Assert.Equal("Locked", Assert.Throws<Bot.Domain.Conversations.BotRuleException>(() => record.Add(HandoverSection.Addition, "x", "zhangsan", now)).Key);
    }

    [Fact]
    public async Task Review_OnlyForShiftLeads_第14篇_2_3()
    {
        Assert.StartsWith("对不起，“审阅交接”不在您的权限范围内。", await SayAsync("zhengshi", "审阅交接"));
        Assert.Equal("目前没有待您审阅签字的交接记录。", await SayAsync("wangwu", "审阅交接"));
    }

    [Fact]
    public async Task UnfinishedWork_WithoutCauseCourseAndResult_IsAskedForEachMissingPart_第1篇_1_2()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");

        // Written as people do at the counter, not in the four parts: kept, and what is missing asked one at a time.
        var cause = await SayAsync("zhangsan", "3栋电梯异响 已报工程部 明天上午来修");
        Assert.StartsWith("好的，事项：3栋电梯异响 已报工程部 明天上午来修。", cause);
        Assert.Contains("请问原因是什么？", cause);
        Assert.Empty((await RecordAsync()).Items);
        Assert.StartsWith("经过：", await PressAsync("zhangsan", "不明"));
        Assert.StartsWith("目前结果：", await SayAsync("zhangsan", "已报工程部"));
        Assert.StartsWith("已记录：1. 【未完成工作】3栋电梯异响 已报工程部 明天上午来修 — 原因：不明；经过：已报工程部；目前结果：待明天上午维修",
            await SayAsync("zhangsan", "待明天上午维修"));

        // Two parts given: the third and fourth are asked; 撤回 before the end drops the line, nothing recorded.
        Assert.StartsWith("经过：", await SayAsync("zhangsan", "2-2-101门禁坏；读卡器进水"));
        Assert.StartsWith("好的，“2-2-101门禁坏”这一条没有记录。", await SayAsync("zhangsan", "撤回"));
        Assert.Single((await RecordAsync()).Items);
        // And the section goes on as before.
        Assert.Contains("【上级指示】", await SayAsync("zhangsan", "完成"));
    }

    [Fact]
    public async Task Items_TypedWithCommasOrOnePartALine_AreTakenAsTheirParts_第1篇_1_2_1_3()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");

        // Commas, as a phone keyboard gives them, when they make exactly the four parts.
        Assert.StartsWith("已记录：1. 【未完成工作】3-1-502漏水 — 原因：楼上管道破裂；经过：已通知维修部关闸；目前结果：待明早维修",
            await SayAsync("zhangsan", "3-1-502漏水，楼上管道破裂，已通知维修部关闸，待明早维修"));
        // 交班 again in the middle says where it stands, with no hint to cancel first.
        var resumed = await SayAsync("zhangsan", "交班");
        Assert.Contains("【未完成的工作】", resumed);
        Assert.DoesNotContain("提示", resumed);
        // Five comma parts would be a guess: asked again, nothing recorded.
        Assert.StartsWith("请按“事项；原因；经过；目前结果”填写", await SayAsync("zhangsan", "电梯异响，原因不明，已报修，维保说明天来，待处理"));
        await SayAsync("zhangsan", "完成");
        await SayAsync("zhangsan", "完成");
        Assert.Contains("【本班发现或发生的问题】", await SayAsync("zhangsan", "完成"));

        Assert.StartsWith("已记录：2. 【本班问题】电梯3号停运（已处理）", await SayAsync("zhangsan", "电梯3号停运，已处理，维保已修复"));
        Assert.StartsWith("已记录：3. 【本班问题】地库照明故障（未处理）", await SayAsync("zhangsan", "地库照明故障 未处理"));
        // Without a word for handled or not, the format is asked for again.
        Assert.StartsWith("请按“事项；已处理 或 未处理；说明（可选）”填写", await SayAsync("zhangsan", "地库积水，已通知保洁"));

        var items = (await RecordAsync()).Items;
        Assert.Equal(3, items.Count);
        Assert.Equal(("电梯3号停运", true, "维保已修复"), (items[1].Text, items[1].Handled, items[1].Note));
        Assert.Equal(("地库照明故障", false, (string?)null), (items[2].Text, items[2].Handled, items[2].Note));
    }

    [Fact]
    public async Task SharedItem_NotInOrder_IsHandedOverWithWhatIsWrong_第1篇_1_5()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");
        for (var i = 0; i < 4; i++) await SayAsync("zhangsan", "完成");

        // ✗ alone: the bot asks what is wrong before the next item, and records nothing yet.
        Assert.StartsWith("请简要说明“办公用品”有什么异常", await PressAsync("zhangsan", "not-ok"));
        Assert.Empty((await RecordAsync()).Items);
        // 交班 again asks the same item afresh.
        Assert.Contains("【公用物品当面验清 1/4】办公用品", await SayAsync("zhangsan", "交班"));
        Assert.StartsWith("请简要说明“办公用品”有什么异常", await PressAsync("zhangsan", "not-ok"));
        Assert.Contains("【公用物品当面验清 2/4】对讲机及电话", await SayAsync("zhangsan", "打印机缺墨，已申领"));
        // ✗ with the note written after it needs no question.
        Assert.Contains("【公用物品当面验清 3/4】", await SayAsync("zhangsan", "✗ 2号对讲机电池坏"));

        var items = (await RecordAsync()).Items;
        Assert.Equal([("办公用品", false, "打印机缺墨，已申领"), ("对讲机及电话", false, "2号对讲机电池坏")],
            items.Select(i => (i.Text, i.Ok, i.Note)).ToArray());
        await PressAsync("zhangsan", "all-ok");
        Assert.Contains("办公用品 ✗ 打印机缺墨，已申领", await PressAsync("zhangsan", "all-ok"));
    }

    [Fact]
    public async Task ALineWrittenByMistake_IsTakenBackBeforeSigning()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");
        Assert.Contains("记错了可回复“撤回”", await SayAsync("zhangsan", "3-1-502漏水；楼上管道破裂；已通知维修部关闸；待明早维修"));
        Assert.StartsWith("已撤回：1. 【未完成工作】3-1-502漏水", await SayAsync("zhangsan", "撤回"));
        Assert.Empty((await RecordAsync()).Items);
        // Nothing more of this part to take back; and the next line takes the number that was freed.
        Assert.StartsWith("这一部分没有可以撤回的条目", await SayAsync("zhangsan", "撤回"));
        Assert.StartsWith("已记录：1. 【未完成工作】3-1-503漏水", await SayAsync("zhangsan", "3-1-503漏水；楼上管道破裂；已关闸；待维修"));
        Assert.Contains("【上级指示】", await SayAsync("zhangsan", "完成"));
        // A line of an earlier part is not this part's to take back.
        Assert.StartsWith("这一部分没有可以撤回的条目", await SayAsync("zhangsan", "撤回"));
        Assert.Equal("3-1-503漏水", Assert.Single((await RecordAsync()).Items).Text);
    }

    [Fact]
    public async Task ACommandTyped_AtAListStep_IsNotWrittenIntoTheHandoverUnlessSentAgain()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");
        Assert.Contains("【上级指示】", await SayAsync("zhangsan", "完成"));

        // Most likely meant as the command, not as an instruction to hand over; 完成 stays under the question.
        var held = Assert.Single(await Chat("zhangsan").SayAsync("业主电话 3-1-502"));
        Assert.StartsWith("您正在回答：", held.Text);
        Assert.Contains("如要改为“业主电话”", held.Text);
        Assert.Equal(["完成"], held.Choices.Select(c => c.Label).ToArray());
        Assert.Empty((await RecordAsync()).Items);
        // Sent again, it is the item after all.
        Assert.StartsWith("已记录：1. 【上级指示】业主电话 3-1-502", await SayAsync("zhangsan", "业主电话 3-1-502"));
        // The flow's own command typed again at such a step starts it afresh (交班 resumes where it stands), not an item.
        Assert.Contains("【上级指示】", await SayAsync("zhangsan", "交班"));
        Assert.Single((await RecordAsync()).Items);
    }

    [Fact]
    public async Task CheckItems_AnsweredInOwnWords_AFindingAloneIsConfirmedFirst_第1篇_1_5()
    {
        At(26, 14, 35);
        await SayAsync("zhangsan", "交班");
        for (var i = 0; i < 4; i++) await SayAsync("zhangsan", "完成");

        // The finding alone is most likely the item's ✗, but it goes to the successor signed: asked once, not guessed.
        Assert.StartsWith("“办公用品”记为异常：打印机缺墨，对吗？", await SayAsync("zhangsan", "打印机缺墨"));
        Assert.Empty((await RecordAsync()).Items);
        Assert.Contains("【公用物品当面验清 2/4】对讲机及电话", await SayAsync("zhangsan", "是"));
        // 不是: the item is asked again.
        Assert.StartsWith("“对讲机及电话”记为异常", await SayAsync("zhangsan", "对讲机电池不足"));
        Assert.Contains("【公用物品当面验清 2/4】对讲机及电话", await SayAsync("zhangsan", "不是"));
        Assert.Contains("【公用物品当面验清 3/4】", await SayAsync("zhangsan", "没有问题"));
        // Something else in answer to the question is an answer to the item itself.
        Assert.StartsWith("“资料文件”记为异常", await SayAsync("zhangsan", "资料文件少了一份"));
        Assert.Contains("【公用物品当面验清 4/4】", await SayAsync("zhangsan", "✓"));
        Assert.Contains("【交接班检查 1/3】", await SayAsync("zhangsan", "都正常，已当面核对"));
        Assert.Contains("请核对交接内容", await SayAsync("zhangsan", "都没问题"));

        var items = (await RecordAsync()).Items;
        Assert.Equal([("办公用品", false, "打印机缺墨"), ("对讲机及电话", true, null), ("资料文件", true, null), ("样板房钥匙", true, null)],
            items.Where(i => i.Section == HandoverSection.SharedItem).Select(i => (i.Text, i.Ok, i.Note)).ToArray());
        Assert.All(items.Where(i => i.Section == HandoverSection.Checklist), i => Assert.True(i.Ok));
        Assert.Equal(3, items.Count(i => i.Section == HandoverSection.Checklist));
    }

    [Fact]
    public async Task Successor_ConfirmsWithPlainWords_AndTypesAQuestionStraightAway_第14篇_1_5()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();
        await InboxAsync("zhangsan");
        await SayAsync("lisi", "签到");
        await PressAsync("lisi", $"接班 {record.Id}");

        Assert.Contains("第2/8项", await SayAsync("lisi", "没问题"));
        var asked = await SayAsync("lisi", "对讲机的备用电池放在哪里");
        Assert.Contains("第2项的疑问已转给张三", asked);
        Assert.Contains("第3/8项", asked);
        Assert.Contains("对讲机的备用电池放在哪里", Assert.Single(await InboxAsync("zhangsan")).Text);
        Assert.Contains("第4/8项", await SayAsync("lisi", "好的"));
        // Neither a yes nor a question: asked again, with how to put a question.
        Assert.Contains("有疑问也可以直接写出问题", await SayAsync("lisi", "知道了吧这个"));
        Assert.Equal(1, (await RecordAsync()).OpenQuestions);
    }

    [Fact]
    public async Task Successor_ACommandTypedWhereAnItemIsChecked_IsHeldBackOnce_NotSentAsItsQuestion()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();
        await InboxAsync("zhangsan");
        await SayAsync("lisi", "签到");
        await PressAsync("lisi", $"接班 {record.Id}");

        // A call written down while checking reads like a question (什么时候), but it is the command, not the item's question.
        var held = await SayAsync("lisi", "来电 3-1-502 陈先生问维修师傅什么时候到");
        Assert.StartsWith("您正在回答：", held);
        Assert.Contains("如要改为“来电”，请先发送“取消”", held);
        Assert.Empty(await InboxAsync("zhangsan"));
        Assert.Equal(0, (await RecordAsync()).OpenQuestions);
        // Said again, it is the first item's question after all.
        Assert.Contains("第1项的疑问已转给张三", await SayAsync("lisi", "来电 3-1-502 陈先生问维修师傅什么时候到"));
        Assert.Equal(1, (await RecordAsync()).OpenQuestions);
    }

    [Fact]
    public async Task Question_AnsweredByWritingTheAnswerStraightAway_第14篇_1_5()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();
        await InboxAsync("zhangsan");
        await SayAsync("lisi", "签到");
        await PressAsync("lisi", $"接班 {record.Id}");
        await PressAsync("lisi", "question");
        At(26, 14, 40);
        await SayAsync("lisi", "维修部明早几点到场");
        Assert.Equal([$"答复 {record.Id}"], Assert.Single(await InboxAsync("zhangsan")).Choices.Select(c => c.Value));

        // The answer typed in reply, without pressing 答复 first.
        Assert.Equal("第1项的答复已发给李四。", await SayAsync("zhangsan", "维修部明早9点到场"));
        Assert.Contains("答复：维修部明早9点到场", Assert.Single(await InboxAsync("lisi")).Text);
        Assert.Equal(0, (await RecordAsync()).OpenQuestions);
    }

    [Fact]
    public async Task SuccessorUnfit_NoCover_RefusedAndTheLeadFindsCover_第1篇_2_4()
    {
        await SayAsync("zhangsan", "签到");
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var record = await RecordAsync();

        var reply = await SayAsync("zhangsan", "接班人不宜接班 有饮酒迹象");

        Assert.Contains("已记录李四不宜接班", reply);
        Assert.True((await RecordAsync()).SuccessorUnfit);
        Assert.Contains(await InboxAsync("wangwu"), l => l.Text.Contains("顶班", StringComparison.Ordinal));
        Assert.Contains($"交接 #{record.Id} 已被拒绝接班，正在等待领班处理。", await SayAsync("lisi", $"接班 {record.Id}"));
        Assert.Contains("领班处理完成前不能签退", await SayAsync("zhangsan", "签退"));

        Assert.Contains("已安排吴九顶班", await SayAsync("wangwu", $"顶班 {record.Id} 吴九"));
        Assert.Equal("wujiu", (await RecordAsync()).SuccessorId);
        Assert.Contains(await InboxAsync("wujiu"), l => l.Choices.Any(c => c.Value == $"接班 {record.Id}"));
    }

    [Fact]
    public async Task Lock_OnlyTheShiftLeadReopens_WithAReason_AndAdditionsAreMarkedLater_第14篇_2_3()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var id = (await RecordAsync()).Id;
        await AcceptAllAsync(id);
        var hash = (await RecordAsync()).ContentHash;

        await InboxAsync("zhangsan");
        Assert.Equal($"交接 #{id} 已由双方签字锁定，不能再修改。如需补充，请领班“重开交接”。", await SayAsync("zhangsan", $"补充交接 {id} 样板房钥匙已交回"));
        Assert.StartsWith("对不起，“重开交接”不在您的权限范围内。", await SayAsync("lisi", $"重开交接 {id} 想改"));
        Assert.Equal(hash, (await RecordAsync()).ContentHash);
        Assert.StartsWith("请写明交接编号和重开原因", await SayAsync("wangwu", $"重开交接 {id}"));

        Assert.Contains("已重开，原因：漏交样板房钥匙", await SayAsync("wangwu", $"重开交接 {id} 漏交样板房钥匙"));
        Assert.Contains("已补充：9. 【补充事项】样板房钥匙S-01已交回（后补）", await SayAsync("zhangsan", $"补充交接 {id} 样板房钥匙S-01已交回"));
        await SayAsync("lisi", "签到");
        var check = await SayAsync("lisi", $"接班 {id}");
        Assert.Contains("第9/9项", check);
        await PressAsync("lisi", "confirm");
        await PressAsync("lisi", "sign");

        var record = await RecordAsync();
        Assert.Equal(HandoverStatus.Accepted, record.Status);
        Assert.NotEqual(hash, record.ContentHash);
        Assert.True(record.IsIntact);
        Assert.True(record.Items.Single(i => i.Number == 9).AddedLater);
        Assert.Equal("漏交样板房钥匙", record.ReopenReason);
    }

    [Fact]
    public async Task BadInput_SomeoneElsesHandover_AnswerOnALockedRecord_ConfirmingTwice_ChangeNothing()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var id = (await RecordAsync()).Id;

        Assert.Equal($"交接 #{id} 不是交给您的，不能由您接班。如有疑问请联系领班。", await SayAsync("wujiu", $"接班 {id}"));
        Assert.Equal(HandoverStatus.Submitted, (await RecordAsync()).Status);

        await AcceptAllAsync(id);
        var hash = (await RecordAsync()).ContentHash;
        await InboxAsync("zhangsan");
        Assert.Equal($"交接 #{id} 已由双方签字锁定，不能再修改。如需补充，请领班“重开交接”。", await SayAsync("zhangsan", $"答复 {id} 补充说明"));
        Assert.StartsWith("您已于 11-26 14:3", await SayAsync("lisi", $"接班 {id}"));
        Assert.StartsWith("您已于", await SayAsync("lisi", $"签字接班 {id}"));
        Assert.Equal(hash, (await RecordAsync()).ContentHash);
    }

    [Fact]
    public async Task FrontDesk_HandsOverLettersAndCounterItems_ToTheDutyOffice_第11篇_5_8()
    {
        At(26, 14, 35);
        Assert.Contains("【未完成的工作】", await SayAsync("zhengshi", "交班"));
        await SayAsync("zhengshi", "完成");
        await SayAsync("zhengshi", "完成");
        await SayAsync("zhengshi", "完成");
        Assert.Contains("【未发放的信、报、刊】", await SayAsync("zhengshi", "完成"));
        await SayAsync("zhengshi", "3-1-502 陈先生挂号信一封");
        Assert.Contains("【前台柜内物品】", await SayAsync("zhengshi", "完成"));
        await SayAsync("zhengshi", "业主寄存雨伞两把");
        Assert.Contains("前台办公用品", await SayAsync("zhengshi", "完成"));
        await PressAsync("zhengshi", "ok");
        Assert.Contains("前台钥匙", await PressAsync("zhengshi", "ok"));
        Assert.Contains("前台物品摆放整齐", await SayAsync("zhengshi", "✗ 备用钥匙缺一把"));
        Assert.Contains("前台物品已收柜上锁", await SayAsync("zhengshi", "正常"));
        // The front desk has no successor of its own: the duty office's person on at the end (第2篇 1.2).
        Assert.Contains("接班人：李四（按排班，提交后通知）", await PressAsync("zhengshi", "all-ok"));

        Assert.Contains("已通知李四", await SayAsync("zhengshi", "提交"));
        var record = await RecordAsync();
        Assert.True(record.FrontDesk);
        Assert.Contains(record.Items, i => i.Section == HandoverSection.Letters && i.Text.Contains("挂号信", StringComparison.Ordinal));
        Assert.Contains(record.Items, i => i.Section == HandoverSection.CounterItem);
        Assert.Contains(record.Items, i => i.Text == "前台钥匙" && i.Ok == false && i.Note == "备用钥匙缺一把");
    }

    [Fact]
    public async Task Records_ListsMineAndShowsOneInFull()
    {
        At(26, 14, 35);
        await ZhangsanPreparesAsync();
        var id = (await RecordAsync()).Id;

        var list = await SayAsync("lisi", "交接记录");
        var full = await SayAsync("zhangsan", $"交接记录 {id}");

        Assert.Contains($"交接 #{id}（11-26 早班 客服中心） 张三→李四 待接班", list);
        Assert.Contains("交班人：张三　接班人：李四　状态：待接班", full);
        Assert.StartsWith("近7天没有交接记录", await SayAsync("wujiu", "交接记录"));
        Assert.StartsWith($"没有找到交接 #{id}", await SayAsync("wujiu", $"交接记录 {id}"));
    }

    private async Task AcceptAllAsync(long id)
    {
        await SayAsync("lisi", "签到");
        await SayAsync("lisi", $"接班 {id}");
        for (var i = 0; i < 8; i++) await PressAsync("lisi", "confirm");
        Assert.StartsWith("您已签字接班", await PressAsync("lisi", "sign"));
        Assert.Equal(HandoverStatus.Accepted, (await RecordAsync()).Status);
    }
}

using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Features.Escalation;

/// <summary>
/// The escalation chain on the demo department (第3篇 1.3 逐级负责制): 王五 is the shift lead on the early shift
/// (07:00–15:00), 赵六 客服主任, 孙七 客服部经理, 钱一 总经理. Urgent cases wait 5 minutes for 收到 at each level.
/// </summary>
public sealed class EscalationTests : IDisposable
{
    private readonly BotFactory _bot;
    private readonly Dictionary<string, LocalChatClient> _chats = new(StringComparer.Ordinal);

    public EscalationTests() : this(new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero)) // 09:30 in Shanghai
    {
    }

    private EscalationTests(DateTimeOffset start) => _bot = new BotFactory(time: new FakeTimeProvider(start));

    public void Dispose() => _bot.Dispose();

    private LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var c) ? c : _chats[who] = new LocalChatClient(_bot, who);

    private async Task<List<string>> InboxOf(string who) => [.. (await Chat(who).NewBotLinesAsync()).Select(l => l.Text)];

    private async Task TickAsync(TimeSpan advance)
    {
        _bot.Time.Advance(advance);
        await _bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(_bot.Time.GetUtcNow(), CancellationToken.None));
        await _bot.DispatchAsync();
    }

    private async Task<long> RaiseAsync(string subject = "3号楼电梯困人", Severity severity = Severity.Urgent, string? raisedBy = "zhangsan")
    {
        var id = await _bot.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<IEscalationStore>();
            var service = sp.GetRequiredService<EscalationService>();
            long caseId = 0;
            Assert.True(await store.AtomicallyAsync(async () =>
                caseId = (await service.RaiseAsync(new EscalationRequest("test", subject, severity, "请立即到场处理", raisedBy), _bot.Time.GetUtcNow(), CancellationToken.None)).Id,
                CancellationToken.None));
            return caseId;
        });
        await _bot.DispatchAsync();
        return id;
    }

    private Task<EscalationCase> CaseAsync(long id) =>
        _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<EscalationCase>().AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Urgent_Raised_ReachesTheShiftLeadOnDutyAtOnce_第3篇_1_3()
    {
        var id = await RaiseAsync();

        var alert = Assert.Single(await InboxOf("wangwu"));
        Assert.StartsWith($"【紧急】升级事项 #{id}", alert);
        Assert.Contains("3号楼电梯困人", alert);
        Assert.Contains("发起：张三", alert);
        Assert.Contains("第1级负责人（当班领班）", alert);
        Assert.Empty(await InboxOf("zhaoliu"));
    }

    [Fact]
    public async Task Unacknowledged_ClimbsLevelByLevelAtTheTimeout_第3篇_1_3()
    {
        await RaiseAsync();
        await InboxOf("wangwu");

        await TickAsync(TimeSpan.FromMinutes(4));
        Assert.Empty(await InboxOf("zhaoliu"));

        await TickAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("第2级负责人（客服主任）", Assert.Single(await InboxOf("zhaoliu")));

        await TickAsync(TimeSpan.FromMinutes(5));
        Assert.Contains("第3级负责人（客服部经理）", Assert.Single(await InboxOf("sunqi")));

        await TickAsync(TimeSpan.FromMinutes(5));
        Assert.Contains("第4级负责人（总经理）", Assert.Single(await InboxOf("qianyi")));
    }

    [Fact]
    public async Task PastTheTop_LoopsBackToTheShiftLead()
    {
        var id = await RaiseAsync();
        for (var i = 0; i < 3; i++) await TickAsync(TimeSpan.FromMinutes(5));
        await InboxOf("wangwu");

        await TickAsync(TimeSpan.FromMinutes(5));

        Assert.Contains("第1级负责人（当班领班）", Assert.Single(await InboxOf("wangwu")));
        Assert.Equal(1, (await CaseAsync(id)).Loop);
    }

    [Fact]
    public async Task Acknowledged_StopsClimbingAndTellsEveryoneInvolved()
    {
        var id = await RaiseAsync();
        await TickAsync(TimeSpan.FromMinutes(5)); // now 赵六 knows too
        await InboxOf("wangwu");
        await InboxOf("zhangsan");

        var reply = await Chat("zhaoliu").SayAsync($"收到 {id}");

        Assert.Contains($"已记录您收到升级事项 #{id}", reply.Last().Text);
        Assert.Equal([$"升级事项 #{id}（3号楼电梯困人）已由赵六收到。"], await InboxOf("wangwu"));
        Assert.Equal([$"升级事项 #{id}（3号楼电梯困人）已由赵六收到。"], await InboxOf("zhangsan"));

        await TickAsync(TimeSpan.FromMinutes(30));
        Assert.Empty(await InboxOf("sunqi"));
    }

    [Fact]
    public async Task AcknowledgedNotResolved_RemindsTheHolderAfterTheConfiguredTime()
    {
        var id = await RaiseAsync();
        await Chat("wangwu").SayAsync("收到");

        await TickAsync(TimeSpan.FromHours(2));

        var reminder = Assert.Single(await InboxOf("wangwu"), t => t.StartsWith("提醒", StringComparison.Ordinal));
        Assert.Contains($"#{id}", reminder);
        Assert.Empty(await InboxOf("zhaoliu"));
    }

    [Fact]
    public async Task Resolve_ByButtonThenNote_ClosesAndInformsEveryone()
    {
        var id = await RaiseAsync();
        await InboxOf("zhangsan");

        var asked = await Chat("wangwu").PressAsync($"已处理 {id}");
        Assert.Contains("请简要说明", asked.Last().Text);
        var done = await Chat("wangwu").SayAsync("已联系电梯公司放出被困人员");

        Assert.Contains("已记录为处理完毕", done.Last().Text);
        Assert.Equal([$"升级事项 #{id}（3号楼电梯困人）已由王五处理完毕：已联系电梯公司放出被困人员"], await InboxOf("zhangsan"));
        var escalation = await CaseAsync(id);
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        await TickAsync(TimeSpan.FromHours(5));
        Assert.Empty(await InboxOf("zhaoliu"));
    }

    [Fact]
    public async Task Resolve_WithANoteButNoNumber_WhileTwoAreOpen_ThePickKeepsTheNote()
    {
        var lift = await RaiseAsync();
        var door = await RaiseAsync("5号楼门禁故障", Severity.Normal);
        await InboxOf("wangwu");

        var asked = Assert.Single(await Chat("wangwu").SayAsync("已处理 维保单位已到场修复"));
        Assert.Equal([$"已处理 {lift} 维保单位已到场修复", $"已处理 {door} 维保单位已到场修复"], asked.Choices.Select(c => c.Value));
        Assert.Equal($"#{door} 5号楼门禁故障", asked.Choices[1].Label);

        // Picking the case closes it with what was written: the note is not asked for a second time.
        await Chat("wangwu").PressAsync(asked.Choices[1].Value);
        Assert.Equal(EscalationStatus.Resolved, (await CaseAsync(door)).Status);
        Assert.Equal("维保单位已到场修复", (await CaseAsync(door)).ResolutionNote);
        Assert.NotEqual(EscalationStatus.Resolved, (await CaseAsync(lift)).Status);
    }

    [Fact]
    public async Task Action_OnResolvedCase_SaysSoAndChangesNothing()
    {
        var id = await RaiseAsync();
        await Chat("wangwu").SayAsync($"已处理 {id} 已处理好");

        var reply = await Chat("wangwu").SayAsync($"收到 {id}");

        Assert.Equal($"升级事项 #{id} 已由王五处理完毕，无需再操作。", reply.Last().Text);
        Assert.Equal("已处理好", (await CaseAsync(id)).ResolutionNote);
    }

    [Fact]
    public async Task ResolutionNote_KeepsTheWritersPunctuation_FullWidthDigitsStillReadAsTheNumber()
    {
        var id = await RaiseAsync();
        // A phone keyboard in full-width mode: the number is read as #id, the note is kept as written (it was "救出,电梯").
        var fullWidthId = string.Concat(id.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)(c + 0xFEE0)));
        await Chat("wangwu").SayAsync($"已处理 {fullWidthId} 被困人员已救出，电梯停用待维保（已报修）");

        var escalation = await CaseAsync(id);
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        Assert.Equal("被困人员已救出，电梯停用待维保（已报修）", escalation.ResolutionNote);
    }

    [Fact]
    public async Task Action_BySomeoneNotInvolved_IsRefusedAndChangesNothing()
    {
        var id = await RaiseAsync();

        var reply = await Chat("sunqi").SayAsync($"收到 {id}");

        Assert.Equal($"对不起，升级事项 #{id} 不在您的处理范围内。", reply.Last().Text);
        Assert.Equal(EscalationStatus.Open, (await CaseAsync(id)).Status);
    }

    [Fact]
    public async Task HandOver_ToAColleague_TheyAreAlertedAndMayAcknowledge()
    {
        var id = await RaiseAsync();

        var reply = await Chat("wangwu").SayAsync($"转交 {id} 李四");

        // 李四 is on the middle shift (15:00): handed over all the same, with a note that he is not on shift yet.
        Assert.Equal($"好的，升级事项 #{id} 已转交给李四。\n李四现在不在班（中班 15:00 开始），上班前可能看不到。如需尽快处理，请转交在班的同事。", reply.Last().Text);
        Assert.Contains("王五将此事项转交给您", Assert.Single(await InboxOf("lisi")));
        var ack = await Chat("lisi").SayAsync("收到");
        Assert.Contains($"#{id}", ack.Last().Text);
        Assert.Equal("lisi", (await CaseAsync(id)).AcknowledgedById);
    }

    [Fact]
    public async Task HandOver_ToAColleagueOnShiftNow_SaysNothingMore()
    {
        var id = await RaiseAsync(raisedBy: null);

        var reply = await Chat("wangwu").SayAsync($"转交 {id} 张三");

        Assert.Equal($"好的，升级事项 #{id} 已转交给张三。", reply.Last().Text);
    }

    [Fact]
    public async Task HandOver_ToAColleagueAtHome_IsDoneButTheReplySaysWhenTheirShiftStarts()
    {
        var id = await RaiseAsync();

        var reply = await Chat("wangwu").SayAsync($"转交 {id} 吴九");

        Assert.Equal($"好的，升级事项 #{id} 已转交给吴九。\n吴九现在不在班（夜班 23:00 开始），上班前可能看不到。如需尽快处理，请转交在班的同事。", reply.Last().Text);
        Assert.Equal("wujiu", (await CaseAsync(id)).AssigneeId);
        Assert.Contains("王五将此事项转交给您", Assert.Single(await InboxOf("wujiu")));
    }

    [Fact]
    public async Task HandOver_ToAManagerOffTheRoster_SaysNothingMore()
    {
        var id = await RaiseAsync();

        var reply = await Chat("wangwu").SayAsync($"转交 {id} 孙七");

        Assert.Equal($"好的，升级事项 #{id} 已转交给孙七。", reply.Last().Text);
    }

    [Fact]
    public async Task HandOver_ToUnknownPerson_AsksAgainAndChangesNothing()
    {
        var id = await RaiseAsync();

        var reply = await Chat("wangwu").SayAsync($"转交 {id} 无名氏");

        Assert.Equal("对不起，没有找到同事“无名氏”，请核对姓名或工号后再试。", reply.Last().Text);
        Assert.Null((await CaseAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task SameSubjectRaisedTwice_IsOneCaseAndOneAlert()
    {
        var first = await RaiseAsync("U-3-1-502 逾期未还");
        var second = await RaiseAsync("U-3-1-502 逾期未还");

        Assert.Equal(first, second);
        Assert.Single(await InboxOf("wangwu"));
    }

    [Fact]
    public async Task JobFiredTwiceAtOnce_ActsOnce()
    {
        await RaiseAsync();
        _bot.Time.Advance(TimeSpan.FromMinutes(5));

        // Two fires of the same trigger (as on two nodes), racing on the same due case.
        var now = _bot.Time.GetUtcNow();
        await Task.WhenAll(
            _bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(now, CancellationToken.None)),
            _bot.InScopeAsync(sp => sp.GetRequiredService<EscalationService>().ProcessDueAsync(now, CancellationToken.None)));
        await _bot.DispatchAsync();

        Assert.Single(await InboxOf("zhaoliu"));
    }

    [Fact]
    public async Task TestCommand_BySupervisor_RaisesAnUrgentCase()
    {
        var reply = await Chat("zhaoliu").SayAsync("测试升级 一楼大堂漏水");

        Assert.Matches(@"已发起测试升级 #\d+", reply.Last().Text);
        Assert.Contains("一楼大堂漏水", Assert.Single(await InboxOf("wangwu")));
    }

    [Fact]
    public async Task TestCommand_ByStaff_IsNotForThem()
    {
        var reply = await Chat("zhangsan").SayAsync("测试升级");

        Assert.Equal("对不起，“测试升级”不在您的权限范围内。", reply.First().Text);
        Assert.Empty(await InboxOf("wangwu"));
    }

    [Fact]
    public async Task Help_ListsEscalationCommandsForSupervisorsOnly()
    {
        var staff = (await Chat("zhangsan").SayAsync("帮助")).Single();
        var lead = (await Chat("wangwu").SayAsync("帮助")).Single();
        var leadDetail = (await Chat("wangwu").SayAsync("帮助 升级事项")).Single();

        Assert.DoesNotContain("升级事项：", staff.Text);
        Assert.DoesNotContain("测试升级", staff.Text);
        Assert.Contains("· 升级事项：收到、已处理、转交", lead.Text);
        Assert.Contains("· 收到 — 收到升级事项", leadDetail.Text);
        Assert.Contains("· 测试升级 —", leadDetail.Text);
    }

    [Fact]
    public async Task HandedToStaff_TheyMayStillAcknowledge()
    {
        var id = await RaiseAsync();
        await Chat("wangwu").SayAsync($"转交 {id} 张三");

        var reply = await Chat("zhangsan").SayAsync("收到");

        Assert.Contains($"已记录您收到升级事项 #{id}", reply.Last().Text);
    }

    [Fact]
    public async Task List_ShowsMyOpenCases()
    {
        var id = await RaiseAsync();

        var reply = await Chat("wangwu").SayAsync("升级事项");

        Assert.Equal($"您的待处理升级事项（1项）：\n#{id}【紧急】3号楼电梯困人 — 待收到", reply.Last().Text);
        // Each case's next step is a button: 收到 first, then 已处理, which asks for the note.
        Assert.Equal([$"收到 {id}"], reply.Last().Choices.Select(c => c.Value));
        await Chat("wangwu").PressAsync($"收到 {id}");
        var after = (await Chat("wangwu").SayAsync("升级事项")).Last();
        Assert.Equal([$"已处理 {id}"], after.Choices.Select(c => c.Value));
        Assert.StartsWith("请", (await Chat("wangwu").PressAsync($"已处理 {id}")).Last().Text);
    }

    [Fact]
    public async Task Digest_OnePerSupervisor_AndNotTwiceTheSameDay()
    {
        var id = await RaiseAsync();
        await InboxOf("zhaoliu");

        async Task<int> Digest() => await _bot.InScopeAsync(sp => sp.GetRequiredService<SupervisorDigest>().SendAsync(_bot.Time.GetUtcNow(), CancellationToken.None));
        var first = await Digest();
        var second = await Digest();
        await _bot.DispatchAsync();

        Assert.Equal(4, first); // 王五, 赵六, 孙七, 钱一
        Assert.Equal(0, second);
        var digest = Assert.Single(await InboxOf("zhaoliu"));
        Assert.StartsWith("赵六您好，以下是2026-11-26的值班摘要：", digest);
        Assert.Contains($"#{id}【紧急】3号楼电梯困人 — 待收到，当前在第1级", digest);
    }
}

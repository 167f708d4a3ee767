using System.Net;
using System.Net.Http.Json;
using Bot.Domain.Features.Callbacks;
using Bot.Features.Callbacks;
using static Bot.Tests.Features.Callbacks.CallbackTestBed;

namespace Bot.Tests.Features.Callbacks;

public sealed class CallbackBedFixture : IDisposable
{
    internal CallbackTestBed Bed { get; } = new(Shanghai(27, 10));

    public void Dispose() => Bed.Dispose();
}

/// <summary>
/// The due windows (第9篇 一) as registration lays them out, the rate targets (第9篇 二), and the admin API's
/// registration rules: idempotent by the external case id, unknown owner or unit refused with the reason.
/// </summary>
public sealed class CallbackRulesTests(CallbackBedFixture fixture) : IClassFixture<CallbackBedFixture>
{
    private CallbackTestBed Bed => fixture.Bed;

    private static readonly DateTimeOffset Completed = Shanghai(26, 16);

    private async Task<CallbackAdmin.CaseView> RegisterAsync(object body)
    {
        var response = await Bed.PostCaseAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CallbackAdmin.CaseView>())!;
    }

    private async Task<TimeSpan> WindowAsync(string type)
    {
        var view = await RegisterAsync(new { externalId = $"W-{type}", type, unit = "3-1-502", summary = "窗口测试", responsible = new[] { "zhangsan" }, completedAt = Completed });
        var callback = Assert.Single(view.Callbacks);
        Assert.Equal(Completed, callback.DueFrom);
        return callback.DueBy - callback.DueFrom;
    }

    [Fact]
    public async Task Complaint_IsDueWithinThreeDaysAfterItWasResolved_第9篇_一_1() =>
        Assert.Equal(TimeSpan.FromDays(3), await WindowAsync("complaint"));

    [Fact]
    public async Task MinorRepair_IsDueWithinThreeDaysAfterCompletion_第9篇_一_2() =>
        Assert.Equal(TimeSpan.FromDays(3), await WindowAsync("minor_repair"));

    [Fact]
    public async Task RepairProject_IsDueWithinAMonth_第9篇_一_2() =>
        Assert.Equal(TimeSpan.FromDays(30), await WindowAsync("repair_project"));

    [Fact]
    public async Task Activity_IsDueWithinAMonth_第9篇_一_4() =>
        Assert.Equal(TimeSpan.FromDays(30), await WindowAsync("activity"));

    [Fact]
    public async Task OtherService_IsDueWithinAWeek_第9篇_一_5() =>
        Assert.Equal(TimeSpan.FromDays(7), await WindowAsync("other"));

    [Fact]
    public async Task SpecialService_IsCalledBackAtTheMiddleAndAfterTheEnd_第9篇_一_3()
    {
        var start = Shanghai(1, 9);
        var end = new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(8));
        var view = await RegisterAsync(new { externalId = "W-special", type = "special_service", unit = "3-1-502", summary = "保洁特约服务",
            responsible = new[] { "zhangsan" }, periodStart = start, periodEnd = end });

        Assert.Equal(2, view.Callbacks.Count);
        var middle = view.Callbacks.Single(c => c.Stage == "middle");
        var final = view.Callbacks.Single(c => c.Stage == "final");
        Assert.Equal(start + (end - start) / 2, middle.DueFrom);
        Assert.Equal(end, final.DueFrom);
        Assert.Equal(TimeSpan.FromDays(7), final.DueBy - final.DueFrom);
    }

    [Fact]
    public async Task Activity_NamesItsParticipants_EachIsCalledBack()
    {
        var view = await RegisterAsync(new { externalId = "W-activity-2", type = "activity", unit = "3-1-502", summary = "重阳节游园会",
            owners = new[] { "chen-3-1-502", "li-5-1-101" }, responsible = new[] { "zhangsan" } });

        Assert.Equal(["chen-3-1-502", "li-5-1-101"], view.Callbacks.Select(c => c.Owner));
    }

    [Fact]
    public async Task Register_SameExternalIdTwice_ReturnsTheExistingCaseUnchanged()
    {
        var first = await RegisterAsync(new { externalId = "BX-dup", type = "minor_repair", unit = "3-1-502", summary = "门锁维修", responsible = new[] { "zhangsan" } });

        var again = await Bed.PostCaseAsync(new { externalId = "BX-dup", type = "complaint", unit = "3-1-502", summary = "改过的内容", responsible = new[] { "lisi" } });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var view = (await again.Content.ReadFromJsonAsync<CallbackAdmin.CaseView>())!;
        Assert.Equal(first.Id, view.Id);
        Assert.Equal("门锁维修", view.Summary);
        Assert.Equal("minor_repair", view.Type);
        Assert.Single(view.Callbacks);
    }

    [Theory]
    [InlineData("9-9-999", "chen-3-1-502", "zhangsan", "房号 9-9-999 不存在")]
    [InlineData("3-1-502", "nobody", "zhangsan", "业主 nobody 不存在")]
    [InlineData("3-1-502", "li-5-1-101", "zhangsan", "业主 li-5-1-101 不是房号 3-1-502 的业主")]
    [InlineData("3-1-502", "chen-3-1-502", "无名氏", "找不到员工「无名氏」")]
    [InlineData("3-1-501", null, "zhangsan", "房号 3-1-501 没有登记业主")]
    public async Task Register_UnknownUnitOwnerOrStaff_IsRejectedWithTheReason(string unit, string? owner, string responsible, string reason)
    {
        var response = await Bed.PostCaseAsync(new { externalId = $"BAD-{unit}-{owner}-{responsible}", type = "minor_repair", unit,
            owners = owner is null ? Array.Empty<string>() : [owner], summary = "维修", responsible = new[] { responsible } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_UnreadableDate_Is400NamingTheField_NotA500()
    {
        var response = await Bed.PostCaseAsync(new { externalId = "BAD-DATE", type = "minor_repair", unit = "3-1-502", summary = "维修",
            responsible = new[] { "zhangsan" }, completedAt = "2026/11/27" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("字段“completedAt”的值读不出来，什么都没有登记", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_CompletedAtAsADateOnly_IsThatDayFromTheDepartmentsMidnight_NotUtcMidnight()
    {
        var view = await RegisterAsync(new { externalId = "DATE-ONLY", type = "minor_repair", unit = "3-1-502", summary = "维修",
            responsible = new[] { "zhangsan" }, completedAt = "2026-11-26" });

        Assert.Equal(Shanghai(26, 0), view.CompletedAt);
    }

    [Fact]
    public async Task Register_WithoutTheApiKey_IsRefused()
    {
        var response = await Bed.PostCaseAsync(new { externalId = "X", type = "other", unit = "3-1-502", summary = "x", responsible = new[] { "zhangsan" } }, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StatsCsv_ListsEveryTypeWithItsTarget_第9篇_二()
    {
        var http = Bed.Bot.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var csv = await http.GetStringAsync("/api/admin/callbacks/stats.csv");

        Assert.Contains("type,type_zh,due,done,callback_rate,target,meets_target,on_time_rate,satisfaction_rate", csv);
        Assert.Contains("\ncomplaint,投诉,", csv);
        Assert.Matches(@"\nactivity,文体活动,\d+,\d+,[\d.]*,70,", csv);
        Assert.Matches(@"\nother,其他服务,\d+,\d+,[\d.]*,,", csv);
    }

    [Fact]
    public async Task Windows_AreOverriddenByConfiguration()
    {
        using var bed = new CallbackTestBed(Shanghai(27, 10), new Dictionary<string, string?> { ["Callbacks:Windows:minor_repair"] = "2.00:00:00" });

        var response = await bed.PostCaseAsync(new { externalId = "C-1", type = "minor_repair", unit = "3-1-502", summary = "x", responsible = new[] { "zhangsan" } });

        var view = (await response.Content.ReadFromJsonAsync<CallbackAdmin.CaseView>())!;
        Assert.Equal(TimeSpan.FromDays(2), view.Callbacks[0].DueBy - view.Callbacks[0].DueFrom);
    }
}

/// <summary>The rate targets (第9篇 二) and how a rate is measured against them.</summary>
public sealed class CallbackRateTests
{
    private static TypeRates Rates(CaseType type, int due, int done) =>
        new(type, due, done, done, done, CallbackPolicy.Default.TargetOf(type));

    [Fact]
    public void Complaints_MustAllBeCalledBack_第9篇_二_1()
    {
        Assert.Equal(100, CallbackPolicy.Default.TargetOf(CaseType.Complaint));
        Assert.False(Rates(CaseType.Complaint, 10, 9).MeetsTarget);
        Assert.True(Rates(CaseType.Complaint, 10, 10).MeetsTarget);
    }

    [Fact]
    public void Repairs_MustAllBeCalledBack_第9篇_二_2()
    {
        Assert.Equal(100, CallbackPolicy.Default.TargetOf(CaseType.MinorRepair));
        Assert.Equal(100, CallbackPolicy.Default.TargetOf(CaseType.RepairProject));
        Assert.False(Rates(CaseType.RepairProject, 3, 2).MeetsTarget);
    }

    [Fact]
    public void SpecialServices_MustAllBeCalledBack_第9篇_二_3() =>
        Assert.Equal(100, CallbackPolicy.Default.TargetOf(CaseType.SpecialService));

    [Fact]
    public void Activities_SeventyPercentIsEnough_第9篇_二_4()
    {
        Assert.True(Rates(CaseType.Activity, 10, 7).MeetsTarget);
        Assert.False(Rates(CaseType.Activity, 10, 6).MeetsTarget);
    }

    [Fact]
    public void OtherServices_HaveNoFixedTarget_第9篇_二_5()
    {
        Assert.Null(CallbackPolicy.Default.TargetOf(CaseType.Other));
        Assert.Null(Rates(CaseType.Other, 10, 1).MeetsTarget);
        Assert.Contains("其他服务：回访率 10%（目标 按当时情况确定）",
            CallbackStats.Render(new CallbackRates(30, [Rates(CaseType.Other, 10, 1)], 0, 0), "zh-CN"));
    }
}

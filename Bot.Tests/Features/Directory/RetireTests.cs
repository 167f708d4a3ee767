using System.Net;
using System.Text;
using System.Text.Json;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Directory;

/// <summary>
/// Retiring a person in the directory (active = false) while they still hold what is the department's (第6篇 1.2.7:
/// one who leaves returns what they borrowed first): the import says so, and whom they report to is told.
/// </summary>
public sealed class RetireTests : DemoChatTests
{
    private async Task<JsonElement> RetireAsync(string csv, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/directory/people") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Api-Key", AdminKey);
        if (language is not null) request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await Bot.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task RetiringSomeoneWhoStillHoldsAKeyAndTakingsAndPoison_WarnsTheAdministrator_AndTellsTheirShiftLead_第6篇_1_2_7()
    {
        await SayAsync("zhangsan", "借钥匙 3-1-502");
        await Chat("zhangsan").PressAsync("Viewing");
        await Chat("zhangsan").PressAsync("shift");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhangsan").PressAsync("no");
        await Chat("zhouba").PressAsync(Assert.Single(await InboxAsync("zhouba")).Choices[0].Value);
        await SayAsync("zhangsan", "卖票 1张");
        await SayAsync("zhangsan", "领用危险品 鼠药 2包 地下室灭鼠");
        await SayAsync("wangwu", "发放危险品 1");
        await InboxAsync("wangwu");

        var outcome = await RetireAsync("id,name,roles,reports_to,active\nzhangsan,张三,staff,wangwu,false\nlisi,李四,staff,wangwu,true\n");
        Assert.Equal(0, outcome.GetProperty("created").GetInt32());
        var warning = Assert.Single(outcome.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Equal("张三（zhangsan）已停用，但仍持有：钥匙 U-3-1-502（3-1-502），11-26 09:30 起借出未还；危险品 #1 鼠药 2包（地下室灭鼠），11-26 09:30 领用，剩余未退回；"
            + "电影票票款 35 元未交（11-26 09:30 起）。请在其离开前收回（第6篇 1.2.7）。", warning);
        await Bot.DispatchAsync();
        Assert.Equal(warning, Assert.Single(await InboxAsync("wangwu")).Text);
        Assert.False((await Bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.Id == "zhangsan"))).Active);

        // Already inactive, imported again: nothing new to say.
        Assert.False((await RetireAsync("id,name,roles,reports_to,active\nzhangsan,张三,staff,wangwu,false\n")).TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task RetiringSomeoneWhoHoldsNothing_HasNoWarning_AndInEnglishTheWarningIsEnglish()
    {
        await InboxAsync("wangwu");
        Assert.False((await RetireAsync("id,name,roles,reports_to,active\nlisi,李四,staff,wangwu,false\n")).TryGetProperty("warnings", out _));
        Assert.Empty(await InboxAsync("wangwu"));

        await SayAsync("wujiu", "卖票 2张");
        var outcome = await RetireAsync("id,name,roles,reports_to,active\nwujiu,吴九,staff,wangwu,false\n", language: "en");
        Assert.Equal("吴九 (wujiu) is now inactive but still holds: 70 yuan of cinema-ticket takings not handed in (since 11-26 09:30). Please have these back before they leave (policy 6, 1.2.7).",
            Assert.Single(outcome.GetProperty("warnings").EnumerateArray()).GetString());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Duty;

/// <summary>
/// The clerk's monthly roster by CSV through the admin API (第7篇 1.1.3), and what a changed roster tells the people
/// it affects (1.1.7). Today is 2026-11-26; the demo roster runs 11-26 … 12-09 (张三 early, 李四 middle, 吴九 night,
/// 郑十 and 王五 early, 赵六 duty manager every day). An extra shift "office" 06:00–14:00 makes overlaps possible.
/// </summary>
public sealed class RosterImportTests : IDisposable
{
    private const string Key = "test-admin-key";
    private readonly BotFactory _bot = new(settings: new Dictionary<string, string?>
    {
        ["Admin:ApiKey"] = Key,
        ["Duty:Shifts:3:Code"] = "office",
        ["Duty:Shifts:3:Name"] = "行政班",
        ["Duty:Shifts:3:EnglishName"] = "Office shift",
        ["Duty:Shifts:3:Start"] = "06:00",
        ["Duty:Shifts:3:End"] = "14:00",
    });
    private readonly Dictionary<string, LocalChatClient> _chats = [];

    public void Dispose() => _bot.Dispose();

    private LocalChatClient Chat(string who) => _chats.TryGetValue(who, out var chat) ? chat : _chats[who] = new LocalChatClient(_bot, who);

    private async Task<List<string>> InboxAsync(string who) => [.. (await Chat(who).NewBotLinesAsync()).Select(l => l.Text)];

    private async Task<HttpResponseMessage> PostAsync(string csv)
    {
        var client = _bot.CreateClient();
        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/duty/roster") { Content = content };
        request.Headers.Add("X-Api-Key", Key);
        var response = await client.SendAsync(request);
        await _bot.DispatchAsync();
        return response;
    }

    private async Task<List<JsonElement>> RosterAsync(string month)
    {
        var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return await client.GetFromJsonAsync<List<JsonElement>>($"/api/admin/duty/roster?month={month}") ?? [];
    }

    private static async Task<List<(int Line, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("message").GetString()!))];
    }

    /// <summary>The demo roster of 12-01 … 12-09 as a file, with <paramref name="change"/> applied to its lines.</summary>
    private static string DemoDecember(Func<string, string>? change = null)
    {
        var lines = new List<string> { "date,person,shift,post" };
        for (var day = 1; day <= 9; day++)
        {
            var d = $"2026-12-{day:00}";
            lines.AddRange([$"{d},zhangsan,early,客服中心", $"{d},zhengshi,early,前台", $"{d},wangwu,early,领班",
                $"{d},lisi,middle,客服中心", $"{d},wujiu,night,客服中心", $"{d},zhaoliu,duty_manager,"]);
        }
        return string.Join("\n", lines.Select(change ?? (l => l))) + "\n";
    }

    [Fact]
    public async Task ImportRoster_NewMonth_IsStoredWithTheDutyManagerAndTellsNobody_第7篇_1_1_3()
    {
        var response = await PostAsync("""
            date,person,shift,post
            2027-01-01,zhangsan,early,客服中心
            2027-01-01,李四,night,客服中心
            2027-01-01,孙七,值班经理,
            2027-01-02,zhangsan,office,前台
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal("2027-01", json.RootElement.GetProperty("month").GetString());
            Assert.Equal(4, json.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(0, json.RootElement.GetProperty("peopleTold").GetInt32());
        }
        var roster = await RosterAsync("2027-01");
        Assert.Equal(["2027-01-01 lisi night", "2027-01-01 sunqi duty_manager", "2027-01-01 zhangsan early", "2027-01-02 zhangsan office"],
            roster.Select(l => $"{l.GetProperty("date").GetString()} {l.GetProperty("person").GetString()} {l.GetProperty("shift").GetString()}").Order(StringComparer.Ordinal));
        Assert.Empty(await InboxAsync("zhangsan")); // a first publication is no change to anyone's roster
    }

    [Fact]
    public async Task ImportRoster_AsExcelSavesIt_IsRead_第7篇_1_1_3()
    {
        // BOM, CRLF, dates as a Chinese Excel shows them, a name padded to line up, and the formatted rows Excel keeps.
        var response = await PostAsync("\uFEFFdate,person,shift,post\r\n2027/1/1,zhangsan,early,客服中心\r\n"
            + "2027年1月2日,李　四,middle,客服中心\r\n2027.1.3,赵 六,值班经理,\r\n,,,\r\n,,,\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var roster = await RosterAsync("2027-01");
        Assert.Equal(["2027-01-01 zhangsan early", "2027-01-02 lisi middle", "2027-01-03 zhaoliu duty_manager"],
            roster.Select(l => $"{l.GetProperty("date").GetString()} {l.GetProperty("person").GetString()} {l.GetProperty("shift").GetString()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportRoster_BadLines_Is400WithLineNumbersAndImportsNothing_第7篇_1_1_3()
    {
        var response = await PostAsync("""
            date,person,shift,post
            2027-01-01,zhangsan,early,客服中心
            2027-01-01,xiaoming,early,客服中心
            2027-01-02,lisi,evening,客服中心
            2027-01-32,lisi,middle,客服中心
            2027-01-03,wujiu,night,客服中心
            2027-01-04,wujiu,office,客服中心
            2027-02-01,lisi,middle,客服中心
            2027-01-05,zhangsan,early,
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal([3, 4, 5, 7, 8, 9], errors.Select(e => e.Line));
        Assert.Equal("员工“xiaoming”不在系统里。请填员工编号（id）或唯一的姓名。", errors[0].Message);
        Assert.StartsWith("未知的班次“evening”。可用的班次：early (早班), middle (中班), night (夜班), office (行政班), duty_manager", errors[1].Message);
        Assert.Equal("日期“2027-01-32”无效，请写成 yyyy-MM-dd，例如 2026-12-01。", errors[2].Message);
        // The night shift of 01-03 runs to 07:00 on 01-04; the office shift starts at 06:00.
        Assert.Equal("吴九的这个班次与第 6 行的班次时间重叠，同一人不能同时上两个班次。", errors[3].Message);
        Assert.Equal("日期“2027-02-01”不在本次导入的月份 2027-01 内。一个文件只能是一个月的排班。", errors[4].Message);
        Assert.Empty(await RosterAsync("2027-01"));
    }

    [Fact]
    public async Task ReImport_ChangedRoster_TellsEachAffectedPersonExactlyWhatChanged_第7篇_1_1_7()
    {
        var response = await PostAsync(DemoDecember(line => line switch
        {
            "2026-12-02,zhangsan,early,客服中心" => "2026-12-02,zhangsan,middle,客服中心",
            "2026-12-02,lisi,middle,客服中心" => "2026-12-02,lisi,early,客服中心",
            "2026-12-03,zhaoliu,duty_manager," => "2026-12-03,sunqi,duty_manager,",
            _ => line,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("张三您好，2026-12 的排班已调整（第7篇 1.1.7），您的变动如下：\n12-02（周三）：早班 07:00–15:00（客服中心） → 中班 15:00–23:00（客服中心）",
            Assert.Single(await InboxAsync("zhangsan")));
        Assert.EndsWith("12-02（周三）：中班 15:00–23:00（客服中心） → 早班 07:00–15:00（客服中心）", Assert.Single(await InboxAsync("lisi")));
        Assert.EndsWith("12-03（周四）：值班经理 → 休息", Assert.Single(await InboxAsync("zhaoliu")));
        Assert.EndsWith("12-03（周四）：休息 → 值班经理", Assert.Single(await InboxAsync("sunqi")));
        Assert.Empty(await InboxAsync("wujiu"));
        // 郑十's days did not change; as the 考勤员 she only hears that 12-10 … 12-31 have no duty manager yet.
        Assert.DoesNotContain(await InboxAsync("zhengshi"), m => m.Contains("排班已调整", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportRoster_DaysWithoutDutyManager_IsAcceptedWithWarningsAndTheClerkIsTold_第2篇_1_1()
    {
        var response = await PostAsync("""
            date,person,shift,post
            2027-01-01,zhangsan,early,客服中心
            2027-01-01,赵六,值班经理,
            2027-01-02,zhaoliu,duty_manager,
            2027-01-04,zhaoliu,duty_manager,
            """ + "\n" + string.Join("\n", Enumerable.Range(6, 26).Select(d => $"2027-01-{d:00},sunqi,duty_manager,")) + "\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            Assert.Equal("2027-01 以下日期没有值班经理（第2篇 1.1：每天须有一位值班经理）：01-03、01-05。排班已导入，请补排后重新导入。",
                Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(30, (await RosterAsync("2027-01")).Count);
        Assert.Equal("郑十您好，2027-01 的排班已导入，但以下日期没有值班经理（第2篇 1.1）：01-03、01-05。请补排后重新导入，谢谢。",
            Assert.Single(await InboxAsync("zhengshi")));

        // Every day covered: no warnings at all, and the clerk hears nothing more.
        var full = await PostAsync("date,person,shift,post\n"
            + string.Join("\n", Enumerable.Range(1, 31).Select(d => $"2027-01-{d:00},zhaoliu,duty_manager,")) + "\n");
        using (var json = JsonDocument.Parse(await full.Content.ReadAsStringAsync()))
            Assert.False(json.RootElement.TryGetProperty("warnings", out _));
        Assert.Empty(await InboxAsync("zhengshi"));
    }

    [Fact]
    public async Task ListRoster_BadMonth_Is400WithATitleInTheCallersLanguage_NotBadRequest()
    {
        var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.GetAsync("/api/admin/duty/roster?month=2027-13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("请求未被接受", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("月份“2027-13”无效，请写成 yyyy-MM，例如 2026-12。", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ImportRoster_DaysWithoutDutyManager_WarningInEnglish_第2篇_1_1()
    {
        var client = _bot.CreateClient();
        using var content = new StringContent("date,person,shift,post\n2027-01-01,zhaoliu,duty_manager,\n", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/duty/roster") { Content = content };
        request.Headers.Add("X-Api-Key", Key);
        request.Headers.Add("Accept-Language", "en");

        var response = await client.SendAsync(request);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2027-01: no duty manager on these days (a duty manager every day): 01-02 to 01-31. The roster was imported; please add them and import again.",
            Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task ReImport_SameFileTwice_TellsNobodyTheSecondTime_第7篇_1_1_7()
    {
        var changed = DemoDecember(line => line.Replace("2026-12-05,wujiu,night,", "2026-12-05,wujiu,middle,", StringComparison.Ordinal));
        await PostAsync(changed);
        Assert.Single(await InboxAsync("wujiu"));

        var again = await PostAsync(changed);

        using var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("peopleTold").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("changed").GetInt32() + json.RootElement.GetProperty("added").GetInt32());
        Assert.Empty(await InboxAsync("wujiu"));
    }

    [Fact]
    public async Task ReImport_RemovingAShift_IsToldAndMyShiftsFollows_第7篇_1_1_7()
    {
        await PostAsync(DemoDecember(line => line.StartsWith("2026-12-01,zhangsan", StringComparison.Ordinal) ? "2026-12-01,wujiu,office,前台" : line));

        Assert.EndsWith("12-01（周二）：早班 07:00–15:00（客服中心） → 休息", Assert.Single(await InboxAsync("zhangsan")));
        var myShifts = string.Join("\n", (await Chat("zhangsan").SayAsync("我的班次")).Select(l => l.Text));
        Assert.DoesNotContain("12-01", myShifts);
        Assert.Contains("12-02（周三）早班", myShifts);
    }

    [Fact]
    public async Task OnDuty_ShowsTheDutyManagerOfTheDay_第2篇_1_1()
    {
        var reply = string.Join("\n", (await Chat("zhangsan").SayAsync("今天谁值班")).Select(l => l.Text));

        Assert.Contains("今日值班经理：赵六", reply);
    }
}

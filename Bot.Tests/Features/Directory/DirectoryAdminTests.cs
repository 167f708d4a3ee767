using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Features.Directory;

/// <summary>The admin import API through the real host. The demo data (9 people, owner chen-3-1-502, 6 units) is loaded.</summary>
public sealed class DirectoryAdminTests : IDisposable
{
    private const string Key = "test-admin-key";
    private const int DemoPeople = 9;
    private readonly BotFactory _bot = new(settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = Key, ["Admin:MaxCsvBytes"] = "2048" });

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task ImportPeople_GoodFileThenChangedFile_CreatesThenUpdates()
    {
        var first = await PostAsync("people", """
            id,name,roles,reports_to,language,phone,active
            liuyi,刘一,管理员;钥匙专人,chener,,13900000001,
            chener,陈二,领班,zhaoliu,en,,true
            """);
        var second = await PostAsync("people", """
            id,name,roles,reports_to
            liuyi,刘一一,staff,wangwu
            zhangsan,张三,staff;front_desk,
            newbie,新人,前台,liuyi
            """);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2, 0), await CountsAsync(first));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((1, 2), await CountsAsync(second));

        var people = await GetArrayAsync("people");
        Assert.Equal(DemoPeople + 3, people.Count);
        var liuyi = people.Single(p => p.GetProperty("id").GetString() == "liuyi");
        Assert.Equal("刘一一", liuyi.GetProperty("name").GetString());
        Assert.Equal(["staff"], liuyi.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("wangwu", liuyi.GetProperty("reportsTo").GetString());
        var chener = people.Single(p => p.GetProperty("id").GetString() == "chener");
        Assert.Equal("en", chener.GetProperty("language").GetString());
        var zhangsan = people.Single(p => p.GetProperty("id").GetString() == "zhangsan");
        Assert.Equal(["staff", "front_desk"], zhangsan.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // A blank reports_to keeps the stored superior.
        Assert.Equal("wangwu", zhangsan.GetProperty("reportsTo").GetString());
        Assert.False(liuyi.TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task ImportPeople_ThreeBadLines_Is400ListingThemAndImportsNothing()
    {
        var response = await PostAsync("people", """
            id,name,roles,reports_to
            good1,好一,staff,wangwu
            BAD,坏一,staff,wangwu
            good2,好二,staff,good1
            bad2,,staff,
            good3,好三,staff,
            bad3,坏三,staff,nobody
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await ErrorsAsync(response);
        Assert.Equal([3, 5, 7], errors.Select(e => e.Line));
        Assert.Equal(["id", "name", "reports_to"], errors.Select(e => e.Column));
        Assert.Contains("nobody", errors[2].Message);
        Assert.Equal(DemoPeople, (await GetArrayAsync("people")).Count);
    }

    [Fact]
    public async Task ImportPeople_UnknownRole_Is400NamingIt()
    {
        var response = await PostAsync("people", "id,name,roles\nxiaoming,小明,管理员;保洁员\n");

        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal((2, "roles"), (error.Line, error.Column));
        Assert.Contains("保洁员", error.Message);
        Assert.Contains("未知的角色", error.Message);
    }

    [Fact]
    public async Task ImportPeople_ReportsToCycle_Is400AndNothingChanges()
    {
        // wangwu reports to zhaoliu; making zhaoliu report to wangwu closes a circle.
        var response = await PostAsync("people", "id,name,roles,reports_to\nzhaoliu,赵六,客服主任,wangwu\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal((2, "reports_to"), (error.Line, error.Column));
        Assert.Contains("zhaoliu → wangwu → zhaoliu", error.Message);
        var zhaoliu = (await GetArrayAsync("people")).Single(p => p.GetProperty("id").GetString() == "zhaoliu");
        Assert.Equal("sunqi", zhaoliu.GetProperty("reportsTo").GetString());
    }

    [Fact]
    public async Task ImportOwners_UnitNotInDatabase_Is400()
    {
        var response = await PostAsync("owners", "id,name,form_of_address,units\nli-9-9-909,李梅,李女士,3-1-501;9-9-909\n");

        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal((2, "units"), (error.Line, error.Column));
        Assert.Contains("9-9-909", error.Message);
        Assert.Single(await GetArrayAsync("owners"));
    }

    [Fact]
    public async Task ImportUnitsThenOwners_NewUnit_OwnerListedWithoutPhone()
    {
        var units = await PostAsync("units", "code,building,entrance,room\n9-9-909,9,9,909\n3-1-502,,,\n");
        var owners = await PostAsync("owners", """
            id,name,form_of_address,units,phone,language,do_not_disturb
            li-9-9-909,李梅,李女士,9-9-909；3-1-501,139 0000 0002,en,true
            chen-3-1-502,陈建国,陈先生,3-1-502,,,
            """);

        Assert.Equal((1, 1), await CountsAsync(units));
        Assert.Equal((1, 1), await CountsAsync(owners));
        var body = await GetAsync("owners");
        Assert.DoesNotContain("\"phone\"", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("13800000000", body);
        Assert.DoesNotContain("0002", body);
        var list = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        var li = list.Single(o => o.GetProperty("id").GetString() == "li-9-9-909");
        Assert.Equal(["3-1-501", "9-9-909"], li.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.True(li.GetProperty("doNotDisturb").GetBoolean());
        Assert.True(li.GetProperty("hasPhone").GetBoolean());
        var chen = list.Single(o => o.GetProperty("id").GetString() == "chen-3-1-502");
        // The blank phone cell kept the stored number.
        Assert.True(chen.GetProperty("hasPhone").GetBoolean());
    }

    [Fact]
    public async Task GetOwners_DemoOwner_HasNoPhoneField()
    {
        var owners = await GetArrayAsync("owners");

        var chen = Assert.Single(owners);
        Assert.Equal("陈先生", chen.GetProperty("formOfAddress").GetString());
        Assert.DoesNotContain(chen.EnumerateObject(), p => string.Equals(p.Name, "phone", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("13800000000", chen.GetRawText());
    }

    [Fact]
    public async Task ImportIdentities_PointingAtNobody_Is400AndGoodOnesCanFollow()
    {
        var bad = await PostAsync("identities", "channel,channel_user_id,person_id,owner_id\nwecom,ZhangSan,zhangsan,\nwecom,Ghost,ghost,\nwecom-kf,wm123,,nobody\n");
        var good = await PostAsync("identities", "channel,channel_user_id,person_id,owner_id\nwecom,ZhangSan,zhangsan,\nwecom-kf,wm123,,chen-3-1-502\n");
        var again = await PostAsync("identities", "channel,channel_user_id,person_id,owner_id\nwecom,ZhangSan,lisi,\n");

        Assert.Equal([(3, "person_id"), (4, "owner_id")], (await ErrorsAsync(bad)).Select(e => (e.Line, e.Column)));
        Assert.Equal((2, 0), await CountsAsync(good));
        Assert.Equal((0, 1), await CountsAsync(again));
    }

    [Fact]
    public async Task Import_EnglishAcceptLanguage_AnswersInEnglish()
    {
        var response = await PostAsync("people", "id,name,roles\nxiaoming,小明,janitor\n", language: "en-US,en;q=0.9");

        var error = Assert.Single(await ErrorsAsync(response));
        Assert.StartsWith("Unknown role \"janitor\"", error.Message);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The import file has errors; nothing was imported.", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Import_UnterminatedQuote_Is400WithItsLine()
    {
        var response = await PostAsync("units", "code\n3-1-601\n\"3-1-602\n3-1-603\n");

        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal(3, error.Line);
        Assert.Contains("引号", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-admin-key ")]
    public async Task Import_MissingOrWrongKey_Is401AndImportsNothing(string? key)
    {
        var response = await PostAsync("people", "id,name,roles\nxiaoming,小明,staff\n", key: key);
        var list = await _bot.CreateClient().SendAsync(Request(HttpMethod.Get, "people", key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(DemoPeople, (await GetArrayAsync("people")).Count);
    }

    [Fact]
    public async Task Import_AdminKeyNotConfigured_Is403SayingHowToEnable()
    {
        using var bot = new BotFactory(settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = "" });

        var response = await bot.CreateClient().SendAsync(Request(HttpMethod.Post, "people", Key, "id,name,roles\nx,某,staff\n"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Admin:ApiKey", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_BodyOverMaxCsvBytes_Is413()
    {
        var csv = "code\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"7-1-{i}\n"));

        var response = await PostAsync("units", csv);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Import_EmptyBody_Is400()
    {
        var response = await PostAsync("units", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_GbkEncodedFile_Is400AskingForUtf8()
    {
        var request = Request(HttpMethod.Post, "people", Key);
        // "张三" in GBK.
        request.Content = new ByteArrayContent([.. "id,name,roles\nzs,"u8.ToArray(), 0xD5, 0xC5, 0xC8, 0xFD, .. ",staff\n"u8.ToArray()]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await _bot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_FormContentType_Is415()
    {
        var request = Request(HttpMethod.Post, "units", Key);
        request.Content = new StringContent("code\n7-1-101\n", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await _bot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("text/csv", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_FormContentTypeWithoutKey_Is401BeforeAnythingElse()
    {
        var request = Request(HttpMethod.Post, "units", key: null);
        request.Content = new StringContent("code\n7-1-101\n", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await _bot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_ListsImportPathsWithApiKey()
    {
        var body = await _bot.CreateClient().GetStringAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths");

        foreach (var kind in new[] { "units", "people", "owners", "identities" })
        {
            var post = paths.GetProperty($"/api/admin/directory/{kind}").GetProperty("post");
            Assert.Equal("Directory admin", post.GetProperty("tags")[0].GetString());
            Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
            Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
            Assert.True(post.TryGetProperty("security", out _));
        }
        Assert.Equal("X-Api-Key", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("AdminApiKey").GetProperty("name").GetString());
    }

    private sealed record Error(int Line, string? Column, string Message);

    private static HttpRequestMessage Request(HttpMethod method, string kind, string? key, string? csv = null)
    {
        var request = new HttpRequestMessage(method, $"/api/admin/directory/{kind}");
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (csv is not null) request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return request;
    }

    private Task<HttpResponseMessage> PostAsync(string kind, string csv, string? key = Key, string? language = null)
    {
        var request = Request(HttpMethod.Post, kind, key, csv);
        if (language is not null) request.Headers.TryAddWithoutValidation("Accept-Language", language);
        return _bot.CreateClient().SendAsync(request);
    }

    private async Task<string> GetAsync(string kind)
    {
        var response = await _bot.CreateClient().SendAsync(Request(HttpMethod.Get, kind, Key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<JsonElement>> GetArrayAsync(string kind) =>
        JsonDocument.Parse(await GetAsync(kind)).RootElement.EnumerateArray().ToList();

    private static async Task<(int Created, int Updated)> CountsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("created").GetInt32(), json.RootElement.GetProperty("updated").GetInt32());
    }

    private static async Task<List<Error>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => new Error(e.GetProperty("line").GetInt32(),
                e.GetProperty("column").ValueKind == JsonValueKind.Null ? null : e.GetProperty("column").GetString(),
                e.GetProperty("message").GetString()!))
            .ToList();
    }
}

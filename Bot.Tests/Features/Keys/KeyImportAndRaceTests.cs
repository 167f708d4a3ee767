using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Domain.Features.Keys;
using Bot.Features.Keys;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Features.Keys;

/// <summary>The key register import (docs/keys-csv.md) and the race for a key, on the real SQLite database.</summary>
public sealed class KeyImportAndRaceTests : IDisposable
{
    private const string ApiKey = "test-admin-key";
    private readonly BotFactory _bot = new(settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = ApiKey });

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task TwoBorrowsAtTheSameMoment_ExactlyOneGetsTheKey_TheDatabaseDecides_第4篇_1_2_2()
    {
        var start = new TaskCompletionSource();
        async Task<bool> BorrowAsync(string who)
        {
            await using var scope = _bot.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IKeyStore>();
            var key = await store.FindKeyAsync("U-3-1-502", CancellationToken.None) ?? throw new InvalidOperationException("no demo key");
            var now = _bot.Time.GetUtcNow();
            var loan = KeyLoan.Request(key, who, LoanPurpose.Viewing, now, now.AddHours(1));
            await start.Task;
            // No check first: both insert, and the unique index on the open loan lets one through.
            return await store.TryOpenLoanAsync(loan, CancellationToken.None);
        }

        // One host, started here: the race under test is the database's. Left to the two tasks, WebApplicationFactory
        // (not thread-safe on first use) could start two hosts on one data folder at once.
        _ = _bot.Services;
        var zhangsan = Task.Run(() => BorrowAsync("zhangsan"));
        var lisi = Task.Run(() => BorrowAsync("lisi"));
        start.SetResult();
        var results = await Task.WhenAll(zhangsan, lisi);

        Assert.Single(results, won => won);
        var loans = await _bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<KeyLoan>().AsNoTracking().ToListAsync());
        Assert.Equal(results[0] ? "zhangsan" : "lisi", Assert.Single(loans).BorrowerId);
    }

    [Fact]
    public async Task OpenLoanIndex_RefusesASecondOpenLoanOfOneKey_ButNotAfterTheFirstCloses_第4篇_1_2_2()
    {
        await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            var key = await db.Set<Key>().SingleAsync(k => k.Code == "U-5-1-101");
            var now = _bot.Time.GetUtcNow();
            var first = KeyLoan.Request(key, "zhangsan", LoanPurpose.Repair, now, now.AddHours(1));
            db.Add(first);
            await db.SaveChangesAsync();
            db.Add(KeyLoan.Request(key, "lisi", LoanPurpose.Viewing, now, now.AddHours(1)));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();

            var open = await db.Set<KeyLoan>().SingleAsync();
            open.Decline();
            db.Add(KeyLoan.Request(key, "lisi", LoanPurpose.Viewing, now, now.AddHours(1)));
            await db.SaveChangesAsync();
            Assert.Equal(2, await db.Set<KeyLoan>().CountAsync());
        });
    }

    [Fact]
    public async Task ImportKeys_CreatesAndUpdatesByCode()
    {
        var response = await PostAsync("""
            code,kind,opens,storage_place,custodian_id,status
            U-3-2-601,unit,3-2-601,客服中心钥匙柜 4 号格,zhouba,
            U-3-1-502,单元钥匙,3-1-502,客服中心钥匙柜 12 号格,,
            SE-01,sealed,8-2-1203 封存,档案室保险柜,zhouba,sealed
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 1), (counts.GetProperty("created").GetInt32(), counts.GetProperty("updated").GetInt32()));
        var keys = await GetKeysAsync();
        Assert.Equal("客服中心钥匙柜 12 号格", keys.Single(k => k.Code == "U-3-1-502").StoragePlace);
        Assert.Equal("zhouba", keys.Single(k => k.Code == "U-3-1-502").CustodianId);
        Assert.Equal("Sealed", keys.Single(k => k.Code == "SE-01").Status);
    }

    [Fact]
    public async Task ImportKeys_BadRows_Is400ListingEachAndImportsNothing()
    {
        var response = await PostAsync("""
            code,kind,opens,storage_place,custodian_id
            U-9-9-901,bike,9-9-901,钥匙柜,zhouba
            U-9-9-902,unit,9-9-902,钥匙柜,nobody
            U-9-9-902,unit,9-9-902,钥匙柜,
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("钥匙类型“bike”无效", body);
        Assert.Contains("员工“nobody”不在系统里", body);
        Assert.Contains("已经出现过", body);
        Assert.DoesNotContain(await GetKeysAsync(), k => k.Code.StartsWith("U-9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportKeys_UnitKeyForAUnitNotInTheDirectory_IsRefusedWithItsLine()
    {
        var response = await PostAsync("""
            code,kind,opens,storage_place,custodian_id,status
            NEW-1,unit,3-1-501,客服中心钥匙柜 1 号格,zhouba,
            U-3-1-599,unit,3-1-599,客服中心钥匙柜 3 号格,zhouba,
            A-09,area,3 号楼地下车库,中控室,,
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"line\":3", body);
        Assert.Contains("单元钥匙开的房屋“3-1-599”不在系统里", body);
        Assert.DoesNotContain(await GetKeysAsync(), k => k.Code is "NEW-1" or "A-09");
    }

    [Fact]
    public async Task ImportKeys_WithoutTheAdminKey_Is401()
    {
        var client = _bot.CreateClient();
        var response = await client.PostAsync("/api/admin/keys", new StringContent("code,kind,opens,storage_place\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string csv)
    {
        var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return await client.PostAsync("/api/admin/keys", new StringContent(csv, Encoding.UTF8, "text/csv"));
    }

    private async Task<List<KeysSetup.KeyView>> GetKeysAsync()
    {
        var client = _bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return await client.GetFromJsonAsync<List<KeysSetup.KeyView>>("/api/admin/keys") ?? [];
    }
}

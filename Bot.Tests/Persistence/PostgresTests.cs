using System.Net;
using Bot.Channels.LocalChat;
using Bot.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bot.Tests.Persistence;

/// <summary>The bot on PostgreSQL, alone and as two instances sharing one database (the scale-out setup).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly List<BotFactory> _bots = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await postgres.CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        foreach (var bot in _bots) bot.Dispose();
        return Task.CompletedTask;
    }

    private BotFactory Instance(Action<IServiceCollection>? services = null)
    {
        var bot = new BotFactory(settings: PostgresFixture.Settings(_database), services: services);
        _bots.Add(bot);
        return bot;
    }

    [Fact]
    public async Task Database_OnPostgres_IsMadeByMigrationsThatMatchTheModel()
    {
        var bot = Instance();

        await bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            Assert.IsType<PostgresBotDbContext>(db);
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges());
            // Instants are real timestamps with a time zone, not text or numbers.
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT data_type FROM information_schema.columns WHERE table_name = 'Inbox' AND column_name = 'ReceivedAt'";
            Assert.Equal("timestamp with time zone", await command.ExecuteScalarAsync());
        });
        var health = await bot.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "database");
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    [Fact]
    public Task FailingTurnInABatch_OnPostgres_IsRolledBackToItsSavepointAlone() =>
        Bot.Tests.Conversations.TurnBatchTests.FailingTurnIsRolledBackAloneAsync(Instance(Bot.Tests.Conversations.TurnBatchTests.WithExplodingCommand));

    [Fact]
    public async Task InboxAcceptMany_OnPostgres_TakesOnlyNewMessagesWithTheirInstants()
    {
        await Bot.Tests.Conversations.InboxAcceptManyTests.AssertBatchAsync(Instance());
    }

    [Fact]
    public async Task LocalChat_OnPostgres_AnswersHelp()
    {
        var bot = Instance();

        var replies = await new LocalChatClient(bot, "zhangsan").SayAsync("帮助");

        Assert.StartsWith("张三您好，我是示例花园客服中心的值班助手", replies.Single().Text);
    }

    [Fact]
    public async Task FrontDeskDay_OnPostgres_TicketsAndTakingsAndTheUnitsRecord()
    {
        var bot = Instance();
        var (zhengshi, zhangsan, owner) = (new LocalChatClient(bot, "zhengshi"), new LocalChatClient(bot, "zhangsan"), new LocalChatClient(bot, "chen-3-1-502"));
        async Task<string> SayAsync(LocalChatClient chat, string text)
        {
            await chat.NewBotLinesAsync();
            return string.Join("\n", (await chat.SayAsync(text)).Select(l => l.Text));
        }

        Assert.StartsWith("已售出《流浪地球3》2 张，收款 70 元", await SayAsync(zhengshi, "卖票 2张"));
        await SayAsync(zhangsan, "卖票 1张");
        Assert.StartsWith("已请 郑十 当面点收票款 35 元", await SayAsync(zhangsan, "票款交前台"));
        Assert.StartsWith("已收下 张三 交来的票款 35 元。您手上的票款共 105 元", await SayAsync(zhengshi, "收到票款"));
        Assert.StartsWith("《流浪地球3》账面 17 张，实点 16 张，短少 1 张", await SayAsync(zhengshi, "盘点电影票 16张"));
        Assert.StartsWith("已登记交财务部出纳票款 105 元", await SayAsync(zhengshi, "票款交财务"));

        await SayAsync(owner, "门禁卡刷不开了");
        await SayAsync(zhengshi, "来电 3-1-502 陈先生：询问停车月卡续费");
        var record = await SayAsync(zhengshi, "业户 3-1-502");
        Assert.Contains("：门禁卡刷不开了（", record);
        Assert.Contains("· 钥匙 U-3-1-502：在柜", record);
        Assert.Contains("陈先生：询问停车月卡续费", record);
    }

    [Fact]
    public async Task ToDosAndOverviews_OnPostgres_AskEveryFeatureTheirQueries()
    {
        var bot = Instance();
        var chats = new Dictionary<string, LocalChatClient>();
        async Task<IReadOnlyList<LocalChatEndpoints.ChatLine>> SayAsync(string who, string text)
        {
            var chat = chats.TryGetValue(who, out var c) ? c : chats[who] = new LocalChatClient(bot, who);
            await chat.NewBotLinesAsync();
            return await chat.SayAsync(text);
        }
        async Task<string> TextAsync(string who, string text) => string.Join("\n", (await SayAsync(who, text)).Select(l => l.Text));

        // The clock is the real one here: the loan is due an hour from now, whatever the shift.
        await SayAsync("zhangsan", "借钥匙 3-1-502 查看漏水");
        await SayAsync("zhangsan", "一个小时后");
        await chats["zhangsan"].PressAsync("no");
        await chats["zhangsan"].PressAsync("no");
        await SayAsync("zhouba", "确认交出 1");
        await SayAsync("chen-3-1-502", "门禁卡刷不开了");

        Assert.Contains("U-3-1-502（3-1-502）：张三，已借出", await TextAsync("zhouba", "借出钥匙"));
        Assert.Contains("还钥匙 U-3-1-502", (await SayAsync("zhangsan", "待办")).SelectMany(l => l.Choices).Select(c => c.Value));
        Assert.Contains("「门禁卡刷不开了」", await TextAsync("zhaoliu", "业主留言"));
        Assert.Contains("「门禁卡刷不开了」：已转给客服中心值班人员", await TextAsync("chen-3-1-502", "我的留言"));
        Assert.Contains("考勤：", await TextAsync("zhaoliu", "考勤"));
        // Every feature's to-do queries, for each kind of post.
        foreach (var (who, name) in new[] { ("wangwu", "王五"), ("zhengshi", "郑十"), ("zhouba", "周八"), ("zhaoliu", "赵六"), ("sunqi", "孙七"), ("qianyi", "钱一") })
            Assert.StartsWith(name + "您好，目前", await TextAsync(who, "待办"));
    }

    [Fact]
    public async Task Instant_WithAnOffset_IsStoredAsTheSameUtcInstant()
    {
        var bot = Instance();
        var shanghai = new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8));

        var id = await bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            var line = new LocalChatMessage { ParticipantId = "zhangsan", FromBot = false, Text = "早", At = shanghai };
            db.Add(line);
            await db.SaveChangesAsync();
            return line.Id;
        });
        var read = await bot.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<LocalChatMessage>().SingleAsync(m => m.Id == id));

        Assert.Equal(shanghai, read.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
    }

    [Fact]
    public async Task TwoInstances_StartingTogetherOnAnEmptyDatabase_MigrateAndSeedOnce()
    {
        var a = Instance();
        var b = Instance();

        // Each host runs the migrations and the demo seed while it starts.
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

        await a.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
            Assert.Equal(9, await db.Set<Person>().CountAsync());
            Assert.Equal(5 * 14, await db.Set<RosterAssignment>().CountAsync());
        });
    }

    [Fact]
    public async Task TwoInstances_ManyMessagesDrivenConcurrently_EachGetsOneTurnAndOneReplyInOrder()
    {
        var a = Instance();
        var b = Instance();
        string[] people = ["zhangsan", "lisi", "wangwu", "zhaoliu", "sunqi", "qianyi"];
        // State carries from one message to the next: out of order or concurrent turns would answer differently.
        string[] script = ["帮助", "语言", "English", "帮助"];

        // Every person talks through both instances in turn (a reverse proxy spreads requests); all people at once.
        await Task.WhenAll(people.Select(async (person, p) =>
        {
            var through = new[] { new LocalChatClient(a, person), new LocalChatClient(b, person) };
            for (var i = 0; i < script.Length; i++)
                Assert.Equal(HttpStatusCode.Accepted, (await through[(p + i) % 2].PostAsync(script[i])).StatusCode);
        }));

        // Both instances run turns and send replies at the same time, each until it finds nothing left for it.
        await Task.WhenAll(Task.Run(a.RunTurnsAsync), Task.Run(b.RunTurnsAsync));

        Assert.Equal(0, await a.Services.GetRequiredService<InboxWorker>().ProcessPendingAsync(CancellationToken.None));
        Assert.Equal(0, await b.DispatchAsync());
        await a.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            var inbox = await db.Set<InboxMessage>().ToListAsync();
            Assert.Equal(people.Length * script.Length, inbox.Count);
            Assert.All(inbox, m => Assert.Equal((InboxStatus.Done, 0), (m.Status, m.Attempts)));
            var outbox = await db.Set<OutboxMessage>().ToListAsync();
            Assert.Equal(people.Length * script.Length, outbox.Count);
            Assert.All(outbox, m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));

            var lines = await db.Set<LocalChatMessage>().Where(m => m.FromBot).OrderBy(m => m.Id).ToListAsync();
            foreach (var person in people)
            {
                var replies = lines.Where(l => l.ParticipantId == person).Select(l => l.Text).ToList();
                Assert.Equal(script.Length, replies.Count);
                Assert.Contains("您好，我是示例花园客服中心的值班助手", replies[0]);
                Assert.Contains("English", WireJson.Read<List<Bot.Domain.Conversations.Choice>>(
                    lines.Where(l => l.ParticipantId == person).ElementAt(1).Choices)!.Select(c => c.Label));
                Assert.Equal("OK, I will speak English with you from now on.", replies[2]);
                Assert.StartsWith("Hello ", replies[3]);
            }
        });
    }

    [Fact]
    public async Task TwoInstances_RedeliveryOnTheOtherInstance_HasNoSecondEffect()
    {
        var a = Instance();
        var b = Instance();

        Assert.Equal(HttpStatusCode.Accepted, (await new LocalChatClient(a, "zhangsan").PostAsync("帮助", clientMessageId: "m-1")).StatusCode);
        await a.RunTurnsAsync();
        Assert.Equal(HttpStatusCode.OK, (await new LocalChatClient(b, "zhangsan").PostAsync("帮助", clientMessageId: "m-1")).StatusCode);
        await Task.WhenAll(Task.Run(a.RunTurnsAsync), Task.Run(b.RunTurnsAsync));

        await b.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            Assert.Equal(1, await db.Set<InboxMessage>().CountAsync());
            Assert.Equal(1, await db.Set<LocalChatMessage>().CountAsync(m => m.FromBot));
        });
    }

    [Fact]
    public async Task Inbox_DuplicateCommittedWhileInserting_IsRecognisedByTheUniqueIndex()
    {
        var a = Instance();
        var b = Instance();
        _ = b.Services; // started (and migrated) before the race is set up

        // Instance A's insert of the same delivery is in flight: written but not committed, so B's look-up misses it
        // and B's insert waits on the unique index. When A commits, B's insert fails with 23505.
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Add(new InboxMessage
        {
            Channel = LocalChatChannel.Name,
            ChannelMessageId = "zhangsan/m-1",
            ConversationId = "zhangsan",
            Payload = "{}",
            ReceivedAt = a.Time.GetUtcNow(),
        });
        await db.SaveChangesAsync();

        var redelivery = new LocalChatClient(b, "zhangsan").PostAsync("帮助", clientMessageId: "m-1");
        await WaitUntilAnInsertWaitsOnALockAsync();
        await transaction.CommitAsync();

        Assert.Equal(HttpStatusCode.OK, (await redelivery).StatusCode);
        Assert.Equal(1, await b.InScopeAsync(sp => sp.GetRequiredService<BotDbContext>().Set<InboxMessage>().CountAsync()));
    }

    private async Task WaitUntilAnInsertWaitsOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
            await Task.Delay(10, timeout.Token); // polling the server's state, not waiting for time to pass
    }
}

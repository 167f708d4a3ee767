using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Scheduling;

/// <summary>The clustered store on PostgreSQL keeps its jobs across builds, as SQLite's does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchedulingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task StoredByTheBuildWithOneClassPerJob_RunsAfterUpgrade_AndKeepsItsMissedFire()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchedulingTests.UpgradeFromOneClassPerJobAsync(
            () => new BotFactory(backgroundWorkers: true, settings: SchedulingTests.DailyInTheSmallHours(PostgresFixture.Settings(database))),
            async sql =>
            {
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                return await command.ExecuteNonQueryAsync();
            },
            "qrtz_job_details", "qrtz_triggers");
    }
}

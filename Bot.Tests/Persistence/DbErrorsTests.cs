using Bot.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Persistence;

/// <summary>SQLite here; PostgreSQL's 23505 is covered by PostgresTests (a duplicate that commits while inserting).</summary>
public sealed class DbErrorsTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task IsUniqueViolation_DuplicateInboxDelivery_IsTrue()
    {
        var error = await SaveFailsAsync(Row("m-1"), Row("m-1"));

        Assert.True(DbErrors.IsUniqueViolation(error));
    }

    [Fact]
    public async Task IsUniqueViolation_OtherConstraint_IsFalse()
    {
        // Belongs to neither a person nor an owner: the check constraint refuses it, which is no duplicate.
        var error = await SaveFailsAsync(new ChannelIdentity { Channel = "teams", ChannelUserId = "29:nobody" });

        Assert.False(DbErrors.IsUniqueViolation(error));
    }

    private static InboxMessage Row(string id) => new()
    {
        Channel = "localchat",
        ChannelMessageId = id,
        ConversationId = "zhangsan",
        Payload = "{}",
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    private Task<DbUpdateException> SaveFailsAsync(params object[] rows) =>
        _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            db.AddRange(rows);
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
}

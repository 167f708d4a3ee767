using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bot.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the bot.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBotDbContext>
{
    public SqliteBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

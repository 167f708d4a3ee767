using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bot.Persistence;

/// <summary>
/// Hand-written statements for the hot paths EF Core cannot express in one round trip (a multi-row insert that says
/// which rows were new, an update that says which rows it won). Table and column names and stored values come from the
/// EF model, so a statement follows the model and each provider's conversions (instants as Unix milliseconds on SQLite,
/// enums as text); only syntax both SQLite (3.35+) and PostgreSQL speak is used.
/// </summary>
internal sealed class ModelSql<TEntity>(BotDbContext db)
{
    private readonly IEntityType _entity = db.Model.FindEntityType(typeof(TEntity))
                                           ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");

    public string Table => Quote(_entity.GetTableName()!);

    public string Column(string property) => Quote(Property(property).GetColumnName());

    /// <summary>The value as the provider stores it (after the property's value converter, if any).</summary>
    public object? Stored(string property, object? value) =>
        Property(property).GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

    private IProperty Property(string name) =>
        _entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{name} is not in the model.");

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Adds a parameter and writes its placeholder.</summary>
    public static StringBuilder Add(DbCommand command, StringBuilder sql, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return sql.Append('@').Append(name);
    }

    /// <summary>
    /// Runs <paramref name="command"/> on the context's connection (and its transaction, if one is open), opening and
    /// closing the connection around it.
    /// </summary>
    public async Task<List<T>> ReadAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.CurrentTransaction?.GetDbTransaction() is { } transaction) command.Transaction = transaction;
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public DbCommand CreateCommand() => db.Database.GetDbConnection().CreateCommand();
}

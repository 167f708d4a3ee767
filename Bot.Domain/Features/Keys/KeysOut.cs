namespace Bot.Domain.Features.Keys;

/// <summary>A key that is not in its cabinet: who holds it, since when and when it is due back.</summary>
public sealed record KeyOut(string Code, string Opens, string HolderId, string HolderName, DateTimeOffset Since, DateTimeOffset? DueBack);

/// <summary>
/// The keys still out, for the handover record (第1篇 1.5: keys are handed over with the shift) and anyone else who
/// must list them. The keys feature answers it.
/// </summary>
public interface IKeysOut
{
    /// <summary>Keys out on a loan held by the person (borrowed by them, or transferred to them).</summary>
    Task<IReadOnlyList<KeyOut>> HeldByAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Every key out now.</summary>
    Task<IReadOnlyList<KeyOut>> AllOutAsync(CancellationToken cancellationToken);
}

/// <summary>The keys a person holds, for whoever retires them.</summary>
public sealed class KeyHoldings(IKeysOut keys, Conversations.DepartmentProfile department) : Directory.IHoldings
{
    public async Task<IReadOnlyList<string>> OfAsync(string personId, string language, CancellationToken cancellationToken) =>
        [.. (await keys.HeldByAsync(personId, cancellationToken)).Select(k => KeysTexts.Catalog.Get("HoldingKey", language, k.Code, k.Opens,
            department.ToLocal(k.Since).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)))];
}

/// <summary>The unit's key: in its place, or out with whom since when — for the unit's record (业户).</summary>
public sealed class KeyUnitFacts(IKeyStore store, IKeysOut keys, Conversations.DepartmentProfile department) : Directory.IUnitFacts
{
    public int Order => 30;

    public async Task<IReadOnlyList<string>> AboutAsync(Directory.UnitAsked unit, CancellationToken cancellationToken)
    {
        var mine = (await store.AllKeysAsync(cancellationToken)).Where(k => k.Opens == unit.Code).ToList();
        if (mine.Count == 0) return [];
        var out_ = (await keys.AllOutAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        return [.. mine.Select(k => out_.TryGetValue(k.Code, out var held)
            ? KeysTexts.Catalog.Get("UnitFactOut", unit.Language, k.Code, held.HolderName,
                department.ToLocal(held.Since).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            : KeysTexts.Catalog.Get("UnitFactIn", unit.Language, k.Code, k.StoragePlace))];
    }
}

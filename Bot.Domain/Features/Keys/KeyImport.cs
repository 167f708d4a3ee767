using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Keys;

/// <summary>A validated key register row. A null optional value was not given: a new key gets the default, an existing one keeps its value.</summary>
public sealed record KeyRow(int Line, string Code, KeyKind Kind, string Opens, string StoragePlace, string? CustodianId, KeyStatus? Status);

/// <summary>
/// Validates the key register file (docs/keys-csv.md): code, kind, opens, storage_place, optional custodian_id and status.
/// All-or-nothing like the directory files: every row is checked and every error listed.
/// </summary>
public static class KeyImport
{
    // Column lengths follow the database mapping (Bot/Features/Keys/KeysModel.cs).
    public const int MaxCodeLength = 32;
    public const int MaxTextLength = 64;

    public static readonly string[] Columns = ["code", "kind", "opens", "storage_place", "custodian_id", "status"];

    private static readonly (string Code, string Chinese, KeyKind Kind)[] Kinds =
    [
        ("area", "管理区域钥匙", KeyKind.Area), ("unit", "单元钥匙", KeyKind.Unit), ("sealed", "封存钥匙", KeyKind.Sealed),
        ("front_desk", "前台钥匙", KeyKind.FrontDesk), ("show_flat", "样板房钥匙", KeyKind.ShowFlat),
    ];

    private static readonly (string Code, string Chinese, KeyStatus Status)[] Statuses =
    [
        ("in", "在柜", KeyStatus.In), ("lost", "丢失", KeyStatus.Lost), ("damaged", "损坏", KeyStatus.Damaged), ("sealed", "封存", KeyStatus.Sealed),
    ];

    /// <param name="people">Every person's id, for the custodian column.</param>
    /// <param name="units">Every unit code in the directory: a unit key written with a unit code must open a unit that exists.</param>
    public static ImportPlan<KeyRow> Keys(string csv, IReadOnlySet<string> people, IReadOnlySet<string>? units = null)
    {
        var errors = new List<ImportError>();
        var rows = new List<KeyRow>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvTable.Open(csv, Columns, ["code", "kind", "opens", "storage_place"], errors))
        {
            var before = errors.Count;
            var code = Text(row, "code", MaxCodeLength, errors);
            var opens = Text(row, "opens", MaxTextLength, errors);
            var place = Text(row, "storage_place", MaxTextLength, errors);
            var kindText = row.Required("kind", errors);
            var kind = Kinds.FirstOrDefault(k => string.Equals(k.Code, kindText, StringComparison.OrdinalIgnoreCase) || k.Chinese == kindText);
            if (kindText is not null && kind.Code is null)
                errors.Add(ImportError.Of(row.Line, "kind", "ImportKeyKindInvalid", kindText, string.Join(", ", Kinds.Select(k => $"{k.Code} ({k.Chinese})"))));
            KeyStatus? status = null;
            if (row.Get("status") is { } statusText)
            {
                var match = Statuses.FirstOrDefault(s => string.Equals(s.Code, statusText, StringComparison.OrdinalIgnoreCase) || s.Chinese == statusText);
                if (match.Code is null)
                    errors.Add(ImportError.Of(row.Line, "status", "ImportKeyStatusInvalid", statusText, string.Join(", ", Statuses.Select(s => $"{s.Code} ({s.Chinese})"))));
                else status = match.Status;
            }
            // A mistyped room (12-9-999 for 12-1-109) would put a key in the register that nobody ever asks for by its unit.
            if (kind.Kind == KeyKind.Unit && units is not null && opens is not null && Unit.TryParse(opens, out _) && !units.Contains(opens))
                errors.Add(ImportError.Of(row.Line, "opens", "ImportKeyUnitUnknown", opens));
            var custodian = row.Get("custodian_id");
            if (custodian is not null && !people.Contains(custodian))
                errors.Add(ImportError.Of(row.Line, "custodian_id", "ImportPersonNotFound", custodian));
            if (code is not null)
            {
                if (seen.TryGetValue(code, out var first)) errors.Add(ImportError.Of(row.Line, "code", "ImportDuplicate", code, first));
                else seen[code] = row.Line;
            }
            if (errors.Count == before)
                rows.Add(new KeyRow(row.Line, code!, kind.Kind, opens!, place!, custodian, status));
        }
        return new ImportPlan<KeyRow>(errors.Count == 0 ? rows : [], errors);
    }

    private static string? Text(CsvTable.Row row, string column, int maxLength, List<ImportError> errors)
    {
        var value = row.Required(column, errors);
        if (value is null || value.Length <= maxLength) return value;
        errors.Add(ImportError.Of(row.Line, column, "ImportTooLong", column, maxLength));
        return null;
    }
}

using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Archives;

/// <summary>A validated catalogue row. A null <c>Secret</c> was not given: a new file is not secret, an existing one keeps its mark.</summary>
public sealed record ArchiveRow(int Line, string Code, ArchiveKind Kind, string Title, string Place, bool? Secret);

/// <summary>
/// Validates the archive catalogue file (docs/archives-csv.md): code, kind, title, place, optional secret. All-or-nothing
/// like the directory files: every row is checked and every error listed.
/// </summary>
public static class ArchiveImport
{
    public static readonly string[] Columns = ["code", "kind", "title", "place", "secret"];

    public static readonly (string Code, string Chinese, ArchiveKind Kind)[] Kinds =
    [
        ("owner", "业户档案", ArchiveKind.Owner), ("document", "文书档案", ArchiveKind.Document), ("technical", "技术资料", ArchiveKind.Technical),
        ("record", "管理记录", ArchiveKind.Record), ("staff", "员工个人档案", ArchiveKind.Staff), ("other", "其他", ArchiveKind.Other),
    ];

    public static string KindName(ArchiveKind kind, bool english) =>
        Kinds.First(k => k.Kind == kind) is var (code, chinese, _) && english ? code : chinese;

    public static ImportPlan<ArchiveRow> Archives(string csv)
    {
        var errors = new List<ImportError>();
        var rows = new List<ArchiveRow>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvTable.Open(csv, Columns, ["code", "kind", "title", "place"], errors))
        {
            var before = errors.Count;
            var code = Text(row, "code", Archive.MaxCodeLength, errors);
            var title = Text(row, "title", Archive.MaxTitleLength, errors);
            var place = Text(row, "place", Archive.MaxPlaceLength, errors);
            var kindText = row.Required("kind", errors);
            var kind = Kinds.FirstOrDefault(k => string.Equals(k.Code, kindText, StringComparison.OrdinalIgnoreCase) || k.Chinese == kindText);
            if (kindText is not null && kind.Code is null)
                errors.Add(ImportError.In(ArchiveTexts.Catalog, row.Line, "kind", "ImportKindInvalid", kindText, string.Join(", ", Kinds.Select(k => $"{k.Code} ({k.Chinese})"))));
            bool? secret = row.Get("secret")?.ToLowerInvariant() switch
            {
                null => null,
                "true" or "1" or "yes" or "是" or "秘密" => true,
                "false" or "0" or "no" or "否" => false,
                var other => Invalid(other),
            };
            if (code is not null)
            {
                // A code is what people type after 借档案: no spaces inside it.
                if (code.Any(char.IsWhiteSpace)) errors.Add(ImportError.In(ArchiveTexts.Catalog, row.Line, "code", "ImportCodeSpaces", code));
                else if (seen.TryGetValue(code, out var first)) errors.Add(ImportError.Of(row.Line, "code", "ImportDuplicate", code, first));
                else seen[code] = row.Line;
            }
            if (errors.Count == before) rows.Add(new ArchiveRow(row.Line, code!, kind.Kind, title!, place!, secret));

            bool? Invalid(string value)
            {
                errors.Add(ImportError.Of(row.Line, "secret", "ImportBooleanInvalid", "secret", value));
                return null;
            }
        }
        return new ImportPlan<ArchiveRow>(errors.Count == 0 ? rows : [], errors);
    }

    private static string? Text(CsvTable.Row row, string column, int maxLength, List<ImportError> errors)
    {
        var value = row.Required(column, errors);
        if (value is null || value.Length <= maxLength) return value;
        errors.Add(ImportError.Of(row.Line, column, "ImportTooLong", column, maxLength));
        return null;
    }
}

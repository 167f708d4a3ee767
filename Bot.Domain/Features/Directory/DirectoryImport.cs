using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>
/// One problem with an import file. <see cref="Key"/> names a text in <see cref="DirectoryTexts"/>, so the
/// message is given in the caller's language; <see cref="Column"/> is null when the whole line is wrong.
/// </summary>
public sealed record ImportError(int Line, string? Column, string Key, IReadOnlyList<object> Args, TextCatalog? Catalog = null)
{
    public static ImportError Of(int line, string? column, string key, params object[] args) => new(line, column, key, args);

    /// <summary>An error whose text lives in another feature's catalog (the roster import's, say).</summary>
    public static ImportError In(TextCatalog catalog, int line, string? column, string key, params object[] args) => new(line, column, key, args, catalog);

    public string Message(string language) => (Catalog ?? DirectoryTexts.Catalog).Get(Key, language, [.. Args]);
}

/// <summary>The rows of a file that passed validation, or every error found. Rows are only used when there are no errors.</summary>
public sealed record ImportPlan<T>(IReadOnlyList<T> Rows, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A validated units row.</summary>
public sealed record UnitRow(int Line, Unit Unit);

/// <summary>A validated people row. A null optional value was not given: a new person gets the default, an existing one keeps its value.</summary>
public sealed record PersonRow(int Line, string Id, string Name, Roles Roles, string? ReportsToId, string? Language, string? Phone, bool? Active);

/// <summary>A validated owners row; see <see cref="PersonRow"/> for what null means.</summary>
public sealed record OwnerRow(int Line, string Id, string Name, string FormOfAddress, IReadOnlyList<string> UnitCodes, string? Phone, string? Language, bool? DoNotDisturb);

/// <summary>A validated identities row: exactly one of <see cref="PersonId"/> and <see cref="OwnerId"/> is set.</summary>
public sealed record IdentityRow(int Line, string Channel, string ChannelUserId, string? PersonId, string? OwnerId);

/// <summary>
/// Validates the four directory import files (docs/directory-csv.md). Every row is checked and every error collected,
/// because the import is all-or-nothing: a person fixing a file wants the whole list at once, not one error per upload.
/// What the database already holds comes in as plain sets, so this stays free of any storage.
/// </summary>
public static class DirectoryImport
{
    // Column lengths follow the database mapping (Bot/Features/Directory/DirectoryModel.cs).
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 100;
    public const int MaxFormOfAddressLength = 50;
    public const int MaxPhoneLength = 32;
    public const int MaxChannelLength = 32;
    public const int MaxChannelUserIdLength = 128;

    public static readonly string[] UnitColumns = ["code", "building", "entrance", "room"];
    public static readonly string[] PeopleColumns = ["id", "name", "roles", "reports_to", "language", "phone", "active"];
    public static readonly string[] OwnerColumns = ["id", "name", "form_of_address", "units", "phone", "language", "do_not_disturb"];
    public static readonly string[] IdentityColumns = ["channel", "channel_user_id", "person_id", "owner_id"];

    private static readonly char[] ListSeparators = [';', '；'];

    public static ImportPlan<UnitRow> Units(string csv)
    {
        var errors = new List<ImportError>();
        var rows = new List<UnitRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Open(csv, UnitColumns, ["code"], errors))
        {
            var code = row.Required("code", errors);
            if (code is null) continue;
            if (!Unit.TryParse(code, out var parts))
            {
                errors.Add(ImportError.Of(row.Line, "code", "ImportUnitCodeInvalid", code));
                continue;
            }
            var ok = Agrees(row, "building", parts.Building, errors)
                & Agrees(row, "entrance", parts.Entrance, errors)
                & Agrees(row, "room", parts.Room, errors)
                & FirstTime(seen, code, row.Line, "code", errors);
            if (ok) rows.Add(new UnitRow(row.Line, Unit.FromCode(code)));
        }
        return Plan(rows, errors);
    }

    /// <param name="existingPeople">Every person in the database, with whom they report to (for the cycle check).</param>
    public static ImportPlan<PersonRow> People(string csv, IReadOnlyDictionary<string, string?> existingPeople)
    {
        var errors = new List<ImportError>();
        var rows = new List<PersonRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = CsvTable.Open(csv, PeopleColumns, ["id", "name", "roles"], errors);
        var fileIds = table.Select(r => r.Get("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);

        foreach (var row in table)
        {
            var before = errors.Count;
            var id = Id(row, "id", errors);
            var name = PersonName.Clean(Text(row, "name", MaxNameLength, required: true, errors));
            var roles = Roles.None;
            if (row.Required("roles", errors) is { } rolesText)
            {
                roles = RoleNames.Parse(rolesText, out var unknown);
                foreach (var bad in unknown) errors.Add(ImportError.Of(row.Line, "roles", "ImportRoleUnknown", bad, RoleNames.Known()));
                if (unknown.Count == 0 && roles == Roles.None) errors.Add(ImportError.Of(row.Line, "roles", "ImportValueRequired", "roles"));
            }
            var reportsTo = row.Get("reports_to");
            if (reportsTo is not null)
            {
                if (reportsTo == id) errors.Add(ImportError.Of(row.Line, "reports_to", "ImportReportsToSelf"));
                else if (!existingPeople.ContainsKey(reportsTo) && !fileIds.Contains(reportsTo))
                    errors.Add(ImportError.Of(row.Line, "reports_to", "ImportReportsToUnknown", reportsTo));
            }
            var language = Language(row, errors);
            var phone = Phone(row, errors);
            var active = Boolean(row, "active", errors);
            if (id is not null && !FirstTime(seen, id, row.Line, "id", errors)) continue;
            if (errors.Count == before) rows.Add(new PersonRow(row.Line, id!, name!, roles, reportsTo, language, phone, active));
        }

        // The chain as it will be after the import: the file's rows over what is stored; a blank reports_to keeps the stored one.
        var chain = new Dictionary<string, string?>(existingPeople, StringComparer.Ordinal);
        foreach (var person in rows) chain[person.Id] = person.ReportsToId ?? existingPeople.GetValueOrDefault(person.Id);
        foreach (var person in rows)
        {
            if (Cycle(person.Id, chain) is { } cycle)
                errors.Add(ImportError.Of(person.Line, "reports_to", "ImportReportsToCycle", string.Join(" → ", cycle)));
        }
        return Plan(rows, errors);
    }

    /// <param name="existingUnits">Unit codes in the database: owners refer only to stored units, so units are imported first.</param>
    public static ImportPlan<OwnerRow> Owners(string csv, IReadOnlySet<string> existingUnits)
    {
        var errors = new List<ImportError>();
        var rows = new List<OwnerRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Open(csv, OwnerColumns, ["id", "name", "form_of_address", "units"], errors))
        {
            var before = errors.Count;
            var id = Id(row, "id", errors);
            var name = PersonName.Clean(Text(row, "name", MaxNameLength, required: true, errors));
            var address = PersonName.Clean(Text(row, "form_of_address", MaxFormOfAddressLength, required: true, errors));
            var units = new List<string>();
            if (row.Required("units", errors) is { } unitsText)
            {
                foreach (var code in unitsText.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
                {
                    if (!Unit.TryParse(code, out _)) errors.Add(ImportError.Of(row.Line, "units", "ImportUnitCodeInvalid", code));
                    else if (!existingUnits.Contains(code)) errors.Add(ImportError.Of(row.Line, "units", "ImportUnitNotFound", code));
                    else units.Add(code);
                }
                if (units.Count == 0 && errors.Count == before) errors.Add(ImportError.Of(row.Line, "units", "ImportValueRequired", "units"));
            }
            var phone = Phone(row, errors);
            var language = Language(row, errors);
            var doNotDisturb = Boolean(row, "do_not_disturb", errors);
            if (id is not null && !FirstTime(seen, id, row.Line, "id", errors)) continue;
            if (errors.Count == before) rows.Add(new OwnerRow(row.Line, id!, name!, address!, units, phone, language, doNotDisturb));
        }
        return Plan(rows, errors);
    }

    /// <param name="existingPeople">Person ids in the database.</param>
    /// <param name="existingOwners">Owner ids in the database.</param>
    public static ImportPlan<IdentityRow> Identities(string csv, IReadOnlySet<string> existingPeople, IReadOnlySet<string> existingOwners)
    {
        var errors = new List<ImportError>();
        var rows = new List<IdentityRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Open(csv, IdentityColumns, ["channel", "channel_user_id"], errors))
        {
            var before = errors.Count;
            var channel = Id(row, "channel", errors, MaxChannelLength);
            var userId = Text(row, "channel_user_id", MaxChannelUserIdLength, required: true, errors);
            var personId = row.Get("person_id");
            var ownerId = row.Get("owner_id");
            if ((personId is null) == (ownerId is null))
                errors.Add(ImportError.Of(row.Line, null, "ImportIdentityNeedsOne"));
            else if (personId is not null && !existingPeople.Contains(personId))
                errors.Add(ImportError.Of(row.Line, "person_id", "ImportPersonNotFound", personId));
            else if (ownerId is not null && !existingOwners.Contains(ownerId))
                errors.Add(ImportError.Of(row.Line, "owner_id", "ImportOwnerNotFound", ownerId));
            if (channel is not null && userId is not null && !FirstTime(seen, channel + "/" + userId, row.Line, "channel_user_id", errors)) continue;
            if (errors.Count == before) rows.Add(new IdentityRow(row.Line, channel!, userId!, personId, ownerId));
        }
        return Plan(rows, errors);
    }

    private static ImportPlan<T> Plan<T>(List<T> rows, List<ImportError> errors) =>
        new(rows, [.. errors.OrderBy(e => e.Line)]);

    /// <summary>The chain from <paramref name="id"/> when it comes back to <paramref name="id"/>, else null.</summary>
    private static List<string>? Cycle(string id, Dictionary<string, string?> chain)
    {
        var path = new List<string> { id };
        var current = chain.GetValueOrDefault(id);
        // A cycle elsewhere on the way up (not through this person) is reported on its own rows; stop at it.
        while (current is not null && path.Count <= chain.Count)
        {
            path.Add(current);
            if (current == id) return path;
            if (path.IndexOf(current) < path.Count - 1) return null;
            current = chain.GetValueOrDefault(current);
        }
        return null;
    }

    private static bool FirstTime(Dictionary<string, int> seen, string key, int line, string column, List<ImportError> errors)
    {
        if (seen.TryGetValue(key, out var first))
        {
            errors.Add(ImportError.Of(line, column, "ImportDuplicate", key, first));
            return false;
        }
        seen[key] = line;
        return true;
    }

    private static bool Agrees(CsvTable.Row row, string column, string fromCode, List<ImportError> errors)
    {
        if (row.Get(column) is not { } given || given == fromCode) return true;
        errors.Add(ImportError.Of(row.Line, column, "ImportUnitPartMismatch", column, given, fromCode));
        return false;
    }

    /// <summary>Ids are lower-case ASCII letters, digits and . _ - (they appear in chat ids and file names).</summary>
    private static string? Id(CsvTable.Row row, string column, List<ImportError> errors, int maxLength = MaxIdLength)
    {
        if (row.Required(column, errors) is not { } id) return null;
        if (id.Length <= maxLength && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-')) return id;
        errors.Add(ImportError.Of(row.Line, column, "ImportIdInvalid", column, maxLength));
        return null;
    }

    private static string? Text(CsvTable.Row row, string column, int maxLength, bool required, List<ImportError> errors)
    {
        var value = required ? row.Required(column, errors) : row.Get(column);
        if (value is null || value.Length <= maxLength) return value;
        errors.Add(ImportError.Of(row.Line, column, "ImportTooLong", column, maxLength));
        return null;
    }

    private static string? Language(CsvTable.Row row, List<ImportError> errors)
    {
        if (row.Get("language") is not { } language) return null;
        if (string.Equals(language, TextCatalog.Chinese, StringComparison.OrdinalIgnoreCase)) return TextCatalog.Chinese;
        if (string.Equals(language, TextCatalog.English, StringComparison.OrdinalIgnoreCase)) return TextCatalog.English;
        errors.Add(ImportError.Of(row.Line, "language", "ImportLanguageInvalid", language));
        return null;
    }

    /// <summary>Digits with + - space ( ). The number itself never goes into a message: owners' numbers are confidential (第11篇 3).</summary>
    private static string? Phone(CsvTable.Row row, List<ImportError> errors)
    {
        if (row.Get("phone") is not { } phone) return null;
        if (phone.Length <= MaxPhoneLength && phone.Any(char.IsAsciiDigit) && phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')'))
            return phone;
        errors.Add(ImportError.Of(row.Line, "phone", "ImportPhoneInvalid", MaxPhoneLength));
        return null;
    }

    private static bool? Boolean(CsvTable.Row row, string column, List<ImportError> errors)
    {
        switch (row.Get(column)?.ToLowerInvariant())
        {
            case null: return null;
            case "true" or "1" or "yes" or "是": return true;
            case "false" or "0" or "no" or "否": return false;
            default:
                errors.Add(ImportError.Of(row.Line, column, "ImportBooleanInvalid", column, row.Get(column)!));
                return null;
        }
    }
}

/// <summary>
/// A name as the bot stores and matches it. Spreadsheets pad two-character Chinese names to line them up ("李　雷",
/// "李 雷"); nobody types that in chat ("李雷在哪"), so spaces between Chinese characters are dropped, the ideographic
/// space is read as a space and runs of spaces become one ("Wang  Mary" → "Wang Mary").
/// </summary>
public static class PersonName
{
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    public static string? Clean(string? name)
    {
        if (name is null) return null;
        var words = name.Replace('\u3000', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var cleaned = new System.Text.StringBuilder(name.Length);
        foreach (var word in words)
        {
            if (cleaned.Length > 0 && !(IsHan(cleaned[^1]) && IsHan(word[0]))) cleaned.Append(' ');
            cleaned.Append(word);
        }
        return cleaned.ToString();
    }

    // CJK Unified Ideographs and Extension A, and the middle dot of transliterated names (阿卜杜·热合曼).
    private static bool IsHan(char ch) => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '·';
}

/// <summary>A CSV file with a header row: names matched case-insensitively after trimming; values trimmed, blank = not given.</summary>
internal sealed class CsvTable : List<CsvTable.Row>
{
    public sealed class Row(int line, Dictionary<string, int> columns, IReadOnlyList<string> fields)
    {
        public int Line { get; } = line;

        /// <summary>The trimmed value, or null when the column is absent or the cell blank.</summary>
        public string? Get(string column) =>
            columns.TryGetValue(column, out var index) && fields[index].Trim() is { Length: > 0 } value ? value : null;

        public string? Required(string column, List<ImportError> errors)
        {
            var value = Get(column);
            if (value is null) errors.Add(ImportError.Of(Line, column, "ImportValueRequired", column));
            return value;
        }
    }

    /// <summary>Reads the file; header and syntax problems go to <paramref name="errors"/>. A bad header yields no rows.</summary>
    public static CsvTable Open(string csv, string[] allowed, string[] required, List<ImportError> errors)
    {
        var table = new CsvTable();
        var read = CsvReader.Read(csv);
        errors.AddRange(read.Errors.Select(e => ImportError.Of(e.Line, null, e.Key)));
        if (read.Records.Count == 0)
        {
            if (read.Errors.Count == 0) errors.Add(ImportError.Of(1, null, "CsvNoHeader"));
            return table;
        }

        var header = read.Records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerOk = true;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (!allowed.Contains(name))
            {
                errors.Add(ImportError.Of(header.Line, header.Fields[i].Trim(), "CsvUnknownColumn", header.Fields[i].Trim(), string.Join(", ", allowed)));
                headerOk = false;
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(ImportError.Of(header.Line, name, "CsvDuplicateColumn", name));
                headerOk = false;
            }
        }
        foreach (var name in required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(ImportError.Of(header.Line, name, "CsvMissingColumn", name));
            headerOk = false;
        }
        // With a wrong header every row would be misread: report the header alone.
        if (!headerOk) return table;

        foreach (var record in read.Records.Skip(1))
        {
            // Excel saves rows it once formatted as ",,,,": they look blank in the sheet, so they are skipped as blank lines are.
            if (record.Fields.All(string.IsNullOrWhiteSpace)) continue;
            if (record.Fields.Count != header.Fields.Count)
                errors.Add(record.Fields.Count < header.Fields.Count && record.Fields.Any(f => f.Contains('，'))
                    // A Chinese input method types the full-width comma: the row then reads as one long field.
                    ? ImportError.Of(record.Line, null, "CsvFullWidthComma", header.Fields.Count)
                    : ImportError.Of(record.Line, null, "CsvFieldCount", record.Fields.Count, header.Fields.Count));
            else
                table.Add(new Row(record.Line, columns, record.Fields));
        }
        if (table.Count == 0 && read.Errors.Count == 0 && errors.Count == 0) errors.Add(ImportError.Of(header.Line, null, "CsvNoRows"));
        return table;
    }
}

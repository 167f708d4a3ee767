using System.Text;

namespace Bot.Domain.Features.Directory;

/// <summary>One CSV record and the physical line (1-based) it starts on, so errors point where a person looks.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A syntax error in the CSV text itself; <see cref="Key"/> names a text in <see cref="DirectoryTexts"/>.</summary>
public sealed record CsvSyntaxError(int Line, string Key);

public sealed record CsvReadResult(IReadOnlyList<CsvRecord> Records, IReadOnlyList<CsvSyntaxError> Errors);

/// <summary>
/// An RFC 4180 reader: fields separated by commas, records by CRLF or LF (a lone CR is taken as a line end too);
/// a field in double quotes may hold commas, line breaks and doubled quotes. A leading UTF-8 BOM is skipped.
/// Blank lines are skipped (spreadsheets leave them at the end); inside quotes nothing is skipped.
/// </summary>
public static class CsvReader
{
    public static CsvReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<CsvRecord>();
        var errors = new List<CsvSyntaxError>();
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;

        while (i < text.Length)
        {
            var start = line;
            if (IsLineEnd(text, i, out var blankLength))
            {
                i += blankLength;
                line++;
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var bad = false;
            while (true)
            {
                if (i < text.Length && text[i] == '"')
                {
                    var quoteLine = line;
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (IsLineEnd(text, i, out var length))
                        {
                            // Line breaks inside a field are kept as LF whatever the file used.
                            field.Append('\n');
                            i += length;
                            line++;
                            continue;
                        }
                        field.Append(text[i++]);
                    }
                    if (!closed)
                    {
                        // Everything after an unterminated quote belongs to that field: nothing more can be read.
                        errors.Add(new CsvSyntaxError(quoteLine, "CsvUnterminatedQuote"));
                        return new CsvReadResult(records, errors);
                    }
                    if (i < text.Length && text[i] != ',' && !IsLineEnd(text, i, out _))
                    {
                        bad = true;
                        // Skip the rest of the field so the next fields still line up.
                        while (i < text.Length && text[i] != ',' && !IsLineEnd(text, i, out _)) i++;
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != ',' && !IsLineEnd(text, i, out _))
                    {
                        if (text[i] == '"') bad = true;
                        field.Append(text[i++]);
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }
                if (i < text.Length && IsLineEnd(text, i, out var endLength))
                {
                    i += endLength;
                    line++;
                }
                break;
            }

            if (bad) errors.Add(new CsvSyntaxError(start, "CsvStrayQuote"));
            else records.Add(new CsvRecord(start, fields));
        }
        return new CsvReadResult(records, errors);
    }

    private static bool IsLineEnd(string text, int i, out int length)
    {
        length = 0;
        if (text[i] == '\n') length = 1;
        else if (text[i] == '\r') length = i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
        return length > 0;
    }
}

/// <summary>RFC 4180 output in the dialect <see cref="CsvReader"/> reads: a field with a comma, quote or line break is quoted.</summary>
public static class CsvWriter
{
    /// <summary>
    /// One field. Text a spreadsheet would run as a formula (=, +, -, @ first: "=HYPERLINK(…)" typed as a purpose) is
    /// kept as text with a leading apostrophe.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, System.Globalization.NumberStyles.Number,
                System.Globalization.CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>One record and its CRLF.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field)) + "\r\n";
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Domain.Conversations;

namespace Bot;

/// <summary>
/// A point in time given as a date only ("completedAt": "2026-11-27") means that day in the department, from its local
/// midnight — not UTC midnight (08:00 in Shanghai). Anything else is read and written as JSON always does.
/// </summary>
internal sealed class DepartmentDateConverter(DepartmentProfile department) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: 10 } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return department.ToInstant(date, TimeOnly.MinValue);
        return reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

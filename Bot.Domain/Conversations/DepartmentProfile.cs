namespace Bot.Domain.Conversations;

/// <summary>The department the bot serves: the property's name (used in greetings) and its local time zone.</summary>
public sealed record DepartmentProfile(string PropertyName, TimeZoneInfo TimeZone)
{
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant at which a local wall-clock time happens on a local date.</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}

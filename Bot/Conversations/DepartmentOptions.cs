using Bot.Domain.Conversations;

namespace Bot.Conversations;

/// <summary>Section <c>Department</c>: the property the department serves and its local time zone.</summary>
public sealed class DepartmentOptions
{
    public const string Section = "Department";

    /// <summary>Used in greetings: "这里是示例花园客服中心".</summary>
    public string PropertyName { get; set; } = "示例花园";

    /// <summary>IANA time zone of the property; shifts, dates and quiet hours are in this zone (第1篇 1.1: one standard time).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public DepartmentProfile ToProfile() => new(PropertyName, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
}

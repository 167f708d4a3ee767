namespace Bot.Domain.Features.Directory;

/// <summary>A member of the department. <see cref="Id"/> is the local id (e.g. "zhangsan").</summary>
public sealed class Person
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public Roles Roles { get; set; }
    /// <summary>The direct superior (reports-to chain, 第3篇 1.3 逐级负责制).</summary>
    public string? ReportsToId { get; set; }
    public string Language { get; set; } = "zh-CN";
    /// <summary>Kept for the department's own use; never shown in chat.</summary>
    public string? Phone { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>An owner or tenant (业主 / 业户). Outside the company: their phone is confidential (第11篇 3).</summary>
public sealed class Owner
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    /// <summary>How the front desk addresses them, e.g. 陈先生 / 李女士.</summary>
    public required string FormOfAddress { get; set; }
    /// <summary>Confidential (第11篇 3): never given to anyone through the bot.</summary>
    public string? Phone { get; set; }
    public string Language { get; set; } = "zh-CN";
    /// <summary>The owner asked not to be contacted proactively (callbacks respect it).</summary>
    public bool DoNotDisturb { get; set; }
    public List<OwnerUnit> Units { get; set; } = [];
}

public sealed class OwnerUnit
{
    public required string OwnerId { get; init; }
    public required string UnitCode { get; init; }
}

/// <summary>A unit, written building-entrance-room: 3-1-502 is building 3, entrance 1, room 502.</summary>
public sealed partial class Unit
{
    public required string Code { get; init; }
    public required string Building { get; init; }
    public required string Entrance { get; init; }
    public required string Room { get; init; }

    public static bool TryParse(string? text, out (string Building, string Entrance, string Room) parts)
    {
        parts = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var pieces = text.Trim().Split('-');
        if (pieces.Length != 3 || pieces.Any(p => p.Length == 0 || p.Length > 10 || !p.All(char.IsAsciiLetterOrDigit))) return false;
        parts = (pieces[0], pieces[1], pieces[2]);
        return true;
    }

    /// <summary>
    /// The one unit a message names anywhere in it ("3-1-502业主来电说漏水", "帮我查下3-1-502的情况"), or null when it names
    /// none or several. "2027-01-05" is a date, not building 2027.
    /// </summary>
    public static string? NamedIn(string text)
    {
        var units = UnitCode().Matches(text).Select(m => m.Value)
            .Where(u => TryParse(u, out _) && !DateOnly.TryParseExact(u, ["yyyy-MM-dd", "yyyy-M-d"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _))
            .Distinct().ToList();
        return units is [var only] ? only : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9A-Za-z-])[0-9A-Za-z]{1,10}-[0-9A-Za-z]{1,10}-[0-9A-Za-z]{1,10}(?![0-9A-Za-z-])")]
    private static partial System.Text.RegularExpressions.Regex UnitCode();

    public static Unit FromCode(string code) =>
        TryParse(code, out var p)
            ? new Unit { Code = code.Trim(), Building = p.Building, Entrance = p.Entrance, Room = p.Room }
            : throw new FormatException($"'{code}' is not a unit code of the form building-entrance-room.");
}

/// <summary>Maps a channel's user id to a person or an owner (exactly one of the two).</summary>
public sealed class ChannelIdentity
{
    public required string Channel { get; init; }
    public required string ChannelUserId { get; init; }
    public string? PersonId { get; set; }
    public string? OwnerId { get; set; }
    /// <summary>
    /// Set when the channel said the account cannot be reached any more (WeCom 81013: left the company or the app's
    /// range). Proactive messages skip it; an administrator fixes the directory.
    /// </summary>
    public DateTimeOffset? UnreachableSince { get; set; }
}

namespace Bot.Domain.Features.Duty;

/// <summary>A shift of the three-shift system (值班三班制, 第7篇 1.2.1). Times are local; a shift may cross midnight.</summary>
public sealed record ShiftDefinition(string Code, string Name, string EnglishName, TimeOnly Start, TimeOnly End)
{
    public bool CrossesMidnight => End <= Start;

    public string DisplayName(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? EnglishName : Name;
}

/// <summary>The configured shifts, in order.</summary>
public sealed class ShiftSchedule(IReadOnlyList<ShiftDefinition> shifts)
{
    public IReadOnlyList<ShiftDefinition> Shifts { get; } = shifts;

    public ShiftDefinition? Find(string code) =>
        Shifts.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One person on one shift on one (local) date, at a post (e.g. 客服中心, 前台).</summary>
public sealed class RosterAssignment
{
    public long Id { get; init; }
    public required DateOnly Date { get; init; }
    public required string PersonId { get; set; }
    public required string ShiftCode { get; set; }
    public required string Post { get; set; }
}

public interface IRosterStore
{
    Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly day, CancellationToken cancellationToken);

    /// <summary>A person's assignments from <paramref name="from"/> to <paramref name="to"/> (inclusive), by date.</summary>
    Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Everyone rostered on a date, with their names.</summary>
    Task<IReadOnlyList<(RosterAssignment Assignment, string Name)>> OnDateAsync(DateOnly day, CancellationToken cancellationToken);
}

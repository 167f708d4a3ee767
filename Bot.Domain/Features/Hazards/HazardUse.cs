using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Hazards;

public enum HazardUseStatus
{
    /// <summary>Asked for by staff; waits for a shift lead or above to approve and hand it out (第13篇 3.0).</summary>
    Requested,
    /// <summary>Drawn from the store and in use.</summary>
    Issued,
    /// <summary>Use ended: what was left went back to the store and is recorded (第13篇 4.0).</summary>
    Returned,
    /// <summary>Not approved.</summary>
    Refused,
}

/// <summary>
/// One line of the 《危险品使用登记表》 (第13篇): rat poison, insecticide, alcohol, thinner drawn from the store. Only a
/// shift lead or above draws it or approves its use, and hands it out in person (2.0, 3.0); the quantity actually needed
/// is taken, and what is left goes back to the store and is recorded (4.0).
/// </summary>
public sealed class HazardUse
{
    /// <summary>Who draws hazardous materials and approves their use: 客服部领班级以上人员 (第13篇 2.0, 3.0).</summary>
    public const Roles Approvers = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public long Id { get; init; }
    public required string Material { get; init; }
    public required decimal Quantity { get; init; }
    /// <summary>包, 瓶, 升, ml …, as the person wrote it.</summary>
    public required string Unit { get; init; }
    public required string Purpose { get; init; }
    /// <summary>Who uses it and answers for returning what is left.</summary>
    public required string UserId { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public HazardUseStatus Status { get; private set; }
    /// <summary>The shift lead (or above) who approved and handed it out, or refused it.</summary>
    public string? DecidedById { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public decimal? ReturnedQuantity { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? ReturnedById { get; private set; }
    /// <summary>When the holder was reminded to bring back what is left; once is enough.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }
    public int Version { get; set; }

    public static HazardUse Drawn(string material, decimal quantity, string unit, string purpose, string userId, string issuedById, DateTimeOffset now)
    {
        var use = new HazardUse { Material = material, Quantity = quantity, Unit = unit, Purpose = purpose, UserId = userId, RequestedAt = now };
        use.Issue(issuedById, now);
        return use;
    }

    public decimal? Used => ReturnedQuantity is { } left ? Quantity - left : null;

    public void Issue(string byId, DateTimeOffset at)
    {
        if (Status != HazardUseStatus.Requested) throw new InvalidOperationException($"Hazard use {Id} is {Status}.");
        Status = HazardUseStatus.Issued;
        DecidedById = byId;
        IssuedAt = at;
    }

    public void Refuse(string byId, DateTimeOffset at)
    {
        if (Status != HazardUseStatus.Requested) throw new InvalidOperationException($"Hazard use {Id} is {Status}.");
        Status = HazardUseStatus.Refused;
        DecidedById = byId;
        IssuedAt = null;
        ReturnedAt = at;
    }

    public void Return(decimal left, string byId, DateTimeOffset at)
    {
        if (Status != HazardUseStatus.Issued) throw new InvalidOperationException($"Hazard use {Id} is {Status}.");
        if (left < 0 || left > Quantity) throw new ArgumentOutOfRangeException(nameof(left));
        Status = HazardUseStatus.Returned;
        ReturnedQuantity = left;
        ReturnedById = byId;
        ReturnedAt = at;
    }

    public void Reminded(DateTimeOffset at) => RemindedAt = at;
}

/// <summary>The materials under control and how long an issue may stay out (configuration section <c>Hazards</c>).</summary>
/// <param name="Materials">第13篇 1.0: 鼠药, 敌敌畏, 灭螂药, 酒精, 稀料.</param>
/// <param name="ReturnWithin">Issued this long ago and not returned → the holder is reminded and the issuer told.</param>
public sealed record HazardPolicy(IReadOnlyList<string> Materials, TimeSpan ReturnWithin);

public interface IHazardStore
{
    void Add(HazardUse use);

    Task FlushAsync(CancellationToken cancellationToken);

    Task<HazardUse?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Requested or issued, oldest first.</summary>
    Task<IReadOnlyList<HazardUse>> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Every use requested since <paramref name="from"/>, and every one still open, oldest first.</summary>
    Task<IReadOnlyList<HazardUse>> SinceOrOpenAsync(DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Every use requested from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    Task<IReadOnlyList<HazardUse>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Issued at or before <paramref name="issuedBy"/>, not returned and not yet reminded.</summary>
    Task<IReadOnlyList<HazardUse>> OverdueAsync(DateTimeOffset issuedBy, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as one unit; false when another instance changed the same row first.</summary>
    Task<bool> AtomicallyAsync(Func<Task> work, CancellationToken cancellationToken);
}

/// <summary>The 《危险品使用登记表》 as a file, for the office to file or print (admin API).</summary>
public static class HazardRegister
{
    public static readonly string[] CsvColumns =
        ["id", "material", "quantity", "unit", "purpose", "user", "user_name", "status", "requested_at", "issued_at", "issued_by", "returned_at", "left", "used"];

    /// <param name="names">Person id → name, for the people on the lines.</param>
    public static string ToCsv(IEnumerable<HazardUse> uses, IReadOnlyDictionary<string, string> names, Conversations.DepartmentProfile department)
    {
        string Time(DateTimeOffset? at) => at is { } t ? department.ToLocal(t).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
        static string Number(decimal? n) => n?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var csv = new System.Text.StringBuilder().Append(CsvWriter.Line(CsvColumns));
        foreach (var u in uses)
            csv.Append(CsvWriter.Line([u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Material, Number(u.Quantity), u.Unit, u.Purpose,
                u.UserId, names.GetValueOrDefault(u.UserId, u.UserId), u.Status.ToString().ToLowerInvariant(), Time(u.RequestedAt),
                Time(u.IssuedAt), u.DecidedById is { } by && u.Status != HazardUseStatus.Refused ? by : "", Time(u.Status == HazardUseStatus.Returned ? u.ReturnedAt : null),
                Number(u.ReturnedQuantity), Number(u.Used)]));
        return csv.ToString();
    }
}

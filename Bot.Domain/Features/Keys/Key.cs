namespace Bot.Domain.Features.Keys;

public enum KeyKind
{
    /// <summary>管理区域钥匙: the area key set collected by the early shift (第4篇 1.1.1).</summary>
    Area,
    /// <summary>单元钥匙: a unit's key kept by the custodian (第4篇 1.2.1).</summary>
    Unit,
    /// <summary>封存钥匙 (第4篇 1.1.3).</summary>
    Sealed,
    /// <summary>前台钥匙, handed over between shifts (第11篇 7).</summary>
    FrontDesk,
    /// <summary>样板房钥匙.</summary>
    ShowFlat,
}

public enum KeyStatus
{
    In,
    Out,
    Lost,
    Damaged,
    Sealed,
}

/// <summary>A key in the register: what it opens, where it is kept and who keeps it.</summary>
public sealed class Key
{
    public required string Code { get; init; }
    public required KeyKind Kind { get; set; }
    /// <summary>The unit code (3-1-502) or area name it opens.</summary>
    public required string Opens { get; set; }
    public required string StoragePlace { get; set; }
    public string? CustodianId { get; set; }
    public KeyStatus Status { get; set; } = KeyStatus.In;
}

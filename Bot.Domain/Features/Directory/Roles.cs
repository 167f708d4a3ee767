namespace Bot.Domain.Features.Directory;

/// <summary>The department's roles (DOMAIN.md, "People and roles"). A person may hold several.</summary>
[Flags]
public enum Roles
{
    None = 0,
    /// <summary>管理员 / 物业助理 / 客服专员: service staff on shift.</summary>
    Staff = 1,
    /// <summary>前台: front desk.</summary>
    FrontDesk = 2,
    /// <summary>钥匙专人: key custodian.</summary>
    KeyCustodian = 4,
    /// <summary>考勤员: attendance clerk.</summary>
    AttendanceClerk = 8,
    /// <summary>领班: shift lead, first escalation level.</summary>
    ShiftLead = 16,
    /// <summary>客服主任: supervisor, second level.</summary>
    Supervisor = 32,
    /// <summary>客服部经理: department manager, third level.</summary>
    DepartmentManager = 64,
    /// <summary>总经理: general manager, last level (第3篇 1.3).</summary>
    GeneralManager = 128,
    /// <summary>文员: keeps the department's files and archive and lends them (第5篇 1.1–1.3, 第6篇).</summary>
    Clerk = 256,
}

/// <summary>Role names as people write them: Chinese (the policy's words), English, and the CSV code.</summary>
public static class RoleNames
{
    private static readonly (Roles Role, string Code, string Chinese, string English)[] Table =
    [
        (Roles.Staff, "staff", "管理员", "Service staff"),
        (Roles.FrontDesk, "front_desk", "前台", "Front desk"),
        (Roles.KeyCustodian, "key_custodian", "钥匙专人", "Key custodian"),
        (Roles.AttendanceClerk, "attendance_clerk", "考勤员", "Attendance clerk"),
        (Roles.ShiftLead, "shift_lead", "领班", "Shift lead"),
        (Roles.Supervisor, "supervisor", "客服主任", "Customer service supervisor"),
        (Roles.DepartmentManager, "department_manager", "客服部经理", "Customer service manager"),
        (Roles.GeneralManager, "general_manager", "总经理", "General manager"),
        (Roles.Clerk, "clerk", "文员", "Clerk"),
    ];

    private static readonly char[] Separators = [';', '；', '|', '、', ',', '，', ' '];

    /// <summary>The CSV codes of the roles held, e.g. ["staff", "key_custodian"].</summary>
    public static IReadOnlyList<string> Codes(Roles roles) => Table.Where(t => (roles & t.Role) != 0).Select(t => t.Code).ToList();

    /// <summary>Every role as "code (中文名)", for error messages that list what is accepted.</summary>
    public static string Known() => string.Join(", ", Table.Select(t => $"{t.Code} ({t.Chinese})"));

    public static IEnumerable<Roles> Each(Roles roles) => Table.Select(t => t.Role).Where(r => (roles & r) != 0);

    public static string Display(Roles roles, string language)
    {
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var names = Table.Where(t => (roles & t.Role) != 0).Select(t => english ? t.English : t.Chinese).ToList();
        return string.Join(english ? ", " : "、", names);
    }

    /// <summary>Parses "管理员;钥匙专人" or "staff|key_custodian". Returns the unknown names, if any.</summary>
    public static Roles Parse(string text, out IReadOnlyList<string> unknown)
    {
        var result = Roles.None;
        var bad = new List<string>();
        foreach (var part in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Table.FirstOrDefault(t =>
                string.Equals(t.Code, part, StringComparison.OrdinalIgnoreCase)
                || t.Chinese == part
                || string.Equals(t.English, part, StringComparison.OrdinalIgnoreCase));
            if (match.Role == Roles.None) bad.Add(part);
            else result |= match.Role;
        }
        unknown = bad;
        return result;
    }
}

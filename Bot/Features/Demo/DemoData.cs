using Bot.Domain.Conversations;
using Bot.Domain.Features.Archives;
using Bot.Domain.Features.Tickets;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Keys;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Features.Demo;

/// <summary>Section <c>Demo</c>: sample data for a first look. null = on in Development, off elsewhere.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool? Enabled { get; set; }

    /// <summary>How many days of roster to lay out, starting today.</summary>
    public int RosterDays { get; set; } = 14;
}

/// <summary>
/// The demo department of 示例花园: people for every role (their local ids are their chat ids and WeCom userids), an owner, units,
/// keys and a three-shift roster starting today. Loaded once, on the first start with an empty directory.
/// </summary>
public static class DemoData
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>()
            .Bind(builder.Configuration.GetSection(DemoOptions.Section))
            .PostConfigure(o => o.Enabled ??= builder.Environment.IsDevelopment())
            .Validate(o => o.RosterDays is >= 1 and <= 366, "Demo:RosterDays must be between 1 and 366.")
            .ValidateOnStart();
        return builder;
    }

    public static async Task LoadDemoDataAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value is not { Enabled: true } options) return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var department = scope.ServiceProvider.GetRequiredService<DepartmentProfile>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = department.LocalDate(now);
        // Started in the small hours: last night's shift is still on, so it is laid out too — with its people checked in
        // when it began, as they would have been — or the demo would show nobody on duty until the morning shift.
        var time = TimeOnly.FromDateTime(department.ToLocal(now).DateTime);
        var stillOn = scope.ServiceProvider.GetRequiredService<ShiftSchedule>().Shifts
            .Where(s => s.CrossesMidnight && time < s.End)
            .ToDictionary(s => s.Code, s => department.ToInstant(today.AddDays(-1), s.Start), StringComparer.Ordinal);
        if (await SeedAsync(db, today, now, options.RosterDays, CancellationToken.None, stillOn))
            app.Logger.LogInformation("Loaded the demo data of 示例花园 (people, owner, units, keys, roster from {Today})", today);
    }

    /// <summary>
    /// Seeds an empty directory. Returns false when there is data already (never overwrites). Instances that start
    /// together on one database take turns: the check and the seed run under one lock, so only the first seeds.
    /// </summary>
    /// <param name="lastNight">Overnight shifts begun yesterday and still on, with when they began: yesterday's roster for
    /// them is seeded, its people checked in on time.</param>
    public static async Task<bool> SeedAsync(BotDbContext db, DateOnly today, DateTimeOffset now, int rosterDays, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, DateTimeOffset>? lastNight = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockForTransactionAsync(CriticalSection.DemoData, cancellationToken);
        if (await db.Set<Person>().AnyAsync(cancellationToken)) return false;

        Person P(string id, string name, Roles roles, string? boss) => new() { Id = id, Name = name, Roles = roles, ReportsToId = boss };
        // Superiors first: the reports-to chain is a foreign key.
        db.AddRange(
            P("qianyi", "钱一", Roles.GeneralManager, null),
            P("sunqi", "孙七", Roles.DepartmentManager, "qianyi"),
            P("zhaoliu", "赵六", Roles.Supervisor, "sunqi"),
            P("wangwu", "王五", Roles.ShiftLead, "zhaoliu"),
            P("zhangsan", "张三", Roles.Staff, "wangwu"),
            P("lisi", "李四", Roles.Staff, "wangwu"),
            P("wujiu", "吴九", Roles.Staff, "wangwu"),
            P("zhengshi", "郑十", Roles.FrontDesk | Roles.AttendanceClerk | Roles.Clerk, "wangwu"),
            P("zhouba", "周八", Roles.KeyCustodian, "wangwu"));

        // The demo people's WeCom userids are their local ids (issue 8), so a WeCom test tenant or a fake can play
        // them. Real deployments import wecom identities by CSV like any other channel's.
        db.AddRange(new[] { "qianyi", "sunqi", "zhaoliu", "wangwu", "zhangsan", "lisi", "wujiu", "zhengshi", "zhouba" }
            .Select(id => new ChannelIdentity { Channel = "wecom", ChannelUserId = id, PersonId = id }));

        var units = new[] { "3-1-501", "3-1-502", "3-2-601", "5-1-101", "5-1-102", "8-2-1203" }.Select(Unit.FromCode).ToList();
        db.AddRange(units);

        db.Add(new Owner
        {
            Id = "chen-3-1-502",
            Name = "陈建国",
            FormOfAddress = "陈先生",
            Phone = "13800000000",
            Units = [new OwnerUnit { OwnerId = "chen-3-1-502", UnitCode = "3-1-502" }],
        });

        db.AddRange(
            new Key { Code = "A-01", Kind = KeyKind.Area, Opens = "管理区域钥匙组（公共区域）", StoragePlace = "中控室", CustodianId = "zhouba" },
            new Key { Code = "A-02", Kind = KeyKind.Area, Opens = "管理区域钥匙组（会所、设备房）", StoragePlace = "中控室", CustodianId = "zhouba" },
            new Key { Code = "U-3-1-501", Kind = KeyKind.Unit, Opens = "3-1-501", StoragePlace = "客服中心钥匙柜 1 号格", CustodianId = "zhouba" },
            new Key { Code = "U-3-1-502", Kind = KeyKind.Unit, Opens = "3-1-502", StoragePlace = "客服中心钥匙柜 2 号格", CustodianId = "zhouba" },
            new Key { Code = "U-5-1-101", Kind = KeyKind.Unit, Opens = "5-1-101", StoragePlace = "客服中心钥匙柜 3 号格", CustodianId = "zhouba" },
            new Key { Code = "S-01", Kind = KeyKind.ShowFlat, Opens = "样板房 8-2-1203", StoragePlace = "客服中心钥匙柜 9 号格", CustodianId = "zhouba" },
            new Key { Code = "F-01", Kind = KeyKind.FrontDesk, Opens = "前台抽屉及信报箱", StoragePlace = "前台", CustodianId = "zhengshi" });

        // The archive 郑十 keeps as the department's clerk (第6篇): owners' files, documents (read only), drawings, records,
        // one secret file and one member of staff's personal file.
        db.AddRange(
            new Archive { Code = "YH-3-1-502", Kind = ArchiveKind.Owner, Title = "3-1-502 业户档案（陈建国）", Place = "档案柜 A-1" },
            new Archive { Code = "YH-3-1-501", Kind = ArchiveKind.Owner, Title = "3-1-501 业户档案", Place = "档案柜 A-1" },
            new Archive { Code = "YH-5-1-101", Kind = ArchiveKind.Owner, Title = "5-1-101 业户档案", Place = "档案柜 A-2" },
            new Archive { Code = "WS-2026-01", Kind = ArchiveKind.Document, Title = "2026年公司发文汇编", Place = "档案柜 B-1" },
            new Archive { Code = "JS-3-01", Kind = ArchiveKind.Technical, Title = "3号楼给排水竣工图", Place = "图纸柜 1" },
            new Archive { Code = "JL-2026-11", Kind = ArchiveKind.Record, Title = "2026年11月值班记录", Place = "档案柜 C-1" },
            new Archive { Code = "HT-2026-03", Kind = ArchiveKind.Other, Title = "2026年保洁外包合同", Place = "带锁文件柜", Secret = true },
            new Archive { Code = "RS-zhangsan", Kind = ArchiveKind.Staff, Title = "员工个人档案 张三", Place = "带锁文件柜" });

        // The cinema's tickets the front desk sells (第12篇), delivered this morning and counted in by 郑十.
        var film = new TicketTitle { Title = "流浪地球3" };
        film.Receive(20, 35m);
        db.AddRange(film, new TicketEntry { Kind = TicketEntryKind.Received, Title = film.Title, Quantity = 20, Price = 35m, Amount = 700m, ById = "zhengshi", At = now });

        static RosterAssignment[] Shifts(DateOnly date) =>
        [
            new() { Date = date, PersonId = "zhangsan", ShiftCode = "early", Post = "客服中心" },
            new() { Date = date, PersonId = "zhengshi", ShiftCode = "early", Post = "前台" },
            new() { Date = date, PersonId = "wangwu", ShiftCode = "early", Post = "领班" },
            new() { Date = date, PersonId = "lisi", ShiftCode = "middle", Post = "客服中心" },
            new() { Date = date, PersonId = "wujiu", ShiftCode = "night", Post = "客服中心" },
        ];
        for (var day = 0; day < rosterDays; day++)
        {
            var date = today.AddDays(day);
            db.AddRange(Shifts(date));
            db.Add(new DutyManagerAssignment { Date = date, PersonId = "zhaoliu" });
        }
        foreach (var assignment in Shifts(today.AddDays(-1)).Where(a => lastNight?.ContainsKey(a.ShiftCode) == true))
        {
            db.Add(assignment);
            var record = new AttendanceRecord { PersonId = assignment.PersonId, Date = assignment.Date, ShiftCode = assignment.ShiftCode };
            // A few minutes early, as people on time are.
            record.CheckedIn(lastNight![assignment.ShiftCode].AddMinutes(-5), AttendanceMark.OnTime);
            db.Add(record);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

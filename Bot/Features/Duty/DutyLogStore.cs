using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Duty;

internal sealed class DutyLogStore(BotDbContext db) : IDutyLogStore
{
    public void Add(DutyLogEntry entry) => db.Add(entry);

    public void Add(IncidentReport report) => db.Add(report);

    public void Add(InspectionRound round) => db.Add(round);

    public void Add(LightingSwitch lighting) => db.Add(lighting);

    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public Task<DutyLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken) =>
        db.Set<DutyLogEntry>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    public async Task<IReadOnlyList<DutyLogEntry>> EntriesOnAsync(DateOnly date, string? post, CancellationToken cancellationToken) =>
        await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => e.Date == date && (post == null || e.Post == post))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<DutyLogEntry>> OpenEntriesAsync(CancellationToken cancellationToken) =>
        await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => e.Status == DutyLogStatus.Open)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<DutyLogEntry>> BlockingAsync(CancellationToken cancellationToken) =>
        await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => e.Status == DutyLogStatus.Open
                        && (e.Kind == DutyLogKind.MajorEvent || e.Kind == DutyLogKind.Emergency || e.Kind == DutyLogKind.EquipmentSwitching))
            // An emergency whose escalation was resolved no longer blocks, even before the job closes its entry.
            .Where(e => e.EscalationId == null
                        || !db.Set<EscalationCase>().Any(c => c.Id == e.EscalationId && c.Status == EscalationStatus.Resolved))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SettledEmergency>> SettledEmergenciesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => e.Status == DutyLogStatus.Open && e.EscalationId != null)
            .Join(db.Set<EscalationCase>().AsNoTracking().Where(c => c.Status == EscalationStatus.Resolved),
                e => e.EscalationId, c => (long?)c.Id, (e, c) => new { e.Id, c.ResolvedById, c.ResolvedAt, c.ResolutionNote })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => r.ResolvedById is not null && r.ResolvedAt is not null)
            .Select(r => new SettledEmergency(r.Id, r.ResolvedById!, r.ResolvedAt!.Value, r.ResolutionNote ?? ""))];
    }

    public async Task<IReadOnlyList<long>> ReportsDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => (e.Report == ReportStage.Due && e.ReportRemindAt <= now)
                        || ((e.Report == ReportStage.Due || e.Report == ReportStage.Reminded) && e.ReportDueAt <= now))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<DutyLogEntry>> ReportsOwedByAsync(string personId, CancellationToken cancellationToken) =>
        await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => e.RecordedById == personId
                        && (e.Report == ReportStage.Due || e.Report == ReportStage.Reminded || e.Report == ReportStage.Overdue))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<DutyLogEntry>> OverdueReportsAsync(CancellationToken cancellationToken) =>
        await db.Set<DutyLogEntry>().AsNoTracking()
            .Where(e => e.Report == ReportStage.Overdue)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(IncidentReport Report, DutyLogEntry Entry)>> RecentReportsAsync(int count, CancellationToken cancellationToken)
    {
        var reports = await db.Set<IncidentReport>().AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
        var ids = reports.Select(r => r.EntryId).ToList();
        var entries = await db.Set<DutyLogEntry>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        return [.. reports.Where(r => entries.ContainsKey(r.EntryId)).Select(r => (r, entries[r.EntryId]))];
    }

    public Task<IncidentReport?> FindReportAsync(long entryId, CancellationToken cancellationToken) =>
        db.Set<IncidentReport>().AsNoTracking().SingleOrDefaultAsync(r => r.EntryId == entryId, cancellationToken);

    public Task<InspectionRound?> FindRoundAsync(DateOnly date, string shiftCode, TimeOnly slot, CancellationToken cancellationToken) =>
        db.Set<InspectionRound>().SingleOrDefaultAsync(r => r.Date == date && r.ShiftCode == shiftCode && r.Slot == slot, cancellationToken);

    public Task<InspectionRound?> FindRoundAsync(long id, CancellationToken cancellationToken) =>
        db.Set<InspectionRound>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<IReadOnlyList<InspectionRound>> OpenRoundsAsync(DateOnly since, CancellationToken cancellationToken) =>
        await db.Set<InspectionRound>().AsNoTracking()
            .Where(r => r.Stage != RoundStage.Completed && r.Date >= since)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<InspectionRound>> RoundsOnAsync(DateOnly date, CancellationToken cancellationToken) =>
        await db.Set<InspectionRound>().AsNoTracking()
            .Where(r => r.Date == date)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);

    public Task<LightingSwitch?> FindSwitchAsync(DateOnly date, LightingAction action, CancellationToken cancellationToken) =>
        db.Set<LightingSwitch>().SingleOrDefaultAsync(s => s.Date == date && s.Action == action, cancellationToken);

    public async Task<IReadOnlyList<LightingSwitch>> OpenSwitchesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await db.Set<LightingSwitch>()
            .Where(s => s.Stage != LightingStage.Confirmed && s.DueAt >= since)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
}

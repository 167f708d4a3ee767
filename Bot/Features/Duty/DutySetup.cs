using Bot.Domain.Features.Escalation;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Directory;
using Microsoft.Extensions.Options;

namespace Bot.Features.Duty;

public static class DutySetup
{
    public static WebApplicationBuilder AddDuty(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DutyOptions>()
            .Bind(builder.Configuration.GetSection(DutyOptions.Section))
            .Validate(o => o.Shifts.Count > 0 && o.Shifts.All(s => s.IsValid()),
                "Duty:Shifts needs at least one shift, each with Code, Name, and Start/End as HH:mm.")
            .Validate(o => o.Shifts.Select(s => s.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.Shifts.Count,
                "Duty:Shifts codes must be unique.")
            .Validate(o => o.CheckInOpensBefore >= TimeSpan.Zero && o.LateAfter >= TimeSpan.Zero && o.CheckOutClosesAfter >= TimeSpan.Zero
                           && o.ReminderBefore >= TimeSpan.Zero && o.EscalateAfter > o.LateAfter && o.LeaveEscalateAfter >= TimeSpan.Zero,
                "Duty:CheckInOpensBefore, LateAfter, CheckOutClosesAfter, ReminderBefore and LeaveEscalateAfter must not be negative, and Duty:EscalateAfter must be longer than Duty:LateAfter.")
            .Validate(o => o.RosterDueDay is >= 1 and <= 28 && o.RosterReminderDays.All(d => d is >= 1 and <= 28)
                           && o.Holidays.All(h => h.IsValid()) && o.HolidayRosterDueDaysBefore >= 0 && o.HolidayRosterReminderDaysBefore >= 0,
                "Duty:RosterDueDay and RosterReminderDays must be days 1–28, each of Duty:Holidays needs a Name and a Date (yyyy-MM-dd), and the holiday day counts must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToSchedule());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToAttendancePolicy());
        builder.Services.AddScoped<IRosterStore, RosterStore>();
        builder.Services.AddScoped<IAttendanceStore, AttendanceStore>();
        builder.Services.AddScoped<IBotCommand, CheckInCommand>();
        builder.Services.AddScoped<IBotCommand>(_ => SignpostCommand.Clock());
        builder.Services.AddScoped<IBotCommand>(_ => SignpostCommand.DayOff());
        builder.Services.AddScoped<IBotCommand, CheckOutCommand>();
        builder.Services.AddScoped<IBotCommand, MyShiftsCommand>();
        builder.Services.AddScoped<ITodos, DutyTodos>();
        builder.Services.AddScoped<IBotCommand, OnDutyCommand>();
        builder.Services.AddScoped<IBotCommand, WhereaboutsCommand>();
        builder.Services.AddScoped<IShiftPresence, RosterShiftPresence>();
        builder.Services.AddScoped<IBotCommand, WhoIsOutCommand>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToWatchPolicy());
        builder.Services.AddScoped<AttendanceWatch>();
        builder.Services.AddScoped<IDutyManagerStore, DutyManagerStore>();
        builder.Services.AddScoped<RosterImporter>();
        builder.Services.AddScoped<ISwapStore, SwapStore>();
        builder.Services.AddScoped<SwapDesk>();
        builder.Services.AddScoped<SwapAnswers>();
        builder.Services.AddScoped<SwapCommand>();
        builder.Services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<SwapCommand>());
        builder.Services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<SwapCommand>());
        builder.Services.AddScoped<IBotCommand, AcceptSwapCommand>();
        builder.Services.AddScoped<IBotCommand, DeclineSwapCommand>();
        builder.Services.AddScoped<ICorrectionStore, CorrectionStore>();
        builder.Services.AddScoped<CorrectionCommand>();
        builder.Services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<CorrectionCommand>());
        builder.Services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<CorrectionCommand>());
        builder.Services.AddScoped<CorrectionAnswers>();
        builder.Services.AddScoped<IBotCommand, ApproveCorrectionCommand>();
        builder.Services.AddScoped<IBotCommand, RejectCorrectionCommand>();
        builder.Services.AddSingleton(sp => new LeavePolicy(sp.GetRequiredService<IOptions<DutyOptions>>().Value.LeaveEscalateAfter));
        builder.Services.AddScoped<ILeaveStore, LeaveStore>();
        builder.Services.AddScoped<LeaveAnswers>();
        builder.Services.AddScoped<LeaveWatch>();
        builder.Services.AddScoped<IBotCommand, LeaveCommand>();
        builder.Services.AddScoped<IBotCommand, ApproveLeaveCommand>();
        builder.Services.AddScoped<IBotCommand, RejectLeaveCommand>();
        builder.Services.AddScoped<IBotCommand, BackCommand>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToDeadlinePolicy());
        builder.Services.AddScoped<IRosterCoverage, RosterCoverage>();
        builder.Services.AddScoped<RosterDeadlineWatch>();
        builder.Services.AddScoped<AttendanceReport>();
        builder.Services.AddScoped<AttendanceSummaryCommand>();
        builder.Services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<AttendanceSummaryCommand>());
        builder.Services.AddScoped<IBotCommand, DayAttendanceCommand>();
        builder.Services.AddScoped<IDigestSection, AttendanceDigestSection>();
        builder.Services.AddScoped<EmergencyCommand>();
        builder.Services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<EmergencyCommand>());
        builder.Services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<EmergencyCommand>());
        // The duty log (值班记录), rounds, lighting and incident reports: their own setup (DutyLogSetup.cs).
        builder.AddDutyLog();
        return builder;
    }
}

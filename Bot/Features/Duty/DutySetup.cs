using Bot.Domain.Conversations;
using Bot.Domain.Features.Duty;
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
                           && o.ReminderBefore >= TimeSpan.Zero && o.EscalateAfter > o.LateAfter,
                "Duty:CheckInOpensBefore, LateAfter, CheckOutClosesAfter and ReminderBefore must not be negative, and Duty:EscalateAfter must be longer than Duty:LateAfter.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToSchedule());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToAttendancePolicy());
        builder.Services.AddScoped<IRosterStore, RosterStore>();
        builder.Services.AddScoped<IAttendanceStore, AttendanceStore>();
        builder.Services.AddScoped<IBotCommand, CheckInCommand>();
        builder.Services.AddScoped<IBotCommand, CheckOutCommand>();
        builder.Services.AddScoped<IBotCommand, MyShiftsCommand>();
        builder.Services.AddScoped<IBotCommand, OnDutyCommand>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToWatchPolicy());
        builder.Services.AddScoped<AttendanceWatch>();
        builder.Services.AddScoped<EmergencyCommand>();
        builder.Services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<EmergencyCommand>());
        builder.Services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<EmergencyCommand>());
        return builder;
    }
}

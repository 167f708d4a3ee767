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
            .Validate(o => o.CheckInOpensBefore >= TimeSpan.Zero && o.LateAfter >= TimeSpan.Zero && o.CheckOutClosesAfter >= TimeSpan.Zero,
                "Duty:CheckInOpensBefore, Duty:LateAfter and Duty:CheckOutClosesAfter must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToSchedule());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToAttendancePolicy());
        builder.Services.AddScoped<IRosterStore, RosterStore>();
        builder.Services.AddScoped<IAttendanceStore, AttendanceStore>();
        builder.Services.AddSingleton<ILeaveGate, AlwaysAllowLeave>();
        builder.Services.AddScoped<IBotCommand, CheckInCommand>();
        builder.Services.AddScoped<IBotCommand, CheckOutCommand>();
        builder.Services.AddScoped<IBotCommand, MyShiftsCommand>();
        builder.Services.AddScoped<IBotCommand, OnDutyCommand>();
        return builder;
    }
}

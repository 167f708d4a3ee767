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
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyOptions>>().Value.ToSchedule());
        builder.Services.AddScoped<IRosterStore, RosterStore>();
        return builder;
    }
}

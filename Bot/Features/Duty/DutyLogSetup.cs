using Bot.Domain.Conversations;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Microsoft.Extensions.Options;

namespace Bot.Features.Duty;

/// <summary>Every problem with the duty log's settings, each naming its key.</summary>
internal sealed class DutyLogOptionsValidator : IValidateOptions<DutyLogOptions>
{
    public ValidateOptionsResult Validate(string? name, DutyLogOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>The duty log (值班记录), inspection rounds, feature lighting and incident reports (第2篇 1.3–1.6); called from AddDuty.</summary>
public static class DutyLogSetup
{
    public static WebApplicationBuilder AddDutyLog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DutyLogOptions>().Bind(builder.Configuration.GetSection(DutyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DutyLogOptions>, DutyLogOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DutyLogOptions>>().Value.ToPolicy());
        services.AddScoped<IDutyLogStore, DutyLogStore>();
        services.AddScoped<DutyLogService>();
        services.AddScoped<IOpenDutyEvents, DutyLogOpenEvents>();
        services.AddScoped<DutyLogWatch>();
        services.AddScoped<IDigestSection, DutyLogDigestSection>();
        services.AddScoped<LightingConfirmation>();
        services.AddScoped<IBotCommand, LightsOnCommand>();
        services.AddScoped<IBotCommand, LightsOffCommand>();
        Flow<DutyLogCommand>(services);
        Flow<CloseDutyLogEntryCommand>(services);
        Flow<IncidentReportCommand>(services);
        Flow<InspectionRoundCommand>(services);
        return builder;
    }

    private static void Flow<T>(IServiceCollection services) where T : class, IBotCommand, IConversationFlow
    {
        services.AddScoped<T>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<T>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<T>());
    }
}

using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;
using Microsoft.Extensions.Options;

namespace Bot.Features.Escalation;

public static class EscalationSetup
{
    public static WebApplicationBuilder AddEscalation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EscalationOptions>()
            .Bind(builder.Configuration.GetSection(EscalationOptions.Section))
            .Validate(o => !o.Problems().Any(), "Escalation settings are invalid (see the messages above).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EscalationOptions>>().Value;
            var problems = options.Problems().ToList();
            if (problems.Count > 0) throw new OptionsValidationException(EscalationOptions.Section, typeof(EscalationOptions), problems);
            return options.ToPolicy();
        });
        services.AddScoped<IEscalationStore, EscalationStore>();
        services.AddScoped<IEscalationDirectory, EscalationDirectory>();
        services.AddScoped<EscalationService>();
        services.AddScoped<SupervisorDigest>();
        services.AddScoped<IDigestSection, OpenEscalationsSection>();

        services.AddScoped<EscalationCommands>();
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<EscalationCommands>());
        services.AddScoped<IBotCommand, AcknowledgeCommand>();
        services.AddScoped<IBotCommand, ResolveCommand>();
        services.AddScoped<IBotCommand, HandOverCommand>();
        services.AddScoped<IBotCommand, MyEscalationsCommand>();
        services.AddScoped<IBotCommand, TestEscalationCommand>();
        return builder;
    }
}

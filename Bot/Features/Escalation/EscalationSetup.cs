using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Directory;
using Microsoft.Extensions.Options;

namespace Bot.Features.Escalation;

/// <summary>Every problem with the section, each naming its key: the bot refuses to start with any.</summary>
internal sealed class EscalationOptionsValidator : IValidateOptions<EscalationOptions>
{
    public ValidateOptionsResult Validate(string? name, EscalationOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class EscalationSetup
{
    public static WebApplicationBuilder AddEscalation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EscalationOptions>()
            .Bind(builder.Configuration.GetSection(EscalationOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EscalationOptions>, EscalationOptionsValidator>();
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
        services.AddScoped<ITodos, EscalationTodos>();
        services.AddScoped<Colleagues>();
        services.AddScoped<SupervisorDigest>();
        services.AddScoped<IDigestSection, OpenEscalationsSection>();

        services.AddScoped<EscalationCommands>();
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<EscalationCommands>());
        services.AddScoped<IBotCommand, AcknowledgeCommand>();
        services.AddScoped<IBotCommand, ReplyOwnerCommand>();
        services.AddScoped<IBotCommand, ResolveCommand>();
        services.AddScoped<IBotCommand, HandOverCommand>();
        services.AddScoped<IBotCommand, MyEscalationsCommand>();
        // 今日概况: the digest's sections (every feature's IDigestSection), each as it stands now.
        services.AddScoped<IBotCommand, DayOverviewCommand>();
        services.AddScoped<IBotCommand, TestEscalationCommand>();
        return builder;
    }
}

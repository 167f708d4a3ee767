using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Callbacks;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Features.Callbacks;

/// <summary>Every problem with the section, each naming its key: the bot refuses to start with any.</summary>
internal sealed class CallbackOptionsValidator : IValidateOptions<CallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class CallbacksSetup
{
    public static WebApplicationBuilder AddCallbacks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CallbackOptions>()
            .Bind(builder.Configuration.GetSection(CallbackOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CallbackOptions>>().Value.ToPolicy());
        services.AddScoped<ICallbackStore, CallbackStore>();
        services.TryAddScoped<Notifier>();
        services.AddScoped<IOwnerReach, OwnerReach>();
        services.AddScoped<CallbackNotices>();
        services.AddScoped<OwnerMessages>();
        services.AddScoped<IBotCommand, UnitRecordCommand>();
        services.AddScoped<IUnitFacts, OwnerMessageUnitFacts>();
        services.AddScoped<IUnitFacts, CallbackUnitFacts>();
        services.AddScoped<ITodos, CallbackTodos>();
        services.AddScoped<HeldOwnerMessages>();
        services.AddScoped<ITodos>(sp => sp.GetRequiredService<HeldOwnerMessages>());
        services.AddScoped<ICaseTakeUp>(sp => sp.GetRequiredService<HeldOwnerMessages>());
        services.AddScoped<CallbackSurveys>();
        services.AddScoped<CallbackService>();
        services.AddScoped<CallbackStats>();
        services.AddScoped<IDigestSection, CallbackDigestSection>();

        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<CallbackSurveys>());
        services.AddScoped<RegisterCallbackCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<RegisterCallbackCommand>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<RegisterCallbackCommand>());
        services.AddScoped<IBotCommand, CallbackTasksCommand>();
        services.AddScoped<IBotCommand, ProxyCallbackCommand>();
        services.AddScoped<IBotCommand, RectifiedCommand>();
        services.AddScoped<IBotCommand, CallbackStatsCommand>();
        services.AddScoped<IBotCommand, OwnerSurveyCommand>();
        services.AddScoped<IBotCommand, OwnerMessageCommand>();
        services.AddScoped<IBotCommand, OwnerMyMessagesCommand>();
        services.AddScoped<IBotCommand, OwnerMessagesLogCommand>();
        services.AddScoped<IBotCommand, OwnerPhoneCommand>();
        // 已处理 of an owner's message asks the closer what to call back (第9篇); its buttons are this command.
        services.AddScoped<OwnerMessageCallbackCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<OwnerMessageCallbackCommand>());
        services.AddScoped<ICaseClosedFollowUp>(sp => sp.GetRequiredService<OwnerMessageCallbackCommand>());
        services.AddScoped<IBotCommand>(sp => ActivatorUtilities.CreateInstance<DecidePhoneCommand>(sp, true));
        services.AddScoped<IBotCommand>(sp => ActivatorUtilities.CreateInstance<DecidePhoneCommand>(sp, false));
        return builder;
    }
}

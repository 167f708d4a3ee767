using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Handover;
using Bot.Domain.Features.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Features.Handover;

internal sealed class HandoverOptionsValidator : IValidateOptions<HandoverOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoverOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class HandoverSetup
{
    public static WebApplicationBuilder AddHandover(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HandoverOptions>().Bind(builder.Configuration.GetSection(HandoverOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoverOptions>, HandoverOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HandoverOptions>>().Value.ToPolicy());
        services.AddScoped<IHandoverStore, HandoverStore>();
        services.AddScoped<HandoverService>();
        services.AddScoped<HandoverWatch>();
        // 第2篇 2.4: check-out waits for the successor's acceptance.
        services.AddScoped<ILeaveGate, HandoverLeaveGate>();
        services.AddScoped<ICheckInFollowUp, HandoverCheckInFollowUp>();
        services.AddScoped<HandoverReviewSection>();
        services.AddScoped<IDigestSection>(sp => sp.GetRequiredService<HandoverReviewSection>());
        // 待办: what the handover asks of the person now.
        services.AddScoped<ITodos, HandoverTodos>();

        services.AddScoped<PrepareHandoverCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<PrepareHandoverCommand>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<PrepareHandoverCommand>());
        services.AddScoped<AcceptHandoverCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<AcceptHandoverCommand>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<AcceptHandoverCommand>());
        services.AddScoped<AnswerQuestionCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<AnswerQuestionCommand>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<AnswerQuestionCommand>());
        services.AddScoped<IBotCommand, HandoverRecordsCommand>();
        services.AddScoped<IBotCommand, ReviewHandoversCommand>();
        services.AddScoped<IBotCommand, ReopenHandoverCommand>();
        services.AddScoped<IBotCommand, AddToHandoverCommand>();
        services.AddScoped<IBotCommand, SuccessorUnfitCommand>();
        services.AddScoped<IBotCommand, CoverHandoverCommand>();
        // 第14篇 3: with the security control room.
        services.AddScoped<ISecurityHandoverStore, SecurityHandoverStore>();
        services.AddScoped<SecurityHandover>();
        services.AddScoped<IBotCommand, SecurityIntakeCommand>();
        services.AddScoped<IBotCommand, HandToSecurityCommand>();
        services.AddScoped<IBotCommand, ComplaintToCallbackCommand>();

        return builder;
    }
}

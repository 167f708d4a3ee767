using Bot.Domain.Conversations;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

public static class ConversationsSetup
{
    /// <summary>The engine, the inbox and outbox, and the two workers behind them.</summary>
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DepartmentOptions>()
            .Bind(builder.Configuration.GetSection(DepartmentOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.PropertyName), "Department:PropertyName is required.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Department:TimeZone is not a known time zone.")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>()
            .Bind(builder.Configuration.GetSection(ConversationOptions.Section))
            .Validate(o => o.MaxSendAttempts >= 1 && o.MaxTurnAttempts >= 1, "Conversations: attempts must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "Conversations: PollInterval and Lease must be positive.")
            .Validate(o => o.MaxProactivePerMinute >= 0, "Conversations:MaxProactivePerMinute must not be negative.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Random.Shared);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DepartmentOptions>>().Value.ToProfile());

        services.AddScoped<ConversationEngine>();
        services.AddScoped<Inbox>();
        services.AddSingleton<InboxWriter>();
        services.AddScoped<Outbox>();
        services.AddScoped<TurnProcessor>();
        services.AddScoped<INotifier, Notifier>();

        services.AddSingleton<InboxSignal>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<WorkerHealth>();
        services.AddSingleton<InboxWorker>();
        services.AddSingleton<OutboxPacer>();
        services.AddSingleton<OutboxDispatcher>();
        // Off only where something else drives the workers step by step (tests, maintenance).
        if (builder.Configuration.GetValue("Conversations:RunWorkers", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }
        services.AddHealthChecks().AddCheck<WorkerHealth>("workers");
        return builder;
    }
}

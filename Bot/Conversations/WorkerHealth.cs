using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Conversations;

/// <summary>Whether the background workers that run turns and send messages are up (part of /healthz).</summary>
public sealed class WorkerHealth : IHealthCheck
{
    public volatile bool InboxWorkerRunning;
    public volatile bool DispatcherRunning;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(InboxWorkerRunning && DispatcherRunning
            ? HealthCheckResult.Healthy("The inbox worker and the outbox dispatcher are running.")
            : HealthCheckResult.Unhealthy($"Inbox worker running: {InboxWorkerRunning}; outbox dispatcher running: {DispatcherRunning}."));
}

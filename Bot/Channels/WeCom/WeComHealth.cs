using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WeCom;

/// <summary>
/// The WeCom part of /healthz. Not configured is healthy (the bot runs without WeCom) and says so; a configuration
/// error from WeCom's API (60020 IP not trusted, wrong secret …) is degraded until a later call succeeds.
/// </summary>
public sealed class WeComHealth(IOptions<WeComOptions> options) : IHealthCheck
{
    private readonly Lock _lock = new();
    private (int Code, DateTimeOffset At)? _configurationError;

    internal void RecordSuccess()
    {
        lock (_lock) _configurationError = null;
    }

    internal void RecordConfigurationError(int code, DateTimeOffset at)
    {
        lock (_lock) _configurationError = (code, at);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsConfigured) return Task.FromResult(HealthCheckResult.Healthy("WeCom not configured"));
        (int Code, DateTimeOffset At)? error;
        lock (_lock) error = _configurationError;
        return Task.FromResult(error switch
        {
            { Code: WeComErrors.IpNotTrusted } e => HealthCheckResult.Degraded(
                $"WeCom: this server's IP is not in the app's 企业可信IP (errcode 60020 since {e.At:u}); messages cannot be sent."),
            { } e => HealthCheckResult.Degraded($"WeCom: configuration error {e.Code} since {e.At:u}; messages cannot be sent."),
            null => HealthCheckResult.Healthy("WeCom configured"),
        });
    }
}

using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// Which serviceUrls may receive the bot token (botframework.md §4.6): https, and a host on
/// <see cref="TeamsOptions.AllowedServiceUrlHosts"/>. The token lets its holder act as the bot, so a serviceUrl that
/// fails this check gets no token and no call at all.
/// </summary>
public sealed class ServiceUrlTrust(IOptions<TeamsOptions> options)
{
    public bool IsTrusted(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && IsTrusted(uri);

    public bool IsTrusted(Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo)) return false;
        var host = uri.IdnHost.TrimEnd('.');
        foreach (var entry in options.Value.AllowedServiceUrlHosts)
        {
            var allowed = entry.Trim().TrimEnd('.');
            if (allowed.Length == 0) continue;
            if (allowed.StartsWith("*.", StringComparison.Ordinal))
            {
                // "*.botframework.com" covers "europe.botframework.com", not "evilbotframework.com" nor the bare domain.
                if (host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1) return true;
            }
            else if (string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}

namespace Bot.Channels.Teams;

/// <summary>Section <c>Teams</c>: the Bot Framework endpoint <c>POST /api/messages</c> and its outbound client.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The Azure Bot registration's app id. Empty = no Bot Framework authentication (emulator mode, where allowed).</summary>
    public string AppId { get; set; } = "";

    /// <summary>
    /// Accept unauthenticated requests outside Development (AppId must still be empty). null or false = only in Development.
    /// botframework.md §8 warns that a no-auth mode must never be deployable: set this only on an isolated test host.
    /// </summary>
    public bool? AllowUnauthenticated { get; set; }

    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 262144;

    /// <summary>Timeout of one outbound call to the Bot Connector; a timeout is retried by the outbox.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Whether the channel runs without authentication (the SDK's "empty app id disables auth", botframework.md §8).</summary>
public sealed class TeamsChannelMode(Microsoft.Extensions.Options.IOptions<TeamsOptions> options, IHostEnvironment environment)
{
    /// <summary>No app id, and Development or an explicit opt-in: inbound needs no token, outbound sends none.</summary>
    public bool Emulator { get; } = string.IsNullOrWhiteSpace(options.Value.AppId)
                                   && (environment.IsDevelopment() || options.Value.AllowUnauthenticated == true);
}

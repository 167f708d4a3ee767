namespace Bot.Channels.Teams;

/// <summary>The outcome of checking who sent an inbound request. <paramref name="Failure"/> says why, for the log only.</summary>
public sealed record ActivityAuthResult(bool Succeeded, string? Failure = null)
{
    public static readonly ActivityAuthResult Anonymous = new(true);

    public static ActivityAuthResult Refused(string failure) => new(false, failure);
}

/// <summary>
/// Decides whether an inbound <c>POST /api/messages</c> came from the Bot Connector. Runs after the body is parsed,
/// because two of the checks compare the token with the activity (botframework.md §3.2 steps 7–8); a refusal is
/// answered 401 with an empty body and nothing is stored (§2.4).
/// </summary>
internal interface IActivityAuthenticator
{
    /// <param name="authorization">The Authorization header as sent, or null. Never logged: a token is a secret even when it is wrong.</param>
    ValueTask<ActivityAuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken);
}

/// <summary>Emulator mode: every request is accepted, with or without an Authorization header (botframework.md §8).</summary>
internal sealed class EmulatorAuthenticator : IActivityAuthenticator
{
    public ValueTask<ActivityAuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityAuthResult.Anonymous);
}

/// <summary>
/// No app id outside Development (and no explicit opt-in to the unauthenticated mode): there is nothing to check a
/// token against, so every request is refused rather than accepted unchecked.
/// </summary>
internal sealed class RefuseAllAuthenticator : IActivityAuthenticator
{
    public ValueTask<ActivityAuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityAuthResult.Refused("Teams:AppId is not set and emulator mode is off (not Development, no Teams:AllowUnauthenticated)"));
}

namespace Bot.Channels.Teams;

/// <summary>The outcome of checking who sent an inbound request. <paramref name="Failure"/> says why, for the log only.</summary>
public sealed record ActivityAuthResult(bool Succeeded, string? Failure = null)
{
    public static readonly ActivityAuthResult Anonymous = new(true);

    public static ActivityAuthResult Refused(string failure) => new(false, failure);
}

/// <summary>
/// Decides whether an inbound <c>POST /api/messages</c> came from the Bot Connector. Runs before the body is read;
/// a refusal is answered 401 with an empty body and nothing is stored (botframework.md §2.4).
/// The real Bot Framework JWT validation (botframework.md §3.2: issuer, audience = app id, signing keys, endorsements,
/// and the token's serviceurl claim against the activity) is a later issue and plugs in here.
/// </summary>
public interface IActivityAuthenticator
{
    ValueTask<ActivityAuthResult> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken);
}

/// <summary>Emulator mode: every request is accepted, with or without an Authorization header (botframework.md §8).</summary>
public sealed class EmulatorAuthenticator : IActivityAuthenticator
{
    public ValueTask<ActivityAuthResult> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityAuthResult.Anonymous);
}

/// <summary>
/// Authentication is required (an app id is set, or this is not Development) but not implemented yet: every request
/// is refused, rather than accepted unchecked.
/// </summary>
public sealed class NotImplementedAuthenticator : IActivityAuthenticator
{
    public ValueTask<ActivityAuthResult> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityAuthResult.Refused("Bot Framework token validation is not implemented yet, and emulator mode is off"));
}

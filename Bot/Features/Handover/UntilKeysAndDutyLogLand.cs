using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Keys;

namespace Bot.Features.Handover;

// TEMPORARY: the keys feature (IKeysOut) and the duty log (IOpenDutyEvents) are built on their own branches. Until
// they are merged the handover sees no keys out and no blocking events. Registered with TryAdd, so the real
// registrations win whatever the order. The integrator deletes this file (and its two TryAdd lines) on merge.

internal sealed class NoKeysOutYet : IKeysOut
{
    public Task<IReadOnlyList<KeyOut>> HeldByAsync(string personId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<KeyOut>>([]);

    public Task<IReadOnlyList<KeyOut>> AllOutAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<KeyOut>>([]);
}

internal sealed class NoDutyEventsYet : IOpenDutyEvents
{
    public Task<IReadOnlyList<OpenDutyEvent>> BlockingHandoverAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenDutyEvent>>([]);
}

using Bot.Domain.Features.Duty;

namespace Bot.Tests.Support;

/// <summary>
/// A leave gate that lets everyone go: for tests of the attendance marks themselves. Whether a person may leave before
/// the successor has taken over (第2篇 2.4) is the handover's gate, tested with the handover.
/// </summary>
public sealed class MayLeave : ILeaveGate
{
    public Task<string?> WhyNotAsync(string personId, RosterAssignment assignment, string language, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

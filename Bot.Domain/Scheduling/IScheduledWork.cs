namespace Bot.Domain.Scheduling;

/// <summary>
/// A domain service the scheduler runs on its clock (the table in Bot/Scheduling/SchedulingSetup.cs says when). Quartz
/// may fire a job twice, or on two instances at once, so every implementation claims its due work in our tables and a
/// second run acts on nothing.
/// </summary>
public interface IScheduledWork
{
    /// <summary>Does whatever is due at <paramref name="now"/>; returns how many messages it queued in the outbox.</summary>
    Task<int> ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

namespace Bot.Conversations;

/// <summary>Section <c>Conversations</c>: the inbox worker and the outbox dispatcher.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>Run the inbox worker and outbox dispatcher in the background (false only where a test drives them).</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>How often the workers look for work they were not woken for (after a crash, a retry that came due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a worker holds a claimed inbox or outbox row before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts to send one outbound message before it is given up (marked dead and logged).</summary>
    public int MaxSendAttempts { get; set; } = 10;

    /// <summary>The first retry delay; each further one doubles, with ±20 % jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most proactive messages (alerts, reminders) one person gets per minute; the overflow is merged into one summary.
    /// WeCom silently drops more than 30 per person per minute. 0 = no pacing.
    /// </summary>
    public int MaxProactivePerMinute { get; set; } = 20;

    /// <summary>Attempts at one inbound message before it is marked failed (the person gets an apology).</summary>
    public int MaxTurnAttempts { get; set; } = 3;
}

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>
/// What waits on one member of staff in one feature right now — to check in for, say 收到 to, hand back, approve, count —
/// so that 待办 shows the day's loose ends on one screen instead of a dozen look-ups. Each feature answers for its own
/// part, as it does for <see cref="IHoldings"/>; nothing here changes anything.
/// </summary>
public interface ITodos
{
    /// <summary>Where the feature's lines stand in the list (its help order).</summary>
    int Order { get; }

    Task<IReadOnlyList<Todo>> ForAsync(TodoAsked asked, CancellationToken cancellationToken);
}

/// <summary>Who asks, when, and in which language.</summary>
public sealed record TodoAsked(Participant Person, DateTimeOffset Now, string Language);

/// <summary>
/// One thing waiting: its line ("钥匙 U-3-1-502 借出已超时 40分钟"), the command that deals with it when one does (a
/// button: 还钥匙 U-3-1-502), and whether it is late or urgent — those lead the list.
/// </summary>
public sealed record Todo(string Line, Choice? Action = null, bool Pressing = false);

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Scheduling;

namespace Bot.Domain.Features.Escalation;

/// <summary>One feature's part of the daily supervisor digest; null or empty when it has nothing to say.</summary>
public interface IDigestSection
{
    int Order { get; }

    Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken);
}

/// <summary>A digest section that also offers buttons (e.g. 审阅交接): they go under the digest message when the section has something to say.</summary>
public interface IDigestActions
{
    Task<IReadOnlyList<Choice>> ActionsAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken);
}

/// <summary>
/// A digest section that can also say how its part stands right now, for 今日概况: the digest looks back at yesterday in
/// full each morning, the overview is asked for during the day and wants only a line or two per part. Empty when the part
/// has nothing to say now.
/// </summary>
public interface IDigestNow
{
    /// <summary>Where its lines stand in the overview: the people first, then cases, things out, callbacks, the log, the handover.</summary>
    int NowOrder { get; }

    Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken);
}

/// <summary>
/// The daily digest: one message per supervisor (shift leads and above) with each feature's section; empty sections
/// are left out. Keyed by day and person, so a second run of the job sends nothing twice.
/// </summary>
public sealed class SupervisorDigest(IEnumerable<IDigestSection> sections, IEscalationDirectory directory, IEscalationStore store,
    INotifier notifier, DepartmentProfile department) : IScheduledWork
{
    Task<int> IScheduledWork.ProcessAsync(DateTimeOffset now, CancellationToken cancellationToken) => SendAsync(now, cancellationToken);

    private static readonly TextCatalog Texts = EscalationTexts.Catalog;

    public async Task<int> SendAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = department.LocalDate(now);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var person in await directory.SupervisorsAsync(cancellationToken))
        {
            var language = TextCatalog.NormalizeLanguage(person.Language);
            var parts = new List<string>();
            var choices = new List<Choice>();
            foreach (var section in sections.OrderBy(s => s.Order))
            {
                if (await section.BuildAsync(person, day, language, cancellationToken) is not { Length: > 0 } text) continue;
                parts.Add(text);
                if (section is IDigestActions actions) choices.AddRange(await actions.ActionsAsync(person, day, language, cancellationToken));
            }
            var message = parts.Count == 0
                ? Texts.Get("DigestAllClear", language, person.Name, dayText)
                : string.Join("\n\n", [Texts.Get("DigestTitle", language, person.Name, dayText), .. parts]);
            var enqueued = false;
            var won = await store.AtomicallyAsync(async () =>
                enqueued = await notifier.NotifyAsync(person.Id, new OutgoingMessage(message, choices.Count == 0 ? null : choices), $"digest:{dayText}:{person.Id}", cancellationToken),
                cancellationToken);
            if (won && enqueued) sent++;
        }
        return sent;
    }
}

/// <summary>
/// The escalation engine's own digest section: every case not yet resolved. Now (今日概况): how high the open cases have
/// climbed without anyone saying 收到 (第3篇 1.3), how many are taken and not closed, and owners' messages waiting for an
/// answer — counted apart, as the front desk owes the owner a reply.
/// </summary>
public sealed class OpenEscalationsSection(IEscalationStore store, IEscalationDirectory directory, DepartmentProfile department) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = EscalationTexts.Catalog;

    public int Order => 0;

    public int NowOrder => 20;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var cases = new List<EscalationCase>();
        var owners = new List<EscalationCase>();
        foreach (var c in await store.AllOpenAsync(cancellationToken))
            (await FromOwnerAsync(c, cancellationToken) ? owners : cases).Add(c);
        var separator = Texts.Get("NowSeparator", language);
        var lines = new List<string>();
        if (cases.Count > 0)
        {
            var parts = new List<string>();
            var waiting = cases.Where(c => c.Status == EscalationStatus.Open).ToList();
            foreach (var level in waiting.Where(c => c.Level >= 0).GroupBy(c => c.Level).OrderByDescending(g => g.Key))
                parts.Add(Texts.Get("NowCasesAtLevel", language, EscalationTexts.LevelName((EscalationLevel)Math.Min(level.Key, (int)EscalationLevel.GeneralManager), language), level.Count()));
            // Raised in quiet hours: nobody has been told yet (a normal case waits for the morning).
            if (waiting.Count(c => c.Level < 0) is > 0 and var unsent) parts.Add(Texts.Get("NowCasesNotSent", language, unsent));
            if (cases.Count(c => c.Status == EscalationStatus.Acknowledged) is > 0 and var taken) parts.Add(Texts.Get("NowCasesTaken", language, taken));
            var urgent = waiting.Count(c => c.Severity == Severity.Urgent);
            lines.Add(Texts.Get("NowCases", language, cases.Count, string.Join(separator, parts))
                + (urgent > 0 ? Texts.Get("NowCasesUrgent", language, urgent) : ""));
        }
        if (owners.Count > 0)
        {
            // A message left at night is held for the morning by design (quiet hours): it is not one nobody has taken up.
            var untaken = owners.Where(c => c.Status == EscalationStatus.Open && c.Level >= 0).ToList();
            var held = owners.Where(c => c.Status == EscalationStatus.Open && c.Level < 0).ToList();
            var line = untaken.Count > 0
                ? Texts.Get("NowOwnerWaiting", language, owners.Count, untaken.Count,
                    department.ToLocal(untaken.Min(c => c.RaisedAt)).ToString(department.LocalDate(untaken.Min(c => c.RaisedAt)) == department.LocalDate(now) ? "HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture))
                : held.Count > 0 ? Texts.Get("NowOwnerWaitingOnlyHeld", language, owners.Count)
                : Texts.Get("NowOwnerTaken", language, owners.Count);
            if (held.Count > 0)
                line += Texts.Get(untaken.Count > 0 ? "NowOwnerHeldAlso" : "NowOwnerHeld", language, held.Count,
                    department.ToLocal(held.Min(c => c.NextActionAt ?? now)).ToString("HH:mm", CultureInfo.InvariantCulture));
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>An owner's message (留言): raised by someone who is no member of staff but an owner.</summary>
    private async Task<bool> FromOwnerAsync(EscalationCase c, CancellationToken cancellationToken) =>
        c.RaisedById is { } raiser && await directory.FindPersonAsync(raiser, cancellationToken) is null
        && await directory.FindOwnerAsync(raiser, cancellationToken) is not null;

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var open = await store.AllOpenAsync(cancellationToken);
        if (open.Count == 0) return null;
        var lines = open.Select(c => Texts.Get("DigestLine", language, c.Id, EscalationTexts.SeverityName(c.Severity, language), c.Subject,
            EscalationTexts.StatusName(c.Status, language), Math.Max(c.Level, 0) + 1));
        return string.Join("\n", [Texts.Get("DigestSection", language, open.Count), .. lines]);
    }
}

using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

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
/// The daily digest: one message per supervisor (shift leads and above) with each feature's section; empty sections
/// are left out. Keyed by day and person, so a second run of the job sends nothing twice.
/// </summary>
public sealed class SupervisorDigest(IEnumerable<IDigestSection> sections, IEscalationDirectory directory, IEscalationStore store,
    INotifier notifier, DepartmentProfile department)
{
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

/// <summary>The escalation engine's own digest section: every case not yet resolved.</summary>
public sealed class OpenEscalationsSection(IEscalationStore store) : IDigestSection
{
    private static readonly TextCatalog Texts = EscalationTexts.Catalog;

    public int Order => 0;

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var open = await store.AllOpenAsync(cancellationToken);
        if (open.Count == 0) return null;
        var lines = open.Select(c => Texts.Get("DigestLine", language, c.Id, EscalationTexts.SeverityName(c.Severity, language), c.Subject,
            EscalationTexts.StatusName(c.Status, language), Math.Max(c.Level, 0) + 1));
        return string.Join("\n", [Texts.Get("DigestSection", language, open.Count), .. lines]);
    }
}

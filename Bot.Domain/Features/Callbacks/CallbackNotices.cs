using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// What staff hear about callbacks: the staff task (call or visit, then 代录回访), the rectification for the
/// responsible staff and the alert to the supervisor (第9篇 五.2). Never an owner's phone number (第11篇 3).
/// </summary>
public sealed class CallbackNotices(ICallbackStore store, INotifier notifier, DepartmentProfile department)
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    /// <summary>Shift leads and above may act on any callback; the responsible staff on theirs.</summary>
    public const Roles Supervisors = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    public enum Reason
    {
        Silent,
        DoNotDisturb,
        Unreachable,
        /// <summary>The owner turned the survey down in chat ("不用了，谢谢"): the staff decide whether to call or note it.</summary>
        Declined,
    }

    public static bool MayActOn(Callback callback, Person actor) =>
        (actor.Roles & Supervisors) != 0 || callback.Case.Responsible.Contains(actor.Id, StringComparer.Ordinal);

    /// <summary>The staff callback task, to every responsible member of staff (complaints: the managers together, 第9篇 三).</summary>
    public async Task StaffTaskAsync(Callback callback, Reason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var c = callback.Case;
        var people = await PeopleAsync(c.Responsible, cancellationToken);
        var owner = await OwnerNameAsync(callback.OwnerId, cancellationToken);
        foreach (var person in people)
        {
            var language = TextCatalog.NormalizeLanguage(person.Language);
            var lines = new List<string>
            {
                Texts.Get("StaffTask", language, callback.Id, owner, c.UnitCode, CallbackTexts.TypeName(c.Type, language), c.Summary,
                    department.ToLocal(callback.DueBy).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)),
                Texts.Get($"TaskReason{reason}", language),
            };
            if (c.Type == CaseType.Complaint && people.Count > 1)
                lines.Add(Texts.Get("TaskTogether", language, string.Join(language == TextCatalog.English ? ", " : "、", people.Select(p => p.Name))));
            var word = $"{Texts.Get("WordProxy", language)} {callback.Id}";
            await notifier.NotifyAsync(person.Id, new OutgoingMessage(string.Join("\n", lines), [new Choice(word, word)]),
                $"cb:{callback.Id}:task:{person.Id}", cancellationToken);
        }
    }

    /// <summary>Not satisfied (五.2): a rectification for the responsible staff and an alert to the supervisor(s).</summary>
    public async Task RectificationAsync(Callback callback, CancellationToken cancellationToken)
    {
        var c = callback.Case;
        var responsible = await PeopleAsync(c.Responsible, cancellationToken);
        var owner = await OwnerNameAsync(callback.OwnerId, cancellationToken);
        foreach (var person in responsible)
        {
            var language = TextCatalog.NormalizeLanguage(person.Language);
            var word = $"{Texts.Get("WordRectified", language)} {callback.Id}";
            var text = Texts.Get("Rectification", language, callback.Id, owner, c.UnitCode, CallbackTexts.TypeName(c.Type, language), c.Summary,
                callback.Shortcomings ?? Texts.Get("Nothing", language));
            await notifier.NotifyAsync(person.Id, new OutgoingMessage(text, [new Choice(word, word)]), $"cb:{callback.Id}:rectify:{person.Id}", cancellationToken);
        }
        foreach (var supervisor in await store.PeopleWithAnyRoleAsync(Roles.Supervisor, cancellationToken))
        {
            if (responsible.Any(p => p.Id == supervisor.Id)) continue;
            var language = TextCatalog.NormalizeLanguage(supervisor.Language);
            var text = Texts.Get("SupervisorAlert", language, callback.Id, owner, c.UnitCode, CallbackTexts.TypeName(c.Type, language), c.Summary,
                callback.Shortcomings ?? Texts.Get("Nothing", language),
                string.Join(language == TextCatalog.English ? ", " : "、", responsible.Select(p => p.Name)));
            await notifier.NotifyAsync(supervisor.Id, new OutgoingMessage(text), $"cb:{callback.Id}:alert:{supervisor.Id}", cancellationToken);
        }
    }

    private async Task<List<Person>> PeopleAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var people = new List<Person>();
        foreach (var id in ids)
            if (await store.FindPersonAsync(id, cancellationToken) is { Active: true } person) people.Add(person);
        return people;
    }

    private async Task<string> OwnerNameAsync(string ownerId, CancellationToken cancellationToken) =>
        (await store.FindOwnerAsync(ownerId, cancellationToken))?.FormOfAddress ?? ownerId;
}

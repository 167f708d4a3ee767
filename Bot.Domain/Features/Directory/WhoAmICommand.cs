using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Duty;

namespace Bot.Domain.Features.Directory;

/// <summary>我是谁 / whoami: name, roles, direct superior and today's shift — or, for an owner, the registered units.</summary>
public sealed class WhoAmICommand(IDirectoryStore directory, IRosterStore roster, ShiftSchedule shifts, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = DirectoryTexts.Catalog;

    public CommandInfo Info { get; } = new("whoami", ["我是谁"], ["whoami", "who am i"], Texts, "WhoAmIDescription", Audience.Everyone, HelpOrder: 10, LookUp: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!turn.Sender.IsStaff)
        {
            var owner = await directory.FindOwnerAsync(turn.Sender.Id, cancellationToken);
            var units = owner is null || owner.Units.Count == 0
                ? Texts.Get("WhoAmINone", language)
                : string.Join(language == TextCatalog.English ? ", " : "、", owner.Units.Select(u => u.UnitCode));
            turn.Reply(Texts.Get("WhoAmIOwner", language, turn.Sender.DisplayName, department.PropertyName, units));
            return;
        }

        var person = await directory.FindPersonAsync(turn.Sender.Id, cancellationToken);
        var superior = person?.ReportsToId is { } bossId ? await directory.FindPersonAsync(bossId, cancellationToken) : null;
        var today = department.LocalDate(turn.Now);
        var assignments = await roster.ForPersonAsync(turn.Sender.Id, today, cancellationToken);

        var shiftLines = assignments
            .Select(a => (Assignment: a, Shift: shifts.Find(a.ShiftCode)))
            .OrderBy(x => x.Shift?.Start ?? TimeOnly.MaxValue)
            .Select(x => x.Shift is { } s
                ? Texts.Get("WhoAmIShiftLine", language, s.DisplayName(language), s.Start.ToString("HH:mm", CultureInfo.InvariantCulture), s.End.ToString("HH:mm", CultureInfo.InvariantCulture), x.Assignment.Post)
                : Texts.Get("WhoAmIShiftLine", language, x.Assignment.ShiftCode, "?", "?", x.Assignment.Post))
            .ToList();

        turn.Reply(Texts.Get("WhoAmIStaff", language,
            turn.Sender.DisplayName,
            RoleNames.Display(turn.Sender.Roles, language),
            superior?.Name ?? Texts.Get("WhoAmINone", language),
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            shiftLines.Count == 0 ? Texts.Get("WhoAmINoShift", language) : string.Join("\n", shiftLines)));
    }
}

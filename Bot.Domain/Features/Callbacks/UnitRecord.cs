using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// 业户 3-1-502: a unit's record on one screen (第15篇 2.2: the owner's files kept so they can be looked up and followed up
/// at any time) — its owners (never their phone: 业主电话 asks the supervisor, 第11篇 3), their recent messages, the
/// unit's cases and callbacks, its key, its archive file and the calls about it. For the front desk when the owner calls.
/// </summary>
public sealed class UnitRecordCommand(ICallbackStore store, IEnumerable<IUnitFacts> facts) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public CommandInfo Info { get; } = new("unit-record", ["业户", "业户记录", "房屋记录"], ["unit record", "unit"], Texts, "UnitRecordDescription",
        HelpOrder: 36, LookUp: true, AboutUnit: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var code = TextInput.Normalize(arguments).Trim().Split(' ', 2)[0];
        if (code.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("UnitRecordUsage", language));
            return;
        }
        if (!await store.UnitExistsAsync(code, cancellationToken)) throw new BotRuleException(Texts, "UnitRecordUnknown", code);
        var owners = await store.OwnersOfUnitAsync(code, cancellationToken);
        var lines = new List<string>
        {
            Texts.Get("UnitRecordTitle", language, code),
            owners.Count == 0
                ? Texts.Get("UnitRecordNoOwner", language)
                : Texts.Get("UnitRecordOwners", language, string.Join(language == TextCatalog.English ? ", " : "、", owners.Select(o => o.FormOfAddress == o.Name ? o.Name : $"{o.FormOfAddress}（{o.Name}）"))),
        };
        var asked = new UnitAsked(code, [.. owners.Select(o => o.Id)], turn.Sender, turn.Now, language);
        foreach (var source in facts.OrderBy(f => f.Order)) lines.AddRange((await source.AboutAsync(asked, cancellationToken)).Select(l => "· " + l));
        if (lines.Count == 2) lines.Add(Texts.Get("UnitRecordNothing", language));
        var phone = Texts.Get("WordOwnerPhone", language);
        turn.Reply(string.Join("\n", lines), owners.Count == 0 ? null : [new Choice($"{phone} {code}", phone)]);
    }
}

/// <summary>The owners' recent messages (留言) and where each stands, for the unit's record.</summary>
public sealed class OwnerMessageUnitFacts(IEscalationStore escalations, DepartmentProfile department) : IUnitFacts
{
    public int Order => 10;

    public async Task<IReadOnlyList<string>> AboutAsync(UnitAsked unit, CancellationToken cancellationToken)
    {
        if (unit.OwnerIds.Count == 0) return [];
        return [.. (await escalations.RaisedByAsync(OwnerMessageCommand.Kind, unit.OwnerIds, 5, cancellationToken)).Select(c => CallbackTexts.Catalog.Get("UnitFactMessage",
            unit.Language, c.Id, department.ToLocal(c.RaisedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), OwnerMessages.Said(c.Details),
            EscalationTexts.StatusName(c.Status, unit.Language)))];
    }
}

/// <summary>The unit's recent cases (complaints, repairs …) and how their callbacks went, for the unit's record (第9篇).</summary>
public sealed class CallbackUnitFacts(ICallbackStore store, DepartmentProfile department) : IUnitFacts
{
    public int Order => 20;

    public async Task<IReadOnlyList<string>> AboutAsync(UnitAsked unit, CancellationToken cancellationToken)
    {
        var language = unit.Language;
        var lines = new List<string>();
        foreach (var c in await store.CasesOfUnitAsync(unit.Code, 5, cancellationToken))
        {
            var latest = c.Callbacks.MaxBy(b => b.Id);
            var state = latest switch
            {
                null => CallbackTexts.Catalog.Get("UnitFactNoCallback", language),
                { Status: CallbackStatus.Done, Overall: { } overall } => CallbackTexts.Catalog.Get("UnitFactCallbackDone", language, CallbackTexts.RatingName(overall, language)),
                _ => CallbackTexts.Catalog.Get("UnitFactCallbackPending", language),
            };
            lines.Add(CallbackTexts.Catalog.Get("UnitFactCase", language, CallbackTexts.TypeName(c.Type, language), c.Id, c.Summary,
                department.ToLocal(c.CompletedAt).ToString("MM-dd", CultureInfo.InvariantCulture), state));
        }
        return lines;
    }
}

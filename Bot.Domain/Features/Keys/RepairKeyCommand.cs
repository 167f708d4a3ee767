using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Keys;

/// <summary>
/// 钥匙修好 / 已配新钥匙 [钥匙]: the custodian (or a supervisor) records that a key reported damaged (钥匙损坏, 第4篇
/// 1.2.7) has been repaired or replaced. The damage mark is cleared — the key may be lent again, or stays with its holder
/// when its loan is still open — the step goes on the key's custody trail with who and when, and whoever reported the
/// damage is told; the case the damage raised with the department manager ends with it. A key not marked damaged is left as it is.
/// </summary>
public sealed class RepairKeyCommand(IKeyStore store, KeyDesk desk, EscalationService escalations, IDirectoryStore directory, bool replaced) : IBotCommand
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public CommandInfo Info { get; } = replaced
        ? new("key-replaced", ["已配新钥匙", "钥匙已配新", "配了新钥匙"], ["key replaced"], Texts, "ReplacedDescription",
            Roles: KeyDesk.Overseers, HelpOrder: 51, ListedFor: Roles.KeyCustodian)
        : new("key-repaired", ["钥匙修好", "钥匙已修复", "钥匙修好了", "钥匙已修好"], ["key repaired"], Texts, "RepairedDescription",
            Roles: KeyDesk.Overseers, HelpOrder: 50, ListedFor: Roles.KeyCustodian);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (arguments.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("RepairUsage", language, Info.WordFor(language)));
            return;
        }
        // "钥匙修好 3-1-502 重新配了齿": the key, and what was done, kept on the trail.
        var (key, said) = await desk.ResolveLeadingAsync(arguments, KeyDesk.Again(Info, language), cancellationToken);
        if (key.Status != KeyStatus.Damaged)
            throw new BotRuleException(Texts, "RepairNotDamaged", KeyDesk.Describe(key), KeysTexts.Status(key.Status, language));

        // A damaged key still out keeps its loan (钥匙损坏 leaves it open): repaired, it is simply out again.
        var loan = await store.OpenLoanAsync(key.Code, cancellationToken);
        key.Status = loan is { IsOut: true } ? KeyStatus.Out : KeyStatus.In;
        var note = said is { Length: > 0 } ? (said.Length > 200 ? said[..200] : said) : null;
        desk.Record(key.Code, replaced ? KeyEventKind.Replaced : KeyEventKind.Repaired, turn.Sender.Id, turn.Now, loan?.Id, note);

        var done = Texts.Get(replaced ? "RepairKindReplaced" : "RepairKindRepaired", language);
        var when = KeysTexts.Clock(turn.Now, desk.Department);
        var reply = loan is { IsOut: true }
            ? Texts.Get("RepairedStillOut", language, KeyDesk.Describe(key), done, when, await desk.NameAsync(loan.HolderId, cancellationToken), loan.Id)
            : Texts.Get("RepairedIn", language, KeyDesk.Describe(key), done, when, key.StoragePlace);

        // Whoever reported the damage hears it is dealt with (the custodian who repaired it knows already).
        var report = await store.LatestIncidentAsync(key.Code, IncidentKind.Damaged, cancellationToken);
        var reporterTold = report is not null && report.ReporterId != turn.Sender.Id
            && await desk.TellAsync(report.ReporterId, $"keys:repaired:{key.Code}:{report.Id}", l =>
                (Texts.Get("RepairedToReporter", l, KeyDesk.Describe(key), report.Id, turn.Sender.DisplayName,
                    Texts.Get(replaced ? "RepairKindReplaced" : "RepairKindRepaired", l), when), null), cancellationToken);
        if (reporterTold) reply += Texts.Get("RepairedReporterTold", language, await desk.NameAsync(report!.ReporterId, cancellationToken));
        // 第4篇 1.2.7: the damage went to the department manager as a case; the key mended, the case ends with it rather
        // than climbing on to the general manager. Those it alerted are told once by it (the reporter has just been).
        if (report?.EscalationId is { } caseId && await directory.FindPersonAsync(turn.Sender.Id, cancellationToken) is { } actor
            && await escalations.CloseWithAsync(caseId, actor, Texts.Get("RepairCaseNote", TextCatalog.Chinese, KeyDesk.Describe(key),
                    Texts.Get(replaced ? "RepairKindReplaced" : "RepairKindRepaired", TextCatalog.Chinese)) + (note is null ? "" : $"（{note}）"), turn.Now, cancellationToken,
                    alreadyTold: reporterTold ? await directory.FindPersonAsync(report.ReporterId, cancellationToken) : null) is { } told)
            reply += told.Count == 0
                ? Texts.Get("RepairCaseClosedAlone", language, caseId)
                : Texts.Get("RepairCaseClosed", language, caseId, string.Join("、", told));
        turn.Reply(reply);
    }
}

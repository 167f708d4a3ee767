using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Duty;

internal static partial class DutyLogInput
{
    public static readonly string[] ListWords = ["查看", "今天", "列表", "list", "view", "today"];
    public static readonly string[] StillOpenWords = ["处理中", "未处理", "跟进中", "in progress", "open", "pending"];

    // Words that say the matter is not over yet ("已通知维修部，明天上午来修"): such a handling is asked about once more.
    // 待 only in its "still to do" words: 接待 (receiving an owner) is the desk's daily work, not an open matter.
    private static readonly string[] PendingMarks = ["明天", "明早", "明日", "稍后", "晚点", "尚未", "还没", "还未", "正在", "跟进", "等候", "等待",
        "待修", "待维修", "待处理", "待跟进", "待确认", "待回复", "待定", "有待"];

    public static bool SoundsPending(string handling) => PendingMarks.Any(m => handling.Contains(m, StringComparison.Ordinal));

    /// <summary>
    /// The whole answer says only that the matter is not dealt with yet — 还在弄, 还没处理, 正在处理, 处理中, 还没好, 未处理,
    /// 在处理, 等维保 — so it is the 处理中 button typed, not what was done: the entry stays open (第2篇 1.3) and, for a
    /// major event, keeps the shift from being handed over (第1篇 2.4).
    /// </summary>
    public static bool SaysNotDoneYet(string answer) =>
        IsOneOf(answer, StillOpenWords) || NotDoneYet().IsMatch(TextInput.ForMatching(answer).Replace(" ", "", StringComparison.Ordinal));

    [GeneratedRegex(@"^(?:(?:还|仍|仍然|目前|现在)?(?:正在|在)(?:弄|处理|修|搞|跟进|抢修|维修|救援|救人|排查)(?:中)?"
        + @"|(?:还|仍|目前)?(?:没|没有|未|尚未|还未)(?:处理|弄|修|搞|解决|救出)(?:好|完)?"
        + @"|(?:还|仍)?(?:没|没有|未)(?:好|完)"
        + @"|(?:处理|维修|抢修|跟进|进行|救援)中"
        + @"|(?:还|正|正在|还在)?等(?:待|候|着)?(?:维保|维修|工程部|电梯公司|厂家|师傅|消防|救援)(?:来|过来|到场)?(?:处理|修)?)"
        + @"[呢啊呀哦了吧嘛…\.。!！]*$")]
    private static partial Regex NotDoneYet();

    /// <summary>"12 说明" or "#12 说明": the number and what follows it.</summary>
    public static (long? Id, string Remainder) Number(string arguments)
    {
        var parts = TextInput.Normalize(arguments).TrimStart('#', '＃').Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (id, parts.Length > 1 ? parts[1] : "")
            : (null, TextInput.Normalize(arguments));
    }

    public static bool IsOneOf(string text, IEnumerable<string> words) => words.Contains(TextInput.ForMatching(text), StringComparer.Ordinal);

    public const Roles Supervisors = Roles.ShiftLead | Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;
}

/// <summary>
/// 值班记录 / duty log: the person on duty records what happened, its kind (一般 / 重大事件 / 设备启停) and how it was
/// handled, or 处理中 while it is still open (第2篇 1.3). "值班记录 查看" lists the day's entries of the post.
/// </summary>
public sealed class DutyLogCommand(DutyLogService log, IDutyLogStore store, IDirectoryStore directory, DepartmentProfile department) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;
    private const string WhatStep = "what";
    private const string KindStep = "kind";
    private const string HandlingStep = "handling";
    private const string SettledStep = "settled";
    private const string OpenValue = "open", DoneValue = "done";
    private const int MaxButtons = 6;

    public string Name => "duty-log";

    public CommandInfo Info { get; } = new("duty-log", ["值班记录", "值班日志"], ["duty log"], Texts, "LogDescription", HelpOrder: 11, RecordsText: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (DutyLogInput.IsOneOf(arguments, DutyLogInput.ListWords))
        {
            await ListAsync(turn, cancellationToken);
            return;
        }
        if (arguments.Length == 0)
        {
            turn.AskInFlow(this, WhatStep, Texts.Get("LogAskWhat", turn.Language));
            return;
        }
        AskKind(turn, turn.AsTyped(arguments));
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = turn.Said;
        switch (turn.State.Step)
        {
            case WhatStep when answer.Length > 0:
                AskKind(turn, answer);
                return;
            case KindStep when ParseKind(turn.Choice?.Value ?? answer) is { } kind:
                turn.State.Data["kind"] = kind.ToString();
                var stillOpen = Texts.Get("StillOpen", turn.Language);
                turn.AskInFlow(this, HandlingStep, Texts.Get("LogAskHandling", turn.Language), [new Choice(stillOpen, stillOpen)], textAnswersToo: true);
                return;
            case KindStep:
                AskKind(turn, turn.State.Data.GetValueOrDefault("what") ?? "", Texts.Get("LogKindNotUnderstood", turn.Language));
                return;
            case HandlingStep when answer.Length > 0 && Enum.TryParse<DutyLogKind>(turn.State.Data.GetValueOrDefault("kind"), out var chosen)
                                   && turn.State.Data.GetValueOrDefault("what") is { Length: > 0 } what:
                if (DutyLogInput.SaysNotDoneYet(answer))
                {
                    turn.EndFlow();
                    await RecordAsync(turn, chosen, what, null, cancellationToken);
                    return;
                }
                if (DutyLogInput.SoundsPending(answer))
                {
                    // 第2篇 1.3, 第1篇 1.3: an open matter is handed over to the next shift; one recorded as handled is not.
                    turn.State.Data["handling"] = answer.Length > 500 ? answer[..500] : answer;
                    AskSettled(turn, answer);
                    return;
                }
                turn.EndFlow();
                await RecordAsync(turn, chosen, what, answer, cancellationToken);
                return;
            case SettledStep when Enum.TryParse<DutyLogKind>(turn.State.Data.GetValueOrDefault("kind"), out var kindSoFar)
                                  && turn.State.Data.GetValueOrDefault("what") is { Length: > 0 } matter
                                  && turn.State.Data.GetValueOrDefault("handling") is { Length: > 0 } handlingSoFar:
                var settled = turn.Choice?.Value switch
                {
                    OpenValue => false,
                    DoneValue => true,
                    _ when DutyLogInput.SaysNotDoneYet(answer) => false,
                    _ => (bool?)null,
                };
                if (settled is not { } done)
                {
                    AskSettled(turn, handlingSoFar);
                    return;
                }
                turn.EndFlow();
                // Still open: what was done so far stays with the matter, and 结案 later records the result.
                if (done) await RecordAsync(turn, kindSoFar, matter, handlingSoFar, cancellationToken);
                else await RecordAsync(turn, kindSoFar, Texts.Get("LogWhatSoFar", turn.Language, matter, handlingSoFar), null, cancellationToken);
                return;
            default:
                turn.Reply(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", turn.Language));
                return;
        }
    }

    private void AskSettled(TurnContext turn, string handling) =>
        turn.AskInFlow(this, SettledStep, Texts.Get("LogAskSettled", turn.Language, handling),
            [new Choice(OpenValue, Texts.Get("StillOpen", turn.Language)), new Choice(DoneValue, Texts.Get("LogDoneLabel", turn.Language))]);

    private void AskKind(TurnContext turn, string what, string? before = null)
    {
        turn.State.Data["what"] = what.Length > 500 ? what[..500] : what;
        var language = turn.Language;
        Choice Option(DutyLogKind kind) => new(kind.ToString(), DutyLogTexts.KindName(kind, language));
        var text = Texts.Get("LogAskKind", language);
        turn.AskInFlow(this, KindStep, before is null ? text : before + "\n" + text,
            [Option(DutyLogKind.General), Option(DutyLogKind.MajorEvent), Option(DutyLogKind.EquipmentSwitching)]);
    }

    private static DutyLogKind? ParseKind(string text) => TextInput.ForMatching(text) switch
    {
        "general" or "一般" or "普通" => DutyLogKind.General,
        "majorevent" or "major" or "major event" or "重大事件" or "重大" => DutyLogKind.MajorEvent,
        "equipmentswitching" or "equipment" or "设备启停" or "设备" or "设备启动" or "设备停机" => DutyLogKind.EquipmentSwitching,
        _ => null,
    };

    private async Task RecordAsync(TurnContext turn, DutyLogKind kind, string what, string? handling, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var entry = await log.RecordAsync(turn.Sender.Id, kind, what, handling, turn.Now, cancellationToken);
        var lines = new List<string>
        {
            entry.IsOpen
                ? Texts.Get("LogRecordedOpen", language, entry.Id, DutyLogTexts.KindName(kind, language))
                : Texts.Get("LogRecorded", language, entry.Id, DutyLogTexts.KindName(kind, language)),
        };
        if (kind == DutyLogKind.MajorEvent) lines.Add(Texts.Get("MajorEventTold", language));
        if (entry.ReportDueAt is { } due)
            lines.Add(Texts.Get("ReportDueNote", language, department.ToLocal(due).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), entry.Id));
        if (kind == DutyLogKind.EquipmentSwitching && entry.IsOpen) lines.Add(Texts.Get("EquipmentBlocksHandover", language, entry.Id));
        turn.Reply(string.Join("\n", lines));
    }

    private async Task ListAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        await log.SettleEmergenciesAsync(cancellationToken);
        var current = await log.CurrentShiftAsync(turn.Sender.Id, turn.Now, cancellationToken);
        var date = current?.Assignment.Date ?? department.LocalDate(turn.Now);
        var post = current?.Assignment.Post;
        var entries = await store.EntriesOnAsync(date, post, cancellationToken);
        var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var where = post ?? Texts.Get("AllPosts", language);
        if (entries.Count == 0)
        {
            turn.Reply(Texts.Get("ListEmpty", language, dateText, where));
            return;
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<string> { Texts.Get("ListTitle", language, dateText, where, entries.Count) };
        foreach (var entry in entries)
        {
            if (!names.TryGetValue(entry.RecordedById, out var name))
                names[entry.RecordedById] = name = (await directory.FindPersonAsync(entry.RecordedById, cancellationToken))?.Name ?? entry.RecordedById;
            lines.Add(log.Describe(entry, language, name));
        }
        var close = Texts.Get("CloseWord", language);
        var choices = entries.Where(e => e.IsOpen).Take(MaxButtons)
            .Select(e => new Choice($"{close} {e.Id}", Texts.Get("CloseButton", language, e.Id))).ToList();
        if (choices.Count > 0)
        {
            lines.Add(Texts.Get("ListCloseHint", language));
            turn.Ask(string.Join("\n", lines), choices);
        }
        else turn.Reply(string.Join("\n", lines));
    }
}

/// <summary>
/// 结案 / close: closes an open entry with how it was handled. An emergency's escalation is closed with it, whoever
/// closes the entry, and those it reached are told.
/// </summary>
public sealed class CloseDutyLogEntryCommand(DutyLogService log, IDutyLogStore store, IDirectoryStore directory, EscalationService escalations)
    : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;
    private const string NoteStep = "note";
    private const int MaxButtons = 6;

    public string Name => "duty-log-close";

    public CommandInfo Info { get; } = new("duty-log-close", ["结案", "关闭记录"], ["close entry", "close"], Texts, "CloseDescription", HelpOrder: 12);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var (id, note) = DutyLogInput.Number(arguments);
        note = turn.AsTyped(note);
        if (id is null)
        {
            await AskWhichAsync(turn, cancellationToken);
            return;
        }
        var entry = await CheckAsync(turn, id.Value, cancellationToken);
        if (entry is null) return;
        if (note.Length == 0)
        {
            turn.State.Data["entry"] = id.Value.ToString(CultureInfo.InvariantCulture);
            turn.AskInFlow(this, NoteStep, Texts.Get("CloseAskNote", turn.Language, id.Value));
            return;
        }
        await CloseAsync(turn, entry, note, cancellationToken);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = turn.Said;
        if (!long.TryParse(turn.State.Data.GetValueOrDefault("entry"), CultureInfo.InvariantCulture, out var id))
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", turn.Language));
            return;
        }
        if (answer.Length == 0)
        {
            turn.Reply(Texts.Get("CloseAskNote", turn.Language, id));
            return;
        }
        turn.EndFlow();
        if (await CheckAsync(turn, id, cancellationToken) is { } entry) await CloseAsync(turn, entry, answer, cancellationToken);
    }

    private async Task AskWhichAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = new List<DutyLogEntry>();
        foreach (var entry in await store.OpenEntriesAsync(cancellationToken))
            if (await log.MayCloseAsync(turn.Sender, entry, turn.Now, cancellationToken)) mine.Add(entry);
        if (mine.Count == 0)
        {
            turn.Reply(Texts.Get("NothingOpen", turn.Language));
            return;
        }
        var close = Texts.Get("CloseWord", turn.Language);
        turn.Ask(Texts.Get("CloseWhich", turn.Language),
            [.. mine.Take(MaxButtons).Select(e => new Choice($"{close} {e.Id}", Texts.Get("OpenEntryButton", turn.Language, e.Id, Short(e.What))))]);
    }

    private async Task<DutyLogEntry?> CheckAsync(TurnContext turn, long id, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var entry = await store.FindEntryAsync(id, cancellationToken);
        if (entry is null)
        {
            turn.Reply(Texts.Get("EntryNotFound", language, id));
            return null;
        }
        if (!entry.IsOpen)
        {
            var by = entry.ClosedById is { } closer ? (await directory.FindPersonAsync(closer, cancellationToken))?.Name ?? closer : "";
            turn.Reply(Texts.Get("AlreadyClosed", language, id, by));
            return null;
        }
        if (!await log.MayCloseAsync(turn.Sender, entry, turn.Now, cancellationToken))
        {
            turn.Reply(Texts.Get("MayNotClose", language, id));
            return null;
        }
        return entry;
    }

    private async Task CloseAsync(TurnContext turn, DutyLogEntry entry, string note, CancellationToken cancellationToken)
    {
        entry.Close(turn.Sender.Id, note.Length > 500 ? note[..500] : note, turn.Now);
        var reply = Texts.Get("Closed", turn.Language, entry.Id, DutyLogTexts.KindName(entry.Kind, turn.Language));
        // The escalation raised for it (紧急) ends with it, whoever closes it: left open it went on climbing to 客服部经理
        // and 总经理 about a matter already settled. Those it alerted are told once, by the escalation's own notice.
        if (entry.EscalationId is { } caseId && await directory.FindPersonAsync(turn.Sender.Id, cancellationToken) is { } actor
            && await escalations.CloseWithAsync(caseId, actor, note, turn.Now, cancellationToken) is { } told)
            reply += "\n" + (told.Count == 0
                ? Texts.Get("ClosedEscalationAlone", turn.Language, caseId)
                : Texts.Get("ClosedEscalation", turn.Language, caseId, string.Join(DutyLogTexts.Separator(turn.Language), told)));
        turn.Reply(reply);
    }

    internal static string Short(string text) => text.Length > 20 ? text[..20] + "…" : text;
}

/// <summary>
/// 事件报告 / incident report: the written report of a major event or emergency, due the next day (第2篇 1.6, 2.3),
/// asked for step by step — 经过, 原因, 处理, 损失, 改进 — and sent to 客服部经理. Once written it is read here too:
/// 事件报告 alone lists recent ones for 客服主任 and above (who have none to write), 事件报告 N shows one in full to them and
/// to whoever wrote it or recorded the event; to others it stays closed (personal and incident records are confidential, 第5篇 1.5).
/// </summary>
public sealed class IncidentReportCommand(IDutyLogStore store, IEscalationDirectory people, INotifier notifier, DepartmentProfile department,
    EscalationService escalations)
    : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;
    private static readonly string[] Steps = ["course", "cause", "handling", "loss", "improvement"];

    public string Name => "incident-report";

    public CommandInfo Info { get; } = new("incident-report", ["事件报告", "书面报告", "查看报告", "看报告"], ["incident report", "view report"], Texts, "ReportDescription", HelpOrder: 14);

    /// <summary>Who reads any written report: 客服主任 and above, to whom major events are reported (第2篇 1.6, 2.3; 第3篇 1.3).</summary>
    public const Roles Readers = Roles.Supervisor | Roles.DepartmentManager | Roles.GeneralManager;

    private const int RecentCount = 8;

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var (id, _) = DutyLogInput.Number(arguments);
        if (id is null)
        {
            var owed = await store.ReportsOwedByAsync(turn.Sender.Id, cancellationToken);
            if (owed.Count == 0 && turn.Sender.HasAny(Readers))
            {
                await ListAsync(turn, cancellationToken);
                return;
            }
            if (owed.Count == 0)
            {
                // Said what the report is and where it starts: someone who has just had an incident most likely wants to record it.
                var logWord = Texts.Get("LogWord", turn.Language);
                turn.Ask(Texts.Get("NoReportsOwed", turn.Language, logWord), [new Choice(logWord, logWord)]);
                return;
            }
            if (owed.Count > 1)
            {
                var word = Texts.Get("ReportWord", turn.Language);
                turn.Ask(Texts.Get("ReportWhich", turn.Language),
                    [.. owed.Take(6).Select(e => new Choice($"{word} {e.Id}", Texts.Get("OpenEntryButton", turn.Language, e.Id, CloseDutyLogEntryCommand.Short(e.What))))]);
                return;
            }
            id = owed[0].Id;
        }
        // Written already: read, by those who may.
        if (await store.FindReportAsync(id.Value, cancellationToken) is { } written)
        {
            await ShowAsync(turn, written, cancellationToken);
            return;
        }
        if (await CheckAsync(turn, id.Value, cancellationToken) is not { } entry) return;
        turn.State.Data["entry"] = entry.Id.ToString(CultureInfo.InvariantCulture);
        turn.AskInFlow(this, Steps[0], Texts.Get("ReportStart", turn.Language, entry.Id, entry.What) + "\n" + Texts.Get("ReportAsk_course", turn.Language));
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = turn.Said;
        var index = Array.IndexOf(Steps, turn.State.Step);
        if (index < 0 || !long.TryParse(turn.State.Data.GetValueOrDefault("entry"), CultureInfo.InvariantCulture, out var id))
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", turn.Language));
            return;
        }
        if (answer.Length == 0)
        {
            turn.Reply(Texts.Get($"ReportAsk_{Steps[index]}", turn.Language));
            return;
        }
        turn.State.Data[Steps[index]] = answer.Length > 2000 ? answer[..2000] : answer;
        if (index + 1 < Steps.Length)
        {
            turn.AskInFlow(this, Steps[index + 1], Texts.Get($"ReportAsk_{Steps[index + 1]}", turn.Language));
            return;
        }
        var data = new Dictionary<string, string>(turn.State.Data, StringComparer.Ordinal);
        turn.EndFlow();
        // Checked again: someone may have written it meanwhile.
        if (await CheckAsync(turn, id, cancellationToken) is not { } entry) return;
        var report = new IncidentReport
        {
            EntryId = entry.Id, Course = data["course"], Cause = data["cause"], Handling = data["handling"], Loss = data["loss"],
            Improvement = data["improvement"], WrittenById = turn.Sender.Id, WrittenAt = turn.Now,
        };
        store.Add(report);
        var overdue = entry.Report == ReportStage.Overdue;
        entry.ReportWritten();
        // Late, the report was escalated as missing: written now, that case has lifted, so it stops climbing and those
        // it reached hear so.
        if (overdue && await people.FindPersonAsync(turn.Sender.Id, cancellationToken) is { } writer)
            await escalations.SettleAsync(DutyLogWatch.ReportMissingKind, DutyLogWatch.ReportMissingSubject(entry), writer,
                Texts.Get("ReportMissingSettled", TextCatalog.Chinese, writer.Name, department.ToLocal(turn.Now).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)),
                turn.Now, cancellationToken);
        await SendToManagersAsync(entry, report, turn.Sender.DisplayName, cancellationToken);
        turn.Reply(Texts.Get("ReportSaved", turn.Language, entry.Id));
    }

    private async Task<DutyLogEntry?> CheckAsync(TurnContext turn, long id, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var entry = await store.FindEntryAsync(id, cancellationToken);
        if (entry is null)
        {
            turn.Reply(Texts.Get("EntryNotFound", language, id));
            return null;
        }
        if (!DutyLogEntry.NeedsReport(entry.Kind))
        {
            turn.Reply(Texts.Get("NoReportNeeded", language, id));
            return null;
        }
        if (entry.Report == ReportStage.Written)
        {
            turn.Reply(Texts.Get("ReportAlreadyWritten", language, id));
            return null;
        }
        if (entry.RecordedById != turn.Sender.Id && !turn.Sender.HasAny(DutyLogInput.Supervisors))
        {
            turn.Reply(Texts.Get("ReportNotYours", language, id));
            return null;
        }
        return entry;
    }

    private async Task ListAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var recent = await store.RecentReportsAsync(RecentCount, cancellationToken);
        if (recent.Count == 0)
        {
            turn.Reply(Texts.Get("ReportsNoneYet", language));
            return;
        }
        var word = Texts.Get("ReportWord", language);
        var lines = new List<string> { Texts.Get("ReportsRecentTitle", language, recent.Count) };
        var choices = new List<Choice>();
        foreach (var (report, entry) in recent)
        {
            var writer = (await people.FindPersonAsync(report.WrittenById, cancellationToken))?.Name ?? report.WrittenById;
            var line = Texts.Get("ReportsRecentLine", language, entry.Id, CloseDutyLogEntryCommand.Short(entry.What), writer,
                department.ToLocal(report.WrittenAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture));
            lines.Add(line);
            choices.Add(new Choice($"{word} {entry.Id}", Texts.Get("OpenEntryButton", language, entry.Id, CloseDutyLogEntryCommand.Short(entry.What))));
        }
        turn.Ask(string.Join("\n", lines), choices);
    }

    private async Task ShowAsync(TurnContext turn, IncidentReport report, CancellationToken cancellationToken)
    {
        var entry = await store.FindEntryAsync(report.EntryId, cancellationToken);
        if (entry is null || (report.WrittenById != turn.Sender.Id && entry.RecordedById != turn.Sender.Id && !turn.Sender.HasAny(Readers)))
        {
            turn.Reply(Texts.Get("ReportNotForYou", turn.Language, report.EntryId));
            return;
        }
        var writer = (await people.FindPersonAsync(report.WrittenById, cancellationToken))?.Name ?? report.WrittenById;
        // Its writer asking for it again is told first that nothing more is owed.
        turn.Reply((turn.Sender.HasAny(Readers) ? "" : Texts.Get("ReportAlreadyWritten", turn.Language, entry.Id) + "\n") + Text(entry, report, writer, turn.Language));
    }

    /// <summary>The report as 客服部经理 receives it, with when it was written.</summary>
    private string Text(DutyLogEntry entry, IncidentReport report, string writer, string language) =>
        Texts.Get("ReportToManager", language, entry.Id, entry.What, writer,
            department.ToLocal(entry.RecordedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
            report.Course, report.Cause, report.Handling, report.Loss, report.Improvement)
        + "\n" + Texts.Get("ReportWrittenAt", language, department.ToLocal(report.WrittenAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture));

    private async Task SendToManagersAsync(DutyLogEntry entry, IncidentReport report, string writer, CancellationToken cancellationToken)
    {
        foreach (var manager in await people.PeopleAtAsync(EscalationLevel.DepartmentManager, report.WrittenAt, cancellationToken))
        {
            var language = TextCatalog.NormalizeLanguage(manager.Language);
            var text = Texts.Get("ReportToManager", language, entry.Id, entry.What, writer,
                department.ToLocal(entry.RecordedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                report.Course, report.Cause, report.Handling, report.Loss, report.Improvement);
            // The report in the message, and a button that shows it again later (事件报告 N), when the message has scrolled away.
            var word = Texts.Get("ReportWord", language);
            await notifier.NotifyAsync(manager.Id, new OutgoingMessage(text, [new Choice($"{word} {entry.Id}", Texts.Get("ReportViewLabel", language))]),
                $"dutylog:report:{entry.Id}:{manager.Id}", cancellationToken);
        }
    }
}

/// <summary>
/// 巡查 / round: walks the configured areas one by one (第2篇 1.4) — 正常, or 有问题 and what; each problem becomes an
/// open duty-log entry. It completes the person's oldest round that is due and not yet done.
/// </summary>
public sealed class InspectionRoundCommand(DutyLogService log, IDutyLogStore store, DutyLogPolicy policy, DepartmentProfile department)
    : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;
    private const string AreaStep = "area";
    private const string ProblemStep = "problem";
    private const string Ok = "ok";
    private const string Problem = "problem";

    public string Name => "inspection-round";

    public CommandInfo Info { get; } = new("inspection-round", ["巡查", "巡视", "巡楼"], ["round", "inspection round"], Texts, "RoundDescription", HelpOrder: 13, ListedFor: Roles.Staff);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var current = await log.CurrentShiftAsync(turn.Sender.Id, turn.Now, cancellationToken);
        if (current is null || !policy.IsDutyPost(current.Assignment.Post))
        {
            turn.Reply(Texts.Get("RoundNotOnDuty", language));
            return;
        }
        var due = (await store.RoundsOnAsync(current.Assignment.Date, cancellationToken))
            .Where(r => !r.IsDone && r.DueAt <= turn.Now && string.Equals(r.ShiftCode, current.Assignment.ShiftCode, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.DueAt)
            .FirstOrDefault();
        if (due is null)
        {
            var next = policy.Inspection.RoundsOf(current.Assignment.ShiftCode)
                .Select(t => ShiftInstant(current, t))
                .Where(t => t > turn.Now && t < current.End)
                .Order()
                .Select(t => department.ToLocal(t).ToString("HH:mm", CultureInfo.InvariantCulture))
                .FirstOrDefault();
            turn.Reply(next is null ? Texts.Get("NoRoundDue", language) : Texts.Get("NoRoundDueNext", language, next));
            return;
        }
        turn.State.Data["round"] = due.Id.ToString(CultureInfo.InvariantCulture);
        turn.State.Data["index"] = "0";
        AskArea(turn, 0, Texts.Get("RoundStart", language, department.ToLocal(due.DueAt).ToString("HH:mm", CultureInfo.InvariantCulture), policy.Inspection.Areas.Count));
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var answer = turn.Said;
        if (!int.TryParse(turn.State.Data.GetValueOrDefault("index"), CultureInfo.InvariantCulture, out var index)
            || index < 0 || index >= policy.Inspection.Areas.Count)
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", language));
            return;
        }
        var area = policy.Inspection.Areas[index];
        string? saidBack = null;
        if (turn.State.Step == ProblemStep)
        {
            if (answer.Length == 0)
            {
                turn.Reply(Texts.Get("RoundAskProblem", language, area));
                return;
            }
            turn.State.Data[$"problem:{index}"] = answer.Length > 500 ? answer[..500] : answer;
        }
        else
        {
            // A button (or its number) says which; typed words are read as every check question reads them (CheckAnswer).
            var verdict = turn.Choice?.Value switch
            {
                Ok => new CheckVerdict(true, null),
                Problem => new CheckVerdict(false, null),
                _ => turn.Choice is null ? CheckAnswer.Read(answer) ?? (CheckAnswer.IsAllOk(answer) ? new CheckVerdict(true, null) : null) : null,
            };
            if (verdict is { Ok: true })
            {
                // nothing to note: the area is fine
            }
            else if (verdict is { Note: null })
            {
                turn.AskInFlow(this, ProblemStep, Texts.Get("RoundAskProblem", language, area));
                return;
            }
            else if (verdict is { Note: { } note })
            {
                // "有问题 消防通道堆放杂物": the problem and what it is at once.
                turn.State.Data[$"problem:{index}"] = note.Length > 500 ? note[..500] : note;
            }
            else if (turn.Message.ChoiceValue is null && CheckAnswer.DescribesSomething(answer))
            {
                // "消防通道堆放杂物" typed straight away: what was found, not a word the round does not know. Taken as the
                // problem, and said back before the next area, so a wrong guess is seen at once.
                var found = answer.Length > 500 ? answer[..500] : answer;
                turn.State.Data[$"problem:{index}"] = found;
                saidBack = Texts.Get("RoundProblemTaken", language, area, found);
            }
            else
            {
                AskArea(turn, index, Texts.Get("RoundNotUnderstood", language));
                return;
            }
        }
        if (index + 1 < policy.Inspection.Areas.Count)
        {
            turn.State.Data["index"] = (index + 1).ToString(CultureInfo.InvariantCulture);
            AskArea(turn, index + 1, saidBack);
            return;
        }
        await FinishAsync(turn, cancellationToken);
    }

    private void AskArea(TurnContext turn, int index, string? before)
    {
        var language = turn.Language;
        var text = Texts.Get("RoundAskArea", language, index + 1, policy.Inspection.Areas.Count, policy.Inspection.Areas[index]);
        // A finding typed in words is the area's problem, so a command typed here is held back once rather than written in.
        turn.AskInFlow(this, AreaStep, before is null ? text : before + "\n" + text,
            [new Choice(Ok, Texts.Get("RoundOk", language)), new Choice(Problem, Texts.Get("RoundProblem", language))], textAnswersToo: true);
    }

    private async Task FinishAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var data = new Dictionary<string, string>(turn.State.Data, StringComparer.Ordinal);
        turn.EndFlow();
        if (!long.TryParse(data.GetValueOrDefault("round"), CultureInfo.InvariantCulture, out var roundId)
            || await store.FindRoundAsync(roundId, cancellationToken) is not { } round)
        {
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", language));
            return;
        }
        if (round.IsDone)
        {
            turn.Reply(Texts.Get("RoundAlreadyDone", language));
            return;
        }
        var findings = new List<string>();
        var problems = new List<long>();
        for (var i = 0; i < policy.Inspection.Areas.Count; i++)
        {
            var area = policy.Inspection.Areas[i];
            if (data.GetValueOrDefault($"problem:{i}") is { } problem)
            {
                // Chinese: the findings are part of the department's record.
                findings.Add(Texts.Get("FindingProblem", TextCatalog.Chinese, area, problem));
                var entry = await log.RecordAsync(turn.Sender.Id, DutyLogKind.RoundProblem, $"{area}：{problem}", null, turn.Now, cancellationToken, area);
                problems.Add(entry.Id);
            }
            else findings.Add(Texts.Get("FindingOk", TextCatalog.Chinese, area));
        }
        round.Complete(turn.Sender.Id, string.Join("\n", findings), turn.Now);
        turn.Reply(problems.Count == 0
            ? Texts.Get("RoundDoneAllOk", language, policy.Inspection.Areas.Count)
            : Texts.Get("RoundDoneProblems", language, policy.Inspection.Areas.Count, problems.Count,
                string.Join(DutyLogTexts.Separator(language), problems.Select(id => $"#{id}"))));
    }

    /// <summary>The instant of a round time within the shift (a night shift's 01:00 round falls on the next date).</summary>
    internal static DateTimeOffset ShiftInstant(DateOnly date, ShiftDefinition shift, TimeOnly time, DepartmentProfile department) =>
        department.ToInstant(shift.CrossesMidnight && time < shift.Start ? date.AddDays(1) : date, time);

    private DateTimeOffset ShiftInstant(OnDuty current, TimeOnly time) => ShiftInstant(current.Assignment.Date, current.Shift, time, department);
}

/// <summary>已开启 / 已关闭: the person on duty confirms the feature lighting was switched (第2篇 1.5); it goes into the duty log.</summary>
public sealed class LightingConfirmation(DutyLogService log, IDutyLogStore store)
{
    private static readonly TextCatalog Texts = DutyLogTexts.Catalog;

    public async ValueTask ConfirmAsync(TurnContext turn, LightingAction action, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var pending = (await store.OpenSwitchesAsync(turn.Now - TimeSpan.FromDays(1), cancellationToken))
            .Where(s => s.Action == action && s.DueAt <= turn.Now)
            .OrderByDescending(s => s.DueAt)
            .FirstOrDefault();
        if (pending is null)
        {
            turn.Reply(Texts.Get(action == LightingAction.On ? "NoLightingOnPending" : "NoLightingOffPending", language));
            return;
        }
        pending.Confirm(turn.Sender.Id, turn.Now);
        // Chinese: the duty log is the department's record.
        var what = Texts.Get(action == LightingAction.On ? "LightingOnEntry" : "LightingOffEntry", TextCatalog.Chinese);
        var entry = await log.RecordAsync(turn.Sender.Id, DutyLogKind.Lighting, what, Texts.Get("LightingDone", TextCatalog.Chinese), turn.Now, cancellationToken);
        turn.Reply(Texts.Get(action == LightingAction.On ? "LightingOnConfirmed" : "LightingOffConfirmed", language, entry.Id));
    }
}

/// <summary>已开启 / lights on.</summary>
public sealed class LightsOnCommand(LightingConfirmation confirmation) : IBotCommand
{
    public CommandInfo Info { get; } = new("lights-on", ["已开启", "已开灯"], ["lights on"], DutyLogTexts.Catalog, "LightsOnDescription", HelpOrder: 15, ListedFor: Roles.Staff);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        confirmation.ConfirmAsync(turn, LightingAction.On, cancellationToken);
}

/// <summary>已关闭 / lights off.</summary>
public sealed class LightsOffCommand(LightingConfirmation confirmation) : IBotCommand
{
    public CommandInfo Info { get; } = new("lights-off", ["已关闭", "已关灯"], ["lights off"], DutyLogTexts.Catalog, "LightsOffDescription", HelpOrder: 16, ListedFor: Roles.Staff);

    public ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        confirmation.ConfirmAsync(turn, LightingAction.Off, cancellationToken);
}

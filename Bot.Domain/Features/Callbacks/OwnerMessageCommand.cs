using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// Passing what an owner wrote to the customer-service staff: an escalation case (`owner.message`) that reaches the
/// shift lead on duty and climbs until someone says 收到, or — written again within half an hour while the last one is
/// open — an addition to that case. Used by 留言 and by a survey an owner asks a question in.
/// </summary>
public sealed class OwnerMessages(EscalationService escalations, EscalationPolicy escalationPolicy, IDirectoryStore directory, DepartmentProfile department,
    DutyLogService duty)
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    // An owner writing again this soon, while the last message is still open, is most likely adding to it
    // ("什么时候能来？" after the leak): one matter for the staff, not a second case climbing the chain. Not when they
    // file it as a new one ("报修 门禁刷不开", or 留言 pressed first).
    private static readonly TimeSpan FollowUpWithin = TimeSpan.FromMinutes(30);

    /// <summary>Passes <paramref name="what"/> on and returns what the owner is told (taken, or at night: in the morning).</summary>
    public async Task<string> PassOnAsync(TurnContext turn, string what, bool filedAsNew, CancellationToken cancellationToken)
    {
        what = what.Length > 500 ? what[..500] : what;
        var units = (await directory.FindOwnerAsync(turn.Sender.Id, cancellationToken))?.Units.Select(u => u.UnitCode).ToList() ?? [];
        var who = units.Count == 0 ? turn.Sender.DisplayName : $"{turn.Sender.DisplayName}（{string.Join("、", units)}）";
        var local = department.ToLocal(turn.Now);
        var quiet = escalationPolicy.IsQuiet(TimeOnly.FromDateTime(local.DateTime));
        // "水管爆了 水漫到客厅了 快来人", "紧急 3栋电梯困人了": not a message for the morning. An urgent case is not held in
        // quiet hours and goes up the chain on the urgent timeout; it is its own case, not an addition to an older one.
        var urgent = SoundsUrgent(what);
        if (!filedAsNew && !urgent && await escalations.LatestOpenRaisedByAsync(OwnerMessageCommand.Kind, turn.Sender.Id, cancellationToken) is { } open
            && turn.Now - open.RaisedAt <= FollowUpWithin)
        {
            // In the staff's language of record (Chinese), as the case's details are.
            var addition = Texts.Get("OwnerMessageAddition", TextCatalog.Chinese, local.ToString("HH:mm", CultureInfo.InvariantCulture), what);
            await escalations.AddDetailAsync(open, addition, turn.Now, cancellationToken);
            // Added to an urgent matter the staff are dealing with now, it is not left for the morning.
            return Texts.Get(quiet && open.Severity != Severity.Urgent ? "OwnerMessageAddedAtNight" : "OwnerMessageAdded", turn.Language,
                turn.Sender.DisplayName, department.PropertyName);
        }
        // Otherwise each message is its own case: the subject carries the time, as an emergency's does.
        var subject = Texts.Get("OwnerMessageSubject", TextCatalog.Chinese, who, local.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var details = Texts.Get("OwnerMessageDetails", TextCatalog.Chinese, who, what);
        // Raised by the owner, so the owner is told when it is taken up and when it is dealt with.
        var raised = await escalations.RaiseAsync(new EscalationRequest(OwnerMessageCommand.Kind, subject, urgent ? Severity.Urgent : Severity.Normal, details, turn.Sender.Id),
            turn.Now, cancellationToken);
        // The owner is told the staff on duty know of it. With no shift lead on (at night) the chain starts at the
        // 客服主任, off site: whoever is on duty at the duty office hears of it too, and can go at once.
        if (urgent && raised.Level != (int)EscalationLevel.ShiftLead)
            await escalations.AlertOnDutyAsync(raised, (await duty.OnDutyAsync(turn.Now, cancellationToken)).Select(d => d.Assignment.PersonId), turn.Now, cancellationToken);
        return Texts.Get(urgent ? "OwnerMessageTakenUrgent" : quiet ? "OwnerMessageTakenAtNight" : "OwnerMessageTaken", turn.Language, turn.Sender.DisplayName, department.PropertyName);
    }

    // What an owner writes when someone is in danger or damage is spreading (第11篇: 紧急情况 handled at once, day or night).
    private static readonly string[] UrgentWords =
        ["紧急", "快来人", "救命", "困人", "被困", "困在", "关在电梯", "着火", "起火", "失火", "火灾", "冒烟", "烟很大", "漏气", "煤气味", "燃气味",
         "爆了", "爆管", "水漫", "淹了", "被淹", "漏电", "触电", "受伤", "晕倒", "打架", "小偷", "有贼", "被盗", "urgent", "emergency", "fire", "trapped"];

    /// <summary>Whether an owner's words tell of danger or spreading damage.</summary>
    public static bool SoundsUrgent(string what) => UrgentWords.Any(w => what.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>The owner's own words: the first line of the case, after "陈先生（3-1-502） 留言：", cut to <paramref name="max"/>.</summary>
    public static string Said(string details, int max = 40)
    {
        var first = details.Split('\n', 2)[0];
        var at = first.IndexOf(SaidMarker, StringComparison.Ordinal);
        var said = at < 0 ? first : first[(at + SaidMarker.Length)..];
        return said.Length > max ? said[..(max - 1)] + "…" : said;
    }

    /// <summary>Who wrote it, as the case's first line names them: "陈先生（3-1-502）".</summary>
    public static string Writer(string details)
    {
        var first = details.Split('\n', 2)[0];
        var at = first.IndexOf(SaidMarker, StringComparison.Ordinal);
        return at < 0 ? "" : first[..at].TrimEnd();
    }

    // What stands between who wrote and what they wrote in a case's first line, from the template that writes it.
    private static readonly string SaidMarker = Between(Texts.Get("OwnerMessageDetails", TextCatalog.Chinese, "\u0001", "\u0002"));

    private static string Between(string template) => template[(template.IndexOf('\u0001') + 1)..template.IndexOf('\u0002')].TrimStart();

    /// <summary>The last answer the staff sent the owner with 答复业主, as it is kept on the case, or null.</summary>
    public static string? LastAnswer(string details)
    {
        var marker = Between(EscalationTexts.Catalog.Get("ReplyDetail", TextCatalog.Chinese, "", "\u0001", "\u0002")).TrimStart();
        var line = details.Split('\n').LastOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }
}

/// <summary>
/// 业主留言 [日期] / owners' messages (also 今天有什么投诉, 昨天的报修): one day's messages from owners, oldest first, with
/// where each stands — waiting to be taken up (and who was told), taken up by whom, dealt with by whom and when — so the
/// supervisor sees that none is left unanswered (第3篇 1.3, 第11篇 3) without being on each alert's chain.
/// </summary>
public sealed class OwnerMessagesLogCommand(IEscalationStore escalations, IDirectoryStore directory, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;
    // A day's messages are among the latest this many: a department gets a few dozen a day at most.
    private const int LookBack = 500;

    public CommandInfo Info { get; } = new("owner-messages-log", ["业主留言", "留言记录", "投诉记录", "报修记录", "有什么投诉", "有什么报修", "有什么留言",
        "今天的投诉", "今天的报修", "今天的留言", "昨天的投诉", "昨天的报修", "昨天的留言", "投诉处理", "报修处理", "留言处理"], ["owner messages"], Texts, "MessagesLogDescription", Roles: Escalation.EscalationRoles.Supervisors | Roles.FrontDesk,
        HelpOrder: 37, LookUp: true, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var today = department.LocalDate(turn.Now);
        // The day may be in the word itself ("昨天的投诉"), so the whole message is read for it.
        var day = Duty.DutyDates.TryFind(arguments, today, out var named) || Duty.DutyDates.TryFind(turn.Text, today, out named) ? named : today;
        var cases = (await escalations.LatestOfKindAsync(OwnerMessageCommand.Kind, LookBack, cancellationToken))
            .Where(c => department.LocalDate(c.RaisedAt) == day).OrderBy(c => c.Id).ToList();
        var dayText = Duty.ShiftTimes.Day(day, language);
        if (cases.Count == 0)
        {
            turn.Reply(Texts.Get("MessagesLogNone", language, dayText));
            return;
        }
        var lines = new List<string> { Texts.Get("MessagesLogTitle", language, dayText, cases.Count, cases.Count(c => c.Status != EscalationStatus.Resolved)) };
        foreach (var c in cases)
        {
            var state = c.Status switch
            {
                EscalationStatus.Resolved => Texts.Get("MessagesLogDone", language, await NameAsync(c.ResolvedById, cancellationToken), Clock(c.ResolvedAt ?? c.RaisedAt)),
                EscalationStatus.Acknowledged => Texts.Get("MessagesLogTaken", language, await NameAsync(c.AcknowledgedById, cancellationToken)),
                _ when c.Notices.Count == 0 => Texts.Get("MessagesLogWaitingNight", language),
                _ => Texts.Get("MessagesLogWaiting", language, await NamesAsync(c.Notices.Select(n => n.PersonId), language, cancellationToken)),
            };
            lines.Add(Texts.Get("MessagesLogLine", language, c.Id, Clock(c.RaisedAt), OwnerMessages.Writer(c.Details), OwnerMessages.Said(c.Details), state));
        }
        turn.Reply(string.Join("\n", lines));
    }

    private string Clock(DateTimeOffset instant) => department.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    private async Task<string> NameAsync(string? personId, CancellationToken cancellationToken) =>
        personId is null ? "" : (await directory.FindPersonAsync(personId, cancellationToken))?.Name ?? personId;

    // One after another: the directory shares the turn's database context.
    private async Task<string> NamesAsync(IEnumerable<string> personIds, string language, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var id in personIds.Distinct(StringComparer.Ordinal)) names.Add(await NameAsync(id, cancellationToken));
        return string.Join(language == TextCatalog.English ? ", " : "、", names);
    }
}

/// <summary>
/// 我的留言 / my messages, for owners (also 报修进度, "我的报修处理了吗"): the owner's recent messages and where each
/// stands, in the front desk's words — passed on, taken up, dealt with — with the last answer the staff sent. Words
/// after it ("我的报修处理了吗", "我的投诉怎么还没人管") are still passed on: an owner asking is owed an answer from a person,
/// not only the record.
/// </summary>
public sealed class OwnerMyMessagesCommand(IEscalationStore escalations, OwnerMessages messages, DepartmentProfile department) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;
    private const int Shown = 5;

    public CommandInfo Info { get; } = new("owner-my-messages", ["我的留言", "我的报修", "我的投诉", "留言进度", "报修进度", "投诉进度", "处理进度", "进度"],
        ["my messages", "progress"], Texts, "MyMessagesDescription", Audience: Audience.Owners, HelpOrder: 21, WordMayClose: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var mine = await escalations.RaisedByAsync(OwnerMessageCommand.Kind, [turn.Sender.Id], Shown, cancellationToken);
        var lines = new List<string>();
        if (mine.Count == 0) lines.Add(Texts.Get("MyMessagesNone", language, turn.Sender.DisplayName));
        else
        {
            lines.Add(Texts.Get("MyMessagesTitle", language, turn.Sender.DisplayName));
            foreach (var c in mine)
            {
                var state = c.Status switch
                {
                    EscalationStatus.Resolved => Texts.Get("MyMessagesDone", language, Clock(c.ResolvedAt ?? c.RaisedAt)),
                    EscalationStatus.Acknowledged => Texts.Get("MyMessagesTaken", language),
                    _ => Texts.Get("MyMessagesOpen", language),
                };
                lines.Add(Texts.Get("MyMessagesLine", language, Clock(c.RaisedAt), OwnerMessages.Said(c.Details), state));
                if (OwnerMessages.LastAnswer(c.Details) is { } answer) lines.Add(Texts.Get("MyMessagesAnswer", language, answer));
            }
        }
        // "我的报修处理了吗": asked of the staff too, joined to the open message (or a new one).
        if (TextInput.ForMatching(arguments).Any(char.IsLetter))
            lines.Add(await messages.PassOnAsync(turn, turn.Said, filedAsNew: false, cancellationToken));
        else if (mine.Count > 0) lines.Add(Texts.Get("MyMessagesFooter", language));
        turn.Reply(string.Join("\n", lines));
    }

    private string Clock(DateTimeOffset instant) => department.ToLocal(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// 留言 / message, for owners: what an owner writes that is not a command (a complaint, a repair, a question) is passed
/// to the customer-service staff as an escalation case, so it reaches the shift lead on duty and climbs until someone
/// says 收到; the owner is told it was passed on. The front desk never answers an owner's complaint with "请您再说一遍".
/// Quiet hours hold it until the morning (a normal case), and the owner is told so.
/// </summary>
public sealed class OwnerMessageCommand(OwnerMessages messages) : IBotCommand
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    public const string Kind = "owner.message";

    /// <summary>The words an owner may file a message with ("投诉：…", "报修 门禁刷不开").</summary>
    public static readonly IReadOnlyList<string> FilingWords = ["留言", "投诉", "报修", "咨询"];

    public CommandInfo Info { get; } = new("owner-message", FilingWords, ["message", "complaint", "repair"],
        Texts, "OwnerMessageDescription", Audience: Audience.Owners, HelpOrder: 20, TakesFreeText: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("OwnerMessageAsk", turn.Language, turn.Sender.DisplayName));
            return;
        }
        // Thanks and acknowledgements ("好的，谢谢！", "收到 谢谢👍") are answered, not passed on: nobody should be alerted
        // at night for them.
        if (TextInput.IsAcknowledgement(arguments))
        {
            turn.Reply(Texts.Get("OwnerCourtesy", turn.Language));
            return;
        }

        // As typed, whole: the command word the owner may have put in front ("投诉 …") says what it is.
        var filedAsNew = turn.AnswersArgumentsQuestion || FiledWithCommandWord(TextInput.ForMatching(turn.Said));
        turn.Reply(await messages.PassOnAsync(turn, turn.Said, filedAsNew, cancellationToken));
    }

    /// <summary>
    /// "报修 门禁刷不开", "投诉：…": the owner files a new matter. Not when the word only names the earlier one
    /// ("报修的师傅还没来", "投诉了两次了", "咨询过的事"): 的 / 了 / 过 right after it make it that matter's, not a new filing.
    /// </summary>
    private bool FiledWithCommandWord(string said) =>
        Info.Words.Any(w => said.StartsWith(w, StringComparison.Ordinal) && (said.Length == w.Length || !RefersBack.Contains(said[w.Length])));

    private static readonly HashSet<char> RefersBack = ['的', '了', '过'];
}

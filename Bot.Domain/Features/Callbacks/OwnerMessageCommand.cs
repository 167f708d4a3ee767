using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// Passing what an owner wrote to the customer-service staff: an escalation case (`owner.message`) that reaches the
/// shift lead on duty and climbs until someone says 收到, or — written again within half an hour while the last one is
/// open — an addition to that case. Used by 留言 and by a survey an owner asks a question in.
/// </summary>
public sealed class OwnerMessages(EscalationService escalations, EscalationPolicy escalationPolicy, IDirectoryStore directory, DepartmentProfile department)
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
        if (!filedAsNew && await escalations.LatestOpenRaisedByAsync(OwnerMessageCommand.Kind, turn.Sender.Id, cancellationToken) is { } open
            && turn.Now - open.RaisedAt <= FollowUpWithin)
        {
            // In the staff's language of record (Chinese), as the case's details are.
            var addition = Texts.Get("OwnerMessageAddition", TextCatalog.Chinese, local.ToString("HH:mm", CultureInfo.InvariantCulture), what);
            await escalations.AddDetailAsync(open, addition, turn.Now, cancellationToken);
            return Texts.Get(quiet ? "OwnerMessageAddedAtNight" : "OwnerMessageAdded", turn.Language, turn.Sender.DisplayName, department.PropertyName);
        }
        // Otherwise each message is its own case: the subject carries the time, as an emergency's does.
        var subject = Texts.Get("OwnerMessageSubject", TextCatalog.Chinese, who, local.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var details = Texts.Get("OwnerMessageDetails", TextCatalog.Chinese, who, what);
        // Raised by the owner, so the owner is told when it is taken up and when it is dealt with.
        await escalations.RaiseAsync(new EscalationRequest(OwnerMessageCommand.Kind, subject, Severity.Normal, details, turn.Sender.Id), turn.Now, cancellationToken);
        return Texts.Get(quiet ? "OwnerMessageTakenAtNight" : "OwnerMessageTaken", turn.Language, turn.Sender.DisplayName, department.PropertyName);
    }
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


    // Thanks and acknowledgements are answered, not passed on: nobody should be alerted at night for "好的，谢谢".
    private static readonly HashSet<string> Courtesies = new(StringComparer.Ordinal)
    {
        "谢谢", "谢谢你", "谢谢您", "多谢", "感谢", "好的", "好", "好的谢谢", "嗯", "嗯嗯", "哦", "收到", "知道了", "明白", "再见",
        "拜拜", "谢谢再见", "ok", "okay", "okthanks", "thanks", "thankyou", "thx", "bye", "gotit",
    };

    public CommandInfo Info { get; } = new("owner-message", ["留言", "投诉", "报修", "咨询"], ["message", "complaint", "repair"],
        Texts, "OwnerMessageDescription", Audience: Audience.Owners, HelpOrder: 20, TakesFreeText: true);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0)
        {
            turn.AskForArguments(Info, Texts.Get("OwnerMessageAsk", turn.Language, turn.Sender.DisplayName));
            return;
        }
        // Compared without punctuation or spaces: "好的，谢谢！" and "Thank you." are courtesies too.
        if (Courtesies.Contains(string.Concat(TextInput.ForMatching(arguments).Where(char.IsLetterOrDigit))))
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

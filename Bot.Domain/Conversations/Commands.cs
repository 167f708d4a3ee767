using Bot.Domain.Features.Directory;

namespace Bot.Domain.Conversations;

/// <summary>Who may use a command.</summary>
public enum Audience
{
    Staff,
    Owners,
    Everyone,
}

/// <summary>
/// A command word and what it is for. <see cref="Words"/> holds every accepted word, Chinese and English;
/// the first word in each language is the one help shows. <see cref="Roles"/> = None means any member of staff.
/// <see cref="ListedFor"/> keeps help short: a command anyone may use but that is mainly some roles' is listed only for them.
/// <see cref="Urgent"/>: typed in the middle of another question (紧急, 收到), it runs at once instead of being read as the
/// answer; an emergency cannot wait for 取消. The question stays open. <see cref="TakesUrgentWord"/>: this command's own
/// arguments may start with such a word (夜间登记 投诉 紧急 …), so while it asks for them, that word is an answer.
/// <see cref="LookUp"/>: it only shows something (我的班次, 我的钥匙) and never asks back, so it too runs in the middle of a
/// question, which stays open. <see cref="AnswersInline"/>: its arguments end in free text (答复 1 说明), and when a message
/// the bot sent offers this command as its only button, a reply typed instead of pressing it is that text.
/// <see cref="AnswersWhere"/>: it says where a thing is, taking "X 在哪" after its word, so "3-1-502的钥匙在哪" — its word
/// inside the question — is offered as the whole question, "钥匙 3-1-502 在哪". <see cref="Flow"/>: the flow this command
/// starts when another object runs it (回访 starts the survey), so that the command typed in it counts as its own.
/// <see cref="AboutUnit"/>: it tells about a unit, so a message that names a unit and no command ("3-1-502的情况") is
/// offered it with the unit. <see cref="WordMayClose"/>: a question may end with its word, the words before it being its
/// arguments ("明天谁值班", "我周六上什么班"), since that is how the question is asked in Chinese. <see cref="RecordsText"/>:
/// it writes down what happened (值班记录, 来电), so a staff message no command took that reads as a report rather than a
/// question ("5号楼电梯坏了") is offered to it, with the message. <see cref="TakesRemark"/>: it answers a request (同意外出 N,
/// 驳回补卡 N) and takes what follows the number as the answerer's words for the requester, so a reply to the request's
/// 批准 / 驳回 buttons typed as "同意 早点回来" is that button with those words.
/// </summary>
public sealed record CommandInfo(
    string Name,
    IReadOnlyList<string> ChineseWords,
    IReadOnlyList<string> EnglishWords,
    TextCatalog Catalog,
    string DescriptionKey,
    Audience Audience = Audience.Staff,
    Roles Roles = Roles.None,
    int HelpOrder = 100,
    Roles ListedFor = Roles.None,
    bool TakesLocation = false,
    bool TakesFreeText = false,
    bool Urgent = false,
    bool TakesUrgentWord = false,
    bool LookUp = false,
    bool AnswersInline = false,
    bool AnswersWhere = false,
    string? Flow = null,
    bool AboutUnit = false,
    bool WordMayClose = false,
    bool RecordsText = false,
    bool TakesRemark = false)
{
    public IEnumerable<string> Words => ChineseWords.Concat(EnglishWords);

    public string WordFor(string language) =>
        TextCatalog.NormalizeLanguage(language) == TextCatalog.English ? EnglishWords[0] : ChineseWords[0];

    /// <summary>Whether help lists it for this person: usable, and (when <see cref="ListedFor"/> is set) one of the roles it is mainly for.</summary>
    public bool IsListedFor(Participant who) => IsAvailableTo(who) && (ListedFor == Roles.None || who.HasAny(ListedFor));

    public bool IsAvailableTo(Participant who) => Audience switch
    {
        Audience.Everyone => true,
        Audience.Owners => who.Kind == ParticipantKind.Owner,
        _ => who.IsStaff && (Roles == Roles.None || who.HasAny(Roles)),
    };
}

/// <summary>A command that starts from a word: "帮助", "借钥匙 3-1-502". Features register theirs in DI.</summary>
public interface IBotCommand
{
    CommandInfo Info { get; }

    /// <param name="arguments">What followed the command word, trimmed (may be empty).</param>
    ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken);
}

/// <summary>A multi-turn conversation: it owns the turns while it is the state's active flow.</summary>
public interface IConversationFlow
{
    string Name { get; }

    /// <summary>Handles the answer to the step in <see cref="ConversationState.Step"/>.</summary>
    ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken);
}

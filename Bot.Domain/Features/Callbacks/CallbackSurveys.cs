using System.Globalization;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Domain.Features.Callbacks;

/// <summary>
/// The callback survey as the front desk would run it (第9篇 四): greeting, quality, effect of the service, overall
/// satisfaction, shortcomings (when not fully satisfied), suggestions (optional), then a summary the owner confirms —
/// the confirmation stands for the signature on the 《回访记录》 (五.1). 不方便 / 稍后 reschedules. The same questions
/// serve a member of staff recording the owner's answers after a call or visit (代录回访).
/// </summary>
/// <remarks>
/// The seam for channels that can only reach an owner while the owner is there (WeChat Customer Service, issue 8):
/// when an owner arrives, call <see cref="StartForOwnerAsync"/>; when a channel knows it cannot deliver an owner's survey
/// now, call <see cref="CannotReachOwnerAsync"/> and the responsible staff get the callback task. Both run inside the
/// caller's unit of work (a turn, or <see cref="ICallbackStore.AtomicallyAsync"/>).
/// </remarks>
public sealed partial class CallbackSurveys(ICallbackStore store, IOwnerReach reach, CallbackNotices notices, CallbackPolicy policy, DepartmentProfile department,
    OwnerMessages messages) : IConversationFlow
{
    private static readonly TextCatalog Texts = CallbackTexts.Catalog;

    private const string Consent = "consent";
    private const string QualityStep = "quality";
    private const string EffectStep = "effect";
    private const string OverallStep = "overall";
    private const string ShortcomingsStep = "shortcomings";
    private const string SuggestionsStep = "suggestions";
    private const string ConfirmStep = "confirm";
    private const string CallbackKey = "cb";
    private const string ProxyKey = "proxy";
    private const string RemarksKey = "r";
    private const string PraiseKey = "p";

    public const string FlowName = "callback-survey";

    public string Name => FlowName;

    /// <summary>The callback whose questions this conversation is answering now, if any.</summary>
    public long? InProgress(TurnContext turn) =>
        turn.State.Flow == FlowName && turn.State.Data.TryGetValue(CallbackKey, out var id) && long.TryParse(id, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Sends the greeting (or the reminder) and makes the owner's conversation continue in the survey.</summary>
    public Task<SurveyDelivery> InviteAsync(Callback callback, Owner owner, bool reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var language = TextCatalog.NormalizeLanguage(owner.Language);
        var c = callback.Case;
        // A round after a rectification (五.2) says so every time it is put to the owner, the reminder too.
        var key = (reminder ? "Reminder" : "Invite") + (callback.Round > 1 ? "Again" : "");
        var text = Texts.Get(key, language, owner.FormOfAddress, department.PropertyName, c.UnitCode, CallbackTexts.TypeName(c.Type, language),
            c.Summary, department.ToLocal(c.CompletedAt).ToString("MM-dd", CultureInfo.InvariantCulture));
        var prompt = new OutgoingMessage(text, ConsentChoices(language));
        return reach.StartFlowAsync(owner.Id, this, Consent, new Dictionary<string, string> { [CallbackKey] = Id(callback) }, prompt,
            $"cb:{callback.Id}:{(reminder ? "remind" : "invite")}:{now.ToUnixTimeMilliseconds()}", cancellationToken);
    }

    /// <summary>
    /// Seam (WeCom kf): the owner just arrived on a channel that can reach them only now — put this case's survey in
    /// front of them. Returns what happened; nothing is sent for a case the owner has no callback pending on.
    /// </summary>
    public async Task<SurveyDelivery> StartForOwnerAsync(string ownerId, long caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var callback = (await store.PendingForOwnerAsync(ownerId, cancellationToken))
            .FirstOrDefault(c => c.CaseId == caseId && c.DueFrom <= now && c.Status != CallbackStatus.StaffTask);
        if (callback is null || await store.FindOwnerAsync(ownerId, cancellationToken) is not { } owner) return SurveyDelivery.Unreachable;
        var delivery = await InviteAsync(callback, owner, reminder: false, now, cancellationToken);
        if (delivery == SurveyDelivery.Sent) callback.Invited(now, now + policy.ReminderAfter < callback.TaskAt ? now + policy.ReminderAfter : callback.TaskAt);
        return delivery;
    }

    /// <summary>Seam (WeCom kf): this owner's surveys cannot be sent on their channel now → the staff call or visit instead.</summary>
    public async Task<int> CannotReachOwnerAsync(string ownerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var handed = 0;
        foreach (var callback in await store.PendingForOwnerAsync(ownerId, cancellationToken))
        {
            if (callback.Status == CallbackStatus.StaffTask || callback.DueFrom > now) continue;
            await notices.StaffTaskAsync(callback, CallbackNotices.Reason.Unreachable, now, cancellationToken);
            callback.AssignedToStaff(now);
            handed++;
        }
        return handed;
    }

    /// <summary>Starts the questions in this turn: the owner asked for it (回访), or staff record for the owner (代录回访).</summary>
    public void StartInTurn(TurnContext turn, Callback callback, bool proxy, string intro)
    {
        turn.State.Data.Clear();
        turn.State.Data[CallbackKey] = Id(callback);
        if (proxy) turn.State.Data[ProxyKey] = "1";
        Ask(turn, QualityStep, intro);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var data = turn.State.Data;
        if (!data.TryGetValue(CallbackKey, out var idText) || !long.TryParse(idText, CultureInfo.InvariantCulture, out var id)
            || await store.FindAsync(id, cancellationToken) is not { } callback
            || (!IsProxy(turn) && callback.OwnerId != turn.Sender.Id))
        {
            turn.EndFlow();
            turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", turn.Language));
            return;
        }
        if (callback.IsDone)
        {
            turn.EndFlow();
            turn.Reply(Texts.Get("SurveyGone", turn.Language));
            return;
        }

        // The owner's own words about the survey itself, at any question (a pressed button is an answer, never these).
        var owner = !IsProxy(turn);
        // At the confirmation, "不用了" is "no need to change anything": the record stands, not a survey turned down.
        var wordsAreTheAnswer = turn.State.Step is ShortcomingsStep or SuggestionsStep or ConfirmStep;
        if (owner && turn.Choice is null && SurveyWords.AsksNotToBeContacted(turn.Said))
        {
            // "以后别发这种回访了 烦不烦": do-not-disturb from now on, an apology, and this callback to the staff, who call or
            // visit instead, as for any owner marked do-not-disturb.
            await store.SetDoNotDisturbAsync(callback.OwnerId, cancellationToken);
            await HandToStaffAsync(turn, callback, CallbackNotices.Reason.DoNotDisturb, "SurveyDoNotDisturb", cancellationToken);
            return;
        }
        if (owner && turn.Choice is null && SurveyWords.Declines(turn.Said, wordsAreTheAnswer))
        {
            // "不用了 谢谢", "算了 不做了": no more asking in chat. The callback itself is still owed (第9篇 二), so the staff
            // hear of it and decide whether to call or note that the owner declined.
            await HandToStaffAsync(turn, callback, CallbackNotices.Reason.Declined, "SurveyDeclined", cancellationToken);
            return;
        }

        // 不方便 / 稍后 / "在开车 晚点再说吧" at any question: asked again later, but never past the point where the staff take over.
        if (owner && turn.State.Step != ConfirmStep
            && (turn.Choice?.Value == "later" || CallbackTexts.IsOneOf("WordsLater", turn.Text) || (turn.Choice is null && SurveyWords.PutsOff(turn.Said, wordsAreTheAnswer))))
        {
            var at = turn.Now + policy.RescheduleAfter;
            callback.Rescheduled(at < callback.TaskAt ? at : callback.TaskAt);
            turn.EndFlow();
            turn.Reply(Texts.Get("Rescheduled", turn.Language));
            return;
        }

        // "对了 楼上又在装修…你们管不管", "报修 楼道灯还是不亮": a new matter, not an answer about this case. Passed to the front
        // desk as a message of its own (a 留言: the staff on duty are alerted), the owner told so, and the survey carries on.
        if (owner && turn.Choice is null && SurveyWords.IsAnotherMatter(turn.Said, wordsAreTheAnswer, callback.Case.Summary, callback.Case.UnitCode))
        {
            turn.Reply(await messages.PassOnAsync(turn, turn.Said, filedAsNew: true, cancellationToken));
            CarryOn(turn);
            return;
        }

        // "你们物业电话是多少？" where a rating or the confirmation is asked: a question for the front desk, not an answer.
        // Passed on as a message, as it would be outside the survey, and the survey carries on where it was.
        if (!IsProxy(turn) && turn.Choice is null && turn.State.Step is QualityStep or EffectStep or OverallStep or ConfirmStep && IsQuestion(turn.Said))
        {
            turn.Reply(await messages.PassOnAsync(turn, turn.Said, filedAsNew: false, cancellationToken));
            turn.AskAgain(ConversationTexts.Catalog.Get("CarryOn", turn.Language));
            return;
        }

        switch (turn.State.Step)
        {
            case Consent:
                if (turn.Choice?.Value == "yes" || CallbackTexts.IsOneOf("WordsYes", turn.Text) || (turn.Choice is null && SurveyWords.SaysYes(turn.Said)))
                    Ask(turn, QualityStep);
                else AskAgain(turn, Consent, callback);
                break;
            case QualityStep or EffectStep or OverallStep:
                if (ParseRating(turn) is not var (rating, reason))
                {
                    if (turn.Choice is null && Remark(turn) is { } remark)
                    {
                        // "挺快的，上午报修下午就来了": the owner's own words, not a rating. Kept with the survey (it is what the
                        // staff most want to read), thanked for, and the rating asked once more.
                        data[RemarksKey] = data.TryGetValue(RemarksKey, out var earlier) ? Clip(earlier + "；" + remark) : remark;
                        Ask(turn, turn.State.Step, Texts.Get("RemarkNoted", turn.Language));
                        break;
                    }
                    AskAgain(turn, turn.State.Step, callback);
                    break;
                }
                data[turn.State.Step[..1]] = ((int)rating).ToString(CultureInfo.InvariantCulture);
                // "不满意 保安态度差还骂人": the words beside the rating are why — kept, and read back as the shortcomings
                // rather than asked for again. Beside a 满意 they are praise, and go with the suggestions.
                if (reason is not null)
                {
                    var key = rating == Rating.Satisfied ? PraiseKey : RemarksKey;
                    data[key] = data.TryGetValue(key, out var before) ? Clip(before + "；" + reason) : reason;
                }
                if (turn.State.Step == QualityStep) Ask(turn, EffectStep);
                else if (turn.State.Step == EffectStep) Ask(turn, OverallStep);
                // What fell short is asked whenever something was not fully satisfying, the overall word or an earlier 不满意.
                else Ask(turn, rating == Rating.Satisfied && !AnyNotSatisfied(data) ? SuggestionsStep : ShortcomingsStep);
                break;
            case ShortcomingsStep:
                // What the owner said in place of a rating ("早上七点就开始打电钻") is what fell short: asked only for more.
                if (data.Remove(RemarksKey, out var said))
                {
                    var nothingMore = turn.Choice?.Value == "none" || CallbackTexts.IsOneOf("WordsNone", turn.Text) || SurveyWords.SaysNone(turn.Said)
                        || CallbackTexts.IsOneOf("WordsAsSaid", turn.Text);
                    data["s"] = nothingMore || FreeText(turn) is not { } more ? said : Clip(said + "；" + more);
                    Ask(turn, SuggestionsStep);
                    break;
                }
                // "刚才说了啊" with nothing said before: not a shortcoming to record; asked again.
                if (FreeText(turn) is not { } shortcomings || CallbackTexts.IsOneOf("WordsAsSaid", turn.Text))
                {
                    AskAgain(turn, ShortcomingsStep, callback);
                    break;
                }
                data["s"] = shortcomings;
                Ask(turn, SuggestionsStep);
                break;
            case SuggestionsStep:
                if (turn.Choice?.Value == "none" || CallbackTexts.IsOneOf("WordsNone", turn.Text) || SurveyWords.SaysNone(turn.Said)) data.Remove("g");
                else if (FreeText(turn) is { } suggestions) data["g"] = suggestions;
                else
                {
                    AskAgain(turn, SuggestionsStep, callback);
                    break;
                }
                AskConfirm(turn);
                break;
            case ConfirmStep:
                if (turn.Choice?.Value == "confirm" || CallbackTexts.IsOneOf("WordsConfirm", turn.Text) || CallbackTexts.IsOneOf("WordsNoThanks", turn.Text))
                    await RecordAsync(turn, callback, cancellationToken);
                else if (turn.Choice?.Value == "redo" || CallbackTexts.IsOneOf("WordsRedo", turn.Text)) Ask(turn, QualityStep);
                else if (turn.Choice is null && Remark(turn) is { } added)
                {
                    // A last word before confirming ("师傅走的时候把垃圾也带走了"): it joins the suggestions, after what was
                    // given, and the record is shown again with it, to confirm or redo.
                    data["g"] = data.TryGetValue("g", out var given) ? Clip(given + "；" + added) : added;
                    AskConfirm(turn, Texts.Get("AddedBeforeConfirm", turn.Language));
                }
                else AskAgain(turn, ConfirmStep, callback);
                break;
            default:
                turn.EndFlow();
                turn.Reply(ConversationTexts.Catalog.Get("NotUnderstood", turn.Language));
                break;
        }
    }

    private async Task RecordAsync(TurnContext turn, Callback callback, CancellationToken cancellationToken)
    {
        var data = turn.State.Data;
        var answers = new SurveyAnswers(RatingOf(data, "q"), RatingOf(data, "e"), RatingOf(data, "o"), data.GetValueOrDefault("s"), Suggestions(data));
        var proxy = IsProxy(turn);
        callback.Record(answers, proxy ? turn.Sender.Id : null, turn.Now);
        turn.EndFlow();
        // 五.2: 不满意 on any question is rectified and called back again, as an overall 不满意 is.
        if (answers.AnyNotSatisfied) await notices.RectificationAsync(callback, cancellationToken);
        var language = turn.Language;
        // "您的满意是我们最大的动力" only to an owner who was satisfied throughout.
        turn.Reply(proxy
            ? Texts.Get(answers.AnyNotSatisfied ? "ProxyRecordedUnsatisfied" : "ProxyRecorded", language, callback.Id,
                CallbackTexts.RatingName(answers.Overall, language))
            : Texts.Get(answers.AnyNotSatisfied ? "ThanksUnsatisfied" : answers.AllSatisfied ? "Thanks" : "ThanksBasic", language));
    }

    private static bool AnyNotSatisfied(Dictionary<string, string> data) =>
        new[] { "q", "e", "o" }.Any(k => data.TryGetValue(k, out var v) && v == ((int)Rating.NotSatisfied).ToString(CultureInfo.InvariantCulture));

    private async Task HandToStaffAsync(TurnContext turn, Callback callback, CallbackNotices.Reason reason, string replyKey, CancellationToken cancellationToken)
    {
        await notices.StaffTaskAsync(callback, reason, turn.Now, cancellationToken);
        callback.AssignedToStaff(turn.Now);
        turn.EndFlow();
        turn.Reply(Texts.Get(replyKey, turn.Language));
    }

    private static Rating RatingOf(Dictionary<string, string> data, string key) =>
        (Rating)int.Parse(data[key], CultureInfo.InvariantCulture);

    private static bool IsProxy(TurnContext turn) => turn.Sender.IsStaff && turn.State.Data.ContainsKey(ProxyKey);

    private static string Id(Callback callback) => callback.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A rating pressed, typed as its number (1 满意, 2 基本满意, 3 不满意), as a word, or as a word in a short phrase, with the
    /// owner's reason when they typed one beside it.
    /// </summary>
    private static (Rating Rating, string? Reason)? ParseRating(TurnContext turn) => turn.Choice?.Value switch
    {
        "satisfied" => (Rating.Satisfied, null),
        "basic" => (Rating.Basic, null),
        "unsatisfied" => (Rating.NotSatisfied, null),
        _ when turn.Choice is not null => null,
        _ => SurveyWords.RatingAndReason(turn.Said) is var (rating, reason) ? (rating, reason is null ? null : Clip(reason)) : null,
    };

    /// <summary>A rating typed as a word of its list, or named in a short phrase ("修得挺好"); null when it is neither.</summary>
    internal static Rating? RatingOf(string? typed) => SurveyWords.RatingOf(typed);

    /// <summary>
    /// A question: it ends with a question mark or 吗 / 呢, or asks when, how much, why, whether ("什么时候来修门", "能不能
    /// 换个时间"). A remark that only sounds like one ("怎么说呢，还行吧") does not end as a question and names none of these.
    /// </summary>
    internal static bool IsQuestion(string said)
    {
        var text = said.Trim();
        if (text.Length < 3) return false;
        if (text.EndsWith('?') || text.EndsWith('？')) return true;
        var bare = text.TrimEnd('。', '.', '!', '！', '~', ' ');
        return bare.EndsWith('吗') || AsksSomething().IsMatch(bare);
    }

    [System.Text.RegularExpressions.GeneratedRegex("多少|什么时候|啥时候|几点|为什么|为啥|能不能|可不可以|可以不可以|有没有|是不是|在哪|哪里|怎么办|怎么联系")]
    private static partial System.Text.RegularExpressions.Regex AsksSomething();

    /// <summary>Words of the owner's own where a rating was asked: four characters or more, with words in them.</summary>
    private static string? Remark(TurnContext turn) => FreeText(turn) is { Length: >= 4 } text && text.Any(char.IsLetter) ? text : null;

    /// <summary>
    /// The suggestions: what the owner wrote in place of a rating (when nothing fell short), the praise given beside a
    /// 满意, then the suggestions asked for.
    /// </summary>
    private static string? Suggestions(Dictionary<string, string> data)
    {
        var parts = new[] { data.GetValueOrDefault(RemarksKey), data.GetValueOrDefault(PraiseKey), data.GetValueOrDefault("g") }.OfType<string>().ToList();
        return parts.Count == 0 ? null : Clip(string.Join("；", parts));
    }

    private static string Clip(string text) => text.Length > 500 ? text[..500] : text;

    private static string? FreeText(TurnContext turn)
    {
        // As typed: Normalize would fold the owner's full-width punctuation into ASCII.
        var text = (turn.Message.Text ?? "").Trim();
        return text.Length == 0 ? null : Clip(text);
    }

    private void Ask(TurnContext turn, string step, string? intro = null)
    {
        var (text, choices) = Question(turn, step);
        // Any words are an answer here (a remark beside the rating, more shortcomings, a suggestion), so a command typed
        // here is held back once rather than kept with the survey.
        turn.AskInFlow(this, step, intro is null ? text : intro + "\n" + text, choices, textAnswersToo: true);
    }

    /// <summary>
    /// "好的，我们接着来：" and the step's own question, with its buttons. Asked afresh rather than repeated from the state:
    /// a message the engine held back once leaves its own words there as the open question.
    /// </summary>
    private void CarryOn(TurnContext turn)
    {
        var lead = ConversationTexts.Catalog.Get("CarryOn", turn.Language);
        switch (turn.State.Step)
        {
            case Consent:
                turn.AskInFlow(this, Consent, lead + Texts.Get("AskConsent", turn.Language), ConsentChoices(turn.Language));
                break;
            case ConfirmStep:
                // The record itself begins "好的，我为您整理了…": no lead in front of it.
                AskConfirm(turn);
                break;
            case var step:
                var (text, choices) = Question(turn, step!);
                turn.AskInFlow(this, step!, lead + text, choices, textAnswersToo: true);
                break;
        }
    }

    /// <summary>An answer that fits no option: the question again with its options, in the front desk's words.</summary>
    private void AskAgain(TurnContext turn, string step, Callback callback)
    {
        if (step == Consent)
        {
            var choices = ConsentChoices(turn.Language);
            turn.AskInFlow(this, step, Texts.Get("AskAgain", turn.Language) + "\n" + Texts.Get("AskConsent", turn.Language), choices);
            return;
        }
        if (step == ConfirmStep)
        {
            AskConfirm(turn, Texts.Get("AskAgain", turn.Language));
            return;
        }
        Ask(turn, step, Texts.Get("AskAgain", turn.Language));
    }

    private (string Text, IReadOnlyList<Choice>? Choices) Question(TurnContext turn, string step)
    {
        var language = turn.Language;
        var suffix = IsProxy(turn) ? "Proxy" : "";
        return step switch
        {
            QualityStep => (Texts.Get("AskQuality" + suffix, language), RatingChoices(language)),
            EffectStep => (Texts.Get("AskEffect" + suffix, language), RatingChoices(language)),
            OverallStep => (Texts.Get("AskOverall" + suffix, language), RatingChoices(language)),
            // The owner's own words so far are read back: they are the shortcomings, unless more is added.
            ShortcomingsStep when turn.State.Data.GetValueOrDefault(RemarksKey) is { } said =>
                (Texts.Get("AskShortcomingsAfterRemarks" + suffix, language, said), [new Choice("none", Texts.Get("ChoiceNone", language))]),
            ShortcomingsStep => (Texts.Get("AskShortcomings" + suffix, language), null),
            _ => (Texts.Get("AskSuggestions" + suffix, language), [new Choice("none", Texts.Get("ChoiceNone", language))]),
        };
    }

    private void AskConfirm(TurnContext turn, string? intro = null)
    {
        var language = turn.Language;
        var data = turn.State.Data;
        var summary = Texts.Get(IsProxy(turn) ? "SummaryProxy" : "Summary", language,
            CallbackTexts.RatingName(RatingOf(data, "q"), language),
            CallbackTexts.RatingName(RatingOf(data, "e"), language),
            CallbackTexts.RatingName(RatingOf(data, "o"), language),
            data.GetValueOrDefault("s") ?? Texts.Get("Nothing", language),
            Suggestions(data) ?? Texts.Get("Nothing", language));
        // A last word is added to the suggestions, so a command typed here is held back once rather than added.
        turn.AskInFlow(this, ConfirmStep, intro is null ? summary : intro + "\n" + summary,
            [new Choice("confirm", Texts.Get("ChoiceConfirm", language)), new Choice("redo", Texts.Get("ChoiceRedo", language))], textAnswersToo: true);
    }

    private static IReadOnlyList<Choice> RatingChoices(string language) =>
    [
        new("satisfied", CallbackTexts.RatingName(Rating.Satisfied, language)),
        new("basic", CallbackTexts.RatingName(Rating.Basic, language)),
        new("unsatisfied", CallbackTexts.RatingName(Rating.NotSatisfied, language)),
    ];

    private static IReadOnlyList<Choice> ConsentChoices(string language) =>
        [new("yes", Texts.Get("ChoiceYes", language)), new("later", Texts.Get("ChoiceLater", language))];
}

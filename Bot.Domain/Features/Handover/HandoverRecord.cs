using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Handover;

/// <summary>What part of the handover an item belongs to (第1篇 1.2–1.5, 2.3; 第11篇 5–8; 第14篇 2.1).</summary>
public enum HandoverSection
{
    /// <summary>未完成的工作, each with cause, course and current result (第1篇 1.2, 2.3).</summary>
    UnfinishedWork,
    /// <summary>上级的指示、命令 (第1篇 1.4).</summary>
    Instruction,
    /// <summary>公共区域维修情况 (第1篇 2.3).</summary>
    PublicRepair,
    /// <summary>本班发现或发生的问题，已处理或未处理 (第1篇 1.3).</summary>
    Incident,
    /// <summary>公用物品 checked face to face (第1篇 1.5), per post from configuration.</summary>
    SharedItem,
    /// <summary>交接班检查事项 ✓/✗ (第14篇 2.1), per post from configuration.</summary>
    Checklist,
    /// <summary>Keys still out, added from the keys feature (第1篇 1.5).</summary>
    KeyOut,
    /// <summary>未发放的信、报、刊 (第11篇 6).</summary>
    Letters,
    /// <summary>锁在前台柜内的物品 (第11篇 9).</summary>
    CounterItem,
    /// <summary>Items the front desk keeps for people with approval, added from the custody feature (第11篇 4, 9).</summary>
    HeldItem,
    /// <summary>Calls written down and not yet dealt with, added from the phone log (第11篇 5, 第10篇 一.3).</summary>
    OpenCall,
    /// <summary>The cinema's tickets in the counter and takings not yet handed in, added from the tickets feature (第12篇 1, 3, 7).</summary>
    Tickets,
    /// <summary>The shift's major events and emergencies from the duty log, handled or not (第1篇 1.3).</summary>
    DutyEvent,
    /// <summary>Duty-log entries of the post still being handled (round problems, ordinary matters): unfinished work (第1篇 1.2, 1.3).</summary>
    OpenDutyLog,
    /// <summary>补充: added after the outgoing person signed (always marked as added later).</summary>
    Addition,
}

public enum HandoverStatus
{
    /// <summary>The outgoing person is preparing it.</summary>
    Preparing,
    /// <summary>Submitted (the outgoing person's signature): the successor checks it item by item.</summary>
    Submitted,
    /// <summary>Refused by the successor, or the successor is unfit and has no cover: the shift lead decides (第14篇 1.6, 第1篇 2.4).</summary>
    Refused,
    /// <summary>Both signed: locked with a content hash; only the shift lead re-opens it.</summary>
    Accepted,
}

public enum HandoverItemState
{
    Open,
    Confirmed,
    /// <summary>The successor asked; the outgoing person must answer (第14篇 1.5).</summary>
    Questioned,
    /// <summary>Answered: the successor checks it again.</summary>
    Answered,
}

/// <summary>
/// One handover of one post at the end of one shift (the 交接班记录). State changes go through the verbs below; each
/// refuses, with a <see cref="BotRuleException"/>, what the policy does not allow. Saved with an optimistic version.
/// </summary>
public sealed class HandoverRecord
{
    private static readonly TextCatalog Texts = HandoverTexts.Catalog;

    public long Id { get; init; }
    public required string Post { get; init; }
    public required DateOnly Date { get; init; }
    public required string ShiftCode { get; init; }
    public required string OutgoingId { get; set; }
    public bool FrontDesk { get; init; }
    public string? SuccessorId { get; private set; }
    public HandoverStatus Status { get; private set; } = HandoverStatus.Preparing;
    /// <summary>Where the preparation stands (the flow's step), so it can be resumed; "review" once every section is done.</summary>
    public string Progress { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the outgoing person was prompted to prepare (the scheduled prompt).</summary>
    public DateTimeOffset? PromptedAt { get; set; }
    /// <summary>The outgoing person's signature.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>The successor's signature.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? AcceptedById { get; private set; }
    /// <summary>The first acceptance: the outgoing person handed over and may leave, even if the record is re-opened later.</summary>
    public DateTimeOffset? FirstAcceptedAt { get; private set; }
    public string? ContentHash { get; private set; }
    public string? RefusalReason { get; private set; }
    public string? RefusedById { get; private set; }
    public DateTimeOffset? RefusedAt { get; private set; }
    /// <summary>The refusal was because the successor is unfit (第1篇 2.4 ⑷): the lead must find cover.</summary>
    public bool SuccessorUnfit { get; private set; }
    public int ReopenCount { get; private set; }
    public string? ReopenReason { get; private set; }
    public string? ReopenedById { get; private set; }
    public DateTimeOffset? ReopenedAt { get; private set; }
    /// <summary>The shift lead's daily review signature (第14篇 2.3).</summary>
    public string? ReviewedById { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public DateTimeOffset? ReviewRemindedAt { get; set; }
    /// <summary>Set when "not accepted in time" was escalated, so the watch escalates once.</summary>
    public DateTimeOffset? OverdueEscalatedAt { get; set; }
    public int Version { get; set; }
    public List<HandoverItem> Items { get; init; } = [];

    public const string ReviewStep = "review";

    public bool IsLocked => Status == HandoverStatus.Accepted;

    public bool IsPrepared => Progress == ReviewStep;

    public IEnumerable<HandoverItem> InOrder => Items.OrderBy(i => i.Number);

    public void ProgressTo(string step)
    {
        EnsureNotLocked();
        Progress = step;
    }

    public HandoverItem Add(HandoverSection section, string text, string byId, DateTimeOffset now, string? cause = null, string? course = null,
        string? result = null, bool? handled = null, bool? ok = null, string? note = null)
    {
        EnsureNotLocked();
        var item = new HandoverItem
        {
            Number = Items.Count == 0 ? 1 : Items.Max(i => i.Number) + 1,
            Section = section,
            Text = text,
            Cause = cause,
            Course = course,
            Result = result,
            Handled = handled,
            Ok = ok,
            Note = note,
            AddedById = byId,
            AddedAt = now,
            // 第14篇 1.7: what is added after the outgoing person signed is marked, and the successor checks it too.
            AddedLater = Status != HandoverStatus.Preparing,
        };
        Items.Add(item);
        return item;
    }

    /// <summary>
    /// 撤回: the last item written, taken back before signing — only while preparing, only the latest item of all (so no
    /// number is left out), and only when it belongs to this section and this person wrote it. Null when there is none.
    /// </summary>
    public HandoverItem? TakeBackLast(HandoverSection section, string byId)
    {
        EnsureNotLocked();
        if (Status != HandoverStatus.Preparing || Items.MaxBy(i => i.Number) is not { } last
            || last.Section != section || last.AddedById != byId || last.AddedLater) return null;
        Items.Remove(last);
        return last;
    }

    /// <summary>Drops the automatic key lines of the preparation so they can be read afresh from the keys feature.</summary>
    public void ClearKeysOut() => ClearAdded(HandoverSection.KeyOut);

    public void ClearHeldItems() => ClearAdded(HandoverSection.HeldItem);

    public void ClearOpenCalls() => ClearAdded(HandoverSection.OpenCall);

    public void ClearTickets() => ClearAdded(HandoverSection.Tickets);

    public void ClearDutyEvents() => ClearAdded(HandoverSection.DutyEvent);

    public void ClearOpenDutyLog() => ClearAdded(HandoverSection.OpenDutyLog);

    /// <summary>Items another feature added at the review, taken out before they are added afresh.</summary>
    private void ClearAdded(HandoverSection section)
    {
        EnsureNotLocked();
        Items.RemoveAll(i => i.Section == section && !i.AddedLater);
    }

    /// <summary>提交: the outgoing person's signature. Only a complete preparation goes to the successor (第1篇 2.4 ⑶).</summary>
    public void Submit(string successorId, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (Status != HandoverStatus.Preparing) throw new BotRuleException(Texts, "AlreadySubmitted", Id);
        if (!IsPrepared || Items.Any(i => i.Section is HandoverSection.SharedItem or HandoverSection.Checklist && i.Ok is null)
            || Items.Any(i => i.Section == HandoverSection.UnfinishedWork && (string.IsNullOrWhiteSpace(i.Cause) || string.IsNullOrWhiteSpace(i.Course) || string.IsNullOrWhiteSpace(i.Result))))
            throw new BotRuleException(Texts, "PreparationIncomplete", Id);
        SuccessorId = successorId;
        Status = HandoverStatus.Submitted;
        SubmittedAt = now;
    }

    /// <summary>The successor, and only they, works through the items (第14篇 1.4–1.7).</summary>
    public void EnsureSuccessor(string personId)
    {
        if (Status == HandoverStatus.Preparing) throw new BotRuleException(Texts, "NotReadyYet", Id);
        if (SuccessorId != personId) throw new BotRuleException(Texts, "NotYourHandover", Id);
        if (IsLocked) throw new BotRuleException(Texts, "AlreadyAccepted", Id);
        if (Status == HandoverStatus.Refused) throw new BotRuleException(Texts, "RefusedWaitingForLead", Id);
    }

    public HandoverItem? NextToCheck() =>
        InOrder.FirstOrDefault(i => i.State is HandoverItemState.Open or HandoverItemState.Answered);

    public int OpenQuestions => Items.Count(i => i.State == HandoverItemState.Questioned);

    public void Confirm(HandoverItem item, string personId)
    {
        EnsureSuccessor(personId);
        if (item.State == HandoverItemState.Confirmed) throw new BotRuleException(Texts, "ItemAlreadyConfirmed", item.Number);
        item.State = HandoverItemState.Confirmed;
    }

    public void Ask(HandoverItem item, string personId, string question)
    {
        EnsureSuccessor(personId);
        item.State = HandoverItemState.Questioned;
        item.Question = question;
        item.Answer = null;
    }

    /// <summary>The outgoing person answers a question (第14篇 1.5). Nothing changes on a locked record.</summary>
    public void AnswerQuestion(HandoverItem item, string personId, string answer)
    {
        EnsureNotLocked();
        if (personId != OutgoingId) throw new BotRuleException(Texts, "OnlyOutgoingAnswers", Id);
        if (item.State != HandoverItemState.Questioned) throw new BotRuleException(Texts, "NoOpenQuestion", Id);
        item.Answer = answer;
        item.State = HandoverItemState.Answered;
    }

    /// <summary>拒绝接班 (第14篇 1.6): the outgoing work is incomplete or a question has no clear answer.</summary>
    public void Refuse(string personId, string reason, DateTimeOffset now)
    {
        EnsureSuccessor(personId);
        Status = HandoverStatus.Refused;
        RefusalReason = reason;
        RefusedById = personId;
        RefusedAt = now;
        SuccessorUnfit = false;
    }

    /// <summary>第1篇 2.4 ⑷: the successor shows signs of drinking or is not clear-headed, and there is no cover yet.</summary>
    public void DeclareSuccessorUnfit(string byId, string reason, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (Status != HandoverStatus.Submitted) throw new BotRuleException(Texts, "NotWaitingForSuccessor", Id);
        Status = HandoverStatus.Refused;
        SuccessorUnfit = true;
        RefusalReason = reason;
        RefusedById = byId;
        RefusedAt = now;
    }

    /// <summary>顶班: the shift lead names who takes over instead; they check every item afresh.</summary>
    public void AssignCover(string coverId)
    {
        EnsureNotLocked();
        if (Status is not (HandoverStatus.Refused or HandoverStatus.Submitted)) throw new BotRuleException(Texts, "NotWaitingForSuccessor", Id);
        SuccessorId = coverId;
        Status = HandoverStatus.Submitted;
        SuccessorUnfit = false;
        foreach (var item in Items.Where(i => i.State == HandoverItemState.Confirmed)) item.State = HandoverItemState.Open;
    }

    /// <summary>签字接班: the successor's signature. Both have signed: the content is sealed with its hash.</summary>
    public void Accept(string personId, DateTimeOffset now)
    {
        EnsureSuccessor(personId);
        if (Items.Any(i => i.State != HandoverItemState.Confirmed)) throw new BotRuleException(Texts, "ItemsStillOpen", Id);
        Status = HandoverStatus.Accepted;
        AcceptedAt = now;
        AcceptedById = personId;
        FirstAcceptedAt ??= now;
        ContentHash = ComputeHash();
    }

    /// <summary>重开: only the shift lead, with a reason; additions afterwards are marked as added later.</summary>
    public void Reopen(string leadId, string reason, DateTimeOffset now)
    {
        if (Status is not (HandoverStatus.Accepted or HandoverStatus.Refused)) throw new BotRuleException(Texts, "NothingToReopen", Id);
        Status = HandoverStatus.Submitted;
        ReopenCount++;
        ReopenReason = reason;
        ReopenedById = leadId;
        ReopenedAt = now;
        RefusalReason = null;
        RefusedById = null;
        RefusedAt = null;
        SuccessorUnfit = false;
        AcceptedAt = null;
        AcceptedById = null;
        ReviewedById = null;
        ReviewedAt = null;
        foreach (var item in Items.Where(i => i.State == HandoverItemState.Questioned)) item.State = HandoverItemState.Open;
    }

    /// <summary>The shift lead's daily review signature (第14篇 2.3): only on a locked record.</summary>
    public bool Review(string leadId, DateTimeOffset now)
    {
        if (!IsLocked || ReviewedAt is not null) return false;
        ReviewedById = leadId;
        ReviewedAt = now;
        return true;
    }

    /// <summary>Whether the sealed content is still what was signed.</summary>
    public bool IsIntact => ContentHash is not null && ContentHash == ComputeHash();

    /// <summary>SHA-256 over everything both signed: who, which shift, every item with its checks, questions and answers.</summary>
    public string ComputeHash()
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value?.Replace("\u001f", " ", StringComparison.Ordinal) ?? "∅").Append('\u001f');
        Field(Id.ToString(CultureInfo.InvariantCulture));
        Field(Post);
        Field(Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(ShiftCode);
        Field(OutgoingId);
        Field(SuccessorId);
        Field(SubmittedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Field(AcceptedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        foreach (var i in InOrder)
        {
            Field(i.Number.ToString(CultureInfo.InvariantCulture));
            Field(i.Section.ToString());
            Field(i.Text);
            Field(i.Cause);
            Field(i.Course);
            Field(i.Result);
            Field(i.Handled?.ToString());
            Field(i.Ok?.ToString());
            Field(i.Note);
            Field(i.Question);
            Field(i.Answer);
            Field(i.AddedLater.ToString());
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private void EnsureNotLocked()
    {
        if (IsLocked) throw new BotRuleException(Texts, "Locked", Id);
    }
}

/// <summary>One line of a handover: what is handed over and how the successor checked it.</summary>
public sealed class HandoverItem
{
    public long Id { get; init; }
    public long RecordId { get; init; }
    public int Number { get; init; }
    public HandoverSection Section { get; init; }
    public required string Text { get; init; }
    public string? Cause { get; init; }
    public string? Course { get; init; }
    public string? Result { get; init; }
    /// <summary>Incidents: handled (已处理) or not.</summary>
    public bool? Handled { get; init; }
    /// <summary>Checks: ✓ (true) or ✗ (false), null while not checked.</summary>
    public bool? Ok { get; set; }
    public string? Note { get; set; }
    public HandoverItemState State { get; set; } = HandoverItemState.Open;
    public string? Question { get; set; }
    public string? Answer { get; set; }
    public bool AddedLater { get; init; }
    public required string AddedById { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}

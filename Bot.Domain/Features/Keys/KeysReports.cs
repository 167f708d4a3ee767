using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Domain.Features.Keys;

/// <summary>The keys still out, for the handover feature (第1篇 1.5) and anyone else who must list them.</summary>
public sealed class KeysOutList(IKeyStore store, IDirectoryStore directory) : IKeysOut
{
    public async Task<IReadOnlyList<KeyOut>> HeldByAsync(string personId, CancellationToken cancellationToken) =>
        await ListAsync(l => l.HolderId == personId, cancellationToken);

    public Task<IReadOnlyList<KeyOut>> AllOutAsync(CancellationToken cancellationToken) => ListAsync(_ => true, cancellationToken);

    private async Task<IReadOnlyList<KeyOut>> ListAsync(Func<KeyLoan, bool> which, CancellationToken cancellationToken)
    {
        var keys = (await store.AllKeysAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.Ordinal);
        var result = new List<KeyOut>();
        foreach (var loan in (await store.OpenLoansAsync(cancellationToken)).Where(l => l.Status == LoanStatus.Out && which(l)))
        {
            var name = (await directory.FindPersonAsync(loan.HolderId, cancellationToken))?.Name ?? loan.HolderId;
            result.Add(new KeyOut(loan.KeyCode, keys.TryGetValue(loan.KeyCode, out var key) ? key.Opens : loan.KeyCode, loan.HolderId, name,
                loan.HandedOutAt ?? loan.RequestedAt, loan.DueBack));
        }
        return result;
    }
}

/// <summary>
/// The keys part of the supervisors' daily digest: keys out, overdue, lost or damaged, and reasons not recorded (第4篇 1.2.4).
/// Now (今日概况): how many are out, the overdue ones by name and holder (1.2.3: returned promptly), and any lost or damaged.
/// </summary>
public sealed class KeysDigestSection(IKeyStore store, KeyDesk desk, TimeProvider time) : IDigestSection, IDigestNow
{
    private static readonly TextCatalog Texts = KeysTexts.Catalog;

    public int Order => 20;

    public int NowOrder => 30;

    public async Task<IReadOnlyList<string>> NowAsync(Person recipient, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var keys = await store.AllKeysAsync(cancellationToken);
        var byCode = keys.ToDictionary(k => k.Code, StringComparer.Ordinal);
        var outNow = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.IsOut).ToList();
        var overdue = outNow.Where(l => l.IsOverdue(now)).ToList();
        var broken = keys.Where(k => k.Status is KeyStatus.Lost or KeyStatus.Damaged).ToList();
        var lines = new List<string>();
        if (overdue.Count > 0)
        {
            var late = new List<string>();
            foreach (var loan in overdue)
                late.Add(Texts.Get("NowOverdueKey", language, KeyDesk.Describe(loan.KeyCode, byCode), await desk.NameAsync(loan.HolderId, cancellationToken),
                    ConversationTexts.Duration(now - loan.DueBack, language)));
            lines.Add(Texts.Get("NowKeysOverdue", language, outNow.Count, overdue.Count, string.Join(KeysTexts.Separator(language), late)));
        }
        else if (outNow.Count > 0) lines.Add(Texts.Get("NowKeysOut", language, outNow.Count));
        if (broken.Count > 0)
            lines.Add(Texts.Get("NowKeysBroken", language, broken.Count,
                string.Join(KeysTexts.Separator(language), broken.Select(k => Texts.Get("NowBrokenKey", language, KeyDesk.Describe(k), KeysTexts.Status(k.Status, language))))));
        return lines;
    }

    public async Task<string?> BuildAsync(Person recipient, DateOnly day, string language, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = await store.AllKeysAsync(cancellationToken);
        var byCode = keys.ToDictionary(k => k.Code, StringComparer.Ordinal);
        var outNow = (await store.OpenLoansAsync(cancellationToken)).Where(l => l.IsOut).ToList();
        var broken = keys.Where(k => k.Status is KeyStatus.Lost or KeyStatus.Damaged).ToList();
        if (outNow.Count == 0 && broken.Count == 0) return null;

        var overdue = outNow.Where(l => l.IsOverdue(now)).ToList();
        var lines = new List<string> { Texts.Get("DigestSection", language, outNow.Count, overdue.Count, broken.Count, outNow.Count(l => l.LacksReason)) };
        foreach (var loan in outNow)
        {
            var line = Texts.Get("DigestOutLine", language, KeyDesk.Describe(loan.KeyCode, byCode), await desk.NameAsync(loan.HolderId, cancellationToken),
                ConversationTexts.Duration(now - (loan.HandedOutAt ?? loan.RequestedAt), language));
            if (loan.IsOverdue(now)) line += Texts.Get("DigestOverdue", language, ConversationTexts.Duration(now - loan.DueBack, language));
            if (loan.LacksReason) line += Texts.Get("DigestNoReason", language);
            else if (loan.Reason is { } reason) line += Texts.Get("DigestReason", language, reason);
            lines.Add(line);
        }
        lines.AddRange(broken.Select(k => Texts.Get("DigestBrokenLine", language, KeyDesk.Describe(k), KeysTexts.Status(k.Status, language))));
        return string.Join("\n", lines);
    }
}

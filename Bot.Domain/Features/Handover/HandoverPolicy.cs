namespace Bot.Domain.Features.Handover;

/// <summary>A post that hands over at the end of each shift, with what is checked there (configuration <c>Handover:Posts</c>).</summary>
/// <param name="FrontDesk">The front-desk variant (第11篇 5–8): letters and newspapers not delivered, items locked in the counter.</param>
/// <param name="SharedItems">Shared items checked face to face (第1篇 1.5): office supplies, radios and phones, documents, keys.</param>
/// <param name="Checklist">The post's handover checklist, each marked ✓ or ✗ (第14篇 2.1).</param>
public sealed record HandoverPost(string Post, bool FrontDesk, IReadOnlyList<string> SharedItems, IReadOnlyList<string> Checklist);

/// <summary>The handover's timings and posts (configuration section <c>Handover</c>).</summary>
/// <param name="PrepareBefore">The outgoing person is prompted this long before the shift ends.</param>
/// <param name="AcceptWithin">Not accepted this long after the shift's end → escalated.</param>
/// <param name="ReviewReminderAt">Local time the next morning when unsigned handovers are put to the shift leads again.</param>
/// <param name="FallbackPost">Where a post with no successor of its own hands over (the duty office, 第2篇 1.2).</param>
public sealed record HandoverPolicy(TimeSpan PrepareBefore, TimeSpan AcceptWithin, TimeOnly ReviewReminderAt, string FallbackPost,
    IReadOnlyList<HandoverPost> Posts)
{
    public HandoverPost? Find(string post) => Posts.FirstOrDefault(p => string.Equals(p.Post, post, StringComparison.Ordinal));
}

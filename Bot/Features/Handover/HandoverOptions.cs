using System.Globalization;
using Bot.Domain.Features.Handover;

namespace Bot.Features.Handover;

/// <summary>Section <c>Handover</c>: when the outgoing person is prompted, how long the successor has, the review reminder, and the posts.</summary>
public sealed class HandoverOptions
{
    public const string Section = "Handover";

    /// <summary>The outgoing person is prompted to prepare this long before the shift ends.</summary>
    public TimeSpan PrepareBefore { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Not accepted this long after the shift's end → escalated to the shift lead.</summary>
    public TimeSpan AcceptWithin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Local HH:mm the next morning: handovers still unsigned are put to the shift leads again.</summary>
    public string ReviewReminderAt { get; set; } = "09:00";

    /// <summary>Where a post with no successor of its own hands over (the duty office, 第2篇 1.2).</summary>
    public string FallbackPost { get; set; } = "客服中心";

    public List<PostOption> Posts { get; set; } = [];

    public sealed class PostOption
    {
        public string Post { get; set; } = "";

        /// <summary>The front-desk variant (第11篇 5–8).</summary>
        public bool FrontDesk { get; set; }

        public List<string> SharedItems { get; set; } = [];

        public List<string> Checklist { get; set; } = [];
    }

    public HandoverPolicy ToPolicy() => new(PrepareBefore, AcceptWithin,
        TimeOnly.ParseExact(ReviewReminderAt, "HH:mm", CultureInfo.InvariantCulture), FallbackPost,
        [.. Posts.Select(p => new HandoverPost(p.Post, p.FrontDesk, [.. p.SharedItems], [.. p.Checklist]))]);

    /// <summary>Every problem, each naming its key: the bot refuses to start with any.</summary>
    public IEnumerable<string> Problems()
    {
        if (PrepareBefore <= TimeSpan.Zero) yield return "Handover:PrepareBefore must be positive.";
        if (AcceptWithin <= TimeSpan.Zero) yield return "Handover:AcceptWithin must be positive.";
        if (!TimeOnly.TryParseExact(ReviewReminderAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return $"Handover:ReviewReminderAt '{ReviewReminderAt}' is not HH:mm.";
        for (var i = 0; i < Posts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Posts[i].Post)) yield return $"Handover:Posts:{i}:Post is required.";
            if (Posts[i].SharedItems.Concat(Posts[i].Checklist).Any(string.IsNullOrWhiteSpace)) yield return $"Handover:Posts:{i} has an empty shared item or checklist item.";
        }
        if (Posts.Select(p => p.Post).Distinct(StringComparer.Ordinal).Count() != Posts.Count) yield return "Handover:Posts names a post twice.";
    }
}

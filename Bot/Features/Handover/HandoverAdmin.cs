using Bot.Domain.Features.Handover;
using Bot.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bot.Features.Handover;

/// <summary>
/// The handover records through the admin API (X-Api-Key, like the directory's): the list by date, and one record in
/// full with its items, signatures and content hash — the 交接班记录 for the files and for audit.
/// </summary>
public static class HandoverAdmin
{
    public sealed record HandoverSummary(long Id, DateOnly Date, string ShiftCode, string Post, string OutgoingId, string? SuccessorId,
        string Status, DateTimeOffset? SubmittedAt, DateTimeOffset? AcceptedAt, string? ReviewedById, DateTimeOffset? ReviewedAt);

    public sealed record HandoverItemView(int Number, string Section, string Text, string? Cause, string? Course, string? Result, bool? Handled,
        bool? Ok, string? Note, string State, string? Question, string? Answer, bool AddedLater, string AddedById, DateTimeOffset AddedAt);

    /// <param name="Intact">Whether the content still matches the hash both signed.</param>
    public sealed record HandoverView(HandoverSummary Summary, bool FrontDesk, string? AcceptedById, string? ContentHash, bool? Intact,
        string? RefusalReason, bool SuccessorUnfit, int ReopenCount, string? ReopenReason, string? ReopenedById, DateTimeOffset? ReopenedAt,
        IReadOnlyList<HandoverItemView> Items);

    public static WebApplication MapHandoverAdmin(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/handovers").WithTags("Handover admin").AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", ListAsync).WithName("ListHandovers")
            .WithSummary("List handover records (交接班记录) by shift date; from/to are yyyy-MM-dd, default the last 7 days");
        api.MapGet("/{id:long}", GetAsync).WithName("GetHandover")
            .WithSummary("One handover record in full: items, questions and answers, signatures, content hash");
        return app;
    }

    private static async Task<Ok<List<HandoverSummary>>> ListAsync(BotDbContext db, TimeProvider time, Bot.Domain.Conversations.DepartmentProfile department,
        DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var today = department.LocalDate(time.GetUtcNow());
        var first = from ?? today.AddDays(-6);
        var last = to ?? today;
        var records = await db.Set<HandoverRecord>().AsNoTracking().IgnoreAutoIncludes()
            .Where(r => r.Date >= first && r.Date <= last)
            .OrderBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<HandoverView>, NotFound>> GetAsync(long id, BotDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Set<HandoverRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } r) return TypedResults.NotFound();
        return TypedResults.Ok(new HandoverView(Summary(r), r.FrontDesk, r.AcceptedById, r.ContentHash, r.ContentHash is null ? null : r.IsIntact,
            r.RefusalReason, r.SuccessorUnfit, r.ReopenCount, r.ReopenReason, r.ReopenedById, r.ReopenedAt,
            [.. r.InOrder.Select(i => new HandoverItemView(i.Number, i.Section.ToString(), i.Text, i.Cause, i.Course, i.Result, i.Handled, i.Ok, i.Note,
                i.State.ToString(), i.Question, i.Answer, i.AddedLater, i.AddedById, i.AddedAt))]));
    }

    private static HandoverSummary Summary(HandoverRecord r) => new(r.Id, r.Date, r.ShiftCode, r.Post, r.OutgoingId, r.SuccessorId, r.Status.ToString(),
        r.SubmittedAt, r.AcceptedAt, r.ReviewedById, r.ReviewedAt);
}

using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.LocalChat;

public static class LocalChatEndpoints
{
    /// <summary>Longest message the chat page accepts, in characters.</summary>
    public const int MaxTextLength = 2000;

    public sealed record ChatPerson(string Id, string Name, string Kind, string Roles, string Language);

    public sealed record ChatLine(long Id, bool FromBot, string Text, IReadOnlyList<Choice> Choices, DateTimeOffset At);

    public sealed record ChatPost(string? Text, string? Choice, string? ClientMessageId);

    public static WebApplicationBuilder AddLocalChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LocalChatOptions>()
            .Bind(builder.Configuration.GetSection(LocalChatOptions.Section))
            .PostConfigure(o => o.Enabled ??= builder.Environment.IsDevelopment());
        builder.Services.AddSingleton<LocalChatHub>();
        builder.Services.AddSingleton<LocalChatChannel>();
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<LocalChatChannel>());
        builder.Services.AddSingleton<IProactiveChannel>(sp => sp.GetRequiredService<LocalChatChannel>());
        return builder;
    }

    public static WebApplication MapLocalChat(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LocalChatOptions>>().Value.Enabled != true) return app;

        app.MapGet("/chat", () => Results.Stream(OpenPage(), "text/html; charset=utf-8")).ExcludeFromDescription();
        var api = app.MapGroup("/api/localchat").WithTags("Local chat");
        api.MapGet("/people", ListPeopleAsync);
        api.MapGet("/{participantId}/messages", HistoryAsync);
        api.MapGet("/{participantId}/events", Events);
        api.MapPost("/{participantId}/messages", PostAsync);
        return app;
    }

    private static Stream OpenPage() =>
        typeof(LocalChatEndpoints).Assembly.GetManifestResourceStream("LocalChat.chat.html")
        ?? throw new InvalidOperationException("The chat page is not embedded in the build.");

    private static async Task<Ok<List<ChatPerson>>> ListPeopleAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var people = await db.Set<Person>().AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var owners = await db.Set<Owner>().AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var list = people.Select(p => new ChatPerson(p.Id, p.Name, "staff", RoleNames.Display(p.Roles, TextCatalog.Chinese), p.Language))
            .Concat(owners.Select(o => new ChatPerson(o.Id, o.FormOfAddress, "owner", "业主", o.Language)))
            .ToList();
        return TypedResults.Ok(list);
    }

    private static async Task<Ok<List<ChatLine>>> HistoryAsync(string participantId, long? after, BotDbContext db, CancellationToken cancellationToken)
    {
        var since = after ?? 0;
        var lines = await db.Set<LocalChatMessage>().AsNoTracking()
            .Where(m => m.ParticipantId == participantId && m.Id > since)
            .OrderByDescending(m => m.Id).Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(lines.OrderBy(m => m.Id).Select(ToLine).ToList());
    }

    /// <summary>Live lines for one person's page, as server-sent events; the page reloads history on reconnect.</summary>
    private static ServerSentEventsResult<ChatLine> Events(string participantId, LocalChatHub hub, CancellationToken cancellationToken)
    {
        return TypedResults.ServerSentEvents(Stream(participantId, hub, cancellationToken));

        static async IAsyncEnumerable<SseItem<ChatLine>> Stream(string participantId, LocalChatHub hub, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var subscription = hub.Subscribe(participantId);
            // A first event tells the page the stream is open, so it can fetch history without missing a line.
            yield return new SseItem<ChatLine>(new ChatLine(0, true, "", [], DateTimeOffset.UnixEpoch), "ready");
            await foreach (var line in subscription.Reader.ReadAllAsync(cancellationToken))
                yield return new SseItem<ChatLine>(ToLine(line), "line") { EventId = line.Id.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static async Task<Results<Accepted, Ok, ProblemHttpResult>> PostAsync(
        string participantId, ChatPost post, Inbox inbox, BotDbContext db, LocalChatHub hub, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = post.Text?.Trim();
        var choice = post.Choice?.Trim();
        if (string.IsNullOrEmpty(text) && string.IsNullOrEmpty(choice))
            return TypedResults.Problem("请输入内容。Please type a message.", statusCode: StatusCodes.Status400BadRequest);
        if ((text?.Length ?? 0) > MaxTextLength || (choice?.Length ?? 0) > MaxTextLength)
            return TypedResults.Problem($"消息过长，请控制在{MaxTextLength}字以内。The message is too long (at most {MaxTextLength} characters).",
                statusCode: StatusCodes.Status400BadRequest);
        if (participantId.Length > 64)
            return TypedResults.Problem("未知的用户。Unknown user.", statusCode: StatusCodes.Status400BadRequest);

        var now = time.GetUtcNow();
        var messageId = string.IsNullOrWhiteSpace(post.ClientMessageId) ? Guid.NewGuid().ToString("N") : post.ClientMessageId.Trim();
        var message = new IncomingMessage(
            LocalChatChannel.AddressOf(participantId),
            $"{participantId}/{messageId}",
            new ChannelUser(LocalChatChannel.IdentityChannel, participantId, IsLocalId: true),
            string.IsNullOrEmpty(choice) ? text : null,
            string.IsNullOrEmpty(choice) ? null : choice,
            now);
        if (!await inbox.AcceptAsync(message, cancellationToken)) return TypedResults.Ok();

        // The person's own line, as they saw it: the pressed choice's label comes from the page as text.
        var line = new LocalChatMessage { ParticipantId = participantId, FromBot = false, Text = text ?? choice!, At = now };
        db.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        hub.Publish(line);
        return TypedResults.Accepted((string?)null);
    }

    private static ChatLine ToLine(LocalChatMessage m) =>
        new(m.Id, m.FromBot, m.Text, WireJson.Read<List<Choice>>(m.Choices), m.At);
}

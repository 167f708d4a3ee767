using System.Net.Http.Json;
using Bot.Channels.LocalChat;

namespace Bot.Tests.Support;

/// <summary>Talks to the bot as one person through the local chat API, the way the /chat page does.</summary>
public sealed class LocalChatClient(BotFactory factory, string participantId)
{
    private readonly HttpClient _http = factory.CreateClient();
    private long _seen;

    public async Task<HttpResponseMessage> PostAsync(string? text = null, string? choice = null, string? clientMessageId = null) =>
        await _http.PostAsJsonAsync($"/api/localchat/{participantId}/messages",
            new LocalChatEndpoints.ChatPost(text, choice, clientMessageId ?? Guid.NewGuid().ToString("N")));

    /// <summary>Sends a line, runs the turn, and returns the bot's new lines.</summary>
    public async Task<IReadOnlyList<LocalChatEndpoints.ChatLine>> SayAsync(string text)
    {
        var response = await PostAsync(text);
        response.EnsureSuccessStatusCode();
        await factory.RunTurnsAsync();
        return await NewBotLinesAsync();
    }

    public async Task<IReadOnlyList<LocalChatEndpoints.ChatLine>> PressAsync(string choice)
    {
        (await PostAsync(choice: choice)).EnsureSuccessStatusCode();
        await factory.RunTurnsAsync();
        return await NewBotLinesAsync();
    }

    public async Task<IReadOnlyList<LocalChatEndpoints.ChatLine>> NewBotLinesAsync()
    {
        var lines = await _http.GetFromJsonAsync<List<LocalChatEndpoints.ChatLine>>($"/api/localchat/{participantId}/messages?after={_seen}") ?? [];
        if (lines.Count > 0) _seen = lines[^1].Id;
        return [.. lines.Where(l => l.FromBot)];
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>
/// A stand-in for WeCom's server API on loopback (wecom.md §8): gettoken hands out tok-1, tok-2 …; message/send and
/// update_template_card answer errcode 0 unless told to answer the next calls of a path otherwise. Records every call.
/// </summary>
public sealed class FakeWeComApi : IAsyncDisposable
{
    public const string GetToken = "/cgi-bin/gettoken";
    public const string Send = "/cgi-bin/message/send";
    public const string UpdateCard = "/cgi-bin/message/update_template_card";
    public const string KfSync = "/cgi-bin/kf/sync_msg";
    public const string KfSend = "/cgi-bin/kf/send_msg";
    public const string KfSendOnEvent = "/cgi-bin/kf/send_msg_on_event";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WeComCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _scripted = new();
    private int _tokens;
    private int _messages;

    private FakeWeComApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<WeComCall> Calls => [.. _calls];

    public IReadOnlyList<WeComCall> CallsTo(string path) => [.. _calls.Where(c => c.Path == path)];

    public static async Task<FakeWeComApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeWeComApi(app);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>The next call to <paramref name="path"/> is answered with <paramref name="json"/> (e.g. {"errcode":42001}).</summary>
    public void RespondNext(string path, string json) => _scripted.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(json);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        _calls.Enqueue(new WeComCall(context.Request.Method, path, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), body));

        context.Response.ContentType = "application/json";
        if (_scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted))
        {
            await context.Response.WriteAsync(scripted);
            return;
        }
        var answer = path switch
        {
            GetToken => $$"""{"errcode":0,"errmsg":"ok","access_token":"tok-{{Interlocked.Increment(ref _tokens)}}","expires_in":7200}""",
            Send => $$"""{"errcode":0,"errmsg":"ok","msgid":"msg-{{Interlocked.Increment(ref _messages)}}","response_code":"rc-send"}""",
            UpdateCard or KfSendOnEvent => """{"errcode":0,"errmsg":"ok"}""",
            KfSync => """{"errcode":0,"errmsg":"ok","next_cursor":"","has_more":0,"msg_list":[]}""",
            KfSend => $$"""{"errcode":0,"errmsg":"ok","msgid":"kf-{{Interlocked.Increment(ref _messages)}}"}""",
            _ => """{"errcode":-1,"errmsg":"unknown path in the fake"}""",
        };
        await context.Response.WriteAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record WeComCall(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

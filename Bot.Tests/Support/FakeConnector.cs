using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>
/// A stand-in Bot Connector on loopback (a real socket, so the bot's own HttpClient talks to it): records every request
/// and answers 200 with a ResourceResponse, unless told to answer the next few requests otherwise.
/// Use <see cref="ServiceUrl"/> as the activity's serviceUrl.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<Answer> _answers = new();
    private int _ids;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>The base URL, with a trailing '/' like Teams' serviceUrl (botframework.md §4.2).</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <param name="certificate">Listen on https with this certificate (the bot sends its token to https hosts only).</param>
    public static async Task<FakeConnector> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.Urls.Clear();
        if (certificate is null) app.Urls.Add("http://127.0.0.1:0");
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/> (and Retry-After, if given).</summary>
    public void RespondNext(int count, HttpStatusCode status, string? retryAfter = null, string? body = null)
    {
        for (var i = 0; i < count; i++) _answers.Enqueue(new Answer(status, retryAfter, body));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        // The raw target, not the decoded Path: the test checks how ids were escaped.
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        _requests.Enqueue(new RecordedRequest(context.Request.Method, target, body, headers));

        context.Response.Headers["X-Correlating-OperationId"] = Guid.NewGuid().ToString("N");
        if (_answers.TryDequeue(out var answer))
        {
            context.Response.StatusCode = (int)answer.Status;
            if (answer.RetryAfter is not null) context.Response.Headers.RetryAfter = answer.RetryAfter;
            if (answer.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(answer.Body);
            }
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id":"sent-{{Interlocked.Increment(ref _ids)}}"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Answer(HttpStatusCode Status, string? RetryAfter, string? Body);
}

/// <summary>One request the fake connector received. <paramref name="Path"/> is the raw request target, still escaped.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

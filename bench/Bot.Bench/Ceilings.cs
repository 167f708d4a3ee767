using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using Bot.Channels.Teams;
using Bot.Channels.WeCom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Bench;

/// <summary>
/// What this machine allows at all, to read the two throughput targets against (README, "/api/messages under load"
/// and "WeCom callback load"). Each is a bare server that does a channel's protocol work and nothing durable; the load
/// tools run against it exactly as against the bot.
/// <list type="bullet">
/// <item><c>teams-echo</c>: the least any .NET bot does per activity — read the JSON, post an echo reply to the
/// activity's serviceUrl, answer 200. No directory, state, inbox or outbox. Load it with bench/Bot.Load.</item>
/// <item><c>wecom-bare</c>: the bot's own callback checks (query, timestamp window, body cap, XML without DTDs,
/// signature, AES, CorpID, the translation to a neutral message) with everything but the inbox write. Load it with
/// <c>wecom-load --url</c>, like the Node peer, which stores nothing either.</item>
/// <item><c>http-floor</c>: Kestrel alone — read the body, answer an empty 200. Read against bench/wecom-node/floor.js,
/// the same on Node, it says how far apart the two HTTP servers are before any WeCom work.</item>
/// </list>
/// </summary>
public static class Ceilings
{
    private const int MaxBodyBytes = 65536;

    public static async Task<int> RunAsync(string mode, string[] args)
    {
        var port = WeComCallbackLoad.IntArg(args, "--port", mode switch { "teams-echo" => 5097, "http-floor" => 5394, _ => 5392 });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        if (mode == "teams-echo")
        {
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            app.MapPost("/api/messages", context => EchoAsync(context, http));
            Console.WriteLine($"bare .NET echo bot on http://127.0.0.1:{port}/api/messages");
            await app.RunAsync();
        }
        else if (mode == "http-floor")
        {
            app.MapPost("/", context => context.Request.Body.CopyToAsync(Stream.Null));
            Console.WriteLine($"HTTP floor (Kestrel) on http://127.0.0.1:{port}/");
            await app.RunAsync();
        }
        else
        {
            var crypto = new WeComCrypto(WeComCallbackLoad.Token, WeComCallbackLoad.AesKey, WeComCallbackLoad.CorpId);
            app.MapPost("/", context => CheckCallbackAsync(context, crypto));
            Console.WriteLine($"WeCom callback checks without the inbox on http://127.0.0.1:{port}/");
            await app.RunAsync();
        }
        return 0;
    }

    private static async Task EchoAsync(HttpContext context, HttpClient http)
    {
        using var activity = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = activity.RootElement;
        var serviceUrl = root.GetProperty("serviceUrl").GetString()!.TrimEnd('/');
        var conversation = root.GetProperty("conversation").GetProperty("id").GetString()!;
        var id = root.GetProperty("id").GetString()!;
        var reply = new
        {
            type = "message",
            text = "Echo: " + root.GetProperty("text").GetString(),
            replyToId = id,
            conversation = new { id = conversation },
            from = root.GetProperty("recipient").Clone(),
            recipient = root.GetProperty("from").Clone(),
        };
        using var sent = await http.PostAsJsonAsync(
            $"{serviceUrl}/v3/conversations/{Uri.EscapeDataString(conversation)}/activities/{Uri.EscapeDataString(id)}", reply,
            context.RequestAborted);
        context.Response.StatusCode = sent.IsSuccessStatusCode ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway;
    }

    /// <summary>WeComCallbackEndpoint.ReceiveAsync's checks, in its order, through the same code; no inbox.</summary>
    private static async Task CheckCallbackAsync(HttpContext context, WeComCrypto crypto)
    {
        var query = RawQuery.Parse(context.Request.QueryString.Value);
        if (WeComTranslator.ParseTimestamp(query["timestamp"]) is not { } seconds
            || (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > TimeSpan.FromMinutes(5))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var body = await TeamsMessagesEndpoint.ReadCappedAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        try
        {
            var envelope = WeComXml.ReadEnvelope(body.GetBuffer().AsSpan(0, (int)body.Length), MaxBodyBytes);
            if (string.IsNullOrEmpty(envelope.Encrypt)
                || !crypto.VerifySignature(query["msg_signature"], query["timestamp"], query["nonce"], envelope.Encrypt))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            var message = WeComXml.ReadMessage(crypto.Decrypt(envelope.Encrypt).Message, MaxBodyBytes);
            var translated = WeComTranslator.Translate(message, DateTimeOffset.UtcNow);
            context.Response.StatusCode = translated.Message is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        }
        catch (Exception ex) when (ex is XmlException or WeComCryptoException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

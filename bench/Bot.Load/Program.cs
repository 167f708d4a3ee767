using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

// Load client for POST /api/messages (issue 9 benchmark). It runs its own reply sink — a stand-in Bot Connector on
// loopback that answers every reply 200 — and posts emulator-mode activities to a running bot from N connections.
// Reported: the acknowledgement latency (p50/p99 of the POST) and the throughput of whole turns, i.e. replies that
// reached the sink per second, so a bot that acknowledges fast but turns slowly does not look fast.
//
//   dotnet run -c Release --project bench/Bot.Load -- --bot http://127.0.0.1:5080 --connections 50 --seconds 20
var options = LoadOptions.Parse(args);

var sinkBuilder = WebApplication.CreateSlimBuilder();
sinkBuilder.Logging.ClearProviders();
var sink = sinkBuilder.Build();
sink.Urls.Add("http://127.0.0.1:0");
long replies = 0;
long lastReplyTicks = 0;
sink.Run(async context =>
{
    // Drain the body like a real connector, then answer with a ResourceResponse.
    await context.Request.Body.CopyToAsync(Stream.Null);
    Interlocked.Increment(ref replies);
    Interlocked.Exchange(ref lastReplyTicks, Stopwatch.GetTimestamp());
    context.Response.ContentType = "application/json";
    await context.Response.WriteAsync("{\"id\":\"r\"}");
});
await sink.StartAsync();
// --service-url sends the replies to a sink of your own instead (e.g. one that outlives this client, to time a drain).
var sinkUrl = options.ServiceUrl ?? sink.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = new Uri(options.Bot),
    Timeout = TimeSpan.FromSeconds(30),
};

long sent = 0;
long failed = 0;
async Task<long?> PostAsync(int worker, long n)
{
    // One conversation per connection, as many people writing at once (--from: the demo directory's people, taken in
    // turn), so this is a real turn (directory, state, engine, outbox), answered to the sink.
    var json = $$"""
        {"type":"message","id":"{{options.Run}}-{{worker}}-{{n}}","channelId":"emulator","serviceUrl":"{{sinkUrl}}",
         "from":{"id":"{{options.From[worker % options.From.Length]}}"},"recipient":{"id":"bot"},"conversation":{"id":"load-{{options.Run}}-{{worker}}"},
         "text":"{{options.Text}}","locale":"zh-CN"}
        """;
    using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    var start = Stopwatch.GetTimestamp();
    using var response = await http.PostAsync("/api/messages", content);
    var elapsed = Stopwatch.GetTimestamp() - start;
    return response.IsSuccessStatusCode ? elapsed : null;
}

// Warm-up: JIT, connection pool, database caches. Not measured.
await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(w => PostAsync(w, -1)));
var warmReplies = options.Connections;
var deadlineWarm = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
while (Interlocked.Read(ref replies) < warmReplies && Stopwatch.GetTimestamp() < deadlineWarm) await Task.Delay(50);
Interlocked.Exchange(ref replies, 0);

var latencies = new List<long>[options.Connections];
var stopAt = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * options.Seconds);
var begin = Stopwatch.GetTimestamp();
await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async worker =>
{
    var mine = latencies[worker] = [];
    for (long n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
    {
        var elapsed = await PostAsync(worker, n);
        Interlocked.Increment(ref sent);
        if (elapsed is { } e) mine.Add(e);
        else Interlocked.Increment(ref failed);
    }
}));
var postsDone = Stopwatch.GetTimestamp();
var repliesAtPostsDone = Interlocked.Read(ref replies);

// Wait for the turns behind the acknowledgements (the bot's inbox and outbox), up to a minute.
var acked = sent - failed;
// (Not when the replies go to another sink: they are not counted here.)
var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (options.ServiceUrl is null ? 60 : 0);
while (Interlocked.Read(ref replies) < acked && Stopwatch.GetTimestamp() < deadline) await Task.Delay(20);
var end = Math.Max(Interlocked.Read(ref lastReplyTicks), postsDone);

var all = latencies.SelectMany(l => l).Order().ToArray();
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
double Percentile(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
var seconds = (end - begin) / (double)Stopwatch.Frequency;
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"bot {options.Bot}, {options.Connections} connections, {options.Seconds} s"));
Console.WriteLine(string.Create(inv, $"posts {sent} (failed {failed}), replies at the sink {Interlocked.Read(ref replies)}"));
Console.WriteLine(string.Create(inv, $"ack latency p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {Percentile(1.0):F1} ms"));
var drained = Interlocked.Read(ref replies) - repliesAtPostsDone;
if (drained > 0 && end > postsDone)
    Console.WriteLine(string.Create(inv, $"after the posts: {drained} more turns in {Ms(end - postsDone) / 1000:F1} s ({drained / Ms(end - postsDone) * 1000:F0} turns/s with no posts arriving)"));
Console.WriteLine(string.Create(inv, $"throughput {Interlocked.Read(ref replies) / seconds:F0} turns/s (posts {acked / Ms(postsDone - begin) * 1000:F0}/s)"));
await sink.StopAsync();
return failed == 0 && Interlocked.Read(ref replies) >= acked ? 0 : 1;

internal sealed record LoadOptions(string Bot, int Connections, double Seconds, string[] From, string Text, string Run, string? ServiceUrl)
{
    public static LoadOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new LoadOptions(
            Arg("bot", "http://127.0.0.1:5080"),
            int.Parse(Arg("connections", "50"), CultureInfo.InvariantCulture),
            double.Parse(Arg("seconds", "20"), CultureInfo.InvariantCulture),
            Arg("from", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } people
                ? people : ["zhangsan"],
            Arg("text", "帮助"),
            // Fresh activity ids every run: the bot de-duplicates by id, so a rerun must not be all duplicates.
            Arg("run", Guid.NewGuid().ToString("N")[..8]),
            Arg("service-url", "") is { Length: > 0 } serviceUrl ? serviceUrl : null);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bot.Channels.WeCom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// Callback throughput and latency (issue 8): N connections post signed, encrypted WeCom text callbacks, each with a
/// new MsgId, as fast as they are answered, for a fixed time; reports requests per second and p50/p99/max latency.
/// By default it starts the bot on a loopback Kestrel port (the full path: query, body cap, XML, signature, AES, CorpID,
/// inbox insert into SQLite; turns off). With --url it loads another server speaking the same scheme with the same
/// credentials (bench/wecom-node: Tencent's @wecom/crypto on Node) for comparison.
/// Target: p99 under 50 ms at 50 connections.
/// </summary>
public static class WeComCallbackLoad
{
    // Official vector A's credentials (wecom.md §5): any peer can be configured with them. The ceiling server and the
    // step benchmarks use the same.
    internal const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    internal const string AesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    internal const string CorpId = "ww1436e0e65a779aee";

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = IntArg(args, "--connections", 50);
        var seconds = IntArg(args, "--seconds", 10);
        var url = StringArg(args, "--url");
        var warmup = IntArg(args, "--warmup", 15);

        WebApplicationFactory<Program>? host = null;
        var data = Path.Combine(Path.GetTempPath(), "bot-bench", Guid.NewGuid().ToString("N"));
        if (url is null)
        {
            host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("Storage:DataDirectory", data);
                b.UseSetting("Conversations:RunWorkers", "false");
                b.UseSetting("Logging:LogLevel:Default", "Warning");
                b.UseSetting("WeCom:CorpId", CorpId);
                b.UseSetting("WeCom:AgentId", "1000002");
                b.UseSetting("WeCom:Secret", "bench-secret");
                b.UseSetting("WeCom:Token", Token);
                b.UseSetting("WeCom:EncodingAesKey", AesKey);
                b.UseSetting("WeCom:ApiBaseUrl", "http://127.0.0.1:9");
            });
            host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            host.StartServer();
            url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/wecom/callback";
        }

        try
        {
            var crypto = new WeComCrypto(Token, AesKey, CorpId);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            // MsgIds new to any earlier run against the same server too: a repeated id is a duplicate, which the bot (rightly)
            // answers without storing, and would measure the duplicate path instead of the insert.
            var next = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            (string Url, string Body) Build()
            {
                var id = Interlocked.Increment(ref next);
                var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var nonce = RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture);
                var plaintext = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>{id}</MsgId><AgentID>1000002</AgentID></xml>";
                var encrypt = crypto.Encrypt(plaintext);
                var signature = WeComCrypto.Signature(Token, ts, nonce, encrypt);
                return ($"{url}?msg_signature={signature}&timestamp={ts}&nonce={nonce}",
                    $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>");
            }

            async Task<List<double>> Loop(DateTime until)
            {
                var latencies = new List<double>();
                while (DateTime.UtcNow < until)
                {
                    var (target, body) = Build();
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.PostAsync(target, new StringContent(body, Encoding.UTF8, "text/xml"));
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The server answered {(int)response.StatusCode}.");
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                return latencies;
            }

            // Warm-up: connection pool, SQLite, and the JIT — .NET's tiered compilation needs several seconds of load
            // before the hot path runs as optimised code (two seconds measured half the steady-state throughput).
            var warmed = (await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Loop(DateTime.UtcNow.AddSeconds(warmup))))).Sum(l => l.Count);
            var clock = Stopwatch.StartNew();
            var until = DateTime.UtcNow.AddSeconds(seconds);
            var all = (await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Loop(until)))).SelectMany(l => l).Order().ToList();
            var elapsed = clock.Elapsed.TotalSeconds;

            double P(double q) => all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
            Console.WriteLine($"target      {url}");
            Console.WriteLine($"connections {connections}, {seconds} s, {all.Count} callbacks");
            // With the measured ones, what the server handled in this run: bench/wecom-compare.sh divides its CPU by it.
            Console.WriteLine($"warm-up     {warmup} s, {warmed} callbacks");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput  {all.Count / elapsed:F0} callbacks/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency ms  p50 {P(0.50):F1}  p99 {P(0.99):F1}  max {all[^1]:F1}"));
            return 0;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            }
        }
    }

    internal static int IntArg(string[] args, string name, int fallback) =>
        StringArg(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    internal static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

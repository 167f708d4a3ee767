using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bot.Bench;

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // A load test, not a BenchmarkDotNet benchmark: it needs real sockets and concurrent connections.
        if (args.Length > 0 && args[0] == "wecom-load") return await WeComCallbackLoad.RunAsync(args[1..]);
        // Bare servers that show what the machine allows at all (README, "/api/messages under load", "WeCom callback load").
        if (args.Length > 0 && args[0] is "teams-echo" or "wecom-bare" or "http-floor") return await Ceilings.RunAsync(args[0], args[1..]);

        // In-process: the benchmark hosts the real bot (WebApplicationFactory), which a generated child project cannot find.
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess"));
        BenchmarkSwitcher.FromAssembly(typeof(TurnBenchmarks).Assembly).Run(args, config);
        return 0;
    }
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bot.Bench;

public static class BenchProgram
{
    public static void Main(string[] args)
    {
        // In-process: the benchmark hosts the real bot (WebApplicationFactory), which a generated child project cannot find.
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess"));
        BenchmarkSwitcher.FromAssembly(typeof(TurnBenchmarks).Assembly).Run(args, config);
    }
}

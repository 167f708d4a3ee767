using BenchmarkDotNet.Attributes;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// One turn through the whole pipe on the embedded default (SQLite, WAL): the inbox accepts a message, the worker
/// runs the engine (help, with choices, for 张三), the reply goes through the outbox to the local chat.
/// Target (README): mean under 25 ms and under 1.5 MB allocated per turn on the 2-core reference machine.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private BenchHost _host = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchHost();
        _ = _host.Services; // start the host: migrations and demo data
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark]
    public async Task HelpTurnEndToEnd()
    {
        var id = Interlocked.Increment(ref _next);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var message = new IncomingMessage(new ConversationAddress("localchat", "zhangsan"), $"bench-{id}",
                new ChannelUser("local", "zhangsan", IsLocalId: true), "帮助", null, DateTimeOffset.UtcNow);
            await scope.ServiceProvider.GetRequiredService<Inbox>().AcceptAsync(message, CancellationToken.None);
        }
        await _host.Services.GetRequiredService<InboxWorker>().ProcessPendingAsync(CancellationToken.None);
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }
}

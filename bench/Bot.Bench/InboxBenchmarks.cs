using BenchmarkDotNet.Attributes;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// The inbox's group commit alone, as InboxWriter runs it: one batch of WeCom text messages into the SQLite inbox (WAL)
/// on a kept-open connection, in one transaction. Per message (README, "WeCom callback load").
/// </summary>
[MemoryDiagnoser]
public class InboxBenchmarks
{
    private const int Batch = 10;
    private BenchHost _host = null!;
    private AsyncServiceScope _scope;
    private Inbox _inbox = null!;
    private long _next = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchHost();
        _scope = _host.Services.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.OpenConnection();
        _inbox = _scope.ServiceProvider.GetRequiredService<Inbox>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<IReadOnlyList<bool>> AcceptBatch()
    {
        var messages = new IncomingMessage[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var id = ++_next;
            messages[i] = new IncomingMessage(new ConversationAddress("wecom", "zhangsan"), $"msg:{id}",
                new ChannelUser("wecom", "zhangsan"), "帮助", null, DateTimeOffset.UtcNow);
        }
        return _inbox.AcceptManyAsync(messages, CancellationToken.None);
    }
}

using System.Threading.Channels;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Conversations;

/// <summary>
/// Stores channel messages in the inbox with a group commit: each request still waits until its row is committed before
/// the channel gets its 200 (the inbox stays the durability point), but everything that arrived meanwhile shares one
/// transaction. Under 50 concurrent requests one commit each meant 50 writers queueing on SQLite's lock (README,
/// "WeCom callback load"). Both the WeCom callback and the Bot Framework endpoint store through it.
/// </summary>
public sealed partial class InboxWriter : IDisposable
{
    private const int MaxBatch = 256;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<InboxWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public InboxWriter(IServiceScopeFactory scopes, ILogger<InboxWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Like <see cref="Inbox.AcceptAsync"/>: false means seen before.</summary>
    public Task<bool> AcceptAsync(IncomingMessage message)
    {
        var pending = new Pending(message, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The inbox writer has stopped.");
        // Not abandoned when the request is: the row is written either way, and the channel redelivers into a duplicate.
        return pending.Done.Task;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<Pending>(MaxBatch);
        // One scope for as long as its batches succeed, with its connection held open: the inbox's prepared insert
        // (SQLite) is compiled once for all of them instead of once per batch.
        AsyncServiceScope? session = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    session ??= await OpenSessionAsync(stopping);
                    var results = await session.Value.ServiceProvider.GetRequiredService<Inbox>()
                        .AcceptManyAsync([.. batch.Select(p => p.Message)], stopping);
                    for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    // Each waiting request fails with it (the channel gets a 500 and redelivers); the loop goes on, on a
                    // fresh connection.
                    LogBatchFailed(ex, batch.Count);
                    foreach (var pending in batch) pending.Done.TrySetException(ex);
                    await CloseAsync(session);
                    session = null;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var pending in batch) pending.Done.TrySetCanceled(CancellationToken.None);
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(CancellationToken.None);
            await CloseAsync(session);
        }
    }

    /// <summary>Gives the session's connection back; a connection that fails even at that must not stop the loop.</summary>
    private async Task CloseAsync(AsyncServiceScope? session)
    {
        if (session is not { } open) return;
        try
        {
            await open.DisposeAsync();
        }
        catch (Exception ex)
        {
            LogCloseFailed(ex);
        }
    }

    private async Task<AsyncServiceScope> OpenSessionAsync(CancellationToken stopping)
    {
        var scope = _scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.OpenConnectionAsync(stopping);
            return scope;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
        {
        }
        _stopping.Dispose();
    }

    private sealed record Pending(IncomingMessage Message, TaskCompletionSource<bool> Done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} channel messages in the inbox failed; they are answered 500 and the channels redeliver them")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the inbox writer's database connection failed; the next batch opens a new one")]
    private partial void LogCloseFailed(Exception exception);
}

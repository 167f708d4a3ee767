using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Conversations;

/// <summary>
/// A batch of turns reads its conversations' states and its senders' references once, up front. A turn that writes
/// another conversation's state (as starting an owner's survey does) must not be undone or tripped over by that
/// conversation's own turn later in the same batch.
/// </summary>
public sealed class TurnPreloadTests : IDisposable
{
    private readonly BotFactory _bot = new(services: s => s.AddScoped<IBotCommand, NoteForLisiCommand>());

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task A_state_written_by_an_earlier_turn_of_the_batch_is_what_the_later_turn_starts_from()
    {
        var zhangsan = new LocalChatClient(_bot, "zhangsan");
        var lisi = new LocalChatClient(_bot, "lisi");
        (await lisi.PostAsync("我是谁")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();
        await lisi.NewBotLinesAsync();

        // One batch: 张三's turn writes 李四's conversation state, then 李四's own turn runs.
        (await zhangsan.PostAsync(NoteForLisiCommand.Word)).EnsureSuccessStatusCode();
        (await lisi.PostAsync("帮助")).EnsureSuccessStatusCode();
        await _bot.RunTurnsAsync();

        // 李四 was answered at once (no conflict, no retry), and the note is still in the state his turn saved.
        Assert.Single(await lisi.NewBotLinesAsync());
        var (state, pending) = await _bot.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<BotDbContext>();
            var record = await db.Set<ConversationStateRecord>().AsNoTracking().SingleAsync(s => s.ConversationId == "lisi");
            var failed = await db.Set<InboxMessage>().AsNoTracking().CountAsync(m => m.Status != InboxStatus.Done);
            return (WireJson.Read<ConversationState>(record.State), failed);
        });
        Assert.Equal(0, pending);
        Assert.Equal("zhangsan", state.Data.GetValueOrDefault(NoteForLisiCommand.Key));
    }

    /// <summary>Writes a note into 李四's conversation state and saves it, as OwnerReach does for an owner's survey.</summary>
    private sealed class NoteForLisiCommand(BotDbContext db) : IBotCommand
    {
        public const string Word = "给李四留言";
        public const string Key = "note-from";

        public CommandInfo Info { get; } = new("note-for-lisi", [Word], ["note-for-lisi"], ConversationTexts.Catalog, "SomethingWentWrong");

        public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
        {
            var record = await db.Set<ConversationStateRecord>().SingleAsync(s => s.ConversationId == "lisi", cancellationToken);
            var state = WireJson.Read<ConversationState>(record.State);
            state.Data[Key] = turn.Sender.Id;
            record.State = WireJson.Write(state);
            await db.SaveChangesAsync(cancellationToken);
            turn.Reply("ok");
        }
    }
}

using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Duty;

namespace Bot.Tests.Support;

/// <summary>In-memory directory and roster for scripts over the engine.</summary>
public sealed class FakeDirectory : IDirectoryStore, IRosterStore
{
    public Dictionary<string, Person> People { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Owner> Owners { get; } = new(StringComparer.Ordinal);
    public List<RosterAssignment> Roster { get; } = [];

    public static FakeDirectory Demo()
    {
        var d = new FakeDirectory();
        d.People["wangwu"] = new Person { Id = "wangwu", Name = "王五", Roles = Roles.ShiftLead };
        d.People["zhangsan"] = new Person { Id = "zhangsan", Name = "张三", Roles = Roles.Staff, ReportsToId = "wangwu" };
        d.People["zhouba"] = new Person { Id = "zhouba", Name = "周八", Roles = Roles.KeyCustodian, ReportsToId = "wangwu", Language = "en" };
        d.Owners["chen-3-1-502"] = new Owner
        {
            Id = "chen-3-1-502", Name = "陈建国", FormOfAddress = "陈先生", Phone = "13800000000",
            Units = [new OwnerUnit { OwnerId = "chen-3-1-502", UnitCode = "3-1-502" }],
        };
        return d;
    }

    public Task<Participant?> FindParticipantAsync(string channel, string channelUserId, bool idIsLocal, CancellationToken cancellationToken)
    {
        if (People.TryGetValue(channelUserId, out var p))
            return Task.FromResult<Participant?>(new(ParticipantKind.Staff, p.Id, p.Name, p.Roles, TextCatalog.NormalizeLanguage(p.Language)));
        if (Owners.TryGetValue(channelUserId, out var o))
            return Task.FromResult<Participant?>(new(ParticipantKind.Owner, o.Id, o.FormOfAddress, Roles.None, TextCatalog.NormalizeLanguage(o.Language)));
        return Task.FromResult<Participant?>(null);
    }

    public Task<Person?> FindPersonAsync(string personId, CancellationToken cancellationToken) => Task.FromResult(People.GetValueOrDefault(personId));

    public Task<Owner?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) => Task.FromResult(Owners.GetValueOrDefault(ownerId));

    public Task<IReadOnlyList<Person>> ActiveStaffAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Person>>([.. People.Values.Where(p => p.Active)]);

    public Task SetLanguageAsync(Participant participant, string language, CancellationToken cancellationToken)
    {
        if (participant.IsStaff) People[participant.Id].Language = language;
        else Owners[participant.Id].Language = language;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RosterAssignment>>([.. Roster.Where(a => a.PersonId == personId && a.Date == day)]);

    public Task<IReadOnlyList<RosterAssignment>> ForPersonAsync(string personId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RosterAssignment>>([.. Roster.Where(a => a.PersonId == personId && a.Date >= from && a.Date <= to)]);

    public Task<IReadOnlyList<(RosterAssignment Assignment, string Name)>> OnDateAsync(DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(RosterAssignment Assignment, string Name)>>(
            [.. Roster.Where(a => a.Date == day).Select(a => (a, People[a.PersonId].Name))]);
}

/// <summary>
/// A conversation as a script: <c>await script.Send("帮助")</c>, then assert on <see cref="Replies"/>. State is
/// carried between turns exactly as the host persists it (serialised to JSON and back), per person.
/// </summary>
public sealed class ConversationScript
{
    public static readonly DepartmentProfile Department = new("示例花园", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    public static readonly ShiftSchedule Shifts = new([
        new ShiftDefinition("early", "早班", "Early shift", new TimeOnly(7, 0), new TimeOnly(15, 0)),
        new ShiftDefinition("middle", "中班", "Middle shift", new TimeOnly(15, 0), new TimeOnly(23, 0)),
        new ShiftDefinition("night", "夜班", "Night shift", new TimeOnly(23, 0), new TimeOnly(7, 0)),
    ]);

    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly IEnumerable<IBotCommand>? _extraCommands;
    private readonly IEnumerable<IConversationFlow>? _extraFlows;
    private int _messageNumber;

    public ConversationScript(FakeDirectory? directory = null, IEnumerable<IBotCommand>? commands = null, IEnumerable<IConversationFlow>? flows = null)
    {
        Directory = directory ?? FakeDirectory.Demo();
        _extraCommands = commands;
        _extraFlows = flows;
    }

    public FakeDirectory Directory { get; }

    /// <summary>2026-11-26 09:30 in Shanghai.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 1, 30, 0, TimeSpan.Zero);

    public string As { get; set; } = "zhangsan";

    public IReadOnlyList<OutgoingMessage> Replies { get; private set; } = [];

    public OutgoingMessage Reply => Assert.Single(Replies);

    public string Text => string.Join("\n", Replies.Select(r => r.Text));

    public ConversationState StateOf(string who) =>
        _states.TryGetValue(who, out var json) ? Bot.Conversations.WireJson.Read<ConversationState>(json) : new ConversationState();

    public Task<ConversationScript> Send(string text) => Turn(text, null);

    public Task<ConversationScript> Press(string choiceValue) => Turn(null, choiceValue);

    private async Task<ConversationScript> Turn(string? text, string? choice)
    {
        var whoAmI = new WhoAmICommand(Directory, Directory, Shifts, Department);
        var language = new LanguageCommand(Directory);
        var engine = new ConversationEngine(Department,
            [whoAmI, language, .. _extraCommands ?? []],
            [language, .. _extraFlows ?? []]);

        var message = new IncomingMessage(new ConversationAddress("test", As), $"m{++_messageNumber}",
            new ChannelUser("test", As, IsLocalId: true), text, choice, Now);
        var sender = await Directory.FindParticipantAsync("test", As, true, CancellationToken.None)
            ?? throw new InvalidOperationException($"{As} is not in the fake directory.");
        var state = StateOf(As);
        var turn = new TurnContext(message, sender, state, Now);
        await engine.HandleAsync(turn, CancellationToken.None);
        _states[As] = Bot.Conversations.WireJson.Write(state);
        Replies = turn.Replies;
        return this;
    }
}

using Bot.Domain.Features.Directory;

namespace Bot.Domain.Conversations;

public enum ParticipantKind
{
    Staff,
    Owner,
}

/// <summary>Who is speaking in a turn: a member of staff or an owner, as the directory knows them.</summary>
public sealed record Participant(ParticipantKind Kind, string Id, string DisplayName, Roles Roles, string Language)
{
    public bool IsStaff => Kind == ParticipantKind.Staff;

    public bool HasAny(Roles roles) => (Roles & roles) != 0;
}

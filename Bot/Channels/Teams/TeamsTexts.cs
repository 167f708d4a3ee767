using Bot.Domain.Conversations;

namespace Bot.Channels.Teams;

/// <summary>The Teams channel's own texts (TeamsTexts.resx, TeamsTexts.en.resx): the welcome and the invoke answer.</summary>
public static class TeamsTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Channels.Teams.TeamsTexts", typeof(TeamsTexts).Assembly);
}

using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Directory;

/// <summary>
/// 语言 / language: each person chooses Chinese (the default) or English. "语言 English" sets it at once;
/// "语言" alone asks, as a one-step flow.
/// </summary>
public sealed class LanguageCommand(IDirectoryStore directory) : IBotCommand, IConversationFlow
{
    private static readonly TextCatalog Texts = DirectoryTexts.Catalog;
    private const string ChooseStep = "choose";

    private static readonly Choice[] Options = [new(TextCatalog.Chinese, "中文"), new(TextCatalog.English, "English")];

    public string Name => "language";

    public CommandInfo Info { get; } = new("language", ["语言", "切换语言"], ["language"], Texts, "LanguageDescription", Audience.Everyone, HelpOrder: 90);

    public async ValueTask HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (TextInput.MatchChoice(arguments, Options) is { } chosen)
        {
            await SetAsync(turn, chosen.Value, cancellationToken);
            return;
        }
        turn.AskInFlow(this, ChooseStep, Texts.Get("LanguageAsk", turn.Language), Options);
    }

    public async ValueTask ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var chosen = turn.Choice ?? TextInput.MatchChoice(turn.Text, Options);
        if (chosen is null)
        {
            turn.Ask(ConversationTexts.Catalog.Get("NotUnderstoodInFlow", turn.Language) + "\n" + Texts.Get("LanguageAsk", turn.Language), Options);
            return;
        }
        turn.EndFlow();
        await SetAsync(turn, chosen.Value, cancellationToken);
    }

    private async Task SetAsync(TurnContext turn, string language, CancellationToken cancellationToken)
    {
        await directory.SetLanguageAsync(turn.Sender, language, cancellationToken);
        // Answer in the language just chosen.
        turn.Reply(Texts.Get("LanguageSet", language));
    }
}

using System.Text.Json.Nodes;
using Bot.Domain.Conversations;

namespace Bot.Channels.Teams;

/// <summary>
/// The engine's prompts as Adaptive Cards (botframework.md §5): the text, and one button per choice. Teams renders
/// these natively; the text still lists the choices by number in the activity's own text for clients without cards.
/// </summary>
internal static class AdaptiveCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Action.Submit needs no more than 1.4; Action.Execute cards ask for 1.4+ (§5.2).</summary>
    private const string Version = "1.4";

    /// <summary>
    /// Text block + an <c>Action.Submit</c> per choice with data <c>{"choice": value}</c>: the press comes back as a
    /// message whose value the translator reads as the prompt's choice (§5.1).
    /// </summary>
    public static JsonObject Prompt(OutgoingMessage message) => Card(
        [TextBlock(message.Text)],
        new JsonArray([.. message.ChoiceList.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = c.Label,
            ["data"] = new JsonObject { ["choice"] = c.Value },
        })]));

    /// <summary>The prompt after it was answered: its text and the chosen label, without buttons (nothing to press twice).</summary>
    public static JsonObject Answered(OutgoingMessage prompt, string choiceValue)
    {
        var label = prompt.ChoiceList.FirstOrDefault(c => c.Value == choiceValue)?.Label ?? choiceValue;
        return Card([TextBlock(prompt.Text), new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = "✓ " + label,
            ["weight"] = "bolder",
            ["wrap"] = true,
        }], actions: null);
    }

    public static Attachment Attachment(JsonObject card) => new() { ContentType = ContentType, Content = card };

    private static JsonObject Card(JsonNode[] body, JsonArray? actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray(body),
        };
        if (actions is not null) card["actions"] = actions;
        return card;
    }

    private static JsonObject TextBlock(string text) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
}

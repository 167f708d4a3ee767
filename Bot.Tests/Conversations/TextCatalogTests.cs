using Bot.Channels.Teams;
using System.Text.RegularExpressions;
using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;
using Bot.Domain.Features.Escalation;

namespace Bot.Tests.Conversations;

public sealed partial class TextCatalogTests
{
    private static readonly TextCatalog[] All = [ConversationTexts.Catalog, DirectoryTexts.Catalog, EscalationTexts.Catalog, Bot.Domain.Features.Duty.DutyTexts.Catalog, TeamsTexts.Catalog, Bot.Channels.WeCom.WeComTexts.Catalog, Bot.Domain.Features.Keys.KeysTexts.Catalog, Bot.Domain.Features.Duty.DutyLogTexts.Catalog, Bot.Domain.Features.Handover.HandoverTexts.Catalog, Bot.Domain.Features.Callbacks.CallbackTexts.Catalog,
        Bot.Domain.Features.Hazards.HazardTexts.Catalog, Bot.Domain.Features.Custody.CustodyTexts.Catalog, Bot.Domain.Features.Calls.CallTexts.Catalog,
        Bot.Domain.Features.Archives.ArchiveTexts.Catalog, Bot.Domain.Features.Tickets.TicketTexts.Catalog];

    public static TheoryData<string> Catalogs => [.. All.Select(c => c.Name)];

    private static TextCatalog ByName(string name) => All.Single(c => c.Name == name);

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Catalog_ChineseAndEnglish_HaveTheSameKeysAndPlaceholders(string name)
    {
        var catalog = ByName(name);
        var chinese = catalog.All(TextCatalog.Chinese);
        var english = catalog.All(TextCatalog.English);

        Assert.Equal(chinese.Keys.Order(), english.Keys.Order());
        Assert.All(chinese, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(english[pair.Key])));
    }

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Catalog_ChineseText_IsChinese(string name)
    {
        var chinese = ByName(name).All(TextCatalog.Chinese);

        // Every Chinese text with words in it has Chinese characters, so no English leaked into the neutral catalog.
        Assert.All(chinese.Where(p => p.Value.Any(char.IsLetter)), p => Assert.Matches(Han(), p.Value));
    }

    [Fact]
    public void Get_MissingKey_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => ConversationTexts.Catalog.Get("NoSuchKey", TextCatalog.Chinese));
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("fr", "zh-CN")]
    [InlineData(null, "zh-CN")]
    public void NormalizeLanguage_DefaultsToChinese(string? input, string expected) =>
        Assert.Equal(expected, TextCatalog.NormalizeLanguage(input));

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order()];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}

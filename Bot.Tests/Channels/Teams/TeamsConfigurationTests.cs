using Bot.Channels.Teams;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Channels.Teams;

/// <summary>Which serviceUrls may receive the bot token (botframework.md §4.6), and the configuration the channel refuses to start with.</summary>
public sealed class TeamsConfigurationTests
{
    private static readonly ServiceUrlTrust Trust = new(Options.Create(new TeamsOptions
    {
        AllowedServiceUrlHosts = ["smba.trafficmanager.net", "*.botframework.com"],
    }));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/apac/", true)]
    [InlineData("https://SMBA.trafficmanager.net/teams/", true)]
    [InlineData("https://europe.botframework.com/", true)]
    [InlineData("https://a.b.botframework.com/", true)]
    [InlineData("http://smba.trafficmanager.net/apac/", false)]
    [InlineData("https://botframework.com/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.com/", false)]
    [InlineData("https://x.smba.trafficmanager.net/", false)]
    [InlineData("https://user:pass@smba.trafficmanager.net/", false)]
    [InlineData("not a url", false)]
    public void IsTrusted_ServiceUrl_OnlyHttpsHostsOnTheList(string serviceUrl, bool trusted)
    {
        Assert.Equal(trusted, Trust.IsTrusted(serviceUrl));
    }

    [Theory]
    [InlineData("appsettings.json", true)]
    [InlineData("appsettings.Production.json", true)]
    [InlineData("other.json", false)]
    public void RefuseSecretInFiles_AppPasswordInAnAppSettingsFile_Throws(string fileName, bool refused)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, fileName), """{ "Teams": { "AppPassword": "leaked" } }""");
            var configuration = new ConfigurationBuilder().SetBasePath(folder).AddJsonFile(fileName).Build();

            var error = Record.Exception(() => TeamsSetup.RefuseSecretInFiles(configuration));

            Assert.Equal(refused, error is InvalidOperationException);
            if (error is not null) Assert.DoesNotContain("leaked", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Teams:TenantId", "")]
    [InlineData("Teams:AppPassword", "")]
    [InlineData("Teams:TokenAuthority", "http://127.0.0.1/")]
    [InlineData("Teams:DefaultServiceUrl", "https://elsewhere.example.com/")]
    public void Start_AppIdWithIncompleteTeamsSettings_FailsNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "6a1b2c3d-0000-4000-8000-00000000b07a",
            ["Teams:TenantId"] = "72f9a1b2-0000-4000-8000-0000000074e7",
            ["Teams:AppPassword"] = "test-secret",
            [key] = value,
        };
        using var bot = new BotFactory(settings: settings);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => bot.CreateClient());
        Assert.Contains(key, error.Message);
    }
}

using System.Reflection;
using System.Xml.Linq;

namespace Bot.Tests.Architecture;

public sealed class ArchitectureTests
{
    [Fact]
    public void DomainProject_HasNoPackageReferences()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "Bot.Domain", "Bot.Domain.csproj"));

        var packages = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference").ToList();

        Assert.Empty(packages);
    }

    [Fact]
    public void DomainAssembly_ReferencesOnlyTheFramework()
    {
        var references = typeof(Bot.Domain.Conversations.ConversationEngine).Assembly.GetReferencedAssemblies();

        Assert.All(references, r => Assert.True(
            r.Name is "netstandard" || r.Name!.StartsWith("System", StringComparison.Ordinal) || r.Name.StartsWith("Microsoft.Win32", StringComparison.Ordinal),
            $"Bot.Domain references {r.Name}"));
    }

    [Fact]
    public void Channels_WireTypesStayInChannels()
    {
        // Nothing outside Bot.Channels may use a type declared in Bot.Channels.<Channel> except the adapters' entry points.
        var bot = typeof(Program).Assembly;
        var featureTypes = bot.GetTypes().Where(t => t.Namespace?.StartsWith("Bot.Features", StringComparison.Ordinal) == true);

        var leaks = featureTypes
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(f => (Owner: t, Used: f.FieldType)))
            .Where(x => x.Used.Namespace?.StartsWith("Bot.Channels", StringComparison.Ordinal) == true)
            .Select(x => $"{x.Owner.FullName} uses {x.Used.FullName}")
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void Solution_IsClassicFormatAndAlone()
    {
        var root = RepositoryRoot();

        Assert.True(File.Exists(Path.Combine(root, "Bot.sln")));
        Assert.Empty(Directory.GetFiles(root, "*.slnx"));
        Assert.StartsWith("Microsoft Visual Studio Solution File", File.ReadAllLines(Path.Combine(root, "Bot.sln")).First(l => l.Trim().Length > 0).Trim());
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Bot.sln not found above the test binaries.");
    }
}

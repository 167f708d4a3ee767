using System.Net;
using Bot.Conversations;
using Bot.Domain.Conversations;
using Bot.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.Support;

/// <summary>All browser tests share one Chromium and one bot, so they run one after another and start only once.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The real bot (background workers on, real clock) listening on a loopback port, and Debian's Chromium driven by
/// Playwright. No browser is downloaded: the tests need /usr/bin/chromium, which <c>.ci/run</c> installs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long an action or assertion may wait, in milliseconds: generous for a busy 2-core CI machine.</summary>
    public const float Timeout = 20_000;

    // The flags known to work here: no sandbox as root, and no background traffic to a network that is closed.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    // The page needs the inbox and outbox workers (a real browser waits for real replies), not the scheduled jobs: on
    // the real clock they pushed the demo's shift prompts into the conversations under test at certain hours.
    private readonly BotFactory _bot = new(backgroundWorkers: true, settings: new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" });
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The browser tests use Debian's Chromium and never download one: " +
                "run .ci/run (it installs it) or `apt-get install chromium`.");

        _bot.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _bot.StartServer();
        var address = _bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The bot started without a listening address.");
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = Timeout,
        });
        Assertions.SetDefaultExpectTimeout(Timeout);
    }

    /// <summary>Sends a proactive message the way features do: enqueue, save, then wake the dispatcher.</summary>
    public async Task NotifyAsync(string participantId, OutgoingMessage message)
    {
        await _bot.InScopeAsync(async services =>
        {
            var enqueued = await services.GetRequiredService<INotifier>().NotifyAsync(participantId, message, null, CancellationToken.None);
            if (!enqueued) throw new InvalidOperationException($"The notifier found no way to reach {participantId}.");
            await services.GetRequiredService<BotDbContext>().SaveChangesAsync();
        });
        _bot.Services.GetRequiredService<OutboxSignal>().Signal.Notify();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _bot.Dispose();
    }
}

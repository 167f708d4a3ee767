using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bot.Tests.Support;

/// <summary>The tests that need a PostgreSQL server share one throwaway cluster (<see cref="PostgresFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb into a temp folder, started on a free loopback port
/// with durability off (the data dies with the run), stopped and deleted at the end. Each test asks for its own fresh
/// database. When the machine has no PostgreSQL the tests that use it fail with a message saying how to install it:
/// a green run must mean the PostgreSQL paths were tested.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private readonly bool _asRoot = Environment.UserName == "root";
    private string? _bin;
    private string? _root;
    private int _databases;

    public int Port { get; private set; }

    private string DataFolder => Path.Combine(_root!, "data");

    public async Task InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. The PostgreSQL tests start their own " +
            "throwaway cluster from those binaries; .ci/run installs them (apt-get install postgresql). On a workstation: " +
            "sudo apt-get install postgresql");

        _root = Path.Combine(Path.GetTempPath(), "bot-tests-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        // initdb refuses to run as root; the cluster belongs to the postgres user, and so must its folder.
        if (_asRoot) await RunAsync("chown", [SuperUser + ":", _root], asPostgres: false);

        await RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", DataFolder, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);

        // A free port can be taken by someone else before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"),
                [
                    "start", "-w", "-t", "60", "-D", DataFolder, "-l", Path.Combine(_root, "server.log"), "-o",
                    $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off " +
                    "-c full_page_writes=off -c max_connections=300",
                ]);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"bot_test_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    /// <summary>The settings that put a <see cref="BotFactory"/> on this database.</summary>
    public static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = connectionString,
    };

    // Small pools: every test database gets its own, and they stay open until the run ends.
    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Maximum Pool Size=20;Connection Idle Lifetime=10";

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_root is null) return;
        try
        {
            if (_bin is not null && File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataFolder, "-m", "immediate", "-w"]);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Folder, "initdb")) && File.Exists(Path.Combine(x.Folder, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Folder)
            .FirstOrDefault();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user may not be allowed into the test's working directory.
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };
        if (asPostgres && _asRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", SuperUser, "--", program]) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = _root is not null && File.Exists(Path.Combine(_root, "server.log"))
                ? await File.ReadAllTextAsync(Path.Combine(_root, "server.log"))
                : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}\n{log}");
        }
    }
}

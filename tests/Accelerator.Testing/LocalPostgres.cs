using Npgsql;

namespace Accelerator.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster on a free port, from the locally installed server (Debian package
/// <c>postgresql</c>). PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c> user.
/// </summary>
internal sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string directory;
    private readonly string program;
    private readonly string[] arguments;
    private LocalProcess server;

    private LocalPostgres(string directory, string program, string[] arguments, string connectionString)
    {
        this.directory = directory;
        this.program = program;
        this.arguments = arguments;
        ConnectionString = connectionString;
        server = LocalProcess.Start(directory, program, arguments);
    }

    public string ConnectionString { get; }

    /// <summary>The server's process tree starts here.</summary>
    public int ProcessId => server.Id;

    public static async Task<LocalPostgres> StartAsync()
    {
        var bin = FindBinaries();
        var directory = LocalProcess.NewDirectory("accelerator-pg");
        var data = Path.Combine(directory, "data");
        if (LocalProcess.IsRoot)
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);

        await RunAsync(AsPostgres(Path.Combine(bin, "initdb")), [.. AsPostgresArgs(Path.Combine(bin, "initdb")),
            "-D", data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync"]);

        var port = LocalProcess.FreePort();
        var postgres = Path.Combine(bin, "postgres");
        var server = new LocalPostgres(directory, AsPostgres(postgres), [.. AsPostgresArgs(postgres),
                "-D", data, "-p", port.ToString(), "-k", directory, "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=300"],
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true");
        await server.WaitUntilUpAsync();
        return server;
    }

    /// <summary>Kills the server and every backend as a crash would (fsync is off, which loses nothing when only the
    /// processes die; synchronous_commit stays on, so no commit a client saw is lost), runs <paramref name="whileDown"/>, and starts it
    /// again on the same port and data (it recovers from its write-ahead log).</summary>
    public async Task RestartAsync(Func<Task> whileDown)
    {
        await server.KillAsync();
        await whileDown();
        server = LocalProcess.Start(directory, program, arguments);
        await WaitUntilUpAsync();
    }

    private Task WaitUntilUpAsync() => Eventually.Until(async () =>
    {
        if (server.HasExited)
            throw new InvalidOperationException($"PostgreSQL exited:\n{server.Output}");
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return true;
    }, "PostgreSQL to accept connections", TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "postgres")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: run ./accelerator test (it installs it) or set ACCELERATOR_TEST_POSTGRES.");
    }

    private static string AsPostgres(string program) => LocalProcess.IsRoot ? "runuser" : program;

    private static string[] AsPostgresArgs(string program) => LocalProcess.IsRoot ? ["-u", "postgres", "--", program] : [];

    private static async Task RunAsync(string program, string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await error}");
    }
}

using System.Diagnostics;
using Accelerator.AppHost;
using Accelerator.Testing;
using Npgsql;

namespace Accelerator.AppHost.Tests;

/// <summary>The AppHost's own PostgreSQL cluster, made for a checkout in a folder only its owner may enter (a clone
/// under /root): as root the server runs as postgres, which must still reach every file it is given.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresClusterTests : IAsyncDisposable
{
    private const string Password = "not-the-default";
    private readonly string privateFolder = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), $"accelerator-private-{Guid.NewGuid():N}"), OwnerOnly).FullName;
    private readonly List<string> made = [];
    private Process? server;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_checkout_only_its_owner_may_enter_gets_a_cluster_its_server_can_read_with_the_password_and_databases()
    {
        var checkout = Directory.CreateDirectory(Path.Combine(privateFolder, "accelerator")).FullName;
        var cluster = LocalPostgresCluster.For(checkout, Environment.IsPrivilegedProcess);
        made.Add(cluster.Directory);

        cluster.Prepare();
        cluster.Initialize(Password, ["applicationsdb", "selectiondb"]);

        cluster.Exists.ShouldBeTrue();
        if (cluster.AsPostgresUser)
        {
            cluster.Data.ShouldNotStartWith(checkout);
            File.GetUnixFileMode(cluster.Directory).ShouldBe(OwnerOnly);
            (await OwnerAsync(cluster.Directory)).ShouldBe("postgres");
            (await OwnerAsync(cluster.Data)).ShouldBe("postgres");
        }
        Directory.GetFiles(cluster.Directory, "*password*", SearchOption.AllDirectories).ShouldBeEmpty();

        var port = TestPorts.Free();
        server = Start(cluster.Server(port), cluster.Directory);
        var databases = await Eventually.Until(async () =>
        {
            if (server.HasExited)
                throw new InvalidOperationException($"PostgreSQL exited with {server.ExitCode}.");
            await using var connection = new NpgsqlConnection(
                $"Host=localhost;Port={port};Username=postgres;Password={Password};Database=postgres;Pooling=false");
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT datname FROM pg_database ORDER BY datname", connection);
            var names = new List<string>();
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
            return names;
        }, "the cluster's server to accept the password");
        databases.ShouldContain("applicationsdb");
        databases.ShouldContain("selectiondb");
    }

    [Fact]
    public void Each_checkout_has_its_own_folder_named_after_it()
    {
        var first = LocalPostgresCluster.For("/srv/checkouts/accelerator", asRoot: true);
        var second = LocalPostgresCluster.For("/home/ada/accelerator", asRoot: true);

        first.Directory.ShouldStartWith(LocalPostgresCluster.SharedStateRoot + "/accelerator-");
        first.Directory.ShouldNotBe(second.Directory);
        LocalPostgresCluster.For("/srv/checkouts/accelerator/", asRoot: true).Directory.ShouldBe(first.Directory);
        LocalPostgresCluster.For("/home/ada/accelerator", asRoot: false).Data.ShouldBe("/home/ada/accelerator/.local/postgres");
    }

    private static Process Start((string Command, string[] Args) command, string workingDirectory)
    {
        var info = new ProcessStartInfo(command.Command) { WorkingDirectory = workingDirectory, RedirectStandardError = true };
        foreach (var arg in command.Args)
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> OwnerAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        var owner = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return owner.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        foreach (var directory in made.Append(privateFolder).Where(Directory.Exists))
            Directory.Delete(directory, recursive: true);
    }
}

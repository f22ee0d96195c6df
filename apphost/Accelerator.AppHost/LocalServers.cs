using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Accelerator.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ from the distribution's packages, run as plain processes when there is no container
/// engine. Their data lives in the repository's git-ignored <c>.local/</c> folder and survives restarts.
/// </summary>
internal static class LocalServers
{
    private const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private sealed record LocalDatabase(string Name) : IResourceAnnotation;

    public static IResourceBuilder<ExecutableResource> AddLocalPostgres(this IDistributedApplicationBuilder builder,
        string name, IResourceBuilder<ParameterResource> password, int port)
    {
        var root = Directory.CreateDirectory(LocalDataRoot(builder)).FullName;
        var data = Path.Combine(root, "postgres");
        var bin = PostgresBinaries();
        var (command, args) = AsPostgresUser(Path.Combine(bin, "postgres"),
            "-D", data, "-p", port.ToString(), "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=");

        var server = builder.AddExecutable(name, command, root, args)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck($"{name}-accepts-connections");

        builder.Services.AddHealthChecks().AddAsyncCheck($"{name}-accepts-connections", async cancellation =>
        {
            try
            {
                var secret = await password.Resource.GetValueAsync(cancellation);
                await using var connection = new NpgsqlConnection(
                    $"Host=localhost;Port={port};Username=postgres;Password={secret};Database=postgres;Timeout=3;Pooling=false");
                await connection.OpenAsync(cancellation);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellation) =>
        {
            if (File.Exists(Path.Combine(data, "PG_VERSION")))
                return;
            var databases = server.Resource.Annotations.OfType<LocalDatabase>().Select(d => d.Name);
            InitializeCluster(bin, data, await password.Resource.GetValueAsync(cancellation) ?? "", databases);
        });
        return server;
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddLocalDatabase(this IDistributedApplicationBuilder builder,
        string name, IResourceBuilder<ExecutableResource> server, IResourceBuilder<ParameterResource> password)
    {
        server.WithAnnotation(new LocalDatabase(name));
        var port = server.GetEndpoint("tcp").Property(EndpointProperty.Port);
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"Host=localhost;Port={port};Database={name};Username=postgres;Password={password.Resource}"))
            .WaitFor(server);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder,
        string name, int port, int managementPort)
    {
        var home = Path.Combine(LocalDataRoot(builder), "rabbitmq");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(home, "rabbitmq.conf"), $"management.tcp.port = {managementPort}\n");

        // The inner script, not sbin/rabbitmq-server: run as root, that wrapper switches to the rabbitmq user and its HOME.
        var server = builder.AddExecutable($"{name}-server", RabbitMqServer, home)
            .WithEnvironment("HOME", home)
            .WithEnvironment("RABBITMQ_NODENAME", "accelerator@localhost")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", (port + 20000).ToString())
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_FEATURE_FLAGS_FILE", Path.Combine(home, "feature_flags"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(home, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(home, "rabbitmq.conf"))
            .WithEndpoint(port: port, targetPort: port, scheme: "amqp", name: "amqp", isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: "management", isProxied: false)
            .WithHttpHealthCheck("/", endpointName: "management");

        // guest/guest is RabbitMQ's default user, allowed from localhost only.
        var amqpPort = server.GetEndpoint("amqp").Property(EndpointProperty.Port);
        return builder.AddConnectionString(name, ReferenceExpression.Create($"amqp://guest:guest@localhost:{amqpPort}/"))
            .WaitFor(server);
    }

    private static string LocalDataRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".local"));

    private static string PostgresBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault() ?? throw PostgresMissing()
            : throw PostgresMissing();

    private static InvalidOperationException PostgresMissing() =>
        new("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): ./accelerator start installs it.");

    /// <summary>initdb with a password, then the databases, in a side folder renamed when complete: a failed
    /// first start leaves nothing half-made behind.</summary>
    private static void InitializeCluster(string bin, string data, string password, IEnumerable<string> databases)
    {
        Console.WriteLine($"[apphost] creating the PostgreSQL cluster in {data}");
        var staging = data + ".init";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var passwordFile = staging + ".password";
        File.WriteAllText(passwordFile, password);
        try
        {
            if (Environment.IsPrivilegedProcess)
                Run("chown", ["postgres:postgres", staging, passwordFile]);
            Run(AsPostgresUser(Path.Combine(bin, "initdb"), "-D", staging, "-U", "postgres", "-E", "UTF8",
                "--auth=scram-sha-256", $"--pwfile={passwordFile}"));
            // Single-user mode reads one statement a line from stdin, no server or socket needed.
            Run(AsPostgresUser(Path.Combine(bin, "postgres"), "--single", "-D", staging, "postgres"),
                string.Concat(databases.Select(d => $"CREATE DATABASE \"{d}\";\n")));
        }
        finally
        {
            File.Delete(passwordFile);
        }
        Directory.Move(staging, data);
    }

    /// <summary>PostgreSQL refuses to run as root; setpriv execs it as postgres, so stop signals reach it directly.</summary>
    private static (string Command, string[] Args) AsPostgresUser(string program, params string[] args) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. args])
            : (program, args);

    private static void Run((string Command, string[] Args) process, string? input = null)
    {
        var info = new ProcessStartInfo(process.Command) { RedirectStandardInput = input is not null };
        foreach (var arg in process.Args)
            info.ArgumentList.Add(arg);
        using var running = Process.Start(info)!;
        if (input is not null)
        {
            running.StandardInput.Write(input);
            running.StandardInput.Close();
        }
        running.WaitForExit();
        if (running.ExitCode != 0)
            throw new InvalidOperationException($"{process.Command} {string.Join(' ', process.Args)} exited with {running.ExitCode}.");
    }

    private static void Run(string command, string[] args) => Run((command, args));
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Accelerator.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ from the distribution's packages, run as plain processes when there is no container
/// engine. RabbitMQ's data lives in the repository's git-ignored <c>.local/</c> folder, PostgreSQL's where
/// <see cref="LocalPostgresCluster"/> says; both survive restarts.
/// </summary>
internal static class LocalServers
{
    private const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private sealed record LocalDatabase(string Name) : IResourceAnnotation;

    public static IResourceBuilder<ExecutableResource> AddLocalPostgres(this IDistributedApplicationBuilder builder,
        string name, IResourceBuilder<ParameterResource> password, int port)
    {
        var cluster = LocalPostgresCluster.For(Checkout(builder), Environment.IsPrivilegedProcess);
        cluster.Prepare();
        var (command, args) = cluster.Server(port);

        var server = builder.AddExecutable(name, command, cluster.Directory, args)
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
            if (cluster.Exists)
                return;
            var databases = server.Resource.Annotations.OfType<LocalDatabase>().Select(d => d.Name);
            cluster.Initialize(await password.Resource.GetValueAsync(cancellation) ?? "", databases);
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
        var home = Path.Combine(Checkout(builder), ".local", "rabbitmq");
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

    private static string Checkout(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
}

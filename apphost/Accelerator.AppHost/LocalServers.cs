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

        var accountsReady = false;
        var server = builder.AddExecutable(name, command, cluster.Directory, args)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck($"{name}-accepts-connections");

        builder.Services.AddHealthChecks().AddAsyncCheck($"{name}-accepts-connections", async cancellation =>
        {
            try
            {
                var secret = await password.Resource.GetValueAsync(cancellation);
                var superuser = $"Host=localhost;Port={port};Username=postgres;Password={secret};Database=postgres;Timeout=3;Pooling=false";
                await using var connection = new NpgsqlConnection(superuser);
                await connection.OpenAsync(cancellation);
                // Ready only once every service has its own role owning its database: the services log in with those.
                if (!accountsReady)
                {
                    await DatabaseAccounts.EnsureAsync(superuser, server.Resource.Annotations.OfType<LocalDatabase>()
                        .Select(d => (d.Name, DatabaseAccounts.PasswordOf(builder, DatabaseAccounts.RoleOf(d.Name)))), cancellation);
                    accountsReady = true;
                }
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
        string name, IResourceBuilder<ExecutableResource> server)
    {
        server.WithAnnotation(new LocalDatabase(name));
        var port = server.GetEndpoint("tcp").Property(EndpointProperty.Port);
        var role = DatabaseAccounts.RoleOf(name);
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"Host=localhost;Port={port};Database={name};Username={role};Password={DatabaseAccounts.PasswordOf(builder, role)}"))
            .WaitFor(server);
    }

    /// <summary>RabbitMQ on loopback only (AMQP, management, Erlang distribution and epmd), with the accounts of least
    /// privilege loaded at every boot. Answers the node and a connection string per account.</summary>
    public static (IResourceBuilder<ExecutableResource> Server, Func<string, ReferenceExpression> ConnectionFor) AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, int port, int managementPort)
    {
        var home = Path.Combine(Checkout(builder), ".local", "rabbitmq");
        Directory.CreateDirectory(home);
        var definitions = BrokerAccounts.WriteDefinitions(builder, Checkout(builder), home);
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(home, "rabbitmq.conf"),
            $"management.tcp.port = {managementPort}\nmanagement.tcp.ip = 127.0.0.1\nload_definitions = {definitions}\n");

        // The inner script, not sbin/rabbitmq-server: run as root, that wrapper switches to the rabbitmq user and its HOME.
        var server = builder.AddExecutable($"{name}-server", RabbitMqServer, home)
            .WithEnvironment("HOME", home)
            .WithEnvironment("RABBITMQ_NODENAME", "accelerator@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
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

        var amqpPort = server.GetEndpoint("amqp").Property(EndpointProperty.Port);
        return (server, user => ReferenceExpression.Create(
            $"amqp://{user}:{Uri.EscapeDataString(BrokerAccounts.PasswordOf(builder, user))}@localhost:{amqpPort}/"));
    }

    private static string Checkout(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
}

using RabbitMQ.Client;

namespace Accelerator.Testing;

/// <summary>
/// A throw-away RabbitMQ node on free ports, from the locally installed server (Debian package
/// <c>rabbitmq-server</c>), run as a plain process from its inner script with every folder in a temp directory.
/// </summary>
internal static class LocalRabbitMq
{
    private const string Script = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static async Task<(string ConnectionString, LocalProcess Server)> StartAsync()
    {
        if (!File.Exists(Script))
            throw new InvalidOperationException(
                "RabbitMQ is not installed: run ./accelerator test (it installs it) or set ACCELERATOR_TEST_RABBITMQ.");

        var directory = LocalProcess.NewDirectory("accelerator-rabbitmq");
        var port = LocalProcess.FreePort();
        var distributionPort = LocalProcess.FreePort();
        var config = Path.Combine(directory, "rabbitmq.conf");
        await File.WriteAllTextAsync(config, "loopback_users.guest = true\n");
        var plugins = Path.Combine(directory, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].\n");

        var server = LocalProcess.Start(directory, Script, [], new Dictionary<string, string>
        {
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = $"test-{Guid.NewGuid():N}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(directory, "feature_flags"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_CONFIG_FILE"] = config,
        });

        var connectionString = $"amqp://guest:guest@127.0.0.1:{port}/";
        await Eventually.Until(async () =>
        {
            if (server.HasExited)
                throw new InvalidOperationException($"RabbitMQ exited:\n{server.Output}");
            await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
            return connection.IsOpen;
        }, "RabbitMQ to accept connections", TimeSpan.FromSeconds(60));
        return (connectionString, server);
    }
}

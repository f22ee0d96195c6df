using RabbitMQ.Client;

namespace Accelerator.Testing;

/// <summary>
/// A throw-away RabbitMQ node on free ports, from the locally installed server (Debian package
/// <c>rabbitmq-server</c>), run as a plain process from its inner script with every folder in a temp directory.
/// </summary>
internal sealed class LocalRabbitMq : IAsyncDisposable
{
    private const string Script = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string directory;
    private readonly Dictionary<string, string> environment;
    private LocalProcess server;

    private LocalRabbitMq(string directory, Dictionary<string, string> environment, string connectionString, int managementPort)
    {
        this.directory = directory;
        this.environment = environment;
        ConnectionString = connectionString;
        Management = new RabbitMqManagement(new Uri($"http://127.0.0.1:{managementPort}/"), "guest", "guest");
        server = LocalProcess.Start(directory, Script, [], environment);
    }

    public string ConnectionString { get; }

    /// <summary>The node's process tree starts here.</summary>
    public int ProcessId => server.Id;

    /// <summary>The connection string of one of the accounts of least privilege (see <see cref="RabbitMqAccounts"/>).</summary>
    public string ConnectionStringFor(string user) =>
        new UriBuilder(ConnectionString) { UserName = user, Password = RabbitMqAccounts.PasswordOf(user) }.Uri.ToString();

    public RabbitMqManagement Management { get; }

    public static async Task<LocalRabbitMq> StartAsync()
    {
        if (!File.Exists(Script))
            throw new InvalidOperationException(
                "RabbitMQ is not installed: run ./accelerator test (it installs it) or set ACCELERATOR_TEST_RABBITMQ.");

        var directory = LocalProcess.NewDirectory("accelerator-rabbitmq");
        var port = LocalProcess.FreePort();
        var distributionPort = LocalProcess.FreePort();
        var managementPort = LocalProcess.FreePort();
        var config = Path.Combine(directory, "rabbitmq.conf");
        await File.WriteAllTextAsync(config,
            $"loopback_users.guest = true\nmanagement.tcp.port = {managementPort}\nmanagement.tcp.ip = 127.0.0.1\n");
        var plugins = Path.Combine(directory, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[rabbitmq_management].\n");

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = $"test-{Guid.NewGuid():N}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(directory, "feature_flags"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_CONFIG_FILE"] = config,
        };

        var rabbit = new LocalRabbitMq(directory, environment, $"amqp://guest:guest@127.0.0.1:{port}/", managementPort);
        await rabbit.WaitUntilUpAsync();
        await rabbit.Management.ApplyAccountsAsync();
        return rabbit;
    }

    /// <summary>Kills the node as a crash would, runs <paramref name="whileDown"/>, and starts it again on the same
    /// ports and data (durable exchanges and queues survive).</summary>
    public async Task RestartAsync(Func<Task> whileDown)
    {
        await server.KillAsync();
        await whileDown();
        server = LocalProcess.Start(directory, Script, [], environment);
        await WaitUntilUpAsync();
    }

    private Task WaitUntilUpAsync() => Eventually.Until(async () =>
    {
        if (server.HasExited)
            throw new InvalidOperationException($"RabbitMQ exited:\n{server.Output}");
        await using var connection = await new ConnectionFactory { Uri = new Uri(ConnectionString) }.CreateConnectionAsync();
        return connection.IsOpen && await Management.IsUpAsync();
    }, "RabbitMQ to accept connections", TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

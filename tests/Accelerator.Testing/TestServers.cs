namespace Accelerator.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ servers of a test run. Taken from ACCELERATOR_TEST_POSTGRES and
/// ACCELERATOR_TEST_RABBITMQ when set (e.g. servers of a CI service or a docker-compose), otherwise started
/// locally on free ports and removed at the end of the run.
/// </summary>
public sealed class TestServers : IAsyncDisposable
{
    private readonly List<LocalProcess> started = [];

    public required string PostgresConnectionString { get; init; }
    public required string RabbitMqConnectionString { get; init; }

    private TestServers() { }

    public static async Task<TestServers> StartAsync()
    {
        var processes = new List<LocalProcess>();
        var postgres = Environment.GetEnvironmentVariable("ACCELERATOR_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("ACCELERATOR_TEST_RABBITMQ");

        var postgresTask = string.IsNullOrWhiteSpace(postgres) ? LocalPostgres.StartAsync() : null;
        var rabbitTask = string.IsNullOrWhiteSpace(rabbit) ? LocalRabbitMq.StartAsync() : null;
        if (postgresTask is not null)
        {
            var (connectionString, server) = await postgresTask;
            postgres = connectionString;
            processes.Add(server);
        }
        if (rabbitTask is not null)
        {
            var (connectionString, server) = await rabbitTask;
            rabbit = connectionString;
            processes.Add(server);
        }

        var servers = new TestServers { PostgresConnectionString = postgres!, RabbitMqConnectionString = rabbit! };
        servers.started.AddRange(processes);
        return servers;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in started)
            await process.DisposeAsync();
    }
}

namespace Accelerator.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ servers of a test run. Taken from ACCELERATOR_TEST_POSTGRES and
/// ACCELERATOR_TEST_RABBITMQ when set (e.g. servers of a CI service or a docker-compose), otherwise started
/// locally on free ports and removed at the end of the run.
/// </summary>
public sealed class TestServers : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> started = [];
    private LocalRabbitMq? localRabbitMq;
    private LocalPostgres? localPostgres;

    public required string PostgresConnectionString { get; init; }
    public required string RabbitMqConnectionString { get; init; }

    private TestServers() { }

    public static async Task<TestServers> StartAsync()
    {
        var processes = new List<IAsyncDisposable>();
        var postgres = Environment.GetEnvironmentVariable("ACCELERATOR_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("ACCELERATOR_TEST_RABBITMQ");

        var postgresTask = string.IsNullOrWhiteSpace(postgres) ? LocalPostgres.StartAsync() : null;
        var rabbitTask = string.IsNullOrWhiteSpace(rabbit) ? LocalRabbitMq.StartAsync() : null;
        LocalPostgres? localPostgres = null;
        if (postgresTask is not null)
        {
            localPostgres = await postgresTask;
            postgres = localPostgres.ConnectionString;
            processes.Add(localPostgres);
        }
        LocalRabbitMq? localRabbitMq = null;
        if (rabbitTask is not null)
        {
            localRabbitMq = await rabbitTask;
            rabbit = localRabbitMq.ConnectionString;
            processes.Add(localRabbitMq);
        }

        var servers = new TestServers
        {
            PostgresConnectionString = postgres!, RabbitMqConnectionString = rabbit!, localRabbitMq = localRabbitMq,
            localPostgres = localPostgres,
        };
        servers.started.AddRange(processes);
        return servers;
    }

    /// <summary>Whether this run started RabbitMQ itself, and so can crash and restart it.</summary>
    public bool CanRestartRabbitMq => localRabbitMq is not null;

    /// <summary>The servers started here (not those given by environment variables), by the root of their process tree.</summary>
    public IReadOnlyList<(string Name, int Pid)> LocalServers =>
    [
        .. localPostgres is null ? [] : new[] { ("PostgreSQL", localPostgres.ProcessId) },
        .. localRabbitMq is null ? [] : new[] { ("RabbitMQ", localRabbitMq.ProcessId) },
    ];

    /// <summary>
    /// How old a quorum queue must be before a hard crash of RabbitMQ 3.10 (Debian's) can be trusted to keep it. A queue
    /// declared shortly before the crash is still listed after the restart but never gets a leader again, and every
    /// publish routed to it and every consume from it then waits for ever (README "Known limits"). Seen lost: declared
    /// 0.3 s before on an idle machine, and several seconds before in a loaded CI run; kept: 2 s before when idle, and
    /// every queue about 20 s old in that CI run.
    /// </summary>
    public static readonly TimeSpan QueueSettling = TimeSpan.FromSeconds(30);

    /// <summary>Crashes the broker, runs <paramref name="whileDown"/>, and starts it again on the same port and data.
    /// The crash waits until the queues declared at <paramref name="queuesDeclaredAt"/> (the test's newest) are
    /// <see cref="QueueSettling"/> old: not synchronisation, since nothing observable says a queue is safe, but the
    /// fault's timing, so that the test is about the crash and not about that RabbitMQ defect.</summary>
    public async Task RestartRabbitMqAsync(DateTimeOffset queuesDeclaredAt, Func<Task> whileDown)
    {
        var broker = localRabbitMq ?? throw new InvalidOperationException("RabbitMQ was given by ACCELERATOR_TEST_RABBITMQ; it cannot be restarted.");
        var settling = queuesDeclaredAt + QueueSettling - DateTimeOffset.UtcNow;
        if (settling > TimeSpan.Zero)
            await Task.Delay(settling);
        await broker.RestartAsync(whileDown);
    }

    /// <summary>RabbitMQ for one account of least privilege (a service's, or <c>partner</c>); the given connection string
    /// when RabbitMQ came from outside the run.</summary>
    public string RabbitMqConnectionStringFor(string user) => localRabbitMq?.ConnectionStringFor(user) ?? RabbitMqConnectionString;

    /// <summary>Whether this run started PostgreSQL itself, and so can crash and restart it.</summary>
    public bool CanRestartPostgres => localPostgres is not null;

    /// <summary>Crashes PostgreSQL, runs <paramref name="whileDown"/>, and starts it again on the same port and data.</summary>
    public Task RestartPostgresAsync(Func<Task> whileDown) =>
        (localPostgres ?? throw new InvalidOperationException("PostgreSQL was given by ACCELERATOR_TEST_POSTGRES; it cannot be restarted."))
            .RestartAsync(whileDown);

    /// <summary>RabbitMQ's management API of the run's own node; null when RabbitMQ was given from outside.</summary>
    public RabbitMqManagement? RabbitMqManagement => localRabbitMq?.Management;

    public async ValueTask DisposeAsync()
    {
        foreach (var process in started)
            await process.DisposeAsync();
    }
}

using Accelerator.Testing;
using Npgsql;

namespace Accelerator.Crash.Tests.Support;

/// <summary>
/// PostgreSQL and RabbitMQ of one test's own (so that its kills disturb nobody else), and our real service programs
/// started on them as separate processes, any number of replicas of each.
/// </summary>
public sealed class CrashSystem : IAsyncDisposable
{
    private readonly TestServers servers;
    private readonly List<ServiceProcess> started = [];
    private readonly Dictionary<string, string> settings;

    private CrashSystem(TestServers servers)
    {
        this.servers = servers;
        settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = servers.RabbitMqConnectionString,
            ["ConnectionStrings__applicationsdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__selectiondb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__mentoringdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings__resourcesdb"] = servers.PostgresConnectionString,
            ["Jwt__SigningKey"] = Tokens.SigningKey,
        };
    }

    public string RabbitMqConnectionString => servers.RabbitMqConnectionString;

    public TestServers Servers => servers;

    public static async Task<CrashSystem> StartAsync() => new(await TestServers.StartAsync());

    /// <summary>Starts one more replica of <c>services/{service}</c> and waits until it is healthy.</summary>
    public async Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string>? more = null)
    {
        var merged = new Dictionary<string, string>(settings);
        foreach (var (name, value) in more ?? new Dictionary<string, string>())
            merged[name] = value;
        var replica = await ServiceProcess.StartAsync(service, merged);
        started.Add(replica);
        return replica;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(servers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<List<(Guid Stream, Guid EventId)>> EventsAsync(string schema, string type)
    {
        await using var connection = new NpgsqlConnection(servers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select stream_id, id from {schema}.mt_events where type = @type", connection) { Parameters = { new("type", type) } };
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(Guid, Guid)>();
        while (await reader.ReadAsync())
            events.Add((reader.GetGuid(0), reader.GetGuid(1)));
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in started)
            await service.DisposeAsync();
        await servers.DisposeAsync();
    }
}

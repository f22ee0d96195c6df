using System.Net;
using System.Text;
using Accelerator.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

namespace Accelerator.Bench;

/// <summary>What the machine does with nothing of ours in the way, measured in the same run as the figures they bound.</summary>
public static class BareLimits
{
    public const string Commits = "bare PostgreSQL commits (1-row INSERT)";
    public const string Publishes = "bare RabbitMQ publishes with confirms";
    public const string PostInsert = "bare Kestrel POST + INSERT";

    /// <summary>Measures PostgreSQL and RabbitMQ alone, and starts the bare endpoint, which the later figures measure
    /// again beside their own runs (the machine is shared: a limit measured minutes apart would not bound them).</summary>
    public static async Task<BareEndpoint> MeasureAsync(BenchSystem system, Report report)
    {
        var options = system.Options;
        Console.WriteLine("Measuring the bare limits...");
        await using var database = new NpgsqlDataSourceBuilder(system.PostgresConnectionString)
            { ConnectionStringBuilder = { MaxPoolSize = options.Connections } }.Build();
        await using (var create = database.CreateCommand(
                         "create table if not exists bench_items (id bigserial primary key, body jsonb not null)"))
            await create.ExecuteNonQueryAsync();
        var body = Samples.ApplicationJson(Guid.NewGuid(), "Bare");

        var commits = await Load.RateAsync(options.Connections, options.Duration, () => InsertAsync(database, body));
        report.Add(Commits, commits, "/s", Commits, commits);

        var publishes = await PublishesAsync(system.RabbitMqConnectionString, options);
        report.Add(Publishes, publishes, "/s", Publishes, publishes);

        var endpoint = await BareEndpoint.StartAsync(system, system.PostgresConnectionString, body);
        report.Add(PostInsert, await endpoint.RateAsync(), "req/s", Commits, commits);
        return endpoint;
    }

    private static async Task InsertAsync(NpgsqlDataSource database, string body)
    {
        await using var insert = database.CreateCommand("insert into bench_items (body) values (@body::jsonb)");
        insert.Parameters.Add(new NpgsqlParameter("body", body));
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Persistent messages to a durable queue, each publish awaiting its confirm, as MassTransit publishes.</summary>
    private static async Task<double> PublishesAsync(string rabbitMq, BenchOptions options)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
        const int channelCount = 4;
        var channels = new List<IChannel>();
        for (var i = 0; i < channelCount; i++)
            channels.Add(await connection.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));
        await channels[0].ExchangeDeclareAsync("bench.confirms", ExchangeType.Fanout, durable: true);
        await channels[0].QueueDeclareAsync("bench.confirms", durable: true, exclusive: false, autoDelete: false);
        await channels[0].QueueBindAsync("bench.confirms", "bench.confirms", "");
        var message = Encoding.UTF8.GetBytes(Samples.ApplicationJson(Guid.NewGuid(), "Bare"));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var next = 0;
        var rate = await Load.RateAsync(options.Connections, options.Duration, () =>
            channels[Interlocked.Increment(ref next) % channelCount]
                .BasicPublishAsync("bench.confirms", "", mandatory: false, properties, message).AsTask());
        await channels[0].QueueDeleteAsync("bench.confirms");
        await channels[0].ExchangeDeleteAsync("bench.confirms");
        foreach (var channel in channels)
            await channel.DisposeAsync();
        return rate;
    }
}

/// <summary>The least a service can do for a POST: a Kestrel endpoint that reads the body and INSERTs it.</summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly NpgsqlDataSource database;
    private readonly HttpClient client;
    private readonly BenchOptions options;
    private readonly string body;

    private BareEndpoint(WebApplication app, NpgsqlDataSource database, HttpClient client, BenchOptions options, string body)
    {
        this.app = app;
        this.database = database;
        this.client = client;
        this.options = options;
        this.body = body;
    }

    public static async Task<BareEndpoint> StartAsync(BenchSystem system, string postgres, string body)
    {
        var database = new NpgsqlDataSourceBuilder(postgres) { ConnectionStringBuilder = { MaxPoolSize = system.Options.Connections } }.Build();
        var port = TestPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/items", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            await using var insert = database.CreateCommand("insert into bench_items (body) values (@body::jsonb) returning id");
            insert.Parameters.Add(new NpgsqlParameter("body", await reader.ReadToEndAsync()));
            return Results.Created($"/items/{await insert.ExecuteScalarAsync()}", null);
        });
        await app.StartAsync();
        return new BareEndpoint(app, database, system.Client(new Uri($"http://127.0.0.1:{port}")), system.Options, body);
    }

    public Task<double> RateAsync(CpuPerRequest? cpu = null) => Load.RateAsync(options.Connections, options.Duration, async () =>
    {
        using var response = await client.PostAsync("/items", new StringContent(body, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"The bare endpoint answered {response.StatusCode}.");
    }, cpu);

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }
}

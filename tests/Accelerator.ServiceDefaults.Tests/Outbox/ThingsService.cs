using Accelerator.Testing;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults.Tests.Outbox;

public sealed record ThingRecorded(Guid ThingId, string? Name);

public sealed record ThingRefused(Guid ThingId);

public sealed class ThingsOutbox(IBus bus, ILogger<ThingsOutbox> logger, BrokerProbe probe)
    : IntegrationEventOutbox(bus, logger, probe)
{
    protected override object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        ThingRecorded e => new Contracts.ThingHappened
            { ThingId = e.ThingId, Name = e.Name ?? throw new InvalidOperationException("A thing has a name.") },
        ThingRefused e => new Contracts.ThingRejected { ThingId = e.ThingId },
        _ => null,
    };
}

/// <summary>Gives the bus a receive endpoint, as every real service has, so that its health means something.</summary>
public sealed class PingConsumer : IConsumer<Contracts.Ping>
{
    public Task Consume(ConsumeContext<Contracts.Ping> context) => Task.CompletedTask;
}

/// <summary>A small service built like ours (service defaults, event store with its outbox, messaging), on a real
/// port, in a schema of its own.</summary>
public sealed class ThingsService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient http;

    private ThingsService(WebApplication app, Uri address)
    {
        this.app = app;
        http = new HttpClient { BaseAddress = address };
    }

    /// <summary>Connects to RabbitMQ as <paramref name="brokerUser"/> (an account of the test's own) when given, with
    /// further <paramref name="settings"/>.</summary>
    public static async Task<ThingsService> StartAsync(TestServers servers, string? brokerUser = null,
        IReadOnlyDictionary<string, string?>? settings = null, string? schema = null)
    {
        schema ??= $"things_{Guid.NewGuid():N}";
        var port = TestPorts.Free();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:thingsdb"] = servers.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = brokerUser is null ? servers.RabbitMqConnectionString : servers.RabbitMqConnectionStringFor(brokerUser),
            ["MassTransit:WaitUntilStarted"] = "true",
            ["Messaging:ExitWhenStuck"] = "false",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddEventStore<ThingsOutbox>("thingsdb", schema, _ => { });
        builder.AddMessaging(schema, bus => bus.AddConsumer<PingConsumer>());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new ThingsService(app, new Uri($"http://127.0.0.1:{port}")) { Schema = schema };
    }

    /// <summary>Its database schema, which also names its queues: a service started again with it is the same service.</summary>
    public string Schema { get; private init; } = null!;

    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    public async Task<long> AppendAsync(object @event)
    {
        await using var session = Store.LightweightSession();
        var stream = session.Events.StartStream(Guid.NewGuid(), @event);
        await session.SaveChangesAsync();
        return stream.Events.Single().Sequence;
    }

    public async Task<IReadOnlyList<ParkedEvent>> ParkedAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Query<ParkedEvent>().OrderBy(p => p.Sequence).ToListAsync();
    }

    /// <summary>What an operator does once a parked event is dealt with.</summary>
    public async Task ForgetParkedAsync()
    {
        await using var session = Store.LightweightSession();
        session.DeleteWhere<ParkedEvent>(_ => true);
        await session.SaveChangesAsync();
    }

    public async Task<string> HealthAsync(string path = "/health") => await http.GetStringAsync(path);

    /// <summary>What a liveness probe sees: the status code and the report of <c>/alive</c>.</summary>
    public async Task<(int Status, string Report)> AliveAsync()
    {
        using var response = await http.GetAsync("/alive");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The description of one health check, e.g. why the bus counts as stuck.</summary>
    public async Task<string?> CheckDescriptionAsync(string name) =>
        (await app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
            .CheckHealthAsync(check => check.Name == name)).Entries.Values.SingleOrDefault().Description;

    /// <summary>One health check's status.</summary>
    public async Task<string> CheckAsync(string name) =>
        (await app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
            .CheckHealthAsync(check => check.Name == name)).Status.ToString();

    /// <summary>Each health check's status and description, for a failure message.</summary>
    public async Task<string> HealthReportAsync()
    {
        var report = await app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync();
        return string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description}"));
    }

    private bool disposed;

    /// <summary>Stops it as a deployment does; a stuck bus's stop is given up after half a minute, as a host's is.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}

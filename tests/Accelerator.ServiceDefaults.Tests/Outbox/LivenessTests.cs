using Accelerator.Testing;

namespace Accelerator.ServiceDefaults.Tests.Outbox;

/// <summary>
/// <c>/alive</c> on real RabbitMQ: a bus that cannot consume while the broker takes connections is reported not alive
/// (so a liveness probe restarts it), and alive again once it consumes; a broker outage longer than
/// the bound is waited out, alive all along.
/// </summary>
[Collection(BrokerFaults.Name)]
public sealed class LivenessTests(Servers servers)
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Flow = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Messaging:StuckAfter"] = StuckAfter.ToString(),
    };

    [Fact]
    public async Task A_bus_that_cannot_consume_while_the_broker_takes_connections_is_not_alive_until_it_consumes_again()
    {
        var management = servers.Running.RabbitMqManagement;
        Assert.SkipWhen(management is null, "RabbitMQ was given from outside the test run: its accounts are not ours to change.");
        var user = $"things-{Guid.NewGuid():N}";
        await management.PutUserAsync(user);
        await using var service = await ThingsService.StartAsync(servers.Running, user, Settings);
        await Eventually.Until(async () => await service.CheckAsync("masstransit-bus") == "Healthy", "the bus to be healthy", Flow);

        // The account may still connect, but no longer read (consume from) any queue: the bus's receive endpoint keeps
        // failing, as a stuck endpoint after a broker crash does, while the broker takes connections.
        await management.SetPermissionsAsync(user, configure: ".*", write: ".*", read: "^$");
        await management.CloseConnectionsOfAsync(user);

        var stuck = await Eventually.Until(async () => await service.AliveAsync() is (503, _) ? await service.CheckDescriptionAsync("bus-stuck") : null,
            "/alive to report the stuck bus", Flow);
        stuck.ShouldStartWith("Stuck: the bus has not been healthy for ");
        stuck.ShouldContain("while the broker accepts connections");

        await management.SetPermissionsAsync(user, configure: ".*", write: ".*", read: ".*");

        await Eventually.Until(async () => await service.AliveAsync() is (200, _) && await service.CheckAsync("masstransit-bus") == "Healthy",
            "the bus to consume again and /alive to say so", Flow);
    }

    [Fact]
    public async Task A_broker_outage_longer_than_the_bound_is_waited_out_alive_and_a_bus_stuck_after_it_is_reported_and_healed_by_a_restart()
    {
        Assert.SkipUnless(servers.Running.CanRestartRabbitMq, "RabbitMQ was given from outside the test run.");
        var service = await ThingsService.StartAsync(servers.Running, settings: Settings);
        var declared = DateTimeOffset.UtcNow;
        try
        {
            await Eventually.Until(async () => await service.CheckAsync("masstransit-bus") == "Healthy", "the bus to be healthy", Flow);
            await servers.Running.RestartRabbitMqAsync(declared, async () =>
            {
                var until = DateTimeOffset.UtcNow + 2 * StuckAfter;
                var readings = 0;
                while (DateTimeOffset.UtcNow < until)
                {
                    (await service.AliveAsync()).Status.ShouldBe(200, "a service waiting for its broker is alive");
                    readings++;
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                readings.ShouldBeGreaterThan(10);
                (await service.CheckAsync("masstransit-bus")).ShouldNotBe("Healthy", "the broker is down: the bus knows it");
            });

            // Back: either the bus reconnects, or it is stuck and says so.
            var outcome = await Eventually.Until(async () =>
                    await service.CheckAsync("masstransit-bus") == "Healthy" ? "reconnected"
                    : await service.AliveAsync() is (503, _) ? "stuck" : null,
                "the bus to reconnect or /alive to report it stuck", Flow);
            if (outcome == "stuck")
            {
                // What a liveness probe's orchestrator does: start the same service again.
                var schema = service.Schema;
                await service.DisposeAsync();
                service = await ThingsService.StartAsync(servers.Running, settings: Settings, schema: schema);
                await Eventually.Until(async () => await service.CheckAsync("masstransit-bus") == "Healthy",
                    "the restarted service's bus to be healthy", Flow);
            }
            (await service.AliveAsync()).Status.ShouldBe(200);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }
}

/// <summary>Tests that stop the broker or change its accounts run one at a time.</summary>
public static class BrokerFaults
{
    public const string Name = "Broker faults";
}

using System.Diagnostics.Metrics;
using Accelerator.ServiceDefaults.Tests.Outbox.Contracts;
using Accelerator.Testing;
using RabbitMQ.Client;

namespace Accelerator.ServiceDefaults.Tests.Outbox;

/// <summary>The outbox on real PostgreSQL and RabbitMQ: a poison event is parked and the events after it still reach
/// partners, while a broker outage, however long, parks nothing.</summary>
[Collection(BrokerFaults.Name)]
public sealed class PoisonEventTests(Servers servers)
{
    // Generous: the whole suite runs on two cores, and recovering from a broker crash competes with the other test projects.
    private static readonly TimeSpan Flow = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_event_the_outbox_cannot_map_is_parked_at_once_and_later_events_still_flow()
    {
        await using var service = await ThingsService.StartAsync(servers.Running);
        var partner = await Partner.BindAsync(servers.Running.RabbitMqConnectionString, Partner.ExchangeOf<ThingHappened>());
        await Eventually.Until(async () => await service.HealthAsync() == "Healthy", "the service to be healthy");
        var (poison, next) = (Guid.NewGuid(), Guid.NewGuid());

        var poisonSequence = await service.AppendAsync(new ThingRecorded(poison, Name: null));
        await service.AppendAsync(new ThingRecorded(next, "after the poison"));

        await Eventually.Until(() => partner.HasReceivedAsync(next), "the event after the poison to be published", Flow);
        partner.Received.ShouldNotContain(poison);
        var parked = (await ParkedSoonAsync(service)).ShouldHaveSingleItem();
        parked.Sequence.ShouldBe(poisonSequence);
        parked.EventType.ShouldBe("thing_recorded");
        parked.Reason.ShouldBe(ParkedEvent.Unmappable);
        parked.Error.ShouldContain("A thing has a name.");
        (await service.HealthAsync()).ShouldBe("Degraded");
        (await service.HealthAsync("/alive")).ShouldBe("Healthy");

        await service.ForgetParkedAsync();
        (await service.HealthAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task An_event_the_broker_keeps_refusing_while_reachable_is_parked_and_later_events_still_flow()
    {
        await using var service = await ThingsService.StartAsync(servers.Running);
        var partner = await Partner.BindAsync(servers.Running.RabbitMqConnectionString, Partner.ExchangeOf<ThingHappened>());
        // Someone declared our exchange with another type: every publish to it closes the channel (PRECONDITION_FAILED).
        await Partner.BindAsync(servers.Running.RabbitMqConnectionString, Partner.ExchangeOf<ThingRejected>(), ExchangeType.Direct);
        await Eventually.Until(async () => await service.HealthAsync() == "Healthy", "the service to be healthy");
        var (refused, next) = (Guid.NewGuid(), Guid.NewGuid());

        var refusedSequence = await service.AppendAsync(new ThingRefused(refused));
        await service.AppendAsync(new ThingRecorded(next, "after the refusal"));

        await Eventually.Until(() => partner.HasReceivedAsync(next), "the event after the refused one to be published", Flow);
        var parked = (await ParkedSoonAsync(service)).ShouldHaveSingleItem();
        parked.Sequence.ShouldBe(refusedSequence);
        parked.MessageType.ShouldBe(nameof(ThingRejected));
        parked.Reason.ShouldBe(ParkedEvent.Refused);
        (await service.HealthAsync()).ShouldBe("Degraded");
        (await service.HealthAsync("/alive")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_broker_outage_longer_than_the_parking_bound_parks_nothing_and_delays_the_events()
    {
        Assert.SkipUnless(servers.Running.CanRestartRabbitMq, "RabbitMQ was given from outside the test run.");
        await using var service = await ThingsService.StartAsync(servers.Running);
        var partner = await Partner.BindAsync(servers.Running.RabbitMqConnectionString, Partner.ExchangeOf<ThingHappened>());
        var declared = DateTimeOffset.UtcNow;
        await Eventually.Until(async () => await service.HealthAsync() == "Healthy", "the service to be healthy");
        var during = Guid.NewGuid();
        using var failures = new PublishFailures();

        await servers.Running.RestartRabbitMqAsync(declared, async () =>
        {
            await service.AppendAsync(new ThingRecorded(during, "during the outage"));
            // Enough failed attempts that, had they been refusals by a healthy broker, the event would be parked.
            await Eventually.Until(async () => failures.Count > IntegrationEventOutbox.RefusalsBeforeParking + 1
                    || (await service.ParkedAsync()).Count > 0,
                "the outbox to fail more often than the parking bound", TimeSpan.FromMinutes(3));
            (await service.ParkedAsync()).ShouldBeEmpty();
        });

        await Eventually.Until(() => partner.HasReceivedAsync(during), "the event stored during the outage to be published", Flow);
        (await service.ParkedAsync()).ShouldBeEmpty();
        // The outbox's own health: nothing parked, nothing lagging.
        try
        {
            await Eventually.Until(async () => await service.CheckAsync("parked-events") == "Healthy" && await service.CheckAsync("operating") == "Healthy",
                "the outbox to be healthy again", Flow);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Health: {await service.HealthReportAsync()}", e);
        }
    }

    /// <summary>The parked record commits with the subscription's progress, after the page's later events were published.</summary>
    private static Task<IReadOnlyList<ParkedEvent>> ParkedSoonAsync(ThingsService service) =>
        Eventually.Until(async () => await service.ParkedAsync() is { Count: > 0 } parked ? parked : null, "the poison event to be parked", Flow);

    /// <summary>Counts the outbox's failed publishes, as the dashboard does.</summary>
    private sealed class PublishFailures : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public PublishFailures()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Telemetry.OutboxMeter && instrument.Name == "accelerator.outbox.publish.failures")
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref count, value));
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}

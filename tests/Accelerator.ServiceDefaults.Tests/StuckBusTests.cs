using Microsoft.Extensions.Time.Testing;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>When a bus counts as stuck: unhealthy, or failing every publish, for the whole bound while the broker
/// takes connections. An outage is waited out, however long.</summary>
public sealed class StuckBusTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly FakeTimeProvider clock = new();
    private readonly StuckBus stuck;

    public StuckBusTests() => stuck = new StuckBus(Bound, clock);

    [Fact]
    public void An_unhealthy_bus_with_a_reachable_broker_is_stuck_once_the_bound_has_passed()
    {
        stuck.BusObserved(healthy: false, brokerReachable: true);
        clock.Advance(Bound - TimeSpan.FromSeconds(1));
        stuck.BusObserved(healthy: false, brokerReachable: true);
        stuck.Reason().ShouldBeNull();

        clock.Advance(TimeSpan.FromSeconds(1));

        stuck.Reason().ShouldBe("the bus has not been healthy for 180 s while the broker accepts connections");
    }

    [Fact]
    public void A_bus_waiting_out_a_broker_outage_of_any_length_is_not_stuck()
    {
        for (var minute = 0; minute < 30; minute++)
        {
            stuck.BusObserved(healthy: false, brokerReachable: false);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        stuck.Reason().ShouldBeNull();
    }

    [Fact]
    public void The_bound_counts_from_when_the_broker_came_back()
    {
        stuck.BusObserved(healthy: false, brokerReachable: false);
        clock.Advance(TimeSpan.FromMinutes(10));
        stuck.BusObserved(healthy: false, brokerReachable: true);
        clock.Advance(Bound - TimeSpan.FromSeconds(1));

        stuck.Reason().ShouldBeNull();
    }

    [Fact]
    public void A_healthy_reading_starts_the_count_again()
    {
        stuck.BusObserved(healthy: false, brokerReachable: true);
        clock.Advance(Bound / 2);
        stuck.BusObserved(healthy: true, brokerReachable: true);
        stuck.BusObserved(healthy: false, brokerReachable: true);
        clock.Advance(Bound / 2);

        stuck.Reason().ShouldBeNull();
    }

    [Fact]
    public void A_stuck_bus_that_recovers_is_no_longer_stuck()
    {
        stuck.BusObserved(healthy: false, brokerReachable: true);
        clock.Advance(Bound);
        stuck.Reason().ShouldNotBeNull();

        stuck.BusObserved(healthy: true, brokerReachable: true);

        stuck.Reason().ShouldBeNull();
    }

    [Fact]
    public void Publishes_failing_for_the_bound_while_the_broker_takes_the_exchanges_are_stuck()
    {
        stuck.PublishFailedWhileBrokerAccepts();
        clock.Advance(Bound / 2);
        stuck.PublishFailedWhileBrokerAccepts();
        clock.Advance(Bound / 2);

        stuck.Reason().ShouldBe("publishes have failed for 180 s while the broker accepts the exchanges");
    }

    [Fact]
    public void A_publish_that_goes_through_or_a_broker_away_starts_the_publish_count_again()
    {
        stuck.PublishFailedWhileBrokerAccepts();
        clock.Advance(Bound / 2);
        stuck.PublishSucceeded();
        stuck.PublishFailedWhileBrokerAccepts();
        clock.Advance(Bound / 2);
        stuck.PublishFailedWhileBrokerAway();
        stuck.PublishFailedWhileBrokerAccepts();
        clock.Advance(Bound / 2);

        stuck.Reason().ShouldBeNull();
    }
}

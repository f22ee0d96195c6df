namespace Accelerator.ServiceDefaults.Tests.Outbox;

/// <summary>When the outbox gives up on an event: only after refusals in a row by a bus that is otherwise healthy.</summary>
public sealed class RefusalCountTests
{
    [Fact]
    public void Failures_while_the_bus_is_healthy_add_up_to_the_parking_bound()
    {
        var refusals = Enumerable.Range(0, IntegrationEventOutbox.RefusalsBeforeParking)
            .Aggregate(0, (count, _) => IntegrationEventOutbox.CountRefusal(count, busHealthy: true));

        refusals.ShouldBe(IntegrationEventOutbox.RefusalsBeforeParking);
    }

    [Fact]
    public void A_failure_while_the_bus_is_not_healthy_starts_the_count_again()
    {
        var almost = IntegrationEventOutbox.RefusalsBeforeParking - 1;

        IntegrationEventOutbox.CountRefusal(almost, busHealthy: false).ShouldBe(0);
    }
}

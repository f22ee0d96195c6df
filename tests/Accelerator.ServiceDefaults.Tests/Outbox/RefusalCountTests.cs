namespace Accelerator.ServiceDefaults.Tests.Outbox;

/// <summary>When the outbox gives up on an event: only after refusals in a row by a broker that answers.</summary>
public sealed class RefusalCountTests
{
    [Fact]
    public void Refusals_in_a_row_add_up_to_the_parking_bound()
    {
        var refusals = Enumerable.Range(0, IntegrationEventOutbox.RefusalsBeforeParking)
            .Aggregate(0, (count, _) => IntegrationEventOutbox.CountRefusal(count, refused: true));

        refusals.ShouldBe(IntegrationEventOutbox.RefusalsBeforeParking);
    }

    [Fact]
    public void An_outage_between_refusals_starts_the_count_again()
    {
        var almost = IntegrationEventOutbox.RefusalsBeforeParking - 1;

        IntegrationEventOutbox.CountRefusal(almost, refused: false).ShouldBe(0);
    }

    [Fact]
    public void A_connection_closed_for_a_broker_shutdown_is_no_refusal() =>
        BrokerProbe.IsRefusal(Interrupted(320, "CONNECTION_FORCED - broker forced connection closure")).ShouldBeFalse();

    [Theory]
    [InlineData(403, "ACCESS_REFUSED")]
    [InlineData(404, "NOT_FOUND")]
    [InlineData(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange")]
    public void A_channel_closed_by_the_broker_with_a_soft_error_is_a_refusal(ushort code, string text) =>
        BrokerProbe.IsRefusal(Interrupted(code, text)).ShouldBeTrue();

    private static RabbitMQ.Client.Exceptions.OperationInterruptedException Interrupted(ushort code, string text) =>
        new(new RabbitMQ.Client.Events.ShutdownEventArgs(RabbitMQ.Client.ShutdownInitiator.Peer, code, text));
}

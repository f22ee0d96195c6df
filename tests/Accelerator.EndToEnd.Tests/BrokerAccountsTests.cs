using Accelerator.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The RabbitMQ accounts of least privilege (deploy/rabbitmq/accounts.json), on the node every other test uses:
/// the services run on their own accounts, so the whole suite proves those are enough.</summary>
public sealed class BrokerAccountsTests(AcceleratorSystem system)
{
    [Fact]
    public async Task The_partner_binds_and_consumes_its_own_queues_but_cannot_publish_to_accelerator_exchanges()
    {
        Assert.SkipWhen(system.Servers.RabbitMqManagement is null, "RabbitMQ was given from outside the test run.");
        await using var connection = await Connect("partner");
        await using (var channel = await connection.CreateChannelAsync())
        {
            var queue = (await channel.QueueDeclareAsync($"partner-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" })).QueueName;
            await channel.QueueBindAsync(queue, "accelerator.cohort-created", "");
            await channel.BasicGetAsync(queue, autoAck: true);
            await channel.QueueDeleteAsync(queue);
        }

        (await Refused(connection, channel => Publish(channel, "accelerator.cohort-completed"))).ShouldBe(403);
        (await Refused(connection, channel => Publish(channel, "accelerator.resource-grant-revoked"))).ShouldBe(403);
        (await Refused(connection, channel => channel.QueueDeclareAsync("scaleway-grants", durable: true, exclusive: false, autoDelete: false)))
            .ShouldBe(403);
        (await Refused(connection, channel => channel.ExchangeDeleteAsync("accelerator.cohort-created"))).ShouldBe(403);
    }

    [Fact]
    public async Task A_service_may_publish_only_to_the_exchanges_of_its_own_events()
    {
        Assert.SkipWhen(system.Servers.RabbitMqManagement is null, "RabbitMQ was given from outside the test run.");
        await using var selection = await Connect("selection");
        (await Refused(selection, channel => Publish(channel, "accelerator.cohort-completed"))).ShouldBe(403);
        (await Refused(selection, channel => Publish(channel, "accelerator.resource-grant-revoked"))).ShouldBe(403);
        (await Refused(selection, channel => Publish(channel, "accelerator.application-rejected"))).ShouldBe(0);

        await using var mentoring = await Connect("mentoring");
        (await Refused(mentoring, channel => Publish(channel, "accelerator.startup-admitted"))).ShouldBe(403);
    }

    private Task<IConnection> Connect(string user) =>
        new ConnectionFactory { Uri = new Uri(system.Servers.RabbitMqConnectionStringFor(user)) }.CreateConnectionAsync();

    private static async Task Publish(IChannel channel, string exchange) =>
        await channel.BasicPublishAsync(exchange, "", mandatory: false, new BasicProperties(), "{}"u8.ToArray());

    /// <summary>The AMQP reply code that closed the channel the action ran on (403 is ACCESS_REFUSED); 0 when allowed.</summary>
    private static async Task<int> Refused(IConnection connection, Func<IChannel, Task> action)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true));
        try
        {
            await action(channel);
            await channel.BasicQosAsync(0, 1, false); // a round trip, so an asynchronous refusal lands here
        }
        catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or PublishException)
        {
            return channel.CloseReason?.ReplyCode ?? (e as OperationInterruptedException)?.ShutdownReason?.ReplyCode ?? -1;
        }
        return 0;
    }
}

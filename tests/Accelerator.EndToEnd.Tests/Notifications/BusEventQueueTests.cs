using System.Text;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;
using Accelerator.ServiceDefaults;
using Accelerator.Notifications.Events;
using Accelerator.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Accelerator.EndToEnd.Tests.Notifications;

/// <summary>The one queue on which Notifications hears every event of the catalogue and its own inbox, read by one
/// consumer for all the catalogue's events.</summary>
public sealed class BusEventQueueTests(AcceleratorSystem system)
{
    private const string Queue = BusEventConsumerDefinition.Queue;

    [Fact]
    public async Task The_queue_is_bound_to_the_exchange_of_every_event_of_the_catalogue_and_of_the_inbox_and_to_nothing_else()
    {
        var management = system.Servers.RabbitMqManagement!;
        var catalogue = BusEvents.Contracts.Select(Messaging.ExchangeOf).ToList();
        var inbox = Messaging.ContractsIn(typeof(Accelerator.Notifications.Inbox.ApplicationContacts).Assembly).Select(Messaging.ExchangeOf).ToList();
        catalogue.Count.ShouldBe(21);
        inbox.Count.ShouldBe(5);

        // MassTransit binds the queue to an exchange of its name (besides the default exchange's implicit binding, ""),
        // and the events' exchanges to that one.
        (await management.SourcesOfQueueAsync(Queue)).Order(StringComparer.Ordinal).ShouldBe(["", Queue]);
        (await management.SourcesOfExchangeAsync(Queue)).Order(StringComparer.Ordinal)
            .ShouldBe(catalogue.Concat(inbox).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_message_of_no_known_type_and_a_malformed_event_go_to_the_error_queue_and_later_events_still_pass()
    {
        // One after the other: reading the error queue takes what it passes over.
        var unknown = Guid.NewGuid();
        await PublishAsync(unknown, "urn:message:Partners.Contracts:SomethingElse", new JsonObject { ["eventId"] = Guid.NewGuid() });
        var first = await PartnerQueue.ReceiveFromAsync(system.RabbitMqConnectionString, $"{Queue}_error",
            e => e["messageId"]!.GetValue<Guid>() == unknown, "the message of no known type in the error queue");
        Header(first, "MT-Fault-Message").ShouldContain("is not an event of the catalogue");

        var malformed = Guid.NewGuid();
        await PublishAsync(malformed, MessageUrn.ForTypeString(typeof(Accelerator.Selection.Contracts.ApplicationScreened)),
            new JsonObject { ["eventId"] = "not an id", ["occurredAt"] = DateTimeOffset.UtcNow });
        var second = await PartnerQueue.ReceiveFromAsync(system.RabbitMqConnectionString, $"{Queue}_error",
            e => e["messageId"]!.GetValue<Guid>() == malformed, "the malformed event in the error queue");
        Header(second, "MT-Fault-Message").ShouldContain("application-screened could not be read");

        // The queue still serves: a webhook hears of the next event through its exchange.
        await using var receiver = await WebhookReceiver.StartAsync();
        await (await system.Operator()).RegisterAsync(receiver, "cohort-created");
        var cohortId = Guid.NewGuid();
        await system.Applications.GetRequiredService<IBus>().Publish(BusMessages.CohortCreated(cohortId));
        await receiver.WaitForAsync(w => w.Data["cohortId"]?.GetValue<Guid>() == cohortId, 1, "the next event at the webhook");
    }

    private async Task PublishAsync(Guid messageId, string messageType, JsonObject message)
    {
        var envelope = new JsonObject
        {
            ["messageId"] = messageId,
            ["messageType"] = new JsonArray(messageType),
            ["message"] = message,
            ["sentTime"] = DateTimeOffset.UtcNow,
            ["headers"] = new JsonObject(),
        };
        await using var connection = await new ConnectionFactory { Uri = new Uri(system.RabbitMqConnectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync(Queue, "", false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = messageId.ToString() },
            Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }

    private static string Header(Delivery delivery, string name) =>
        delivery.Properties.Headers![name] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : delivery.Properties.Headers[name]?.ToString() ?? "";
}

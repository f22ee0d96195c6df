using Accelerator.Notifications.Emails;
using Accelerator.Notifications.Webhooks.Delivering;
using Accelerator.ServiceDefaults;
using Marten;
using MassTransit;

namespace Accelerator.Notifications.Events;

/// <summary>Fans one event of the bus out to the webhooks that may see it and to the founders' e-mail, once, however often it is delivered: the
/// deliveries and their timers commit with the record of the message.</summary>
public sealed class BusEventConsumer<T>(IDocumentStore store, TimeProvider clock, NotificationsOptions options) : IConsumer<T>
    where T : class
{
    private const int Attempts = 8;
    private const string Name = "bus-event";

    public async Task Consume(ConsumeContext<T> context)
    {
        var e = BusEvents.Of(context.Message);
        if (e.EventId == Guid.Empty)
            throw new InvalidMessageException($"{e.Name} without an eventId cannot be passed on.");

        await OptimisticRetry.RunAsync(store, Attempts, async session =>
        {
            if (await session.AlreadyProcessedAsync(context, Name))
                return;
            var now = clock.GetUtcNow();
            await FanOut.ToWebhooksAsync(session, e, options, now, context.CancellationToken);
            await Mailing.FromEventAsync(session, e, options.Smtp, now, context.CancellationToken);
            await session.SaveAsProcessedAsync(context, Name, now);
        }, context.CancellationToken);
    }
}

/// <summary>Every event on one queue, <c>notifications-bus-events</c>: Notifications treats them all alike.</summary>
public sealed class BusEventConsumerDefinition<T> : ConsumerDefinition<BusEventConsumer<T>> where T : class
{
    public const string Queue = "notifications-bus-events";

    public BusEventConsumerDefinition() => EndpointName = Queue;
}

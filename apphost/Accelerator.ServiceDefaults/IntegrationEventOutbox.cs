using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// The event store as outbox: a Marten subscription that publishes an integration event for every stored event
/// that has one, after the event committed. The stored event's id is the message id, which consumers de-duplicate
/// on. Progress is saved only after a page is published, so delivery is at least once: if RabbitMQ is down, the
/// publish fails, the daemon pauses the subscription and retries the same page later. Nothing is skipped.
/// </summary>
public abstract class IntegrationEventOutbox(IBus bus, ILogger logger) : SubscriptionBase
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    protected abstract object? ToIntegrationEvent(IEvent stored);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // A rebuild replays history: partners have seen those events already.
        if (controller.Mode == ShardExecutionMode.Rebuild)
            return NullChangeListener.Instance;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);

        foreach (var stored in page.Events)
        {
            if (ToIntegrationEvent(stored) is not { } message)
                continue;
            await bus.Publish(message, message.GetType(), context => context.MessageId = stored.Id, timeout.Token);
            logger.LogDebug("Published {MessageType} {MessageId} for event {Sequence}", message.GetType().Name, stored.Id, stored.Sequence);
        }
        return NullChangeListener.Instance;
    }
}

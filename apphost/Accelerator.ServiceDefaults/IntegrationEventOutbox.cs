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
/// on. Progress is saved only after a whole page is published, so delivery is at least once.
/// </summary>
public abstract class IntegrationEventOutbox(IBus bus, ILogger logger) : SubscriptionBase
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    protected abstract object? ToIntegrationEvent(IEvent stored);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // A rebuild replays history that partners have seen already.
        if (controller.Mode == ShardExecutionMode.Rebuild)
            return NullChangeListener.Instance;

        foreach (var stored in page.Events)
            if (ToIntegrationEvent(stored) is { } message)
                await PublishUntilAcceptedAsync(stored, message, cancellationToken);
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Marten pauses a subscription that throws and does not restart it by itself, so a broker outage is waited
    /// out here, with backoff, instead of escaping: the event is published late, never dropped. Only shutdown ends it.
    /// </summary>
    private async Task PublishUntilAcceptedAsync(IEvent stored, object message, CancellationToken cancellationToken)
    {
        using var activity = TraceContext.StartPublishing(stored, message.GetType().Name);
        var backoff = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                await bus.Publish(message, message.GetType(), context => context.MessageId = stored.Id, timeout.Token);
                if (attempt > 1)
                    logger.LogInformation("Published {MessageType} {MessageId} after {Attempts} attempts",
                        message.GetType().Name, stored.Id, attempt);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Publishing {MessageType} {MessageId} (event {Sequence}) failed, attempt {Attempt}; retrying in {Backoff}",
                    message.GetType().Name, stored.Id, stored.Sequence, attempt, backoff);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
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
/// on. Progress is saved only after a whole page is published, so delivery is at least once. A poison event is
/// parked (<see cref="ParkedEvent"/>, saved with the progress) so that the events after it still flow.
/// </summary>
public abstract class IntegrationEventOutbox(IBus bus, ILogger logger, BrokerProbe? probe = null, TimeProvider? clock = null)
    : SubscriptionBase
{
    /// <summary>Failed publishes in a row, each confirmed by the <see cref="BrokerProbe"/> as the broker refusing the
    /// event's exchange, before the event is parked (about a minute: each failed publish waits out its timeout).</summary>
    public const int RefusalsBeforeParking = 5;

    /// <summary>Streams whose events are published at once, each publish awaiting its confirm.</summary>
    public const int ConcurrentStreams = 64;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);
    private static readonly Meter Meter = new(Telemetry.OutboxMeter);
    private static readonly Counter<long> FailedPublishes = Meter.CreateCounter<long>("accelerator.outbox.publish.failures");
    private static readonly Counter<long> Parked = Meter.CreateCounter<long>("accelerator.outbox.parked");

    protected abstract object? ToIntegrationEvent(IEvent stored);

    /// <summary>Messages to another of our services that no partner may read (e.g. founders' contacts for Notifications):
    /// published after the event's integration event, on exchanges outside <c>accelerator.*</c>, each under an id derived
    /// from the stored event's and its type, so a consumer de-duplicates them as it does events.</summary>
    protected virtual IEnumerable<object> ToPrivateMessages(IEvent stored) => [];

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // A rebuild replays history that partners have seen already.
        if (controller.Mode == ShardExecutionMode.Rebuild)
            return NullChangeListener.Instance;

        // Streams side by side, each stream's events in order: a publish waits for the broker's confirm, and one at a
        // time capped the whole service at one round trip per event (a deadline burst queued behind it).
        var parked = new ConcurrentQueue<(ParkedEvent Event, Exception Error)>();
        await Parallel.ForEachAsync(page.Events.GroupBy(e => e.StreamKey ?? e.StreamId.ToString()),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentStreams, CancellationToken = cancellationToken },
            async (stream, ct) =>
            {
                foreach (var stored in stream)
                    await PublishAsync(stored, parked, ct);
            });
        foreach (var (parkedEvent, error) in parked.OrderBy(p => p.Event.Sequence))
            Park(operations, parkedEvent, error);
        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent stored, ConcurrentQueue<(ParkedEvent, Exception)> parked, CancellationToken cancellationToken)
    {
        object? message;
        IReadOnlyList<object> privateMessages;
        try
        {
            message = ToIntegrationEvent(stored);
            privateMessages = ToPrivateMessages(stored).ToList();
        }
        catch (Exception exception)
        {
            parked.Enqueue((ParkedEvent.Of(stored, null, ParkedEvent.Unmappable, exception, Now), exception));
            return;
        }
        foreach (var outgoing in privateMessages.Prepend(message).OfType<object>())
        {
            var id = ReferenceEquals(outgoing, message) ? stored.Id : PrivateMessageId(stored.Id, outgoing.GetType());
            if (await PublishUntilAcceptedAsync(stored, outgoing, id, cancellationToken) is not { } refusal)
                continue;
            parked.Enqueue((ParkedEvent.Of(stored, outgoing.GetType().Name, ParkedEvent.Refused, refusal, Now), refusal));
            return;
        }
    }

    /// <summary>
    /// Marten pauses a subscription that throws, so failures are retried here, with backoff. A broker outage of any
    /// length is waited out: the event is published late, never dropped. Only a refusal by a reachable broker, repeated,
    /// gives up, returning the last error. Shutdown ends it too.
    /// </summary>
    private async Task<Exception?> PublishUntilAcceptedAsync(IEvent stored, object message, Guid messageId, CancellationToken cancellationToken)
    {
        using var activity = TraceContext.StartPublishing(stored, message.GetType().Name);
        var backoff = TimeSpan.FromMilliseconds(250);
        var refusals = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                await bus.Publish(message, message.GetType(), context => context.MessageId = messageId, timeout.Token);
                probe?.Published();
                if (attempt > 1)
                    logger.LogInformation("Published {MessageType} {MessageId} after {Attempts} attempts",
                        message.GetType().Name, messageId, attempt);
                return null;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                FailedPublishes.Add(1);
                refusals = CountRefusal(refusals, await IsRefusalAsync(exception, message.GetType(), cancellationToken));
                if (refusals >= RefusalsBeforeParking)
                    return exception;
                logger.LogWarning(exception, "Publishing {MessageType} {MessageId} (event {Sequence}) failed, attempt {Attempt} " +
                    "({Refusals} while the bus was healthy); retrying in {Backoff}",
                    message.GetType().Name, messageId, stored.Sequence, attempt, refusals, backoff);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static Guid PrivateMessageId(Guid eventId, Type message)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{eventId}\n{message.FullName}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>A refusal counts towards parking; any other failure (an outage) starts the count again.</summary>
    public static int CountRefusal(int refusalsSoFar, bool refused) => refused ? refusalsSoFar + 1 : 0;

    /// <summary>
    /// Whether the broker itself said no. A publish that timed out or could not connect says nothing by itself (the bus
    /// retries a refused exchange declaration as it retries a lost connection, and its health stays Healthy for a while
    /// after a crash), so the probe asks the broker. Without a probe nothing counts as a refusal: events wait.
    /// </summary>
    private async Task<bool> IsRefusalAsync(Exception failure, Type messageType, CancellationToken cancellationToken)
    {
        if (failure is MessageReturnedException)
            return true;
        return probe is not null && await probe.RefusalAsync(bus, messageType, cancellationToken) is not null;
    }

    private DateTimeOffset Now => (clock ?? TimeProvider.System).GetUtcNow();

    private void Park(IDocumentOperations operations, ParkedEvent parked, Exception error)
    {
        operations.Store(parked);
        Parked.Add(1);
        logger.LogError(error, "Parked event {Sequence} ({EventType} {EventId}): {Reason}; later events go on",
            parked.Sequence, parked.EventType, parked.Id, parked.Reason);
    }
}

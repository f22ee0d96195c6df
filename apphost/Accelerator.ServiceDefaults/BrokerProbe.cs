using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Tells a broker that refuses a message's exchange from one that is away or not yet reconnected. A failed publish
/// cannot say which: MassTransit retries a refused declaration as it retries a lost connection, so both end in the
/// outbox's timeout. The probe asks RabbitMQ directly, on a connection of its own, to declare the exchanges exactly as
/// the bus's topology does: an unreachable broker answers nothing (an outage, to wait out), a broker that closes the
/// channel with a soft error (access refused, not found, resource locked, precondition failed) refuses.
/// </summary>
public sealed class BrokerProbe(string connectionString, string serviceName, StuckBus? stuck = null)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether the broker accepts a connection and a channel now, on a connection of the probe's own.</summary>
    public async Task<bool> ReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = await Factory().CreateConnectionAsync(timeout.Token);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A publish went through: the bus's send side works.</summary>
    public void Published() => stuck?.PublishSucceeded();

    /// <summary>The broker's refusal of the exchange <paramref name="messageType"/> is published to; null when the
    /// broker accepts it or cannot be asked.</summary>
    public async Task<Exception?> RefusalAsync(IBus bus, Type messageType, CancellationToken cancellationToken)
    {
        if (bus.Topology.PublishTopology.GetMessageTopology(messageType) is not IRabbitMqMessagePublishTopology topology)
            return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = await Factory().CreateConnectionAsync(timeout.Token);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            // The exchanges the bus declares before it publishes the message (its own, and those of its base types).
            var declarations = new MassTransit.RabbitMqTransport.Topology.PublishEndpointBrokerTopologyBuilder();
            topology.Apply(declarations);
            foreach (var exchange in declarations.BuildBrokerTopology().Exchanges)
                await channel.ExchangeDeclareAsync(exchange.ExchangeName, exchange.ExchangeType, exchange.Durable, exchange.AutoDelete,
                    exchange.ExchangeArguments.Count == 0 ? null : exchange.ExchangeArguments!, cancellationToken: timeout.Token);
            // The broker answers and takes the exchanges, yet the bus's publish failed: if that lasts, the bus is stuck.
            stuck?.PublishFailedWhileBrokerAccepts();
            return null;
        }
        catch (OperationInterruptedException refused) when (IsRefusal(refused))
        {
            stuck?.PublishFailedWhileBrokerAway();
            return refused;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            stuck?.PublishFailedWhileBrokerAway();
            return null;
        }
    }

    private ConnectionFactory Factory() => new()
    {
        Uri = new Uri(connectionString), ClientProvidedName = $"{serviceName}-probe", RequestedConnectionTimeout = Timeout,
        AutomaticRecoveryEnabled = false,
    };

    /// <summary>A channel the broker closed with a soft error; a connection closed for a shutdown is no refusal.</summary>
    public static bool IsRefusal(OperationInterruptedException exception) =>
        exception.ShutdownReason is { Initiator: ShutdownInitiator.Peer, ReplyCode: 403 or 404 or 405 or 406 };
}

using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Accelerator.ServiceDefaults.Operating;

public sealed record DeadLetterQueue(string Queue, long Messages);

/// <summary>The service's error queues over AMQP: how full each is, and replaying one into its work queue. One connection
/// (<c>{service}-operating</c>), opened when first needed and kept: health reads the queues every few seconds, and a
/// connection per reading cost the broker a TCP connection, a handshake and an authentication each time. One the broker
/// closed is opened again at the next reading.</summary>
public sealed class DeadLetters(string connectionString, string serviceName, ServiceQueues queues) : IAsyncDisposable
{
    private readonly SemaphoreSlim connecting = new(1, 1);
    private IConnection? connection;

    /// <summary>Headers MassTransit adds when it moves a message to an error queue; a replayed message starts clean.</summary>
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    public async Task<IReadOnlyList<DeadLetterQueue>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ListOverAsync(await ConnectionAsync(cancellationToken), cancellationToken);
        }
        catch (AlreadyClosedException)
        {
            // The broker closed the kept connection and the client had not yet heard it when the reading began: read once
            // more, over a new one, rather than fail this reading.
            return await ListOverAsync(await ConnectionAsync(cancellationToken), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<DeadLetterQueue>> ListOverAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var list = new List<DeadLetterQueue>();
        foreach (var queue in queues.ErrorQueues)
            list.Add(new DeadLetterQueue(queue, await DepthAsync(connection, queue, cancellationToken)));
        return list;
    }

    public async Task<long> TotalAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Sum(q => q.Messages);

    /// <summary>Moves every message now in <paramref name="errorQueue"/> back to its work queue, each published with
    /// confirms before it is removed, so a crash half-way duplicates at worst (consumers are idempotent) and never loses.
    /// Messages that fail again meanwhile come back to the error queue and are not taken twice in one replay.</summary>
    public async Task<long> ReplayAsync(string errorQueue, CancellationToken cancellationToken)
    {
        var workQueue = queues.WorkQueueOf(errorQueue) ?? throw new ArgumentException($"{errorQueue} is not an error queue of {serviceName}.");
        var connection = await ConnectionAsync(cancellationToken);
        var waiting = await DepthAsync(connection, errorQueue, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        long replayed = 0;
        while (replayed < waiting && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(h => !FaultHeaderPrefixes.Any(prefix => h.Key.StartsWith(prefix, StringComparison.Ordinal)))
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            await channel.BasicPublishAsync("", workQueue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
        }
        return replayed;
    }

    /// <summary>The kept connection, or a new one when there is none or the broker closed it.</summary>
    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true } open)
            return open;
        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection is { IsOpen: true } opened)
                return opened;
            if (connection is not null)
                await connection.DisposeAsync();
            connection = null;
            // Opened again here when needed, rather than recovered in the background by the client.
            return connection = await new ConnectionFactory
            {
                Uri = new Uri(connectionString),
                ClientProvidedName = $"{serviceName}-operating",
                AutomaticRecoveryEnabled = false,
            }.CreateConnectionAsync(cancellationToken);
        }
        finally
        {
            connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
            await connection.DisposeAsync();
        connecting.Dispose();
    }

    /// <summary>An error queue appears with its first message; until then it holds none.</summary>
    private static async Task<long> DepthAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }
}

using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Accelerator.ServiceDefaults.Operating;

public sealed record DeadLetterQueue(string Queue, long Messages);

/// <summary>The service's error queues over AMQP: how full each is, and replaying one into its work queue.</summary>
public sealed class DeadLetters(string connectionString, string serviceName, ServiceQueues queues)
{
    /// <summary>Headers MassTransit adds when it moves a message to an error queue; a replayed message starts clean.</summary>
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    public async Task<IReadOnlyList<DeadLetterQueue>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
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
        await using var connection = await ConnectAsync(cancellationToken);
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

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = $"{serviceName}-operating" }
            .CreateConnectionAsync(cancellationToken);

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

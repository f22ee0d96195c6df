using System.Collections.Concurrent;
using MassTransit;
using RabbitMQ.Client;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Delayed redelivery through RabbitMQ alone (Debian's RabbitMQ has no delayed-message plugin): each work queue
/// <c>q</c> gets a retry queue <c>q_retry</c> whose messages expire after <see cref="Delay"/> and are dead-lettered
/// back to <c>q</c>. A message waiting there holds no consumer slot and survives restarts of the service.
/// </summary>
public sealed class RetryQueues(string connectionString, string serviceName, MessagingOptions options) : IAsyncDisposable
{
    public const string Suffix = "_retry";
    public const string RedeliveriesHeader = "accelerator-redeliveries";

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> declared = new();
    private IConnection? connection;
    private IChannel? channel;

    public TimeSpan Delay => options.RedeliveryDelay;

    /// <summary>Sends the received message, body and headers untouched, to its queue's retry queue (with confirms).
    /// Answers how many times this message has now been sent there.</summary>
    public async Task<long> SendAsync(ReceiveContext received, CancellationToken cancellationToken)
    {
        var queue = received.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
        received.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery);
        var headers = delivery?.Properties.Headers is { } original
            ? new Dictionary<string, object?>(original)
            : new Dictionary<string, object?>();
        var redeliveries = (headers.TryGetValue(RedeliveriesHeader, out var count) && count is long n ? n : 0) + 1;
        headers[RedeliveriesHeader] = redeliveries;
        var properties = new BasicProperties
        {
            ContentType = delivery?.Properties.ContentType ?? received.ContentType?.MediaType,
            MessageId = delivery?.Properties.MessageId,
            CorrelationId = delivery?.Properties.CorrelationId,
            Type = delivery?.Properties.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };

        await gate.WaitAsync(cancellationToken);
        try
        {
            var open = await OpenAsync(cancellationToken);
            var retryQueue = queue + Suffix;
            if (!declared.ContainsKey(retryQueue))
            {
                await open.QueueDeclareAsync(retryQueue, durable: true, exclusive: false, autoDelete: false,
                    arguments: Arguments(queue), cancellationToken: cancellationToken);
                declared[retryQueue] = true;
            }
            await open.BasicPublishAsync("", retryQueue, mandatory: true, properties, received.Body.GetBytes(), cancellationToken);
            return redeliveries;
        }
        catch
        {
            // A broken channel is opened anew next time (and the declarations made again).
            declared.Clear();
            channel = null;
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private Dictionary<string, object?> Arguments(string workQueue)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = (long)Delay.TotalMilliseconds,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = workQueue,
        };
        if (options.QuorumQueues)
        {
            arguments["x-queue-type"] = "quorum";
            // Dead-lettering out of a quorum queue is at most once unless asked: a message must never be lost here.
            arguments["x-dead-letter-strategy"] = "at-least-once";
            arguments["x-overflow"] = "reject-publish";
        }
        return arguments;
    }

    private async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
    {
        if (channel is { IsOpen: true })
            return channel;
        if (connection is not { IsOpen: true })
        {
            if (connection is not null)
                await connection.DisposeAsync();
            connection = await new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = $"{serviceName}-retry" }
                .CreateConnectionAsync(cancellationToken);
        }
        channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        if (channel is not null)
            await channel.DisposeAsync();
        if (connection is not null)
            await connection.DisposeAsync();
        gate.Dispose();
    }
}

using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace Accelerator.EndToEnd.Tests;

public sealed record Delivery(JsonObject Envelope, IReadOnlyBasicProperties Properties);

/// <summary>What a partner does with a plain AMQP client (no MassTransit): its own queue bound to our fanout exchanges.</summary>
public sealed class PartnerQueue : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;

    private PartnerQueue(IConnection connection, IChannel channel, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    public static async Task<PartnerQueue> BindAsync(string connectionString, params string[] exchanges)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync($"partner-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true)).QueueName;
        // Every accelerator.* exchange exists from the start of the service that publishes it; partners only bind.
        foreach (var exchange in exchanges)
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        return new PartnerQueue(connection, channel, queue);
    }

    /// <summary>Reads a queue the partner declared earlier, e.g. a durable one that outlived a broker crash.</summary>
    public static async Task<PartnerQueue> OpenAsync(string connectionString, string queue)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        return new PartnerQueue(connection, await connection.CreateChannelAsync(), queue);
    }

    /// <summary>Removes a queue opened with <see cref="OpenAsync"/>, which the broker keeps otherwise.</summary>
    public Task DeleteAsync() => channel.QueueDeleteAsync(queue);

    /// <summary>Reads queued envelopes until one matches, with a deadline.</summary>
    public async Task<Delivery> ReceiveAsync(Func<JsonObject, bool> match, string what) =>
        await Testing.Eventually.Until(() => NextMatchAsync(channel, queue, match), what);

    /// <summary>Takes every envelope queued so far, in order, for a test that follows a whole flow.</summary>
    public async Task<IReadOnlyList<JsonObject>> DrainAsync()
    {
        var envelopes = new List<JsonObject>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            envelopes.Add(JsonNode.Parse(delivery.Body.Span)!.AsObject());
        return envelopes;
    }

    /// <summary>Reads a queue that may not exist yet (RabbitMQ closes a channel that asks for a missing queue).</summary>
    public static async Task<Delivery> ReceiveFromAsync(
        string connectionString, string queue, Func<JsonObject, bool> match, string what)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        return await Testing.Eventually.Until(async () =>
        {
            await using var channel = await connection.CreateChannelAsync();
            return await NextMatchAsync(channel, queue, match);
        }, what);
    }

    private static async Task<Delivery?> NextMatchAsync(
        IChannel channel, string queue, Func<JsonObject, bool> match)
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            var envelope = JsonNode.Parse(delivery.Body.Span)!.AsObject();
            if (match(envelope))
                return new Delivery(envelope, delivery.BasicProperties);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}

using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace Accelerator.ServiceDefaults.Tests.Outbox;

/// <summary>A partner's durable queue bound to one of our exchanges, read with a plain AMQP client; it outlives a
/// broker restart.</summary>
public sealed class Partner(string connectionString, string queue)
{
    private readonly List<JsonObject> received = [];

    public static string ExchangeOf<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";

    public static async Task<Partner> BindAsync(string connectionString, string exchange, string type = ExchangeType.Fanout)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = $"partner-{Guid.NewGuid():N}";
        await channel.ExchangeDeclareAsync(exchange, type, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, routingKey: "");
        return new Partner(connectionString, queue);
    }

    /// <summary>Whether the message for this thing has arrived (reading what is queued so far).</summary>
    public async Task<bool> HasReceivedAsync(Guid thingId)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            received.Add(JsonNode.Parse(delivery.Body.Span)!.AsObject());
        return Received.Contains(thingId);
    }

    public IEnumerable<Guid> Received => received.Select(envelope => envelope["message"]!["thingId"]!.GetValue<Guid>());
}

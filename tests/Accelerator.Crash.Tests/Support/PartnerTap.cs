using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace Accelerator.Crash.Tests.Support;

/// <summary>One integration event as a partner received it: which event, about what, and which process published it.</summary>
public sealed record Received(string Type, Guid EventId, JsonObject Message, int PublisherProcessId);

/// <summary>A partner's own queue bound to our exchanges, counted while it fills and read at the end.</summary>
public sealed class PartnerTap : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;
    private readonly List<Received> received = [];

    private PartnerTap(IConnection connection, IChannel channel, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    public static async Task<PartnerTap> BindAsync(string connectionString, params string[] events)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync($"partner-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var name in events)
        {
            await channel.ExchangeDeclareAsync($"accelerator.{name}", ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, $"accelerator.{name}", routingKey: "");
        }
        return new PartnerTap(connection, channel, queue);
    }

    /// <summary>Messages waiting in the queue plus those read already.</summary>
    public async Task<long> CountAsync() => await channel.MessageCountAsync(queue) + received.Count;

    /// <summary>Everything received so far, in order of arrival.</summary>
    public async Task<IReadOnlyList<Received>> ReadAsync()
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            var envelope = JsonNode.Parse(delivery.Body.Span)!.AsObject();
            var type = envelope["messageType"]![0]!.GetValue<string>().Split(':')[^1];
            var message = envelope["message"]!.AsObject();
            received.Add(new Received(type, message["eventId"]!.GetValue<Guid>(), message,
                envelope["host"]!["processId"]!.GetValue<int>()));
        }
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}

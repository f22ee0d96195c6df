using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Accelerator.Crash.Tests.Support;

public static class ErrorQueues
{
    /// <summary>Messages in the <c>_error</c> queues of these consumer queues; MassTransit creates one only when a
    /// message first fails, so a missing queue holds none. Each consumer queue itself must exist.</summary>
    public static async Task<long> CountAsync(string connectionString, params string[] queues)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        long total = 0;
        foreach (var queue in queues)
        {
            await using (var channel = await connection.CreateChannelAsync())
                await channel.QueueDeclarePassiveAsync(queue);
            try
            {
                await using var channel = await connection.CreateChannelAsync();
                total += (await channel.QueueDeclarePassiveAsync($"{queue}_error")).MessageCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
            }
        }
        return total;
    }
}

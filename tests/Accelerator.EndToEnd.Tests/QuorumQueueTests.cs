using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>Every queue the services declare is a quorum queue, replicated on a RabbitMQ cluster, so it survives the loss
/// of a node: the work queues, their error queues and their retry queues.</summary>
public sealed class QuorumQueueTests(AcceleratorSystem system)
{
    private static readonly string[] Services = ["applications-", "selection-", "mentoring-", "resources-", "notifications-"];

    [Fact]
    public async Task Every_queue_of_every_service_is_a_quorum_queue()
    {
        var management = system.Servers.RabbitMqManagement;
        Assert.SkipWhen(management is null, "RabbitMQ was given from outside the test run.");

        var queues = (await management!.QueuesAsync()).Where(q => Services.Any(s => q.Name.StartsWith(s, StringComparison.Ordinal))).ToList();

        // Each consuming service has its work queues (error and retry queues appear with their first message).
        foreach (var service in new[] { "selection-", "mentoring-", "resources-", "notifications-" })
            queues.ShouldContain(q => q.Name.StartsWith(service, StringComparison.Ordinal) && !q.Name.EndsWith("_error", StringComparison.Ordinal));
        queues.Where(q => q.Type != "quorum").Select(q => $"{q.Name} ({q.Type})").ShouldBeEmpty();
    }
}

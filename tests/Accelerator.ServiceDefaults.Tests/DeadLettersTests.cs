using Accelerator.ServiceDefaults.Operating;
using Accelerator.Testing;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>The error queues are read over one connection, kept between readings (health reads them every few
/// seconds), and opened again once the broker has closed it.</summary>
public sealed class DeadLettersTests(Servers servers)
{
    [Fact]
    public async Task The_error_queues_are_read_over_one_kept_connection_opened_again_after_the_broker_closed_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var management = servers.Running.RabbitMqManagement ?? throw new InvalidOperationException("RabbitMQ was given from outside.");
        var user = $"deadletters-{Guid.NewGuid():N}"[..20];
        var service = $"svc{Guid.NewGuid():N}"[..12];
        await management.PutUserAsync(user);
        var queues = new ServiceQueues();
        queues.Add($"{service}-work");
        await using var deadLetters = new DeadLetters(servers.Running.RabbitMqConnectionStringFor(user), service, queues);
        async Task<int> OpenConnectionsAsync() => (await management.ConnectionNamesAsync()).Count(n => n == $"{service}-operating");

        for (var i = 0; i < 3; i++)
            (await deadLetters.ListAsync(ct)).ShouldBe([new DeadLetterQueue($"{service}-work_error", 0)]);
        // The broker's list lags by a few seconds: connections opened and closed per reading would be gone from it by then.
        await Eventually.Until(async () => await OpenConnectionsAsync() == 1, "one kept connection");

        await management.CloseConnectionsOfAsync(user);
        await Eventually.Until(async () => await OpenConnectionsAsync() == 0, "the broker to have closed it");
        (await deadLetters.ListAsync(ct)).ShouldBe([new DeadLetterQueue($"{service}-work_error", 0)]);
        await Eventually.Until(async () => await OpenConnectionsAsync() == 1, "a new connection, kept");
    }
}

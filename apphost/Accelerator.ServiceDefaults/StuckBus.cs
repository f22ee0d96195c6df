namespace Accelerator.ServiceDefaults;

/// <summary>
/// Tells a bus that waits out an outage from one that is stuck. After a RabbitMQ crash, a bus was seen to stay stuck for
/// good (a receive endpoint that never consumes again, or publishes that never go through) while the broker was back and
/// took connections: one cause is a quorum queue the broker lost in the crash (README "Known limits"), others may be in
/// MassTransit (#5942). Nothing inside the process undoes that: stopping the bus waits on the same stuck channel close. So the bus counts as stuck once, for <see cref="After"/>,
/// either its health stayed below Healthy or every publish failed, while the broker accepted connections all along;
/// the service then reports itself not alive, and its supervisor restarts it. An outage resets the count: a service
/// that waits for its broker is doing the right thing.
/// </summary>
public sealed class StuckBus(TimeSpan after, TimeProvider clock)
{
    private readonly Lock gate = new();
    private DateTimeOffset? receiveSince;
    private DateTimeOffset? sendSince;

    public TimeSpan After => after;

    /// <summary>The bus's health as MassTransit reports it, and whether the broker took a connection of our own then.</summary>
    public void BusObserved(bool healthy, bool brokerReachable)
    {
        lock (gate)
            receiveSince = healthy || !brokerReachable ? null : receiveSince ?? clock.GetUtcNow();
    }

    public void PublishSucceeded()
    {
        lock (gate)
            sendSince = null;
    }

    /// <summary>A publish failed, and the broker, asked directly, took the message's exchanges.</summary>
    public void PublishFailedWhileBrokerAccepts()
    {
        lock (gate)
            sendSince ??= clock.GetUtcNow();
    }

    /// <summary>A publish failed while the broker was away or refused it: an outage or a refusal, not a stuck bus.</summary>
    public void PublishFailedWhileBrokerAway()
    {
        lock (gate)
            sendSince = null;
    }

    /// <summary>Why the bus counts as stuck now, or null.</summary>
    public string? Reason()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (receiveSince is { } receiving && now - receiving >= after)
                return $"the bus has not been healthy for {Seconds(now - receiving)} while the broker accepts connections";
            if (sendSince is { } sending && now - sending >= after)
                return $"publishes have failed for {Seconds(now - sending)} while the broker accepts the exchanges";
            return null;
        }
    }

    private static string Seconds(TimeSpan span) => $"{(int)span.TotalSeconds} s";
}

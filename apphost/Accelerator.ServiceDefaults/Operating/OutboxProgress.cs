using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.ServiceDefaults.Operating;

public sealed record OutboxLag(long LastPublishedSequence, long HighWaterMark, long Lag);

/// <summary>How far the outbox (the <c>integration-events</c> subscription) is behind the events committed.</summary>
public static class OutboxProgress
{
    public const string SubscriptionName = "integration-events";

    public static async Task<OutboxLag> ReadAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var shards = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var highWaterMark = shards.FirstOrDefault(s => s.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
        var published = shards.FirstOrDefault(s => s.ShardName.StartsWith(SubscriptionName + ":", StringComparison.Ordinal))?.Sequence ?? 0;
        return new OutboxLag(published, highWaterMark, Math.Max(0, highWaterMark - published));
    }
}

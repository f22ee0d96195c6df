using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Resources.Grants;

public static class GrantStream
{
    // Every round lets at least one writer through, so this many meters reporting at the same instant all get in;
    // beyond that the caller gets a 409 and retries under the same reference, which is safe.
    private const int Attempts = 10;

    /// <summary>
    /// Appends what <paramref name="decide"/> answers on the grant's current state and returns the state after it.
    /// When another write to the grant commits first (two usage reports at once), Marten refuses this one; it is
    /// decided again on the fresh state instead of answered 409, so no report is lost or counted twice.
    /// </summary>
    public static Task<Grant> DecideAsync(
        IDocumentStore store, Guid grantId, Func<Grant, IReadOnlyList<object>> decide, CancellationToken ct) =>
        OptimisticRetry.RunAsync(store, Attempts, async session =>
        {
            var stream = await session.Events.FetchForWriting<Grant>(grantId, ct);
            var grant = stream.Aggregate ?? throw new InvalidOperationException($"Grant {grantId} has no events.");
            var events = decide(grant);
            if (events.Count == 0)
                return grant;
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
            return events.Aggregate(grant, (state, e) => state.After(e));
        }, ct);
}

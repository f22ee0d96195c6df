using JasperFx;
using Marten;
using Marten.Exceptions;

namespace Accelerator.ServiceDefaults;

/// <summary>A read turned out stale before anything was appended: the unit of work starts over, as after a lost race.</summary>
public sealed class StaleReadException(string message) : Exception(message);

/// <summary>
/// Runs a unit of work in a fresh session until it commits without losing a race: an append to a stream that moved
/// since it was read fails as a whole, and the work is decided again on what is there now. After the last attempt the
/// lost race escapes (a 409 for an HTTP caller, a retry for a message).
/// </summary>
public static class OptimisticRetry
{
    public static async Task<T> RunAsync<T>(
        IDocumentStore store, int attempts, Func<IDocumentSession, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using (var session = store.LightweightSession())
            {
                try
                {
                    return await work(session);
                }
                catch (Exception e) when (e is ConcurrencyException or ExistingStreamIdCollisionException or StaleReadException
                                          && attempt < attempts)
                {
                }
            }
            // Jitter, growing with the attempts, so that the writers that collided do not collide again.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
        }
    }

    public static Task RunAsync(
        IDocumentStore store, int attempts, Func<IDocumentSession, Task> work, CancellationToken cancellationToken) =>
        RunAsync(store, attempts, async session =>
        {
            await work(session);
            return true;
        }, cancellationToken);
}

using JasperFx;
using Marten;
using Marten.Exceptions;

namespace Accelerator.Mentoring;

/// <summary>
/// Runs a consumer's unit of work in a fresh session until it commits without losing a race: an append to a stream
/// that moved since it was read fails as a whole, and the work is decided again on what is there now.
/// </summary>
public static class OptimisticRetry
{
    private const int MaxAttempts = 8;

    /// <param name="attempt">Answers false when it read something already stale and wants to start over.</param>
    public static async Task RunAsync(IDocumentStore store, Func<IDocumentSession, Task<bool>> attempt, CancellationToken ct)
    {
        for (var number = 1; ; number++)
        {
            await using var session = store.LightweightSession();
            try
            {
                if (await attempt(session))
                    return;
            }
            catch (Exception e) when (e is ConcurrencyException or ExistingStreamIdCollisionException && number < MaxAttempts)
            {
            }
            if (number >= MaxAttempts)
                throw new InvalidOperationException($"Gave up after {MaxAttempts} attempts lost to concurrent writers; the message is retried.");
            await Task.Delay(TimeSpan.FromMilliseconds(20 * number * Random.Shared.Next(1, 4)), ct);
        }
    }
}

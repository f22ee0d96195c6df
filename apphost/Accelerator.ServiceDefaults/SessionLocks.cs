using Marten;
using Marten.Services.BatchQuerying;
using Npgsql;

namespace Accelerator.ServiceDefaults;

public static class SessionLocks
{
    /// <summary>
    /// Serialises this session's transaction with every other one taking the same key, until it commits or rolls back
    /// (a PostgreSQL transaction-level advisory lock). For writes that must see each other but touch different rows,
    /// e.g. two messages about one application that arrive on different queues at the same moment.
    /// </summary>
    public static Task LockAsync(this IDocumentSession session, string key, CancellationToken cancellationToken) =>
        TakeAsync(session, "pg_advisory_xact_lock", key, cancellationToken);

    /// <summary>
    /// Takes the same lock as <see cref="LockAsync"/> as the first statement of <paramref name="reads"/>, in this session's
    /// transaction: the reads queued after it run once the lock is held, and the lock and the reads cost one round trip
    /// instead of two. Call it before queuing the reads.
    /// </summary>
    public static Task LockFirstAsync(this IDocumentSession session, IBatchedQuery reads, string key, CancellationToken cancellationToken) =>
        TakeFirstAsync(session, reads, "pg_advisory_xact_lock", key, cancellationToken);

    /// <summary>As <see cref="LockFirstAsync"/>, in shared mode: sessions sharing a key run side by side, and one that locks
    /// it waits for them all to commit (and they for it). For many writers that only need one exclusive writer not to run
    /// between them, e.g. submissions and the close of a call.</summary>
    public static Task ShareLockFirstAsync(this IDocumentSession session, IBatchedQuery reads, string key, CancellationToken cancellationToken) =>
        TakeFirstAsync(session, reads, "pg_advisory_xact_lock_shared", key, cancellationToken);

    private static async Task TakeFirstAsync(IDocumentSession session, IBatchedQuery reads, string function, string key, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        // A row, for the batch to read: the lock functions themselves return void.
        _ = reads.Query<string>($"select 'locked' from {function}(hashtextextended(?, 0))", key);
    }

    private static async Task TakeAsync(IDocumentSession session, string function, string key, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await session.ExecuteAsync(
            new NpgsqlCommand($"select {function}(hashtextextended(@key, 0))") { Parameters = { new("key", key) } },
            cancellationToken);
    }
}

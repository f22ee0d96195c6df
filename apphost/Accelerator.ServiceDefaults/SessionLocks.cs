using Marten;
using Npgsql;

namespace Accelerator.ServiceDefaults;

public static class SessionLocks
{
    /// <summary>
    /// Serialises this session's transaction with every other one taking the same key, until it commits or rolls back
    /// (a PostgreSQL transaction-level advisory lock). For writes that must see each other but touch different rows,
    /// e.g. two messages about one application that arrive on different queues at the same moment.
    /// </summary>
    public static async Task LockAsync(this IDocumentSession session, string key, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await session.ExecuteAsync(
            new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended(@key, 0))") { Parameters = { new("key", key) } },
            cancellationToken);
    }
}

using System.Net.Sockets;
using Npgsql;

namespace Accelerator.ServiceDefaults;

/// <summary>Failures that say nothing about the message: waiting (however long) and trying again is the whole cure.</summary>
public static class TransientFaults
{
    public static bool IsWorthWaiting(Exception exception) => Any(exception, e => e is MissingPrerequisiteException || IsDatabaseUnreachable(e));

    /// <summary>PostgreSQL is down, restarting, failing over or out of connections.</summary>
    public static bool IsDatabaseUnreachable(Exception exception) => Any(exception, e => e switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "53400",
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    });

    private static bool Any(Exception exception, Func<Exception, bool> predicate)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            if (predicate(e))
                return true;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
            else if (e.InnerException is { } inner)
                pending.Push(inner);
        }
        return false;
    }
}

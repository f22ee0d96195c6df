using Marten;

namespace Accelerator.ServiceDefaults.Operating;

public sealed record TimerView(string Id, string Kind, DateTimeOffset DueAt, int Attempts, string? LastError, DateTimeOffset? GaveUpAt)
{
    public static TimerView From(DueTimer timer) =>
        new(timer.Id, timer.Kind, timer.DueAt, timer.Attempts, timer.LastError, timer.GaveUpAt);
}

/// <summary>The service's durable timers for an operator: what is pending, what gave up and why, and trying again.</summary>
public static class TimerAdmin
{
    public const int PageSize = 500;

    /// <summary>Those that gave up first, then the rest by due time.</summary>
    public static async Task<IReadOnlyList<TimerView>> ListAsync(IQuerySession session, CancellationToken cancellationToken) =>
        (await session.Query<DueTimer>().OrderBy(t => t.DueAt).Take(PageSize).ToListAsync(cancellationToken))
        .OrderBy(t => t.GaveUpAt is null).ThenBy(t => t.DueAt).Select(TimerView.From).ToList();

    /// <summary>Makes a timer due now with a fresh count of attempts; null when there is no such timer.</summary>
    public static async Task<TimerView?> RetryAsync(IDocumentSession session, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<DueTimer>(id, cancellationToken) is not { } timer)
            return null;
        var retried = timer with { DueAt = now, Attempts = 0, GaveUpAt = null, LastError = timer.LastError };
        session.Store(retried);
        await session.SaveChangesAsync(cancellationToken);
        return TimerView.From(retried);
    }
}

using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Accelerator.ServiceDefaults.Operating;

/// <summary>
/// Degraded (still serving, but an operator should look) while one of the service's error queues holds messages, or
/// while the outbox has not reached events committed more than a minute ago. Read at most every few seconds: health is
/// polled often, and each reading asks RabbitMQ and PostgreSQL.
/// </summary>
public sealed class OperatingHealth(DeadLetters deadLetters, IDocumentStore store, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan LagTolerance = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Queue<(DateTimeOffset At, long HighWaterMark)> marks = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (last is { } cached && now - cached.At < CacheFor)
                return cached.Result;
            var result = await ReadAsync(now, cancellationToken);
            last = (now, result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<HealthCheckResult> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            var full = (await deadLetters.ListAsync(cancellationToken)).Where(q => q.Messages > 0).ToList();
            problems.AddRange(full.Select(q => $"{q.Messages} message(s) in {q.Queue}"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The broker being away is the bus's own health check to report.
        }

        OutboxLag outbox;
        try
        {
            outbox = await OutboxProgress.ReadAsync(store, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database being away is the postgres check's to report.
            return problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", problems));
        }
        marks.Enqueue((now, outbox.HighWaterMark));
        (DateTimeOffset At, long HighWaterMark)? minuteAgo = null;
        while (marks.TryPeek(out var mark) && now - mark.At >= LagTolerance)
            minuteAgo = marks.Dequeue();
        if (minuteAgo is { } old)
        {
            // Keep the newest mark older than the tolerance for the next reading.
            marks.Enqueue(old);
            var reordered = marks.OrderBy(m => m.At).ToList();
            marks.Clear();
            reordered.ForEach(marks.Enqueue);
            if (outbox.LastPublishedSequence < old.HighWaterMark)
                problems.Add($"the outbox is at {outbox.LastPublishedSequence}, behind events committed over a minute ago (up to {old.HighWaterMark})");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(string.Join("; ", problems));
    }
}

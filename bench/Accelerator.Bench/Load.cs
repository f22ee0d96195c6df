using System.Diagnostics;

namespace Accelerator.Bench;

/// <summary>A closed-loop load generator: <c>connections</c> workers each send one request after another.</summary>
public static class Load
{
    /// <summary>Runs <paramref name="request"/> for <paramref name="duration"/> after a short warm-up; operations per
    /// second. <paramref name="cpu"/>, if given, accounts for the CPU time of the measured part (not the warm-up).</summary>
    public static async Task<double> RateAsync(int connections, TimeSpan duration, Func<Task> request, CpuPerRequest? cpu = null)
    {
        await ForAsync(connections, TimeSpan.FromSeconds(2), request);
        var count = cpu is null
            ? await ForAsync(connections, duration, request)
            : await cpu.MeasureAsync(() => ForAsync(connections, duration, request));
        return count / duration.TotalSeconds;
    }

    private static async Task<long> ForAsync(int connections, TimeSpan duration, Func<Task> request)
    {
        long count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await request();
                Interlocked.Increment(ref count);
            }
        }));
        return count;
    }

    /// <summary>Runs <paramref name="request"/> once for every item, <paramref name="connections"/> at a time.</summary>
    public static Task EachAsync<T>(IReadOnlyList<T> items, int connections, Func<T, Task> request)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
                await request(items[i]);
        }));
    }

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}

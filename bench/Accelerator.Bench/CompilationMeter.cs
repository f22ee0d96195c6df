namespace Accelerator.Bench;

/// <summary>
/// The CPU time the background compiler threads of some processes use from now on, sampled every quarter second
/// thread by thread: such a thread exits once it has been idle for a while and a new one starts with the next work,
/// so comparing the totals of two moments would lose the time of a thread that ended between them, or count a
/// thread that ended as negative time.
/// </summary>
public sealed class CompilationMeter : IAsyncDisposable
{
    private readonly int[] pids;
    private readonly Dictionary<(int Pid, int Thread), double> lastSeen = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly Lock gate = new();
    private double seconds;

    public CompilationMeter(int[] pids)
    {
        this.pids = pids;
        Sample(count: false);
        sampling = SampleAsync();
    }

    /// <summary>The compilers' CPU seconds since the meter started.</summary>
    public double Seconds
    {
        get
        {
            Sample(count: true);
            lock (gate) return seconds;
        }
    }

    private async Task SampleAsync()
    {
        using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await every.WaitForNextTickAsync(stop.Token))
                Sample(count: true);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Adds what each thread used since it was last seen; a thread not seen before started since (or is
    /// the first sample's, which only sets where counting starts).</summary>
    private void Sample(bool count)
    {
        lock (gate)
            foreach (var pid in pids)
                foreach (var (thread, used) in BenchSystem.CompilerThreads(pid))
                {
                    if (count)
                        seconds += used - lastSeen.GetValueOrDefault((pid, thread));
                    lastSeen[(pid, thread)] = used;
                }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}

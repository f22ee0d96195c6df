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

    /// <summary>Under this share of a core over a round, the compilers have settled.</summary>
    private const double Settled = 0.01;

    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <paramref name="round"/> again and again, at least <paramref name="minRounds"/> times and at most for
    /// <see cref="MaxWarmUp"/>, until the background compilers of <paramref name="pids"/> used under 1% of a core over the
    /// last round; answers how long that took. Each round is printed with <paramref name="what"/>.
    /// </summary>
    public static async Task<TimeSpan> UntilSettledAsync(int[] pids, int minRounds, string what, Func<Task> round)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rounds = 0;
        for (var compiling = true; compiling && clock.Elapsed < MaxWarmUp;)
        {
            var started = clock.Elapsed;
            double compiled;
            await using (var compilation = new CompilationMeter(pids))
            {
                await round();
                compiled = compilation.Seconds;
            }
            var share = compiled / (clock.Elapsed - started).TotalSeconds;
            Console.WriteLine($"  warm-up round {++rounds}{what}: background compilation {share:P1} of a core");
            compiling = rounds < minRounds || share >= Settled;
        }
        return clock.Elapsed;
    }

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

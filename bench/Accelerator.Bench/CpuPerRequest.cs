namespace Accelerator.Bench;

/// <summary>
/// The CPU time each program and server spends per request over the measured parts of one or more rate runs, from their
/// user and system time in /proc. It says where a rate's cost is: on a machine whose cores are all busy, a rate is the
/// cores divided by the CPU time one request costs everything together.
/// </summary>
public sealed class CpuPerRequest(IReadOnlyList<(string Name, Func<double> CpuSeconds)> meters)
{
    private readonly double[] seconds = new double[meters.Count];
    private long requests;

    /// <summary>Runs the measurement and adds its CPU time and its count of requests.</summary>
    public async Task<long> MeasureAsync(Func<Task<long>> run)
    {
        var before = meters.Select(m => m.CpuSeconds()).ToArray();
        var count = await run();
        for (var i = 0; i < meters.Count; i++)
            seconds[i] += meters[i].CpuSeconds() - before[i];
        requests += count;
        return count;
    }

    /// <summary>Milliseconds of CPU per request, by program or server.</summary>
    public IEnumerable<(string Name, double Milliseconds)> ByMeter =>
        meters.Select((m, i) => (m.Name, requests == 0 ? double.NaN : seconds[i] * 1000 / requests));

    /// <summary>Milliseconds of CPU per request, everything measured together.</summary>
    public double Total => requests == 0 ? double.NaN : seconds.Sum() * 1000 / requests;

    /// <summary>Adds a figure per program or server that spent any, and their total.</summary>
    public void Report(Report report, string what)
    {
        foreach (var (name, milliseconds) in ByMeter.Where(m => m.Milliseconds >= 0.005))
            report.Add($"{what}: CPU of {name}", milliseconds, "ms", "", 0);
        report.Add($"{what}: CPU, all together", Total, "ms", "", 0);
    }
}

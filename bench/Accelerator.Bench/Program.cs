using Accelerator.Bench;

// ./accelerator bench [--submissions N] [--seconds S] [--connections C] [--seed N] [--output FILE] [--start-only]
var options = BenchOptions.Parse(args);
var report = new Report(options);

Console.WriteLine($"Accelerator bench: {options.Submissions} submissions, {options.Seconds} s per rate, {options.Connections} connections.");
await using var system = await BenchSystem.StartAsync(report);
if (!options.StartOnly)
{
    await using var bare = await BareLimits.MeasureAsync(system, report);
    await Throughput.MeasureAsync(system, report, bare);
    await Burst.MeasureAsync(system, report, bare);
}

report.Print();
await report.WriteJsonAsync();

using System.Runtime;
using Microsoft.Extensions.Hosting;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Gives back what starting up left behind: a few seconds after the host has started (the bus connected, the schema
/// checked, the first timers read), one aggressive, compacting collection of every generation. Start-up allocates a
/// great deal that dies at once (configuration, dependency injection, MassTransit's topology, Marten's schema checks),
/// and the GC otherwise keeps the memory it grew to for it: idle RSS about 4 MB lower per program. It happens once, and
/// a full collection of an idle service's small heap pauses it for milliseconds.
/// </summary>
public sealed class StartupTrim(IHostApplicationLifetime lifetime, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan After = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(After, clock, stoppingToken);
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

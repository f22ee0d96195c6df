using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>Every program collects and compacts its heap once, <see cref="StartupTrim.After"/> after it started.</summary>
public sealed class StartupTrimTests
{
    [Fact]
    public async Task A_started_program_compacts_its_whole_heap_once_a_little_after_its_start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var ct = TestContext.Current.CancellationToken;

        await host.StartAsync(ct);
        var trim = host.Services.GetServices<IHostedService>().OfType<StartupTrim>().Single();
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        trim.ExecuteTask!.IsCompleted.ShouldBeFalse("nothing is collected before the clock has moved");

        // The service starts its wait on the clock a moment after the host started (a continuation on the thread pool), so
        // the clock is moved on at every look, not once: a single move made before that wait began would never end it.
        await Testing.Eventually.Until(() =>
        {
            clock.Advance(StartupTrim.After);
            return Task.FromResult(trim.ExecuteTask.IsCompleted);
        }, "the trim to have run");
        trim.ExecuteTask.Status.ShouldBe(TaskStatus.RanToCompletion);
        var collection = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        collection.Index.ShouldBeGreaterThan(before);
        collection.Generation.ShouldBe(GC.MaxGeneration);
        collection.Compacted.ShouldBeTrue();
        await host.StopAsync(ct);
    }
}

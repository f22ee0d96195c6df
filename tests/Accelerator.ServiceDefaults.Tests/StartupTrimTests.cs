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
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        clock.Advance(StartupTrim.After);

        var trim = await Testing.Eventually.Until(() => Task.FromResult(
            GC.GetGCMemoryInfo(GCKind.FullBlocking) is { Index: var index } info && index > before ? (GCMemoryInfo?)info : null),
            "a full blocking collection after the start");
        trim!.Value.Generation.ShouldBe(GC.MaxGeneration);
        trim.Value.Compacted.ShouldBeTrue();
        await host.StopAsync(ct);
    }
}

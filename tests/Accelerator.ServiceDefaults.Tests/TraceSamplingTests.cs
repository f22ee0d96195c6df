using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>Telemetry:TraceSampleRatio, through the services' own OpenTelemetry set-up: a trace is kept or dropped whole.</summary>
public sealed class TraceSamplingTests
{
    [Fact]
    public async Task Every_trace_is_kept_by_default()
    {
        await using var traced = await TracedAsync(ratio: null);
        for (var i = 0; i < 50; i++)
        {
            using var root = traced.Source.StartActivity("request");
            root.ShouldNotBeNull().Recorded.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_trace_starting_here_is_kept_with_the_configured_probability()
    {
        await using var traced = await TracedAsync(ratio: "0.25");
        var kept = 0;
        for (var i = 0; i < 2000; i++)
        {
            using var root = traced.Source.StartActivity("request");
            if (root?.Recorded == true)
                kept++;
        }
        kept.ShouldBeInRange(400, 600);
    }

    [Fact]
    public async Task A_span_follows_its_parents_decision_whatever_the_ratio()
    {
        await using var none = await TracedAsync(ratio: "0");
        using (var root = none.Source.StartActivity("request"))
            (root?.Recorded ?? false).ShouldBeFalse();
        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        using (var child = none.Source.StartActivity("consume", ActivityKind.Consumer, sampledParent))
            child.ShouldNotBeNull().Recorded.ShouldBeTrue();

        await using var all = await TracedAsync(ratio: "1");
        var droppedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        using (var child = all.Source.StartActivity("consume", ActivityKind.Consumer, droppedParent))
            (child?.Recorded ?? false).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    public void A_ratio_outside_0_to_1_is_refused(string ratio) =>
        Should.Throw<InvalidOperationException>(() => Telemetry.Sampler(Configuration(ratio)))
            .Message.ShouldContain(Telemetry.SampleRatioKey);

    private static IConfiguration Configuration(string? ratio) => new ConfigurationBuilder()
        .AddInMemoryCollection(ratio is null ? [] : [new(Telemetry.SampleRatioKey, ratio)]).Build();

    /// <summary>A host set up as every service is, under an application name of its own, so that no other test's
    /// tracer listens to its source.</summary>
    private static async Task<Traced> TracedAsync(string? ratio)
    {
        var name = $"sampling-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = name });
        builder.Configuration.AddConfiguration(Configuration(ratio));
        builder.ConfigureOpenTelemetry();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new Traced(host, new ActivitySource(name));
    }

    private sealed record Traced(IHost Host, ActivitySource Source) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Source.Dispose();
            await Host.StopAsync();
            Host.Dispose();
        }
    }
}

using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace Accelerator.ServiceDefaults;

/// <summary>The activity sources and meters of the libraries we trace, so one application can be followed
/// from the gateway through MassTransit and Marten in the dashboard.</summary>
public static class Telemetry
{
    public static readonly string[] Sources = ["MassTransit", "Marten", "Npgsql", "Yarp.ReverseProxy", "Accelerator.Outbox"];
    public const string OutboxMeter = "Accelerator.Outbox";
    public static readonly string[] Meters = ["MassTransit", "Marten", "Npgsql", OutboxMeter, Operating.BusinessMetrics.MeterName];

    public const string SampleRatioKey = "Telemetry:TraceSampleRatio";

    /// <summary>
    /// Which traces are recorded: a trace that starts here (at the gateway, or a timer) is kept with the probability
    /// <c>Telemetry:TraceSampleRatio</c> (1, every one, by default), decided from its trace id; a span with a parent
    /// follows the parent's decision, carried in <c>traceparent</c> through HTTP, the bus and the outbox's stored events.
    /// So a trace is kept or dropped whole, in every service alike, never cut in pieces.
    /// </summary>
    public static Sampler Sampler(IConfiguration configuration)
    {
        var ratio = configuration.GetValue<double?>(SampleRatioKey) ?? 1.0;
        if (double.IsNaN(ratio) || ratio is < 0 or > 1)
            throw new InvalidOperationException($"{SampleRatioKey} must be between 0 and 1 (it is {ratio}).");
        return new ParentBasedSampler(ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio));
    }
}

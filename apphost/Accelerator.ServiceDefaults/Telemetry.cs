namespace Accelerator.ServiceDefaults;

/// <summary>The activity sources and meters of the libraries we trace, so one application can be followed
/// from the gateway through MassTransit and Marten in the dashboard.</summary>
public static class Telemetry
{
    public static readonly string[] Sources = ["MassTransit", "Marten", "Npgsql", "Yarp.ReverseProxy", "Accelerator.Outbox"];
    public const string OutboxMeter = "Accelerator.Outbox";
    public static readonly string[] Meters = ["MassTransit", "Marten", "Npgsql", OutboxMeter, Operating.BusinessMetrics.MeterName];
}

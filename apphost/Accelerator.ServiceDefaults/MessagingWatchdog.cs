using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Watches the bus for the stuck state <see cref="StuckBus"/> describes. While stuck, the <c>live</c> health check
/// (<c>/alive</c>) is Unhealthy, so a liveness probe restarts the service; with <c>Messaging:ExitWhenStuck</c> (the
/// default) the service also ends by itself, exit code 75, for supervisors that restart what exits (compose's
/// <c>restart: unless-stopped</c>, systemd). Every effect survives that: events wait in the store and messages in
/// their queues, and both are applied once.
/// </summary>
public sealed class MessagingWatchdog(
    IBusControl bus, BrokerProbe probe, StuckBus stuck, MessagingOptions options, IHostApplicationLifetime lifetime,
    ILogger<MessagingWatchdog> logger) : BackgroundService, IHealthCheck
{
    /// <summary>EX_TEMPFAIL: a temporary failure; run again.</summary>
    public const int ExitCode = 75;

    /// <summary>How long a graceful stop may take before the process ends without it (the stop itself may wait on
    /// the stuck bus).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    private TimeSpan Interval => TimeSpan.FromTicks(Math.Clamp(stuck.After.Ticks / 6, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(10).Ticks));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stuck.Reason() is { } reason
            ? HealthCheckResult.Unhealthy($"Stuck: {reason}; restart this process (README \"Known limits\").")
            : HealthCheckResult.Healthy());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var healthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
            // Only an unhealthy bus needs the broker asked: a healthy one resets the count either way.
            stuck.BusObserved(healthy, brokerReachable: !healthy && await probe.ReachableAsync(stoppingToken));
            if (stuck.Reason() is not { } reason)
                continue;
            if (!options.ExitWhenStuck)
            {
                logger.LogError("The bus is stuck: {Reason}; /alive reports Unhealthy until it recovers or the service is restarted", reason);
                continue;
            }
            logger.LogCritical("The bus is stuck: {Reason}; exiting with code {ExitCode} so that the service's supervisor starts it again",
                reason, ExitCode);
            Environment.ExitCode = ExitCode;
            lifetime.StopApplication();
            _ = Task.Run(async () =>
            {
                await Task.Delay(StopGrace, CancellationToken.None);
                // Still here: the stop waits on the stuck bus. Nothing is lost by ending now, as after any crash.
                Process.GetCurrentProcess().Kill();
            }, CancellationToken.None);
            return;
        }
    }
}

using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults.Operating;

/// <summary>Reads the timers and the outbox every few seconds for the gauges of <see cref="BusinessMetrics"/>, which
/// cannot query the database when the exporter asks.</summary>
public sealed class OperatingGauges(IServiceProvider services, TimeProvider clock, ILogger<OperatingGauges> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private volatile OperatingReading reading = new(0, 0, 0);

    public OperatingReading Reading => reading;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = services.GetService<ServiceName>()?.Name ?? services.GetRequiredService<IHostEnvironment>().ApplicationName;
        BusinessMetrics.Observe(name, () => reading);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var store = services.GetRequiredService<IDocumentStore>();
                await using var session = store.QuerySession();
                var now = clock.GetUtcNow();
                var due = await session.Query<DueTimer>().CountAsync(t => t.GaveUpAt == null && t.DueAt <= now, stoppingToken);
                var givenUp = await session.Query<DueTimer>().CountAsync(t => t.GaveUpAt != null, stoppingToken);
                var outbox = await OutboxProgress.ReadAsync(store, stoppingToken);
                reading = new OperatingReading(due, givenUp, outbox.Lag);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Reading timers and outbox for the gauges failed; keeping the last reading");
            }
            await Task.Delay(Every, clock, stoppingToken);
        }
    }
}

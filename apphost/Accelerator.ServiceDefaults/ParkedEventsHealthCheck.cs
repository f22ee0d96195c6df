using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Accelerator.ServiceDefaults;

/// <summary>Degraded while the outbox keeps parked events: the service works, but partners missed something.</summary>
internal sealed class ParkedEventsHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var parked = await session.Query<ParkedEvent>().CountAsync(cancellationToken);
        if (parked == 0)
            return HealthCheckResult.Healthy();
        var first = await session.Query<ParkedEvent>().OrderBy(e => e.Sequence).FirstAsync(cancellationToken);
        return HealthCheckResult.Degraded(
            $"{parked} event(s) parked by the outbox, not published (first: #{first.Sequence} {first.EventType}, {first.Reason}); " +
            $"see table {store.Options.DatabaseSchemaName}.mt_doc_parkedevent",
            data: new Dictionary<string, object> { ["parked"] = parked, ["firstSequence"] = first.Sequence });
    }
}

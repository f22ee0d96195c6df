using Accelerator.Resources.Grants;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using MassTransit;
using Contracts = Accelerator.Resources.Contracts;

namespace Accelerator.Resources;

public sealed class ResourcesOutbox(IBus bus, ILogger<ResourcesOutbox> logger, BrokerProbe probe)
    : IntegrationEventOutbox(bus, logger, probe)
{
    protected override object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        GrantRequested e => new Contracts.ResourceGrantRequested
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp,
            GrantId = e.GrantId, ApplicationId = e.ApplicationId, CohortId = e.CohortId, Kind = KindName(e.Kind),
            Amount = e.Amount, Unit = e.Unit, Region = e.Region,
        },
        GrantActivated e => new Contracts.ResourceGrantActivated
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp,
            GrantId = e.GrantId, ApplicationId = e.ApplicationId, Kind = KindName(e.Kind), ExternalReference = e.ExternalReference,
        },
        QuotaThresholdReached e => new Contracts.ResourceQuotaThresholdReached
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp,
            GrantId = e.GrantId, ApplicationId = e.ApplicationId, Kind = KindName(e.Kind), Percent = e.Percent,
        },
        QuotaExhausted e => new Contracts.ResourceQuotaExhausted
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp,
            GrantId = e.GrantId, ApplicationId = e.ApplicationId, Kind = KindName(e.Kind),
        },
        GrantToppedUp e => new Contracts.ResourceGrantToppedUp
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp,
            GrantId = e.GrantId, ApplicationId = e.ApplicationId, Kind = KindName(e.Kind), Added = e.Added, Amount = e.Amount,
        },
        GrantRevoked e => new Contracts.ResourceGrantRevoked
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp,
            GrantId = e.GrantId, ApplicationId = e.ApplicationId, Kind = KindName(e.Kind),
        },
        _ => null,
    };

    private static string KindName(GrantKind kind) => kind.ToString().ToLowerInvariant();
}

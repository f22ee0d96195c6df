using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using MassTransit;
using Contracts = Accelerator.Selection.Contracts;

namespace Accelerator.Selection;

public sealed class SelectionOutbox(IBus bus, ILogger<SelectionOutbox> logger) : IntegrationEventOutbox(bus, logger)
{
    protected override object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        CandidateScreened e => new Contracts.ApplicationScreened
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            ApplicationId = e.ApplicationId,
            CohortId = e.CohortId,
            Eligible = e.Eligible,
            Reasons = e.Reasons,
        },
        _ => null,
    };
}

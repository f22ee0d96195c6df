using Accelerator.Selection.Candidates;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers;
using Accelerator.Selection.Reviewers;
using Accelerator.Selection.Reviews;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using MassTransit;
using Contracts = Accelerator.Selection.Contracts;
using Inbox = Accelerator.Notifications.Inbox;

namespace Accelerator.Selection;

/// <summary>Selection's process is published from the cohort's stream only; its mirror on the candidates' streams
/// (<see cref="CandidateDecided"/>) is not, so each fact leaves once.</summary>
public sealed class SelectionOutbox(IBus bus, ILogger<SelectionOutbox> logger, BrokerProbe probe)
    : IntegrationEventOutbox(bus, logger, probe)
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
        OfferExtended e => new Contracts.OfferExtended
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            ApplicationId = e.ApplicationId,
            CohortId = e.CohortId,
            StartupName = e.StartupName,
            ExpiresAt = e.ExpiresAt,
        },
        OfferAccepted e => new Contracts.StartupAdmitted
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            ApplicationId = e.ApplicationId,
            CohortId = e.CohortId,
            ApplicantId = e.ApplicantId,
            StartupName = e.StartupName,
            Domains = e.Domains,
            RequestedGpuHours = e.RequestedGpuHours,
        },
        OfferDeclined e => new Contracts.OfferDeclined
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, ApplicationId = e.ApplicationId, CohortId = e.CohortId,
        },
        OfferExpired e => new Contracts.OfferExpired
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, ApplicationId = e.ApplicationId, CohortId = e.CohortId,
        },
        CandidateRejected e => new Contracts.ApplicationRejected
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, ApplicationId = e.ApplicationId, CohortId = e.CohortId,
        },
        SelectionCompleted e => new Contracts.CohortSelectionCompleted
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, CohortId = e.CohortId, Admitted = e.Admitted,
        },
        _ => null,
    };

    /// <summary>Reviewers hear of their assignments by e-mail, through Notifications alone: their address when they
    /// register with one, then each assignment (no founder, no score).</summary>
    protected override IEnumerable<object> ToPrivateMessages(IEvent stored) => stored.Data switch
    {
        ReviewerRegistered { Email: { } email } e => [new Inbox.ReviewerContact { ReviewerId = e.ReviewerId, Name = e.Name, Email = email }],
        ReviewerAssigned e =>
        [
            new Inbox.ReviewAssigned
            {
                ApplicationId = e.ApplicationId, CohortId = e.CohortId, ReviewerId = e.ReviewerId, StartupName = e.StartupName ?? "",
                AssignedAt = e.AssignedAt,
            },
        ],
        _ => [],
    };
}

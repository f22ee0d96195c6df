using Accelerator.Applications.Applications;
using Accelerator.Applications.Cohorts;
using Accelerator.Applications.Privacy;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using MassTransit;
using Contracts = Accelerator.Applications.Contracts;
using Inbox = Accelerator.Notifications.Inbox;

namespace Accelerator.Applications;

/// <summary>The integration events that follow from what this service stored: the mapping is explicit so that
/// internal events can change without breaking partners.</summary>
public sealed class ApplicationsOutbox(IBus bus, ILogger<ApplicationsOutbox> logger, BrokerProbe probe)
    : IntegrationEventOutbox(bus, logger, probe)
{
    protected override object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        CohortCreated e => new Contracts.CohortCreated
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            CohortId = e.CohortId,
            Name = e.Name,
            Seats = e.Seats,
            ApplicationsOpenAt = e.ApplicationsOpenAt,
            ApplicationsCloseAt = e.ApplicationsCloseAt,
            ProgramStartsOn = e.ProgramStartsOn,
            ProgramEndsOn = e.ProgramEndsOn,
            OfferValidity = IsoDuration.Format(e.OfferValidity),
            ReviewersPerApplication = e.ReviewersPerApplication,
            ResourcePackage = new Contracts.ResourcePackage
            {
                GpuHours = e.ResourcePackage.GpuHours,
                HubSeats = e.ResourcePackage.HubSeats,
                Region = e.ResourcePackage.Region,
            },
        },
        ApplicationSubmitted e => new Contracts.ApplicationSubmitted
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            ApplicationId = e.ApplicationId,
            CohortId = e.CohortId,
            ApplicantId = e.ApplicantId,
            StartupName = e.Content.Startup.Name,
            Summary = e.Content.Summary,
            Stage = e.Content.Startup.Stage.ToString().ToLowerInvariant(),
            FoundationModels = e.Content.FoundationModels,
            IntegrationPlan = e.Content.IntegrationPlan,
            OpenSourceRepositoryUrl = e.Content.OpenSource.RepositoryUrl,
            OpenSourceLicense = e.Content.OpenSource.License,
            Domains = e.Content.Domains,
            RequestedGpuHours = e.Content.RequestedGpuHours,
        },
        CallClosed e => new Contracts.CallForApplicationsClosed
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, CohortId = e.CohortId, SubmittedCount = e.SubmittedCount,
        },
        ApplicationWithdrawn e => new Contracts.ApplicationWithdrawn
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, ApplicationId = e.ApplicationId, CohortId = e.CohortId,
        },
        ErasureCompleted e => new Contracts.PersonalDataErased
        {
            EventId = stored.Id, OccurredAt = stored.Timestamp, ErasureId = e.ErasureId, ApplicationIds = e.ApplicationIds,
        },
        CohortCompleted e => new Contracts.CohortCompleted { EventId = stored.Id, OccurredAt = stored.Timestamp, CohortId = e.CohortId },
        _ => null,
    };

    /// <summary>The founders' addresses go to Notifications alone (no integration event carries them), and so does their
    /// erasure.</summary>
    protected override IEnumerable<object> ToPrivateMessages(IEvent stored) => stored.Data switch
    {
        ApplicationSubmitted e =>
        [
            new Inbox.ApplicationContacts
            {
                ApplicationId = e.ApplicationId, CohortId = e.CohortId, StartupName = e.Content.Startup.Name, Language = e.Content.Language,
                SubmittedAt = e.SubmittedAt,
                // Every place, so that an erasure's positions still point at the right founders.
                Founders = e.Content.Founders.Select(f => new Inbox.FounderContact { Name = f.Name, Email = f.Email }).ToList(),
            },
        ],
        FoundersErased e => [new Inbox.ApplicationContactsErased { ApplicationId = e.ApplicationId, Positions = e.Positions }],
        _ => [],
    };
}

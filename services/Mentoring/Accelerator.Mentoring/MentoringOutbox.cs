using Accelerator.Mentoring.Sessions;
using Accelerator.Mentoring.Startups;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using MassTransit;
using Contracts = Accelerator.Mentoring.Contracts;
using Inbox = Accelerator.Notifications.Inbox;

namespace Accelerator.Mentoring;

public sealed class MentoringOutbox(IBus bus, ILogger<MentoringOutbox> logger, BrokerProbe probe)
    : IntegrationEventOutbox(bus, logger, probe)
{
    protected override object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        StartupMentorAssigned e => new Contracts.MentorAssigned
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            ApplicationId = e.ApplicationId,
            CohortId = e.CohortId,
            MentorId = e.MentorId,
            MentorName = e.MentorName,
            Organisation = e.Organisation,
        },
        SessionCompleted e => new Contracts.MentoringSessionCompleted
        {
            EventId = stored.Id,
            OccurredAt = stored.Timestamp,
            SessionId = e.SessionId,
            ApplicationId = e.ApplicationId,
            MentorId = e.MentorId,
        },
        _ => null,
    };

    /// <summary>The founders hear of a scheduled session by e-mail, through Notifications alone.</summary>
    protected override IEnumerable<object> ToPrivateMessages(IEvent stored) => stored.Data switch
    {
        SessionScheduled e =>
        [
            new Inbox.MentoringSessionScheduled
            {
                SessionId = e.SessionId, ApplicationId = e.ApplicationId, ScheduledAt = e.ScheduledAt, DurationMinutes = e.DurationMinutes,
                Topic = e.Topic,
            },
        ],
        _ => [],
    };
}

using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Offers;
using Accelerator.Selection.Offers.Expiring;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using Marten;

namespace Accelerator.Selection.Decisions;

public static class RecordSelection
{
    /// <summary>
    /// Appends the process's events to the cohort's stream (the only ones published), mirrors each candidate's changed
    /// decision onto its own stream for its read model, and keeps one expiry timer per open offer: all in the
    /// caller's transaction. The mirror appends without a version check: the cohort's stream already serialises
    /// every change of decision.
    /// </summary>
    public static void Record(this IDocumentSession session, IEventStream<SelectionCohort> stream, IReadOnlyList<object> events,
        DateTimeOffset now)
    {
        if (events.Count == 0)
            return;

        var before = stream.Aggregate ?? throw new InvalidOperationException($"Cohort {stream.Id} is not known to selection.");
        var after = before.Evolve(events);
        stream.AppendMany(events);

        var concerned = after.Offers.Select(o => o.ApplicationId).Concat(after.Waitlist.Select(w => w.ApplicationId))
            .Concat(after.Rejected).Distinct();
        foreach (var applicationId in concerned)
        {
            var decision = after.DecisionOf(applicationId);
            if (decision != before.DecisionOf(applicationId))
                session.Events.Append(applicationId, new CandidateDecided(applicationId, after.Id, decision, now));
        }

        foreach (var offer in after.Offers)
        {
            var was = before.Offers.FirstOrDefault(o => o.ApplicationId == offer.ApplicationId)?.Status;
            if (was is null && offer.Status == OfferStatus.Offered)
                session.ScheduleTimer(OfferExpiryHandler.TimerKind, offer.ApplicationId, offer.ExpiresAt);
            else if (was == OfferStatus.Offered && offer.Status != OfferStatus.Offered)
                session.CancelTimer(OfferExpiryHandler.TimerKind, offer.ApplicationId);
        }
    }
}

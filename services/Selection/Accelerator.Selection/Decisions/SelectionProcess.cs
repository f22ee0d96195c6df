using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Offers;

namespace Accelerator.Selection.Decisions;

/// <summary>The rules every step of a cohort's selection shares: how its events evolve it, how free seats pass down
/// the waitlist, and when it is complete.</summary>
public static class SelectionProcess
{
    public static SelectionCohort Evolve(this SelectionCohort cohort, IEnumerable<object> events) =>
        events.Aggregate(cohort, (state, e) => e switch
        {
            SelectionDecided x => state.Apply(x),
            OfferExtended x => state.Apply(x),
            OfferAccepted x => state.Apply(x),
            OfferDeclined x => state.Apply(x),
            OfferExpired x => state.Apply(x),
            OfferWithdrawn x => state.Apply(x),
            WaitlistLeft x => state.Apply(x),
            CandidateRejected x => state.Apply(x),
            SelectionCompleted x => state.Apply(x),
            CohortCallClosed x => state.Apply(x),
            _ => throw new ArgumentException($"{e.GetType().Name} is not an event of a cohort's selection.", nameof(events)),
        });

    /// <summary>Offers every free seat to the next on the waitlist, in rank order. Once no offer is outstanding (every
    /// seat taken, or nobody left to ask), selection completes, once, and whoever is still waitlisted is rejected.</summary>
    public static IReadOnlyList<object> PassSeats(SelectionCohort cohort, DateTimeOffset now)
    {
        if (!cohort.Decided || cohort.Completed)
            return [];

        var taken = cohort.Offers.Count(o => o.Status is OfferStatus.Offered or OfferStatus.Accepted);
        var events = cohort.Waitlist.Take(Math.Max(0, cohort.Seats - taken))
            .Select(next => (object)new OfferExtended(cohort.Id, next.ApplicationId, next.StartupName, now + cohort.OfferValidity, now))
            .ToList();
        var after = cohort.Evolve(events);
        if (after.Offers.Any(o => o.Status == OfferStatus.Offered))
            return events;

        var admitted = after.Offers.Where(o => o.Status == OfferStatus.Accepted).Select(o => o.ApplicationId).ToList();
        events.Add(new SelectionCompleted(cohort.Id, admitted, now));
        events.AddRange(after.Waitlist.Select(w => new CandidateRejected(cohort.Id, w.ApplicationId, now)));
        return events;
    }

    /// <summary>The decision a candidate shows. A withdrawn offer reads as declined: the applicant said no by leaving.</summary>
    public static SelectionDecision DecisionOf(this SelectionCohort cohort, Guid applicationId) =>
        cohort.Offers.FirstOrDefault(o => o.ApplicationId == applicationId) is { } offer
            ? offer.Status switch
            {
                OfferStatus.Offered => SelectionDecision.Offered,
                OfferStatus.Accepted => SelectionDecision.Accepted,
                OfferStatus.Expired => SelectionDecision.Expired,
                _ => SelectionDecision.Declined,
            }
            : cohort.Waitlist.Any(w => w.ApplicationId == applicationId) ? SelectionDecision.Waitlisted
            : cohort.Rejected.Contains(applicationId) ? SelectionDecision.Rejected
            : SelectionDecision.None;
}

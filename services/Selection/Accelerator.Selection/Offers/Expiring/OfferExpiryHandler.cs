using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Selection.Offers.Expiring;

public static class ExpireOffer
{
    /// <summary>An offer unanswered at its deadline expires and its seat passes on. One answered in the meantime
    /// stays as it is.</summary>
    public static IReadOnlyList<object> Decide(SelectionCohort cohort, Guid applicationId, DateTimeOffset now)
    {
        if (cohort.Offers.FirstOrDefault(o => o.ApplicationId == applicationId) is not { Status: OfferStatus.Offered } offer)
            return [];
        // Thrown rather than ignored, so that the timer is kept and tried again instead of being lost.
        if (now < offer.ExpiresAt)
            throw new InvalidOperationException($"The offer to application {applicationId} expires at {offer.ExpiresAt:O}, not yet.");

        List<object> events = [new OfferExpired(cohort.Id, applicationId, now)];
        events.AddRange(SelectionProcess.PassSeats(cohort.Evolve(events), now));
        return events;
    }
}

/// <summary>Fires when an offer's validity runs out; the timer is kept in the database, so it survives restarts.</summary>
public sealed class OfferExpiryHandler : ITimerHandler
{
    public const string TimerKind = "offer-expiry";

    public string Kind => TimerKind;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidate = await session.LoadAsync<Candidate>(timer.Subject, cancellationToken)
            ?? throw new InvalidOperationException($"Offer expiry for an unknown application {timer.Subject}.");
        var stream = await session.Events.FetchForWriting<SelectionCohort>(candidate.Submission.CohortId, cancellationToken);
        if (stream.Aggregate is not { } cohort)
            throw new InvalidOperationException($"Offer expiry for application {timer.Subject} of an unknown cohort.");
        session.Record(stream, ExpireOffer.Decide(cohort, timer.Subject, now), now);
    }
}

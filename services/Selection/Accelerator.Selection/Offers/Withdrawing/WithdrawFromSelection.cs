using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Marten;

namespace Accelerator.Selection.Offers.Withdrawing;

public static class WithdrawFromSelection
{
    /// <summary>A withdrawn application with an open offer frees its seat, as a decline does; a waitlisted one leaves
    /// the waitlist. An admitted startup stays admitted: leaving the programme is not a matter for selection.</summary>
    public static IReadOnlyList<object> Decide(SelectionCohort cohort, Guid applicationId, DateTimeOffset now)
    {
        List<object> events = [];
        if (cohort.Offers.Any(o => o.ApplicationId == applicationId && o.Status == OfferStatus.Offered))
            events.Add(new OfferWithdrawn(cohort.Id, applicationId, now));
        else if (cohort.Waitlist.Any(w => w.ApplicationId == applicationId))
            events.Add(new WaitlistLeft(cohort.Id, applicationId, now));
        else
            return events;

        events.AddRange(SelectionProcess.PassSeats(cohort.Evolve(events), now));
        return events;
    }

    /// <summary>Called in the withdrawal's transaction.</summary>
    public static async Task WithdrawAsync(this IDocumentSession session, Guid cohortId, Guid applicationId, DateTimeOffset now,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<SelectionCohort>(cohortId, ct);
        if (stream.Aggregate is { Decided: true } cohort)
            session.Record(stream, Decide(cohort, applicationId, now), now);
    }
}

using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers.Reading;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Offers.Declining;

public static class DeclineOffer
{
    /// <summary>The seat passes to the next on the waitlist.</summary>
    public static IReadOnlyList<object> Decide(SelectionCohort cohort, Candidate candidate, DateTimeOffset now)
    {
        AnsweringOffers.OpenOffer(cohort, candidate.Id, now);
        List<object> events = [new OfferDeclined(cohort.Id, candidate.Id, now)];
        events.AddRange(SelectionProcess.PassSeats(cohort.Evolve(events), now));
        return events;
    }

    public static Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Handle(
        Guid applicationId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        AnsweringOffers.HandleAsync(applicationId, http, store, clock, Decide, ct);
}

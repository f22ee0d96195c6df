using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers.Reading;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Offers.Accepting;

public static class AcceptOffer
{
    /// <summary>The startup is admitted; the last seat taken completes the cohort's selection.</summary>
    public static IReadOnlyList<object> Decide(SelectionCohort cohort, Candidate candidate, DateTimeOffset now)
    {
        AnsweringOffers.OpenOffer(cohort, candidate.Id, now);
        var submission = candidate.Submission;
        List<object> events =
        [
            new OfferAccepted(cohort.Id, candidate.Id, submission.ApplicantId, submission.StartupName, submission.Domains,
                submission.RequestedGpuHours, now),
        ];
        events.AddRange(SelectionProcess.PassSeats(cohort.Evolve(events), now));
        return events;
    }

    public static Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Handle(
        Guid applicationId, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        AnsweringOffers.HandleAsync(applicationId, http, store, clock, Decide, ct);
}

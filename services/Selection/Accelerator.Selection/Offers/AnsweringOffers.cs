using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Offers.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Offers;

/// <summary>What accepting and declining share: only the candidate's own applicant answers, and only an open offer.</summary>
public static class AnsweringOffers
{
    private const int MaxAttempts = 3;

    public static CohortOffer OpenOffer(SelectionCohort cohort, Guid applicationId, DateTimeOffset now)
    {
        var offer = cohort.Offers.FirstOrDefault(o => o.ApplicationId == applicationId)
            ?? throw new ConflictException(ProblemKinds.StateConflict, $"Application {applicationId} has no offer.");
        if (offer.Status != OfferStatus.Offered)
            throw new ConflictException(offer.Status == OfferStatus.Expired ? ProblemKinds.OfferExpired : ProblemKinds.AlreadyDone,
                $"The offer to application {applicationId} is {OfferResponse.StatusOf(offer).ToString().ToLowerInvariant()} already.");
        if (now >= offer.ExpiresAt)
            throw new ConflictException(ProblemKinds.OfferExpired, $"The offer to application {applicationId} expired at {offer.ExpiresAt:O}.");
        return offer;
    }

    /// <summary>Two answers in one cohort at once (two declines promoting from the same waitlist) race on the cohort's
    /// stream: the loser is decided again on the fresh state rather than refused, since the answers do not conflict.</summary>
    public static Task<Results<Ok<OfferResponse>, ProblemHttpResult>> HandleAsync(
        Guid applicationId, HttpContext http, IDocumentStore store, TimeProvider clock,
        Func<SelectionCohort, Candidate, DateTimeOffset, IReadOnlyList<object>> decide, CancellationToken ct) =>
        OptimisticRetry.RunAsync(store, MaxAttempts, session => AnswerAsync(applicationId, http, session, clock, decide, ct), ct);

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> AnswerAsync(
        Guid applicationId, HttpContext http, IDocumentSession session, TimeProvider clock,
        Func<SelectionCohort, Candidate, DateTimeOffset, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        if (await session.LoadAsync<Candidate>(applicationId, ct) is not { } candidate
            || candidate.Submission.ApplicantId != http.User.Subject())
            return SelectionProblems.NoApplication(applicationId);

        var stream = await session.Events.FetchForWriting<SelectionCohort>(candidate.Submission.CohortId, ct);
        var cohort = stream.Aggregate ?? throw new ConflictException(ProblemKinds.StateConflict, $"Application {applicationId} has no offer.");
        var now = clock.GetUtcNow();
        var events = decide(cohort, candidate, now);
        session.Record(stream, events, now);
        await session.SaveChangesAsync(ct);

        var offer = cohort.Evolve(events).Offers.Single(o => o.ApplicationId == applicationId);
        return TypedResults.Ok(OfferResponse.From(cohort.Id, offer));
    }
}

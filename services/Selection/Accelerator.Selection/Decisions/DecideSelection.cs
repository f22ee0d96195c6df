using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Offers;
using Accelerator.Selection.Ranking;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Decisions;

public sealed record DecisionSummary(Guid CohortId, IReadOnlyList<Guid> Offered, IReadOnlyList<Guid> Waitlisted, IReadOnlyList<Guid> Rejected);

public static class DecideSelection
{
    /// <summary>
    /// Offers the top seats of the ranking and waitlists the rest of it in rank order. Every other candidate is
    /// rejected: the ineligible, and the eligible ones nobody reviewed, since a seat is never given without a review.
    /// Withdrawn candidates have left and get no decision. Staff overrides are honoured: an admit takes a seat ahead
    /// of the ranking, a reject is left out of it (<see cref="CandidateRanking.Rank"/>); with <paramref name="normalise"/>
    /// the ranking is by scores normalised per reviewer.
    /// </summary>
    public static IReadOnlyList<object> Decide(
        SelectionCohort cohort, IReadOnlyList<Candidate> candidates, string decidedBy, DateTimeOffset now, bool normalise = false)
    {
        if (cohort.Decided)
            throw new ConflictException(ProblemKinds.SelectionDecided, $"Selection of cohort {cohort.Id} has been decided already.");
        if (!cohort.IsCallClosedAt(now))
            throw new ConflictException(ProblemKinds.NotYetKnown, cohort.CloseNotHeard());

        var inCohort = candidates.Where(c => c.Submission.CohortId == cohort.Id).ToList();
        var ranking = CandidateRanking.Rank(inCohort, normalise);
        var ranked = ranking.Select(r => r.ApplicationId).ToHashSet();
        List<object> events = [new SelectionDecided(cohort.Id, ranking, decidedBy, now)];
        events.AddRange(inCohort.Where(c => !c.Withdrawn && !ranked.Contains(c.Id)).OrderBy(c => c.SubmittedAt)
            .Select(c => new CandidateRejected(cohort.Id, c.Id, now)));
        events.AddRange(SelectionProcess.PassSeats(cohort.Evolve(events), now));
        return events;
    }

    public static async Task<Results<Ok<DecisionSummary>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid cohortId, string? normalise, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var normalised = GetRanking.ParseNormalise(normalise, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var stream = await session.Events.FetchForWriting<SelectionCohort>(cohortId, ct);
        if (stream.Aggregate is not { } cohort)
            return SelectionProblems.UnknownCohort(cohortId);

        var now = clock.GetUtcNow();
        var ids = await session.Query<Candidate>().Where(c => c.Submission.CohortId == cohortId).Select(c => c.Id).ToListAsync(ct);
        if (!cohort.Decided && cohort.IsCallClosedAt(now) && cohort.StillReceiving(ids.Count) is { } waiting)
            throw new ConflictException(ProblemKinds.NotYetKnown, waiting);
        // Fetched for writing, so that a review landing meanwhile makes this decision conflict (409) instead of
        // ranking on a stale score.
        var candidates = new List<Candidate>();
        foreach (var id in ids.Order())
            if ((await session.Events.FetchForWriting<Candidate>(id, ct)).Aggregate is { } candidate)
                candidates.Add(candidate);
        var events = Decide(cohort, candidates, http.User.Subject(), now, normalised);
        session.Record(stream, events, now);
        await session.SaveChangesAsync(ct);

        var after = cohort.Evolve(events);
        return TypedResults.Ok(new DecisionSummary(cohortId,
            events.OfType<OfferExtended>().Select(o => o.ApplicationId).ToList(),
            after.Waitlist.Select(w => w.ApplicationId).ToList(),
            events.OfType<CandidateRejected>().Select(r => r.ApplicationId).ToList()));
    }
}

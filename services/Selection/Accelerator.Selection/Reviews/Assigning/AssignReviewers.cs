using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Reviewers;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Reviews.Assigning;

/// <summary>On the cohort stream: who ran an assignment and with what outcome.</summary>
public sealed record CohortReviewersAssigned(
    Guid CohortId, int Assignments, IReadOnlyList<Guid> Understaffed, string AssignedBy, DateTimeOffset AssignedAt);

public sealed record AssignReviewersResponse(
    Guid CohortId, int Assignments, int Applications, int ReviewersPerApplication, IReadOnlyList<Guid> Understaffed);

public static class AssignReviewers
{
    public static async Task<Results<Ok<AssignReviewersResponse>, ProblemHttpResult>> Handle(
        Guid cohortId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Writing to the cohort stream too makes two concurrent runs conflict (409) instead of both topping up.
        var cohortStream = await session.Events.FetchForWriting<SelectionCohort>(cohortId, ct);
        if (cohortStream.Aggregate is not { } cohort)
            return SelectionProblems.UnknownCohort(cohortId);
        if (!cohort.IsCallClosedAt(now))
            throw new ConflictException(ProblemKinds.NotYetKnown, cohort.CloseNotHeard());
        if (cohort.Decided)
            throw new ConflictException(ProblemKinds.SelectionDecided, $"Selection of cohort {cohortId} has been decided; its reviews are closed.");
        if (cohort.StillReceiving(await session.Query<Candidate>().CountAsync(c => c.Submission.CohortId == cohortId, ct)) is { } waiting)
            throw new ConflictException(ProblemKinds.NotYetKnown, waiting);

        var candidateIds = await session.Query<Candidate>()
            .Where(c => c.Submission.CohortId == cohortId && c.Eligibility == Eligibility.Eligible && !c.Withdrawn)
            .Select(c => c.Id)
            .ToListAsync(ct);
        var streams = new Dictionary<Guid, IEventStream<Candidate>>();
        foreach (var id in candidateIds.Order())
            streams[id] = await session.Events.FetchForWriting<Candidate>(id, ct);
        var candidates = streams.Values.Select(s => s.Aggregate).OfType<Candidate>().Where(c => !c.Withdrawn).ToList();
        var reviewers = await session.Query<Reviewer>().ToListAsync(ct);

        var plan = ReviewerAssignment.Assign(
            candidates.Select(c => new ApplicationToStaff(c.Id, c.Submission.StartupName, c.Submission.ApplicantId,
                c.DeclaredConflicts.Select(d => d.ReviewerId).ToList())).ToList(),
            reviewers.Select(r => new PanelMember(r.Id, r.Sub, r.Conflicts)).ToList(),
            cohort.ReviewersPerApplication,
            candidates.SelectMany(c => c.Reviewers.Select(r => new Assignment(c.Id, r.ReviewerId))).ToList());

        var subs = reviewers.ToDictionary(r => r.Id, r => r.Sub);
        foreach (var assignment in plan.Added)
            streams[assignment.ApplicationId].AppendOne(new ReviewerAssigned(
                assignment.ApplicationId, cohortId, assignment.ReviewerId, subs[assignment.ReviewerId], now,
                streams[assignment.ApplicationId].Aggregate!.Submission.StartupName));
        cohortStream.AppendOne(new CohortReviewersAssigned(cohortId, plan.Added.Count, plan.Understaffed, http.User.Subject(), now));
        await session.SaveChangesAsync(ct);

        return TypedResults.Ok(new AssignReviewersResponse(
            cohortId, plan.Added.Count, candidates.Count, cohort.ReviewersPerApplication, plan.Understaffed));
    }
}

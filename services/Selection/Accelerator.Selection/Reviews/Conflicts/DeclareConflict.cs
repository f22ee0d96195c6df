using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Reviewers;
using Accelerator.Selection.Reviews.Assigning;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Reviews.Conflicts;

public sealed record ConflictRequest(string? Reason);

public sealed record ConflictResponse(Guid ApplicationId, bool Released, bool Replaced);

public static class DeclareConflict
{
    public const int MaxReasonLength = 2000;

    public static Validation Validate(ConflictRequest request)
    {
        var v = new Validation();
        v.Text(request.Reason, "reason", MaxReasonLength);
        return v;
    }

    /// <summary>
    /// Releases <paramref name="reviewer"/> from the candidate and remembers the conflict. While reviews are open, its
    /// review is discarded and a replacement is assigned: the least-loaded reviewer of the cohort (<paramref name="cohortAssignments"/>)
    /// who may review it, as <see cref="ReviewerAssignment"/> chooses, so the load stays even. Afterwards the review stays
    /// as the decision used it, and nobody is assigned.
    /// </summary>
    public static IReadOnlyList<object> Decide(
        Candidate candidate, AssignedReviewer reviewer, string reason, bool reviewsOpen,
        IReadOnlyList<PanelMember> panel, IReadOnlyCollection<Assignment> cohortAssignments, DateTimeOffset now)
    {
        var cohortId = candidate.Submission.CohortId;
        List<object> events = [new ReviewerConflictDeclared(candidate.Id, cohortId, reviewer.ReviewerId, reviewer.Sub, reason.Trim(),
            ReviewDiscarded: reviewsOpen && candidate.ReviewBy(reviewer.ReviewerId) is not null, now)];
        if (!reviewsOpen)
            return events;

        var released = candidate.Apply((ReviewerConflictDeclared)events[0]);
        var application = new ApplicationToStaff(candidate.Id, candidate.Submission.StartupName, candidate.Submission.ApplicantId,
            released.DeclaredConflicts.Select(c => c.ReviewerId).ToList());
        var existing = cohortAssignments
            .Where(a => a.ApplicationId != candidate.Id)
            .Concat(released.Reviewers.Select(r => new Assignment(candidate.Id, r.ReviewerId)))
            .ToList();
        var plan = ReviewerAssignment.Assign([application], panel, candidate.Reviewers.Count, existing);
        var subs = panel.ToDictionary(p => p.ReviewerId, p => p.Sub);
        events.AddRange(plan.Added.Select(a => new ReviewerAssigned(candidate.Id, cohortId, a.ReviewerId, subs[a.ReviewerId], now, candidate.Submission.StartupName)));
        return events;
    }

    public static async Task<Results<Ok<ConflictResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid applicationId, ConflictRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Candidate>(applicationId, ct);
        if (stream.Aggregate is not { } candidate || candidate.ReviewerWithSub(http.User.Subject()) is not { } reviewer)
            return ProblemKinds.NotFound.Problem($"You have no review assignment for application {applicationId}.");
        var validation = Validate(request);
        if (!validation.IsValid)
            return validation.ToProblem();

        var cohortId = candidate.Submission.CohortId;
        var cohort = await session.LoadAsync<SelectionCohort>(cohortId, ct);
        var reviewsOpen = cohort?.Decided == false && candidate.Decision == SelectionDecision.None && !candidate.Withdrawn;
        var panel = await session.Query<Reviewer>().ToListAsync(ct);
        var assignments = (await session.Query<Candidate>()
                .Where(c => c.Submission.CohortId == cohortId && !c.Withdrawn)
                .ToListAsync(ct))
            .SelectMany(c => c.Reviewers.Select(r => new Assignment(c.Id, r.ReviewerId)))
            .ToList();

        var events = Decide(candidate, reviewer, request.Reason!, reviewsOpen,
            panel.Select(r => new PanelMember(r.Id, r.Sub, r.Conflicts)).ToList(), assignments, clock.GetUtcNow());
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new ConflictResponse(applicationId, Released: true, Replaced: events.OfType<ReviewerAssigned>().Any()));
    }
}

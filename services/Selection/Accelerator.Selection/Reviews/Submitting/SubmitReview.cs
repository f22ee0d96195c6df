using System.ComponentModel.DataAnnotations;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Reviews.Submitting;

public sealed record ScoresRequest(
    [property: Required] int? Openness,
    [property: Required] int? Technical,
    [property: Required] int? Team,
    [property: Required] int? Impact);

public sealed record ReviewRequest([property: Required] ScoresRequest? Scores, string? Comment);

public sealed record ReviewResponse(
    Guid ApplicationId,
    Guid CohortId,
    ReviewScores Scores,
    string? Comment,
    DateTimeOffset SubmittedAt);

public static class SubmitReview
{
    public const int MaxCommentLength = 4000;

    public static (ReviewScores? Scores, Validation Validation) Validate(ReviewRequest request)
    {
        var v = new Validation();
        if (request.Comment is not null)
            v.Check(request.Comment.Length <= MaxCommentLength, "comment", $"comment must be at most {MaxCommentLength} characters.");
        if (!v.Required(request.Scores, "scores"))
            return (null, v);

        var s = request.Scores!;
        var scores = new ReviewScores(Score(v, s.Openness, "openness"), Score(v, s.Technical, "technical"),
            Score(v, s.Team, "team"), Score(v, s.Impact, "impact"));
        return (v.IsValid ? scores : null, v);
    }

    /// <summary>The caller must be one of the candidate's reviewers; <paramref name="selectionDecided"/> freezes every review.</summary>
    public static ReviewSubmitted Decide(
        Candidate candidate, AssignedReviewer reviewer, ReviewScores scores, string? comment, bool selectionDecided, DateTimeOffset now)
    {
        if (selectionDecided)
            throw new ConflictException(ProblemKinds.SelectionDecided,
                $"Selection of cohort {candidate.Submission.CohortId} has been decided; reviews are closed.");
        if (candidate.Withdrawn)
            throw new ConflictException(ProblemKinds.StateConflict, $"Application {candidate.Id} has been withdrawn.");
        return new ReviewSubmitted(candidate.Id, candidate.Submission.CohortId, reviewer.ReviewerId, reviewer.Sub, scores,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now);
    }

    public static async Task<Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid applicationId, ReviewRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Candidate>(applicationId, ct);
        // Someone else's application answers as if it did not exist.
        if (stream.Aggregate is not { } candidate || candidate.ReviewerWithSub(http.User.Subject()) is not { } reviewer)
            return ProblemKinds.NotFound.Problem($"You have no review assignment for application {applicationId}.");

        var (scores, validation) = Validate(request);
        if (scores is null)
            return validation.ToProblem();

        var cohort = await session.LoadAsync<SelectionCohort>(candidate.Submission.CohortId, ct);
        var decided = cohort?.Decided == true || candidate.Decision != SelectionDecision.None;
        var submitted = Decide(candidate, reviewer, scores, request.Comment, decided, clock.GetUtcNow());
        stream.AppendOne(submitted);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new ReviewResponse(applicationId, submitted.CohortId, submitted.Scores, submitted.Comment, submitted.SubmittedAt));
    }

    private static int Score(Validation v, int? value, string name)
    {
        var field = $"scores.{name}";
        if (v.Required(value, field))
            v.Check(value is >= 1 and <= 5, field, $"{field} must be a whole number from 1 to 5.");
        return value ?? 0;
    }
}

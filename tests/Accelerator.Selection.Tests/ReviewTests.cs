using Accelerator.Selection.Candidates;
using Accelerator.Selection.Reviews.Submitting;
using Accelerator.ServiceDefaults;

namespace Accelerator.Selection.Tests;

/// <summary>Given the candidate's events, when a reviewer reviews, then the review and the candidate's stats.</summary>
public sealed class ReviewTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid CohortId = Guid.NewGuid();
    private static readonly Guid ApplicationId = Guid.NewGuid();

    private static Candidate Given(params object[] events)
    {
        var submission = new Submission(ApplicationId, CohortId, "alice", "Forge", Stage.Acceleration,
            ["meta-llama/Llama-3.1-8B"], null, "https://github.com/forge/forge", "Apache-2.0", ["nlp"], 1000);
        var candidate = Candidate.Create(new CandidateEntered(submission, Now, Now))
            .Apply(new CandidateScreened(ApplicationId, CohortId, true, [], Now));
        return events.Aggregate(candidate, (c, e) => e switch
        {
            ReviewerAssigned assigned => c.Apply(assigned),
            ReviewSubmitted submitted => c.Apply(submitted),
            CandidateWithdrawn withdrawn => c.Apply(withdrawn),
            _ => throw new ArgumentException($"No Apply for {e.GetType().Name}"),
        });
    }

    private static ReviewerAssigned Assigned(Guid reviewerId, string sub) => new(ApplicationId, CohortId, reviewerId, sub, Now);

    private static ReviewRequest Request(int? openness, int? technical, int? team, int? impact, string? comment = null) =>
        new(new ScoresRequest(openness, technical, team, impact), comment);

    private static Candidate Review(Candidate candidate, string sub, ReviewScores scores)
    {
        var submitted = SubmitReview.Decide(candidate, candidate.ReviewerWithSub(sub)!, scores, null, false, Now);
        return candidate.Apply(submitted);
    }

    [Theory]
    [InlineData(0, 3, 3, 3, "scores.openness")]
    [InlineData(3, 6, 3, 3, "scores.technical")]
    [InlineData(3, 3, -1, 3, "scores.team")]
    [InlineData(3, 3, 3, null, "scores.impact")]
    public void Each_score_is_a_whole_number_from_1_to_5(int? openness, int? technical, int? team, int? impact, string field)
    {
        var (scores, validation) = SubmitReview.Validate(Request(openness, technical, team, impact));
        scores.ShouldBeNull();
        validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var (_, validation) = SubmitReview.Validate(Request(0, 9, null, 5, new string('x', SubmitReview.MaxCommentLength + 1)));
        validation.ToProblem().ProblemDetails.Errors.Keys
            .ShouldBe(["comment", "scores.openness", "scores.technical", "scores.team"], ignoreOrder: true);
        SubmitReview.Validate(new ReviewRequest(null, "fine")).Validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["scores"]);
    }

    [Fact]
    public void A_valid_review_is_accepted_with_a_trimmed_comment()
    {
        var (scores, validation) = SubmitReview.Validate(Request(1, 5, 3, 4));
        validation.IsValid.ShouldBeTrue();
        var reviewerId = Guid.NewGuid();
        var candidate = Given(Assigned(reviewerId, "rev"));

        var submitted = SubmitReview.Decide(candidate, candidate.ReviewerWithSub("rev")!, scores!, "  solid team  ", false, Now);

        submitted.ShouldBe(new ReviewSubmitted(ApplicationId, CohortId, reviewerId, "rev", new ReviewScores(1, 5, 3, 4), "solid team", Now));
    }

    [Fact]
    public void The_average_is_the_mean_over_reviewers_of_each_reviews_mean()
    {
        var candidate = Given(Assigned(Guid.NewGuid(), "a"), Assigned(Guid.NewGuid(), "b"), Assigned(Guid.NewGuid(), "c"));

        candidate = Review(candidate, "a", new ReviewScores(5, 5, 5, 4)); // 4.75
        candidate = Review(candidate, "b", new ReviewScores(3, 3, 3, 3)); // 3
        candidate = Review(candidate, "c", new ReviewScores(2, 1, 1, 1)); // 1.25

        candidate.ReviewCount.ShouldBe(3);
        candidate.AverageScore.ShouldBe(3.0);
    }

    [Fact]
    public void A_second_review_by_the_same_reviewer_replaces_the_first()
    {
        var candidate = Given(Assigned(Guid.NewGuid(), "a"), Assigned(Guid.NewGuid(), "b"));
        candidate = Review(candidate, "a", new ReviewScores(1, 1, 1, 1));
        candidate = Review(candidate, "b", new ReviewScores(2, 2, 2, 3));

        candidate = Review(candidate, "a", new ReviewScores(4, 4, 4, 4));

        candidate.ReviewCount.ShouldBe(2);
        candidate.AverageScore.ShouldBe(3.13); // (4 + 2.25) / 2 = 3.125, rounded half away from zero
        candidate.ReviewBy(candidate.ReviewerWithSub("a")!.ReviewerId)!.Scores.ShouldBe(new ReviewScores(4, 4, 4, 4));
    }

    [Fact]
    public void Assigning_the_same_reviewer_twice_keeps_one_assignment()
    {
        var reviewerId = Guid.NewGuid();
        Given(Assigned(reviewerId, "a"), Assigned(reviewerId, "a")).Reviewers.Count.ShouldBe(1);
    }

    [Fact]
    public void No_review_once_selection_is_decided_or_the_application_is_withdrawn()
    {
        var candidate = Given(Assigned(Guid.NewGuid(), "a"));
        var reviewer = candidate.ReviewerWithSub("a")!;
        var scores = new ReviewScores(3, 3, 3, 3);

        Should.Throw<ConflictException>(() => SubmitReview.Decide(candidate, reviewer, scores, null, true, Now));
        var withdrawn = candidate.Apply(new CandidateWithdrawn(ApplicationId, CohortId, Now));
        Should.Throw<ConflictException>(() => SubmitReview.Decide(withdrawn, reviewer, scores, null, false, Now));
    }
}

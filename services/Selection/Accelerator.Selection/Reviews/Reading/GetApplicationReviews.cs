using Accelerator.Selection.Candidates;
using Accelerator.Selection.Reviewers;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Reviews.Reading;

public sealed record ReviewView(
    Guid ReviewerId, string ReviewerSub, string? Name, string? Organisation, ReviewScores Scores, double Mean, string? Comment, DateTimeOffset SubmittedAt);

/// <summary>Staff read every review of an application, oldest first, with who wrote it. Whole, not paged: an
/// application has at most its cohort's reviewers per application, plus replacements.</summary>
public static class GetApplicationReviews
{
    public static async Task<Results<Ok<List<ReviewView>>, ProblemHttpResult>> Handle(Guid applicationId, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Candidate>(applicationId, ct) is not { } candidate)
            return ProblemKinds.NotFound.Problem($"Selection knows no application {applicationId} (yet: screening follows submission within seconds).");

        var reviewerIds = candidate.Reviews.Select(r => r.ReviewerId).ToArray();
        var reviewers = (await session.LoadManyAsync<Reviewer>(ct, reviewerIds)).ToDictionary(r => r.Id);
        var subs = candidate.Reviewers.ToDictionary(r => r.ReviewerId, r => r.Sub);
        return TypedResults.Ok(candidate.Reviews.OrderBy(r => r.SubmittedAt).Select(r =>
        {
            var reviewer = reviewers.GetValueOrDefault(r.ReviewerId);
            return new ReviewView(r.ReviewerId, reviewer?.Sub ?? subs.GetValueOrDefault(r.ReviewerId) ?? "", reviewer?.Name,
                reviewer?.Organisation, r.Scores, Math.Round(r.Scores.Mean(), 2), r.Comment, r.SubmittedAt);
        }).ToList());
    }
}

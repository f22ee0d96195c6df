using Accelerator.Selection.Candidates;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Reviews.Reading;

public sealed record OpenSourceView(string? RepositoryUrl, string? License);

public sealed record OwnReview(ReviewScores Scores, string? Comment, DateTimeOffset SubmittedAt);

/// <summary>
/// An assignment as its reviewer sees it: blind. Selection never receives founders' names or e-mails, and the
/// applicant's <c>sub</c> and the other reviewers' scores stay out too.
/// </summary>
public sealed record AssignmentView(
    Guid ApplicationId,
    Guid CohortId,
    string StartupName,
    string? Summary,
    Stage Stage,
    IReadOnlyList<string> FoundationModels,
    string? IntegrationPlan,
    OpenSourceView OpenSource,
    IReadOnlyList<string> Domains,
    bool Withdrawn,
    DateTimeOffset AssignedAt,
    OwnReview? Review)
{
    public static AssignmentView From(Candidate c, AssignedReviewer reviewer) => new(
        c.Id, c.Submission.CohortId, c.Submission.StartupName, c.Submission.Summary, c.Submission.Stage, c.Submission.FoundationModels,
        c.Submission.IntegrationPlan, new OpenSourceView(c.Submission.OpenSourceRepositoryUrl, c.Submission.OpenSourceLicense),
        c.Submission.Domains, c.Withdrawn, reviewer.AssignedAt,
        c.ReviewBy(reviewer.ReviewerId) is { } own ? new OwnReview(own.Scores, own.Comment, own.SubmittedAt) : null);
}

/// <summary>The caller's assignments in application id order, paged like every list.</summary>
public static class GetMyReviews
{
    public static async Task<Results<Ok<List<AssignmentView>>, ValidationProblem>> Handle(
        string? limit, string? after, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var page = Paging.Parse(limit, after, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var sub = http.User.Subject();
        var candidates = await session.Query<Candidate>()
            .Where(c => c.Reviewers.Any(r => r.Sub == sub))
            .Page(c => c.Id, page)
            .ToListAsync(ct);
        return TypedResults.Ok(http.Answer(candidates, page, c => c.Id)
            .Select(c => AssignmentView.From(c, c.ReviewerWithSub(sub)!)).ToList());
    }
}

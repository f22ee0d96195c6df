using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Candidates;

public sealed record CandidateResponse(
    Guid ApplicationId,
    Guid CohortId,
    string StartupName,
    Eligibility Eligibility,
    IReadOnlyList<string> Reasons,
    int ReviewCount,
    double? AverageScore,
    SelectionDecision Decision,
    bool Withdrawn)
{
    public static CandidateResponse From(Candidate c) => new(
        c.Id, c.Submission.CohortId, c.Submission.StartupName, c.Eligibility, c.Reasons, c.ReviewCount, c.AverageScore, c.Decision, c.Withdrawn);
}

public static class GetCandidate
{
    /// <summary>Staff see every candidate, an applicant only its own; anyone else learns nothing, not even that it exists.</summary>
    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> Handle(
        Guid applicationId, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Candidate>(applicationId, ct) is { } candidate
        && (http.User.IsInRole(Roles.Operator) || candidate.Submission.ApplicantId == http.User.Subject())
            ? TypedResults.Ok(CandidateResponse.From(candidate))
            : ProblemKinds.NotFound.Problem($"Selection knows no application {applicationId} (yet: screening follows submission within seconds).");
}

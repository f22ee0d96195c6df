using System.Text.Json.Serialization;
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
    /// <summary>Staff only: the override of the ranking, with its reason.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CandidateOverride? Override { get; init; }

    /// <summary>Staff only: every override set and removed, oldest first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OverrideHistoryEntry>? OverrideHistory { get; init; }

    /// <summary>Staff only: conflicts reviewers declared after assignment, with their reasons.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DeclaredConflict>? DeclaredConflicts { get; init; }

    public static CandidateResponse From(Candidate c) => new(
        c.Id, c.Submission.CohortId, c.Submission.StartupName, c.Eligibility, c.Reasons, c.ReviewCount, c.AverageScore, c.Decision, c.Withdrawn);

    public static CandidateResponse ForStaff(Candidate c) => From(c) with
    {
        Override = c.Override, OverrideHistory = c.OverrideHistory, DeclaredConflicts = c.DeclaredConflicts,
    };
}

public static class GetCandidate
{
    /// <summary>Staff see every candidate, an applicant only its own (without the panel's side: overrides, conflicts);
    /// anyone else learns nothing, not even that it exists.</summary>
    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> Handle(
        Guid applicationId, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Candidate>(applicationId, ct) is not { } candidate
            ? Unknown(applicationId)
            : http.User.IsInRole(Roles.Operator)
                ? TypedResults.Ok(CandidateResponse.ForStaff(candidate))
                : candidate.Submission.ApplicantId == http.User.Subject()
                    ? TypedResults.Ok(CandidateResponse.From(candidate))
                    : Unknown(applicationId);

    private static ProblemHttpResult Unknown(Guid applicationId) =>
        ProblemKinds.NotFound.Problem($"Selection knows no application {applicationId} (yet: screening follows submission within seconds).");
}

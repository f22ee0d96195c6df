namespace Accelerator.Selection.Candidates;

public enum Stage { Idea, Mvp, Acceleration, Growth }

public enum Eligibility { Pending, Eligible, Ineligible }

public enum SelectionDecision { None, Offered, Accepted, Declined, Expired, Waitlisted, Rejected }

/// <summary>What selection knows of a submitted application: no founder names or e-mails ever reach this service.</summary>
public sealed record Submission(
    Guid ApplicationId,
    Guid CohortId,
    string ApplicantId,
    string StartupName,
    Stage Stage,
    IReadOnlyList<string> FoundationModels,
    string? IntegrationPlan,
    string? OpenSourceRepositoryUrl,
    string? OpenSourceLicense,
    IReadOnlyList<string> Domains,
    int RequestedGpuHours,
    string? Summary = null);

public sealed record CandidateEntered(Submission Submission, DateTimeOffset SubmittedAt, DateTimeOffset EnteredAt);

public sealed record CandidateWithdrawn(Guid ApplicationId, Guid CohortId, DateTimeOffset WithdrawnAt);

public sealed record CandidateScreened(Guid ApplicationId, Guid CohortId, bool Eligible, IReadOnlyList<string> Reasons, DateTimeOffset ScreenedAt);

/// <summary>Mirrors the cohort's selection process (on the cohort's stream, where it is decided and published) onto
/// the candidate, for its read model.</summary>
public sealed record CandidateDecided(Guid ApplicationId, Guid CohortId, SelectionDecision Decision, DateTimeOffset DecidedAt);

/// <summary>An application in selection. Also the read model of GET /api/selection/applications/{id} (inline snapshot).</summary>
public sealed partial record Candidate(
    Guid Id,
    Submission Submission,
    DateTimeOffset SubmittedAt,
    Eligibility Eligibility,
    IReadOnlyList<string> Reasons,
    int ReviewCount,
    double? AverageScore,
    SelectionDecision Decision,
    bool Withdrawn = false)
{
    public static Candidate Create(CandidateEntered entered) => new(
        entered.Submission.ApplicationId, entered.Submission, entered.SubmittedAt, Eligibility.Pending, [], 0, null,
        SelectionDecision.None);

    /// <summary>A withdrawn candidate takes no further part: no reviews, no ranking, no offer.</summary>
    public Candidate Apply(CandidateWithdrawn withdrawn) => this with { Withdrawn = true };

    public Candidate Apply(CandidateDecided decided) => this with { Decision = decided.Decision };

    public Candidate Apply(CandidateScreened screened) => this with
    {
        Eligibility = screened.Eligible ? Eligibility.Eligible : Eligibility.Ineligible,
        Reasons = screened.Reasons,
    };
}

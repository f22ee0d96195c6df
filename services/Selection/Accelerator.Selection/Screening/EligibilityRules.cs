using Accelerator.Selection.Candidates;

namespace Accelerator.Selection.Screening;

public sealed record ScreeningResult(bool Eligible, IReadOnlyList<string> Reasons);

/// <summary>The programme's eligibility rules (SPEC §3). Every failing rule gives a reason; none stops the others.</summary>
public static class EligibilityRules
{
    public static ScreeningResult Screen(Submission submission)
    {
        var reasons = new List<string>();

        var models = submission.FoundationModels.Select(id => (Id: id, Access: ModelCatalogue.AccessOf(id))).ToList();
        if (!models.Any(m => m.Access == ModelAccess.OpenWeight) && string.IsNullOrWhiteSpace(submission.IntegrationPlan))
        {
            var notes = models.Select(m => m.Access == ModelAccess.Closed
                ? $"{m.Id} is a closed model, not open-weight"
                : $"{m.Id} is not a recognised model of the catalogue");
            reasons.Add("No open-weight foundation model and no integration plan"
                + (models.Count == 0 ? "." : $": {string.Join("; ", notes)}."));
        }

        if (string.IsNullOrWhiteSpace(submission.OpenSourceLicense))
            reasons.Add("No open-source licence is given for the repository.");
        else if (!OsiLicences.Approved.Contains(submission.OpenSourceLicense))
            reasons.Add($"The licence {submission.OpenSourceLicense} is not OSI-approved.");

        if (!Uri.TryCreate(submission.OpenSourceRepositoryUrl, UriKind.Absolute, out _))
            reasons.Add("No public repository URL is given, so the open-source commitment cannot be verified.");

        if (submission.Stage is not (Stage.Acceleration or Stage.Growth))
            reasons.Add($"The startup is at the {submission.Stage.ToString().ToLowerInvariant()} stage; the programme takes acceleration or growth.");

        return new ScreeningResult(reasons.Count == 0, reasons);
    }
}

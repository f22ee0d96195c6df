using Accelerator.Selection.Candidates;

namespace Accelerator.Selection.Ranking;

public sealed record RankedCandidate(Guid ApplicationId, string StartupName, double AverageScore, int ReviewCount);

public static class CandidateRanking
{
    /// <summary>Eligible, reviewed, not withdrawn candidates, best mean score first. Ties go to the earlier submission
    /// (first come, first served), then to the application id so that the order never depends on the database.</summary>
    public static IReadOnlyList<RankedCandidate> Rank(IEnumerable<Candidate> candidates) =>
        candidates
            .Where(c => c is { Eligibility: Eligibility.Eligible, Withdrawn: false, ReviewCount: > 0, AverageScore: not null })
            .OrderByDescending(c => c.AverageScore)
            .ThenBy(c => c.SubmittedAt)
            .ThenBy(c => c.Id)
            .Select(c => new RankedCandidate(c.Id, c.Submission.StartupName, c.AverageScore!.Value, c.ReviewCount))
            .ToList();
}

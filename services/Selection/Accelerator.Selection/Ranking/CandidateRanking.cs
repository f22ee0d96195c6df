using Accelerator.Selection.Candidates;

namespace Accelerator.Selection.Ranking;

/// <summary>A place in the queue for seats. <see cref="NormalisedScore"/> is set when the ranking was normalised;
/// <see cref="Override"/> is <c>admit</c> for a candidate staff put ahead of the ranking.</summary>
public sealed record RankedCandidate(
    Guid ApplicationId,
    string StartupName,
    double? AverageScore,
    int ReviewCount,
    double? NormalisedScore = null,
    OverrideDecision? Override = null);

public static class CandidateRanking
{
    /// <summary>
    /// The queue for seats: first the eligible candidates staff admitted by override, then the eligible, reviewed
    /// candidates by score (plain mean, or with <paramref name="normalise"/> the normalised score, the plain mean
    /// breaking its ties); candidates staff rejected by override, withdrawn and ineligible ones are left out. Remaining
    /// ties go to the earlier submission (first come, first served), then to the application id, so that the order
    /// never depends on the database.
    /// </summary>
    public static IReadOnlyList<RankedCandidate> Rank(IEnumerable<Candidate> candidates, bool normalise = false)
    {
        var competing = candidates.Where(c => c is { Eligibility: Eligibility.Eligible, Withdrawn: false }).ToList();
        var normalised = normalise ? ReviewerNormalisation.Scores(competing) : new Dictionary<Guid, double>();
        double? NormalisedOf(Candidate c) => normalised.TryGetValue(c.Id, out var z) ? z : null;

        IEnumerable<Candidate> Ordered(IEnumerable<Candidate> group) => group
            .OrderByDescending(NormalisedOf)
            .ThenByDescending(c => c.AverageScore)
            .ThenBy(c => c.SubmittedAt)
            .ThenBy(c => c.Id);

        var admitted = competing.Where(c => c.Override?.Decision == OverrideDecision.Admit);
        var ranked = competing.Where(c => c.Override is null && c is { ReviewCount: > 0, AverageScore: not null });
        return Ordered(admitted).Concat(Ordered(ranked))
            .Select(c => new RankedCandidate(c.Id, c.Submission.StartupName, c.AverageScore, c.ReviewCount, NormalisedOf(c), c.Override?.Decision))
            .ToList();
    }
}

using Accelerator.Selection.Candidates;

namespace Accelerator.Selection.Ranking;

public static class ReviewerNormalisation
{
    /// <summary>
    /// Each reviewer's scores as z-scores over the applications it reviewed among <paramref name="candidates"/> (a
    /// review's mean, less the reviewer's mean, over the reviewer's standard deviation), so that a harsh and a lenient
    /// reviewer weigh the same; a candidate's score is the mean of its reviews' z-scores, to three decimals. A
    /// reviewer who gave one review, or the same score to all, tells nothing about rank: its z-scores are 0.
    /// </summary>
    public static Dictionary<Guid, double> Scores(IReadOnlyCollection<Candidate> candidates)
    {
        var reviews = candidates.SelectMany(c => c.Reviews.Select(r => (Candidate: c.Id, r.ReviewerId, Score: r.Scores.Mean()))).ToList();
        var byReviewer = reviews.GroupBy(r => r.ReviewerId).ToDictionary(g => g.Key, g =>
        {
            var mean = g.Average(r => r.Score);
            var deviation = Math.Sqrt(g.Average(r => (r.Score - mean) * (r.Score - mean)));
            return (Mean: mean, Deviation: deviation);
        });
        return reviews.GroupBy(r => r.Candidate).ToDictionary(g => g.Key, g =>
        {
            var z = Math.Round(g.Average(r =>
            {
                var (mean, deviation) = byReviewer[r.ReviewerId];
                return deviation < 1e-9 ? 0 : (r.Score - mean) / deviation;
            }), 3, MidpointRounding.AwayFromZero);
            return z == 0 ? 0 : z; // never -0
        });
    }
}

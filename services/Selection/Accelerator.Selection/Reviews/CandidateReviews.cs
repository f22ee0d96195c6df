namespace Accelerator.Selection.Candidates;

/// <summary><see cref="StartupName"/> is for the reviewer's e-mail (absent from assignments made before it was kept).</summary>
public sealed record ReviewerAssigned(Guid ApplicationId, Guid CohortId, Guid ReviewerId, string ReviewerSub, DateTimeOffset AssignedAt,
    string? StartupName = null);

public sealed record ReviewScores(int Openness, int Technical, int Team, int Impact)
{
    public double Mean() => (Openness + Technical + Team + Impact) / 4.0;
}

/// <summary>A reviewer's review of an application; a later one by the same reviewer replaces it.</summary>
public sealed record ReviewSubmitted(
    Guid ApplicationId,
    Guid CohortId,
    Guid ReviewerId,
    string ReviewerSub,
    ReviewScores Scores,
    string? Comment,
    DateTimeOffset SubmittedAt);

public sealed record AssignedReviewer(Guid ReviewerId, string Sub, DateTimeOffset AssignedAt);

public sealed record Review(Guid ReviewerId, ReviewScores Scores, string? Comment, DateTimeOffset SubmittedAt);

/// <summary>The reviewing side of a candidate: who reviews it, their reviews, and the stats ranking reads.</summary>
public sealed partial record Candidate
{
    public IReadOnlyList<AssignedReviewer> Reviewers { get; init; } = [];

    public IReadOnlyList<Review> Reviews { get; init; } = [];

    public AssignedReviewer? ReviewerWithSub(string sub) => Reviewers.FirstOrDefault(r => r.Sub == sub);

    public Review? ReviewBy(Guid reviewerId) => Reviews.FirstOrDefault(r => r.ReviewerId == reviewerId);

    public Candidate Apply(ReviewerAssigned assigned) =>
        Reviewers.Any(r => r.ReviewerId == assigned.ReviewerId)
            ? this
            : this with { Reviewers = [.. Reviewers, new AssignedReviewer(assigned.ReviewerId, assigned.ReviewerSub, assigned.AssignedAt)] };

    public Candidate Apply(ReviewSubmitted submitted)
    {
        List<Review> reviews = [.. Reviews.Where(r => r.ReviewerId != submitted.ReviewerId),
            new Review(submitted.ReviewerId, submitted.Scores, submitted.Comment, submitted.SubmittedAt)];
        return this with { Reviews = reviews, ReviewCount = reviews.Count, AverageScore = AverageOf(reviews) };
    }

    /// <summary>Each reviewer weighs the same: the mean over reviewers of each review's mean, to two decimals.</summary>
    public static double? AverageOf(IReadOnlyCollection<Review> reviews) =>
        reviews.Count == 0 ? null : Math.Round(reviews.Average(r => r.Scores.Mean()), 2, MidpointRounding.AwayFromZero);
}
